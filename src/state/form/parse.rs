//! Reading what a user typed into a field, refusing bad input with a
//! sentence that names it and says what would do.

use std::net::IpAddr;

use ipnet::{IpNet, Ipv4Net};
use routecraft_core::facts::{self, AsnReservation};

/// A name: anything but blank.
pub fn name(text: &str) -> Result<String, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err("a name is required".into());
    }
    Ok(text.to_owned())
}

/// An address prefix such as `10.1.0.0/16`, with no host bits set.
pub fn cidr(text: &str) -> Result<IpNet, String> {
    let text = text.trim();
    let net: IpNet = text
        .parse()
        .map_err(|_| format!("`{text}` is not a prefix; write it like 10.1.0.0/16"))?;
    if net.trunc() != net {
        return Err(format!(
            "`{text}` has host bits set; did you mean {}?",
            net.trunc()
        ));
    }
    Ok(net)
}

/// A list of prefixes separated by commas, spaces or new lines; may be empty.
pub fn cidr_list(text: &str) -> Result<Vec<IpNet>, String> {
    text.split(|c: char| c == ',' || c.is_whitespace())
        .filter(|t| !t.is_empty())
        .map(cidr)
        .collect()
}

/// A peering link's IPv4 /30.
pub fn link_prefix(text: &str) -> Result<Ipv4Net, String> {
    let net = match cidr(text)? {
        IpNet::V4(net) => net,
        IpNet::V6(_) => return Err("a peering link prefix is IPv4 here; IPv6 uses a /126".into()),
    };
    if net.prefix_len() != facts::PEERING_LINK_PREFIX_V4 {
        return Err(format!(
            "`{net}` must be a /{}",
            facts::PEERING_LINK_PREFIX_V4
        ));
    }
    Ok(net)
}

/// An IPv4 or IPv6 address.
pub fn ip(text: &str) -> Result<IpAddr, String> {
    let text = text.trim();
    text.parse()
        .map_err(|_| format!("`{text}` is not an IP address such as 10.1.2.4"))
}

/// An autonomous system number that a peer may use.
pub fn asn(text: &str) -> Result<u32, String> {
    let text = text.trim();
    let value: u32 = text
        .parse()
        .map_err(|_| format!("`{text}` is not an ASN; use a number from 1 to 4294967294"))?;
    match facts::asn_reservation(value) {
        Some(AsnReservation::Microsoft) => Err(format!("{value} is Microsoft's own ASN")),
        Some(AsnReservation::AzureInternal) => {
            Err(format!("{value} is reserved by Azure (65515 to 65520)"))
        }
        Some(AsnReservation::Iana) => Err(format!("{value} is reserved by IANA")),
        None => Ok(value),
    }
}

/// An optional ASN: blank means none.
pub fn optional_asn(text: &str) -> Result<Option<u32>, String> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    asn(text).map(Some)
}

/// A whole number within `range`.
pub fn number<T>(text: &str, range: std::ops::RangeInclusive<T>) -> Result<T, String>
where
    T: std::str::FromStr + PartialOrd + std::fmt::Display + Copy,
{
    let text = text.trim();
    let bad = || {
        format!(
            "`{text}` must be a number from {} to {}",
            range.start(),
            range.end()
        )
    };
    let value: T = text.parse().map_err(|_| bad())?;
    if !range.contains(&value) {
        return Err(bad());
    }
    Ok(value)
}

/// A checkbox's value.
pub fn flag(text: &str) -> bool {
    text == "true"
}

/// An optional text: blank means none.
pub fn optional(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_are_read_or_refused_with_a_reason() {
        assert_eq!(cidr("10.1.0.0/16").unwrap().to_string(), "10.1.0.0/16");
        assert!(cidr("10.1.0.0/33").unwrap_err().contains("not a prefix"));
        assert!(cidr("10.1.0.1/16").unwrap_err().contains("10.1.0.0/16"));
        assert!(cidr("banana").is_err());
    }

    #[test]
    fn prefix_lists_accept_commas_and_spaces() {
        assert_eq!(cidr_list("10.0.0.0/8, 192.168.0.0/16 ").unwrap().len(), 2);
        assert!(cidr_list("").unwrap().is_empty());
        assert!(cidr_list("10.0.0.0/8, nope").is_err());
    }

    #[test]
    fn reserved_asns_are_refused() {
        assert_eq!(asn("65001"), Ok(65001));
        assert!(asn("12076").unwrap_err().contains("Microsoft"));
        assert!(asn("65515").unwrap_err().contains("Azure"));
        assert!(asn("-1").is_err());
    }

    #[test]
    fn link_prefixes_must_be_slash_30() {
        assert!(link_prefix("192.168.1.0/30").is_ok());
        assert!(link_prefix("192.168.1.0/29").unwrap_err().contains("/30"));
    }

    #[test]
    fn numbers_stay_in_range() {
        assert_eq!(number("100", 1u16..=4094), Ok(100));
        assert!(number("5000", 1u16..=4094).is_err());
    }
}

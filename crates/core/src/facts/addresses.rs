//! Address ranges that are not public, for Microsoft peering's rule that
//! only public addresses owned by the customer or the CSP may be used (§2.4).
//!
//! RFC 1918 and the shared address space 100.64.0.0/10 come from the facts
//! sheet (§2.4, §4.2). The other ranges are IANA's special-purpose
//! registries (RFC 6890 and its updates): none of them is routable on the
//! internet, so none can be registered to a customer in a routing registry.
//! The documentation ranges are kept apart because the built-in templates
//! use them on purpose, as stand-ins for a customer's registered prefixes.

use ipnet::IpNet;

/// Why an address range cannot carry Microsoft peering.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SpecialRange {
    /// The range, in CIDR notation.
    pub prefix: &'static str,
    /// What the range is for, as a user reads it.
    pub purpose: &'static str,
    /// Whether the range is reserved for documentation and examples: a
    /// placeholder to replace rather than a mistake.
    pub documentation: bool,
}

const fn special(prefix: &'static str, purpose: &'static str) -> SpecialRange {
    SpecialRange {
        prefix,
        purpose,
        documentation: false,
    }
}

const fn example(prefix: &'static str) -> SpecialRange {
    SpecialRange {
        prefix,
        purpose: "documentation range",
        documentation: true,
    }
}

/// Ranges that are not public internet addresses (§2.4).
pub const NON_PUBLIC_RANGES: [SpecialRange; 20] = [
    special("10.0.0.0/8", "private address space (RFC 1918)"),
    special("172.16.0.0/12", "private address space (RFC 1918)"),
    special("192.168.0.0/16", "private address space (RFC 1918)"),
    special("100.64.0.0/10", "shared address space (RFC 6598)"),
    special("0.0.0.0/8", "\"this network\" range"),
    special("127.0.0.0/8", "loopback range"),
    special("169.254.0.0/16", "link-local range"),
    special("192.0.0.0/24", "IETF protocol assignments"),
    special("198.18.0.0/15", "benchmarking range"),
    special("224.0.0.0/4", "multicast range"),
    special("240.0.0.0/4", "reserved range"),
    example("192.0.2.0/24"),
    example("198.51.100.0/24"),
    example("203.0.113.0/24"),
    special(
        "::/8",
        "reserved IPv6 range (unspecified, loopback, IPv4-mapped)",
    ),
    special("fc00::/7", "unique local IPv6 range"),
    special("fe80::/10", "link-local IPv6 range"),
    special("ff00::/8", "IPv6 multicast range"),
    special("64:ff9b:1::/48", "local-use IPv4/IPv6 translation range"),
    example("2001:db8::/32"),
];

/// The special range that overlaps `net`, if any (§2.4).
///
/// A prefix that merely contains a special range, such as 0.0.0.0/0, also
/// counts: advertising it would claim addresses nobody can own.
///
/// ```
/// use routecraft_core::facts::non_public_range;
/// assert!(non_public_range(&"10.1.0.0/16".parse().unwrap()).is_some());
/// assert!(non_public_range(&"100.100.0.0/30".parse().unwrap()).is_some());
/// assert!(non_public_range(&"20.1.0.0/30".parse().unwrap()).is_none());
/// ```
pub fn non_public_range(net: &IpNet) -> Option<&'static SpecialRange> {
    NON_PUBLIC_RANGES.iter().find(|range| {
        range
            .prefix
            .parse::<IpNet>()
            .is_ok_and(|r| r.contains(&net.network()) || net.contains(&r.network()))
    })
}

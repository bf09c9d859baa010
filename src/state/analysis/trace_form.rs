//! The trace form: the text typed for source, destination and port, the
//! checks that turn it into a [`TraceRequest`], and the quick picks that
//! fill an address from a subnet or a site.

use std::net::IpAddr;

use ipnet::IpNet;
use routecraft_core::model::{Design, ElementRef, Id, Protocol};
use routecraft_core::routing::TraceRequest;

/// The protocols the form offers, TCP first.
pub const PROTOCOLS: [Protocol; 3] = [Protocol::Tcp, Protocol::Udp, Protocol::Icmp];

/// What the user typed into the trace form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TraceForm {
    /// The source address.
    pub from: String,
    /// The subnet or site the source stands in, when picked; plans of two
    /// customers may overlap, so an address alone can be ambiguous.
    pub at: Option<Id>,
    /// The destination address.
    pub to: String,
    /// The protocol.
    pub protocol: Protocol,
    /// The destination port.
    pub port: String,
}

impl Default for TraceForm {
    fn default() -> TraceForm {
        TraceForm {
            from: String::new(),
            at: None,
            to: String::new(),
            protocol: Protocol::Tcp,
            port: "443".into(),
        }
    }
}

/// What is wrong with each field; all `None` when the form is good.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FormErrors {
    /// About the source address.
    pub from: Option<String>,
    /// About the destination address.
    pub to: Option<String>,
    /// About the port.
    pub port: Option<String>,
}

impl TraceForm {
    /// The request the form describes, or what is wrong with each field.
    pub fn request(&self) -> Result<TraceRequest, FormErrors> {
        let from = parse_address(&self.from);
        let to = parse_address(&self.to);
        let port = if has_ports(self.protocol) {
            parse_port(&self.port)
        } else {
            Ok(0)
        };
        match (from, to, port) {
            (Ok(from), Ok(to), Ok(port)) => Ok(TraceRequest {
                from,
                at: self.at.clone(),
                to,
                protocol: self.protocol,
                port,
            }),
            (from, to, port) => Err(FormErrors {
                from: from.err(),
                to: to.err(),
                port: port.err(),
            }),
        }
    }
}

/// One end of a trace: where the packet comes from or goes to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum End {
    /// The source.
    From,
    /// The destination.
    To,
}

impl End {
    /// The word in the fields' test ids and element ids: `from` or `to`.
    pub fn key(self) -> &'static str {
        match self {
            End::From => "from",
            End::To => "to",
        }
    }

    /// The noun for the end, as a screen reader says it before the place.
    pub fn noun(self) -> &'static str {
        match self {
            End::From => "Source",
            End::To => "Destination",
        }
    }
}

impl TraceForm {
    /// The text typed for one end.
    pub fn address(&self, end: End) -> &str {
        match end {
            End::From => &self.from,
            End::To => &self.to,
        }
    }

    /// Takes the text typed for one end. The source keeps its starting place
    /// while the text is not yet an address or is an address inside that
    /// place, so that correcting a host keeps the place it was picked from;
    /// an address elsewhere lets the trace find its place again.
    pub fn type_address(&mut self, design: &Design, end: End, text: String) {
        if end == End::From {
            let elsewhere = match (&self.at, parse_address(&text)) {
                (Some(at), Ok(address)) => !holds(design, at.as_str(), address),
                _ => false,
            };
            if elsewhere {
                self.at = None;
            }
        }
        match end {
            End::From => self.from = text,
            End::To => self.to = text,
        }
    }

    /// Fills one end from a picked place; the source also starts there.
    pub fn pick(&mut self, end: End, place: Endpoint) {
        match end {
            End::From => {
                self.from = place.address.to_string();
                self.at = Some(place.id);
            }
            End::To => self.to = place.address.to_string(),
        }
    }
}

impl FormErrors {
    /// The message about one end, if any.
    pub fn of(&self, end: End) -> Option<String> {
        match end {
            End::From => self.from.clone(),
            End::To => self.to.clone(),
        }
    }
}

/// Tells whether a subnet's prefix or a site's address space holds `address`.
pub fn holds(design: &Design, place: &str, address: IpAddr) -> bool {
    match design.find(place) {
        Some(ElementRef::Subnet(_, s)) => s.prefix.contains(&address),
        Some(ElementRef::Site(site)) => site.address_space.iter().any(|p| p.contains(&address)),
        _ => false,
    }
}

/// Tells whether a protocol has ports.
pub fn has_ports(protocol: Protocol) -> bool {
    matches!(protocol, Protocol::Tcp | Protocol::Udp)
}

/// An IPv4 or IPv6 address, with a message naming the bad text.
pub fn parse_address(text: &str) -> Result<IpAddr, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err("enter an address, such as 10.0.0.4".into());
    }
    if text.contains('/') {
        return Err(format!(
            "{text} is a prefix: enter one address, such as its first host"
        ));
    }
    text.parse()
        .map_err(|_| format!("{text} is not an IP address"))
}

/// A port from 1 to 65535.
pub fn parse_port(text: &str) -> Result<u16, String> {
    let text = text.trim();
    match text.parse::<u16>() {
        Ok(0) | Err(_) => Err(format!("{text:?} is not a port: use 1 to 65535")),
        Ok(port) => Ok(port),
    }
}

/// A place a trace can start from or go to, with an address in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Endpoint {
    /// The subnet or site.
    pub id: Id,
    /// Its name with what it is, such as `subnet workload (10.1.0.0/24)`.
    pub label: String,
    /// A host address in it.
    pub address: IpAddr,
}

/// The `n`th address of a prefix, if the prefix holds it.
fn nth(net: &IpNet, n: u128) -> Option<IpAddr> {
    let candidate = match net {
        IpNet::V4(v4) => {
            let base = u32::from(v4.network());
            let n = u32::try_from(n).ok()?;
            IpAddr::V4(base.checked_add(n)?.into())
        }
        IpNet::V6(v6) => IpAddr::V6((u128::from(v6.network()).checked_add(n)?).into()),
    };
    net.contains(&candidate).then_some(candidate)
}

/// The first address Azure gives a host in a subnet: the fifth, since Azure
/// keeps the first four; the network address itself for a tiny prefix.
pub fn subnet_host(prefix: &IpNet) -> IpAddr {
    nth(prefix, 4)
        .or_else(|| nth(prefix, 1))
        .unwrap_or_else(|| prefix.network())
}

/// The first host of an on-premises prefix.
pub fn site_host(prefix: &IpNet) -> IpAddr {
    nth(prefix, 1).unwrap_or_else(|| prefix.network())
}

/// The endpoint an element stands for: a subnet, a site, a VNet's first
/// workload subnet, or a router's site.
pub fn endpoint_of(design: &Design, id: &str) -> Option<Endpoint> {
    match design.find(id)? {
        ElementRef::Subnet(_, s) => Some(Endpoint {
            id: s.id.clone(),
            label: format!("subnet {} ({})", s.name, s.prefix),
            address: subnet_host(&s.prefix),
        }),
        ElementRef::Site(site) => {
            let prefix = site.address_space.first()?;
            Some(Endpoint {
                id: site.id.clone(),
                label: format!("site {} ({prefix})", site.name),
                address: site_host(prefix),
            })
        }
        ElementRef::Vnet(v) => {
            let subnet = v
                .subnets
                .iter()
                .find(|s| s.name != "GatewaySubnet")
                .or(v.subnets.first())?;
            endpoint_of(design, subnet.id.as_str())
        }
        ElementRef::Router(r) => endpoint_of(design, r.site.as_str()),
        _ => None,
    }
}

/// Every subnet and site with an address, subnets first, for the pickers.
pub fn endpoints(design: &Design) -> Vec<Endpoint> {
    let subnets = design
        .vnets
        .iter()
        .flat_map(|v| v.subnets.iter().map(|s| s.id.as_str()));
    let sites = design.sites.iter().map(|s| s.id.as_str());
    subnets
        .chain(sites)
        .filter_map(|id| endpoint_of(design, id))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use routecraft_core::templates::connect_through;

    fn form(from: &str, to: &str, port: &str) -> TraceForm {
        TraceForm {
            from: from.into(),
            to: to.into(),
            port: port.into(),
            ..TraceForm::default()
        }
    }

    #[test]
    fn a_good_form_makes_a_tcp_request() {
        let request = form("10.0.0.4", "10.10.0.1", "443").request().unwrap();
        assert_eq!(request.to.to_string(), "10.10.0.1");
        assert_eq!(request.port, 443);
    }

    #[test]
    fn each_bad_field_gets_its_own_message() {
        let errors = form("10.0.0.0/24", "nowhere", "70000")
            .request()
            .unwrap_err();
        assert!(errors.from.unwrap().contains("is a prefix"));
        assert!(errors.to.unwrap().contains("nowhere"));
        assert!(errors.port.unwrap().contains("70000"));
    }

    #[test]
    fn icmp_needs_no_port() {
        let mut f = form("10.0.0.4", "10.0.0.5", "");
        f.protocol = Protocol::Icmp;
        assert_eq!(f.request().unwrap().port, 0);
    }

    #[test]
    fn a_subnet_picks_azures_first_host_and_a_site_its_first_address() {
        let design = connect_through();
        let subnet = endpoint_of(&design, "contoso-spoke-app-workload").unwrap();
        assert_eq!(subnet.address.to_string(), "10.100.4.4");
        let site = endpoint_of(&design, "contoso-hq").unwrap();
        assert_eq!(site.address.to_string(), "10.10.0.1");
        let spoke = endpoint_of(&design, "contoso-spoke-app").unwrap();
        assert_eq!(spoke.id, "contoso-spoke-app-workload");
    }

    #[test]
    fn the_source_keeps_its_place_while_the_typed_address_stays_in_it() {
        let design = connect_through();
        let mut f = TraceForm::default();
        f.pick(
            End::From,
            endpoint_of(&design, "contoso-spoke-app-workload").unwrap(),
        );
        assert_eq!(f.at.as_ref().unwrap(), "contoso-spoke-app-workload");

        // Halfway through typing, and a host of the same subnet: kept.
        f.type_address(&design, End::From, "10.100.4.".into());
        assert!(f.at.is_some(), "not yet an address");
        f.type_address(&design, End::From, "10.100.4.9".into());
        assert!(f.at.is_some(), "still in the subnet");
        assert_eq!(f.address(End::From), "10.100.4.9");

        // The destination never moves the source's place.
        f.type_address(&design, End::To, "10.10.0.9".into());
        assert!(f.at.is_some());
        assert_eq!(f.address(End::To), "10.10.0.9");

        // An address outside the subnet leaves the place to the trace.
        f.type_address(&design, End::From, "10.10.0.1".into());
        assert_eq!(f.at, None);
        assert!(f.request().unwrap().at.is_none());
    }

    #[test]
    fn a_site_holds_every_prefix_of_its_address_space() {
        let design = connect_through();
        let site = &design.sites.iter().find(|s| s.id == "contoso-hq").unwrap();
        for prefix in &site.address_space {
            assert!(holds(&design, "contoso-hq", site_host(prefix)));
        }
        assert!(!holds(
            &design,
            "contoso-hq",
            "203.0.113.1".parse().unwrap()
        ));
        assert!(!holds(
            &design,
            "no-such-place",
            "10.10.0.1".parse().unwrap()
        ));
    }

    #[test]
    fn tiny_prefixes_still_give_an_address() {
        assert_eq!(
            subnet_host(&"10.0.0.8/30".parse().unwrap()).to_string(),
            "10.0.0.9"
        );
        assert_eq!(
            site_host(&"10.0.0.8/32".parse().unwrap()).to_string(),
            "10.0.0.8"
        );
    }
}

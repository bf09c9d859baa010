//! Network security group verdicts for a packet leaving or entering a
//! subnet: custom rules by priority, then the default rules (§6).

use std::net::IpAddr;

use ipnet::IpNet;

use super::trace::NsgVerdict;
use super::Resolution;
use crate::facts;
use crate::model::{Access, Design, Direction, Id, NsgRule, Protocol};

/// The packet as security rules see it.
pub(crate) struct Packet {
    pub from: IpAddr,
    pub to: IpAddr,
    pub protocol: Protocol,
    pub port: u16,
}

/// What the `VirtualNetwork` tag holds for one subnet: its VNet's address
/// space, the peered VNets' and every prefix its gateways learned from
/// on-premises, as Azure defines the tag (§6).
struct Tags<'a> {
    design: &'a Design,
    resolution: &'a Resolution,
    subnet: &'a Id,
}

impl Tags<'_> {
    fn is_virtual_network(&self, addr: IpAddr) -> bool {
        let Some((vnet, _)) = self.resolution.subnet_in(self.design, self.subnet.as_str()) else {
            return false;
        };
        if vnet.address_space.iter().any(|p| p.contains(&addr)) {
            return true;
        }
        if self.resolution.is_peer_holding(self.design, &vnet.id, addr) {
            return true;
        }
        let table = self
            .resolution
            .subnets
            .get(self.subnet)
            .and_then(|view| view.hub.as_ref())
            .and_then(|hub| self.resolution.gateway_tables.get(hub));
        let classes = &self.resolution.exchange.classes;
        table.is_some_and(|t| t.lookup(classes, addr, |_| true).is_some())
    }

    /// The `Internet` tag: outside the `VirtualNetwork` tag and outside the
    /// private and shared ranges Azure never routes to the internet (§4.2).
    fn is_internet(&self, addr: IpAddr) -> bool {
        let private = facts::SYSTEM_NONE_PREFIXES
            .iter()
            .filter_map(|p| p.parse::<IpNet>().ok())
            .any(|p| p.contains(&addr));
        !private && !self.is_virtual_network(addr)
    }

    /// Tells whether an address matches a rule's source or destination:
    /// `*`, a service tag, an address or a prefix, or a comma list of them.
    fn matches(&self, spec: &str, addr: IpAddr) -> bool {
        // Tags are compared without regard to case, as Azure does, and
        // without making a lowercase copy of each token: rules are read on
        // every hop of every trace of a sweep.
        spec.split(',').map(str::trim).any(|token| {
            let is = |tag: &str| token.eq_ignore_ascii_case(tag);
            if token == "*" || is("any") {
                true
            } else if is("virtualnetwork") {
                self.is_virtual_network(addr)
            } else if is("internet") {
                self.is_internet(addr)
            } else if is("azureloadbalancer") {
                facts::AZURE_PLATFORM_IP.parse::<IpAddr>() == Ok(addr)
            } else {
                match token.parse::<IpNet>() {
                    Ok(net) => net.contains(&addr),
                    Err(_) => token.parse::<IpAddr>() == Ok(addr),
                }
            }
        })
    }
}

/// Tells whether a port matches `*`, a port, a range `a-b` or a comma list.
pub(crate) fn port_matches(spec: &str, port: u16) -> bool {
    spec.split(',').map(str::trim).any(|token| {
        if token == "*" {
            return true;
        }
        match token.split_once('-') {
            Some((a, b)) => match (a.trim().parse::<u16>(), b.trim().parse::<u16>()) {
                (Ok(a), Ok(b)) => (a..=b).contains(&port),
                _ => false,
            },
            None => token.parse::<u16>() == Ok(port),
        }
    })
}

/// Tells whether a rule's source ports admit an unknown, ephemeral port:
/// only a rule open to every source port does.
fn any_source_port(spec: &str) -> bool {
    let spec = spec.trim();
    spec == "*" || spec == "0-65535"
}

fn has_ports(protocol: Protocol) -> bool {
    matches!(protocol, Protocol::Tcp | Protocol::Udp | Protocol::Any)
}

fn rule_matches(tags: &Tags<'_>, rule: &NsgRule, packet: &Packet) -> bool {
    let protocol = rule.protocol == Protocol::Any || rule.protocol == packet.protocol;
    let ports = !has_ports(packet.protocol) || port_matches(&rule.destination_ports, packet.port);
    protocol
        && ports
        && any_source_port(&rule.source_ports)
        && tags.matches(&rule.source, packet.from)
        && tags.matches(&rule.destination, packet.to)
}

/// The verdict of the NSG on a subnet, if the subnet has one: the first
/// custom rule that matches by priority, else the first default rule.
pub(crate) fn verdict(
    design: &Design,
    resolution: &Resolution,
    subnet: &Id,
    direction: Direction,
    packet: &Packet,
) -> Option<NsgVerdict> {
    // Found through the resolution's index: a scan of every subnet of a
    // large design costs more than the rest of a trace.
    let (_, found) = resolution.subnet_in(design, subnet.as_str())?;
    let nsg_id = found.nsg.as_ref()?;
    let nsg = design.nsgs.iter().find(|n| &n.id == nsg_id)?;
    let tags = Tags {
        design,
        resolution,
        subnet,
    };

    // The first matching rule in priority order. Rules are mostly kept in
    // that order already, and then are read without sorting a copy.
    let mut rules = nsg.rules.iter().filter(|r| r.direction == direction);
    let first = if rules.clone().is_sorted_by_key(|r| r.priority) {
        rules.find(|r| rule_matches(&tags, r, packet))
    } else {
        let mut sorted: Vec<&NsgRule> = rules.collect();
        sorted.sort_by_key(|r| r.priority);
        sorted.into_iter().find(|r| rule_matches(&tags, r, packet))
    };
    if let Some(rule) = first {
        return Some(NsgVerdict {
            nsg: nsg.id.clone(),
            direction,
            access: rule.access,
            rule: rule.name.clone(),
            priority: rule.priority,
        });
    }

    let inbound = direction == Direction::Inbound;
    let default = facts::DEFAULT_NSG_RULES.iter().find(|r| {
        r.inbound == inbound
            && tags.matches(r.source, packet.from)
            && tags.matches(r.destination, packet.to)
    })?;
    Some(NsgVerdict {
        nsg: nsg.id.clone(),
        direction,
        access: if default.allow {
            Access::Allow
        } else {
            Access::Deny
        },
        rule: default.name.to_owned(),
        priority: default.priority,
    })
}

#[cfg(test)]
mod tests {
    use super::port_matches;

    #[test]
    fn ports_match_stars_single_ports_ranges_and_lists() {
        let cases = [
            ("*", 22, true),
            ("443", 443, true),
            ("443", 80, false),
            ("1000-2000", 1500, true),
            ("1000-2000", 2001, false),
            ("80, 443, 8000-8080", 8080, true),
            ("80,443", 22, false),
            ("nonsense", 22, false),
        ];
        for (spec, port, expected) in cases {
            assert_eq!(port_matches(spec, port), expected, "{spec} {port}");
        }
    }
}

//! Prefix classes: the design's prefixes sorted by where they come from.
//!
//! Two prefixes that the same sites advertise, behind the same gateways,
//! in the same route filters and over the same tunnels meet the same fate
//! whatever is down: they start at the same routers, travel the same way
//! and are chosen alike at every gateway. The exchange works on classes,
//! and every table is read through [`Classes::longest`].

use std::collections::{BTreeMap, HashMap};
use std::net::IpAddr;

use ipnet::IpNet;

use super::edge::filtered_services;
use super::order_key;
use crate::facts;
use crate::model::{Design, Id};
use crate::routing::PrefixMap;

/// Where the design says a prefix comes from, whatever is down. Each names
/// an element by its place in the design's list of them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Source {
    /// A site advertises it, or it is the default route a site advertises.
    Site(usize),
    /// An ExpressRoute connection's gateway advertises it: a VNet prefix.
    Connection(usize),
    /// A circuit's Microsoft peering route filter brings it.
    Service(usize),
    /// A VPN connection's gateway advertises it: a VNet prefix.
    VpnAdvertised(usize),
    /// A VPN connection reaches it on-premises: one of its remote prefixes.
    VpnRemote(usize),
}

/// The design's prefixes, each in exactly one class.
#[derive(Clone, Debug, Default)]
pub(crate) struct Classes {
    /// Each class's IPv4 and IPv6 prefix counts, for session limits.
    counts: Vec<(u32, u32)>,
    /// Every prefix toward its class.
    index: PrefixMap<usize>,
    /// Every prefix with its class, in route table order.
    pub sorted: Vec<(IpNet, usize)>,
    /// The classes each source brings.
    by_source: HashMap<Source, Vec<usize>>,
}

impl Classes {
    /// Sorts the design's prefixes into classes. `advertised` holds what
    /// each hub VNet's gateways advertise.
    pub fn build(design: &Design, advertised: &BTreeMap<Id, Vec<IpNet>>) -> Classes {
        let mut sources: BTreeMap<IpNet, Vec<Source>> = BTreeMap::new();
        let mut add = |prefix: IpNet, source: Source| {
            sources.entry(prefix.trunc()).or_default().push(source);
        };
        let default_route: Option<IpNet> = facts::SYSTEM_INTERNET_PREFIX.parse().ok();
        for (at, site) in design.sites.iter().enumerate() {
            for prefix in &site.advertised {
                add(*prefix, Source::Site(at));
            }
            if let (true, Some(default)) = (site.advertises_default_route, default_route) {
                add(default, Source::Site(at));
            }
        }
        let behind = |gateway: &Id| {
            design
                .gateways
                .iter()
                .find(|g| &g.id == gateway)
                .and_then(|g| advertised.get(&g.vnet))
                .map_or(&[][..], Vec::as_slice)
        };
        for (at, connection) in design.connections.iter().enumerate() {
            for prefix in behind(&connection.gateway) {
                add(*prefix, Source::Connection(at));
            }
        }
        for (at, circuit) in design.circuits.iter().enumerate() {
            for (prefix, _) in filtered_services(circuit) {
                add(prefix, Source::Service(at));
            }
        }
        for (at, vpn) in design.vpn_connections.iter().enumerate() {
            for prefix in behind(&vpn.gateway) {
                add(*prefix, Source::VpnAdvertised(at));
            }
            for prefix in &vpn.remote_prefixes {
                add(*prefix, Source::VpnRemote(at));
            }
        }

        let mut classes = Classes::default();
        let mut class_of: HashMap<Vec<Source>, usize> = HashMap::new();
        for (prefix, mut from) in sources {
            from.sort_unstable();
            from.dedup();
            let class = match class_of.get(&from) {
                Some(class) => *class,
                None => {
                    let class = classes.counts.len();
                    classes.counts.push((0, 0));
                    for source in &from {
                        classes.by_source.entry(*source).or_default().push(class);
                    }
                    class_of.insert(from, class);
                    class
                }
            };
            if let Some((v4, v6)) = classes.counts.get_mut(class) {
                let count = if prefix.network().is_ipv4() { v4 } else { v6 };
                *count = count.saturating_add(1);
            }
            classes.index.insert(prefix, class);
            classes.sorted.push((prefix, class));
        }
        classes.sorted.sort_unstable_by_key(|(p, _)| order_key(p));
        classes
    }

    /// The number of classes.
    pub fn len(&self) -> usize {
        self.counts.len()
    }

    /// The classes a source brings, in class order.
    pub fn of(&self, source: Source) -> &[usize] {
        self.by_source.get(&source).map_or(&[], Vec::as_slice)
    }

    /// A class's IPv4 and IPv6 prefix counts.
    pub fn counts(&self, class: usize) -> (u32, u32) {
        self.counts.get(class).copied().unwrap_or_default()
    }

    /// The class of one prefix, if the design has it.
    pub fn class_of(&self, prefix: &IpNet) -> Option<usize> {
        self.index.get(prefix).copied()
    }

    /// Every prefix holding `addr` with its class, the longest first.
    pub fn matches(&self, addr: IpAddr) -> impl Iterator<Item = (IpNet, usize)> + '_ {
        self.index
            .matches(addr)
            .map(|(prefix, class)| (prefix, *class))
    }

    /// The longest prefix holding `addr` whose class `holds` accepts: the
    /// longest match in a table that holds just those classes.
    pub fn longest(
        &self,
        addr: IpAddr,
        mut holds: impl FnMut(usize) -> bool,
    ) -> Option<(IpNet, usize)> {
        self.matches(addr).find(|(_, class)| holds(*class))
    }
}

//! What a single failure can change, so that a sweep of every failure
//! traces again only the checks it may break.
//!
//! A trace is a function of the lookups it makes: at each place one
//! longest match in one table (a subnet's effective routes, a router's
//! routes in one domain, Microsoft's edge of one circuit), the security
//! groups' `VirtualNetwork` tag, and a couple of failure flags. If every
//! lookup a trace made answers the same with a unit down, the trace takes
//! the same steps and ends the same way, so it need not be run again.
//! [`Reads`] records a trace's lookups and [`Changed`] answers, once per
//! lookup, whether a unit changed it.

use std::collections::HashMap;
use std::net::IpAddr;

use ipnet::IpNet;

use super::exchange::{Exchange, LearnedPath};
use super::resolve::Selected;
use super::{FailureUnit, Place, Resolution, Trace};
use crate::model::{Design, Id};

/// One lookup a trace makes in a resolution.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Lookup {
    /// A subnet's route to an address.
    Subnet(Id, IpAddr),
    /// Whether a hub's gateways learned a route to an address, which puts
    /// it in the `VirtualNetwork` tag of the hub's subnets.
    Tag(Id, IpAddr),
    /// A router's route to an address in one routing domain.
    Router(Id, Option<Id>, IpAddr),
    /// Microsoft's edge of a circuit toward an address.
    Edge(Id, IpAddr),
    /// The first router of a site that is up, where a trace starts.
    Site(Id),
    /// The VPN tunnels of a VNet's gateways that are up, which a user
    /// route to the gateway takes.
    Vnet(Id),
}

/// The lookups a trace made.
#[derive(Clone, Debug, Default)]
pub(crate) struct Reads {
    lookups: Vec<Lookup>,
    /// A truncated trace left paths out, and what they read is not known.
    unknown: bool,
}

impl Reads {
    /// What `result`, traced on `resolution`, looked up.
    pub fn of(design: &Design, resolution: &Resolution, result: &Trace) -> Reads {
        let (from, to) = (result.request.from, result.request.to);
        let hub_of = |subnet: &Id| {
            resolution
                .subnets
                .get(subnet.as_str())
                .and_then(|view| view.hub.clone())
        };
        let mut lookups = Vec::new();
        let tags = |lookups: &mut Vec<Lookup>, subnet: &Id| {
            if let Some(hub) = hub_of(subnet) {
                lookups.push(Lookup::Tag(hub.clone(), from));
                lookups.push(Lookup::Tag(hub, to));
            }
        };
        for hop in result.paths.iter().flat_map(|p| &p.hops) {
            match &hop.place {
                Place::Subnet { vnet, subnet } => {
                    lookups.push(Lookup::Subnet(subnet.clone(), to));
                    lookups.push(Lookup::Vnet(vnet.clone()));
                    tags(&mut lookups, subnet);
                }
                Place::Appliance { appliance } => {
                    let subnet = design.appliances.iter().find(|a| &a.id == appliance);
                    if let Some(a) = subnet {
                        tags(&mut lookups, &a.subnet);
                    }
                }
                Place::Router { router, vrf } => {
                    lookups.push(Lookup::Router(router.clone(), vrf.clone(), to));
                }
                Place::Circuit { circuit, .. } => {
                    lookups.push(Lookup::Edge(circuit.clone(), to));
                }
                Place::GlobalReach { from: a, to: b } => {
                    lookups.push(Lookup::Edge(a.clone(), to));
                    lookups.push(Lookup::Edge(b.clone(), to));
                }
                Place::Site { site } => lookups.push(Lookup::Site(site.clone())),
                Place::Gateway { .. }
                | Place::VpnTunnel { .. }
                | Place::Internet
                | Place::MicrosoftService { .. } => {}
            }
        }
        lookups.sort();
        lookups.dedup();
        Reads {
            lookups,
            unknown: result.truncated,
        }
    }
}

/// Whether lookups answer differently in a resolution with one unit down
/// than in the one with nothing down, each lookup answered once.
pub(crate) struct Changed<'a> {
    design: &'a Design,
    unit: &'a FailureUnit,
    before: &'a Resolution,
    after: &'a Resolution,
    known: HashMap<&'a Lookup, bool>,
}

impl<'a> Changed<'a> {
    /// Compares `before` with `after`, which has `unit` down.
    pub fn between(
        design: &'a Design,
        unit: &'a FailureUnit,
        before: &'a Resolution,
        after: &'a Resolution,
    ) -> Changed<'a> {
        Changed {
            design,
            unit,
            before,
            after,
            known: HashMap::new(),
        }
    }

    /// Tells whether a trace that made these lookups may end differently.
    pub fn touches(&mut self, reads: &'a Reads) -> bool {
        if reads.unknown {
            return true;
        }
        reads.lookups.iter().any(|lookup| {
            if let Some(known) = self.known.get(lookup) {
                return *known;
            }
            let changed = self.answer_changed(lookup);
            self.known.insert(lookup, changed);
            changed
        })
    }

    fn answer_changed(&self, lookup: &Lookup) -> bool {
        let (before, after) = (self.before, self.after);
        match lookup {
            Lookup::Subnet(subnet, addr) => !same_selected(
                before.select(subnet.as_str(), *addr),
                after.select(subnet.as_str(), *addr),
            ),
            Lookup::Tag(hub, addr) => {
                let tagged = |r: &Resolution| {
                    r.gateway_tables
                        .get(hub)
                        .is_some_and(|t| t.lookup(&r.exchange.classes, *addr, |_| true).is_some())
                };
                tagged(before) != tagged(after)
            }
            Lookup::Router(router, vrf, addr) => {
                let route = |r: &'a Resolution| r.exchange.router_rib(router, vrf, *addr);
                route(before) != route(after)
            }
            Lookup::Edge(circuit, addr) => {
                edge(&before.exchange, circuit, *addr) != edge(&after.exchange, circuit, *addr)
            }
            // Failure flags a trace reads itself rather than through a
            // table: which router of a site is up, and which VPN tunnels
            // a user route to the gateway may take.
            Lookup::Site(site) => match self.unit {
                FailureUnit::Router(router) => self
                    .design
                    .routers
                    .iter()
                    .any(|r| &r.id == router && &r.site == site),
                _ => false,
            },
            Lookup::Vnet(vnet) => match self.unit {
                FailureUnit::VpnConnection(connection) => {
                    self.design.vpn_connections.iter().any(|c| {
                        &c.id == connection
                            && self
                                .design
                                .gateways
                                .iter()
                                .any(|g| g.id == c.gateway && &g.vnet == vnet)
                    })
                }
                _ => false,
            },
        }
    }
}

/// Everything Microsoft's edge of one circuit answers for an address.
type EdgeAnswer<'m> = (
    Option<(IpNet, &'m Vec<Id>)>,
    Option<(IpNet, &'m Id)>,
    Option<(IpNet, &'m String)>,
    Option<(IpNet, &'m Vec<LearnedPath>)>,
);

fn edge<'m>(exchange: &'m Exchange, circuit: &Id, addr: IpAddr) -> Option<EdgeAnswer<'m>> {
    let msee = exchange.msee.get(circuit)?;
    Some((
        exchange.edge_vnets(circuit, addr),
        exchange.edge_reach(circuit, addr),
        msee.services.longest_match(addr),
        exchange.edge_learned(circuit, addr),
    ))
}

fn same_selected(a: Option<Selected<'_>>, b: Option<Selected<'_>>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(Selected::Local(x)), Some(Selected::Local(y))) => x == y,
        (Some(Selected::Gateway(p, x)), Some(Selected::Gateway(q, y))) => p == q && x == y,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use crate::generate::{sized, Sizes};
    use crate::routing::single_failures;
    use crate::routing::whatif::single_failures_exhaustively;
    use crate::templates;

    /// Checks the sweep against the plain one, and returns how many units
    /// break some check, so a test can tell that it compared something.
    fn agrees(design: &crate::model::Design) -> usize {
        let impacts = single_failures(design);
        assert_eq!(impacts, single_failures_exhaustively(design));
        impacts.iter().filter(|i| !i.survives).count()
    }

    #[test]
    fn the_sweep_agrees_with_tracing_everything_on_the_templates() {
        let breaking = agrees(&templates::connect_through()) + agrees(&templates::connect_to());
        assert!(breaking > 0);
    }

    #[test]
    fn the_sweep_agrees_with_tracing_everything_on_a_generated_design() {
        assert!(agrees(&sized(&Sizes::small(), 7)) > 0);
    }

    #[test]
    fn the_sweep_agrees_with_tracing_everything_on_a_larger_generated_design() {
        let sizes = Sizes {
            vnets: 12,
            hubs: 3,
            prefixes_per_vnet: 2,
            subnets_per_vnet: 6,
            circuits: 3,
            onprem_prefixes: 300,
        };
        assert!(agrees(&sized(&sizes, 42)) > 0);
    }
}

//! What a single failure can change, so that a sweep of every failure
//! traces again only the checks it may break.
//!
//! A trace is a function of the lookups it makes: at each place one
//! longest match in one table (a subnet's effective routes, a router's
//! routes in one domain, Microsoft's edge of one circuit), the security
//! groups' `VirtualNetwork` tag, and a couple of failure flags. If every
//! lookup a trace made answers the same with a unit down, the trace takes
//! the same steps and ends the same way, so it need not be run again.
//!
//! A failure mostly takes paths away: a circuit's connection leaves the
//! other connections of an equal-cost route. Where a lookup now gives some
//! of the paths it gave before and nothing else, every path the trace
//! still takes is one it took before, hop for hop, so a trace that arrived
//! on every path still arrives. Only a lookup that gives a path it did not
//! give before, or none at all, sends the check to be traced again.
//!
//! [`Lookups`] numbers every check's lookups once, with the table each
//! reads and the checks that made it; [`Changed`] first compares each
//! table class by class, then asks only the lookups of tables a unit did
//! more than narrow, and marks the checks that made a changed one.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::net::IpAddr;

use ipnet::IpNet;

use super::exchange::{Exchange, LearnedPath};
use super::resolve::Selected;
use super::trace::site_router;
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

/// The table a lookup reads, to skip at once every lookup of a table that
/// a unit only narrowed.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Table {
    /// A hub's gateway routes.
    Hub(Id),
    /// A router's routes in one domain.
    Router(Id, Option<Id>),
    /// Microsoft's edge of a circuit.
    Edge(Id),
    /// A subnet's own routes alone, for a subnet without a hub: they do
    /// not depend on failures, so such a lookup is never asked.
    Own,
    /// A failure flag: the first router of a site that is up, or a VNet's
    /// VPN tunnels that are up.
    Flags,
}

/// Every distinct lookup of a sweep's checks, each with its number, the
/// table it reads and the checks that made it.
#[derive(Clone, Debug, Default)]
pub(crate) struct Lookups {
    all: Vec<Lookup>,
    numbers: HashMap<Lookup, usize>,
    /// The lookups of each table.
    by_table: BTreeMap<Table, Vec<usize>>,
    /// For each lookup, the checks that made it.
    readers: Vec<Vec<usize>>,
    /// Checks whose trace was cut short, whose lookups are not all known.
    unknown: Vec<usize>,
}

impl Lookups {
    /// Records that `check`, traced on `resolution`, made the lookups of
    /// `result`.
    pub fn record(
        &mut self,
        design: &Design,
        resolution: &Resolution,
        result: &Trace,
        check: usize,
    ) {
        if result.truncated {
            self.unknown.push(check);
        }
        for lookup in lookups_of(design, resolution, result) {
            let n = self.number(lookup, resolution);
            if let Some(readers) = self.readers.get_mut(n) {
                if readers.last() != Some(&check) {
                    readers.push(check);
                }
            }
        }
    }

    fn number(&mut self, lookup: Lookup, resolution: &Resolution) -> usize {
        if let Some(n) = self.numbers.get(&lookup) {
            return *n;
        }
        let n = self.all.len();
        let table = match &lookup {
            Lookup::Subnet(subnet, _) => resolution
                .subnets
                .get(subnet.as_str())
                .and_then(|view| view.hub.clone())
                .map_or(Table::Own, Table::Hub),
            Lookup::Tag(hub, _) => Table::Hub(hub.clone()),
            Lookup::Router(router, vrf, _) => Table::Router(router.clone(), vrf.clone()),
            Lookup::Edge(circuit, _) => Table::Edge(circuit.clone()),
            Lookup::Site(_) | Lookup::Vnet(_) => Table::Flags,
        };
        self.by_table.entry(table).or_default().push(n);
        self.all.push(lookup.clone());
        self.readers.push(Vec::new());
        self.numbers.insert(lookup, n);
        n
    }
}

/// The lookups a trace made, in no particular order.
fn lookups_of(design: &Design, resolution: &Resolution, result: &Trace) -> Vec<Lookup> {
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
    lookups
}

/// Whether lookups answer differently in a resolution with one unit down
/// than in the one with nothing down, each lookup answered once.
pub(crate) struct Changed<'a> {
    design: &'a Design,
    unit: &'a FailureUnit,
    before: &'a Resolution,
    after: &'a Resolution,
    lookups: &'a Lookups,
    /// The tables in which the unit did more than take paths away; a
    /// lookup in any other table is not changed, without asking it.
    tables: Tables,
}

/// The tables a unit changed beyond taking paths away, compared once per
/// prefix class rather than once per lookup.
#[derive(Default)]
struct Tables {
    hubs: BTreeSet<Id>,
    routers: BTreeSet<(Id, Option<Id>)>,
    edges: BTreeSet<Id>,
}

/// Tells whether a class's entry keeps or narrows what it had: both
/// absent, or both present with the new one narrowed by `narrows`.
fn kept<T>(old: Option<T>, new: Option<T>, narrows: impl Fn(T, T) -> bool) -> bool {
    match (old, new) {
        (None, None) => true,
        (Some(x), Some(y)) => narrows(x, y),
        _ => false,
    }
}

impl Tables {
    fn between(before: &Resolution, after: &Resolution) -> Tables {
        let mut tables = Tables::default();
        let classes = before.exchange.classes.len();
        let hubs: BTreeSet<&Id> = before
            .gateway_tables
            .keys()
            .chain(after.gateway_tables.keys())
            .collect();
        for hub in hubs {
            let (old, new) = (
                before.gateway_tables.get(hub),
                after.gateway_tables.get(hub),
            );
            let same = (0..classes).all(|class| {
                kept(
                    old.and_then(|t| t.choice(class)),
                    new.and_then(|t| t.choice(class)),
                    |x, y| x == y || narrowed(&x.best, &y.best),
                )
            });
            if !same {
                tables.hubs.insert(hub.clone());
            }
        }

        let (old, new) = (&before.exchange, &after.exchange);
        let routers: BTreeSet<&(Id, Option<Id>)> =
            old.routers.keys().chain(new.routers.keys()).collect();
        for key in routers {
            let (x, y) = (old.routers.get(key), new.routers.get(key));
            let same = (0..classes).all(|class| {
                kept(
                    x.and_then(|node| old.rib(class, *node)),
                    y.and_then(|node| new.rib(class, *node)),
                    |a, b| a.best == b.best || narrowed(&a.best, &b.best),
                )
            });
            if !same {
                tables.routers.insert(key.clone());
            }
        }

        let circuits: BTreeSet<&Id> = old.msee.keys().chain(new.msee.keys()).collect();
        for circuit in circuits {
            let (x, y) = (old.msee.get(circuit), new.msee.get(circuit));
            let same = match (x, y) {
                (Some(x), Some(y)) => {
                    x.global_reach == y.global_reach
                        && x.services == y.services
                        && (0..classes).all(|class| {
                            kept(x.vnets.get(&class), y.vnets.get(&class), |a, b| {
                                a == b || narrowed(a, b)
                            }) && kept(x.learned.get(&class), y.learned.get(&class), |a, b| {
                                a == b || narrowed_shortest(a, b)
                            })
                        })
                }
                (None, None) => true,
                _ => false,
            };
            if !same {
                tables.edges.insert(circuit.clone());
            }
        }
        tables
    }
}

impl<'a> Changed<'a> {
    /// Compares `before` with `after`, which has `unit` down.
    pub fn between(
        design: &'a Design,
        unit: &'a FailureUnit,
        (before, after): (&'a Resolution, &'a Resolution),
        lookups: &'a Lookups,
    ) -> Changed<'a> {
        Changed {
            design,
            unit,
            before,
            after,
            lookups,
            tables: Tables::between(before, after),
        }
    }

    /// The checks whose trace may end differently: those that made a
    /// lookup the unit changed, or whose lookups are not all known. Only
    /// lookups in tables the unit did more than narrow are asked.
    pub fn touched(&self, checks: usize) -> Vec<bool> {
        let mut touched = vec![false; checks];
        let lookups = self.lookups;
        for check in &lookups.unknown {
            if let Some(t) = touched.get_mut(*check) {
                *t = true;
            }
        }
        for (table, numbers) in &lookups.by_table {
            let asked = match table {
                Table::Hub(hub) => self.tables.hubs.contains(hub),
                Table::Router(router, vrf) => {
                    self.tables.routers.contains(&(router.clone(), vrf.clone()))
                }
                Table::Edge(circuit) => self.tables.edges.contains(circuit),
                Table::Own => false,
                Table::Flags => true,
            };
            if !asked {
                continue;
            }
            for n in numbers {
                let readers = lookups.readers.get(*n).map_or(&[][..], Vec::as_slice);
                // A lookup whose checks are all traced again already need
                // not be asked.
                if readers.iter().all(|c| touched.get(*c) != Some(&false)) {
                    continue;
                }
                if lookups.all.get(*n).is_some_and(|l| self.answer_changed(l)) {
                    for check in readers {
                        if let Some(t) = touched.get_mut(*check) {
                            *t = true;
                        }
                    }
                }
            }
        }
        touched
    }

    fn answer_changed(&self, lookup: &Lookup) -> bool {
        let (before, after) = (self.before, self.after);
        match lookup {
            Lookup::Subnet(subnet, addr) => !narrowed_selected(
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
                match (route(before), route(after)) {
                    (None, None) => false,
                    (Some((p, old)), Some((q, new))) => p != q || !narrowed(&old.best, &new.best),
                    _ => true,
                }
            }
            Lookup::Edge(circuit, addr) => !narrowed_edge(
                edge(&before.exchange, circuit, *addr),
                edge(&after.exchange, circuit, *addr),
            ),
            // Failure flags a trace reads itself rather than through a
            // table: which router of a site is up, and which VPN tunnels
            // a user route to the gateway may take.
            Lookup::Site(site) => {
                let first = |r: &Resolution| site_router(self.design, r, site).map(|r| &r.id);
                first(before) != first(after)
            }
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

/// Tells whether `new` keeps some of the paths of `old` and adds none.
fn narrowed<T: PartialEq>(old: &[T], new: &[T]) -> bool {
    !new.is_empty() && new.iter().all(|p| old.contains(p))
}

/// Tells whether the shortest of `new` paths are some of the shortest of
/// `old`, as long: Global Reach takes the shortest paths only.
fn narrowed_shortest(old: &[LearnedPath], new: &[LearnedPath]) -> bool {
    let shortest = |paths: &[LearnedPath]| -> Vec<LearnedPath> {
        let best = paths.iter().map(|p| p.as_path.len()).min();
        paths
            .iter()
            .filter(|p| Some(p.as_path.len()) == best)
            .cloned()
            .collect()
    };
    let (x, y) = (shortest(old), shortest(new));
    let length = |paths: &[LearnedPath]| paths.first().map(|p| p.as_path.len());
    length(&x) == length(&y) && narrowed(&x, &y)
}

/// Tells whether a subnet's route now takes some of the ways it took before
/// and no other: the same route, or the same gateway prefix with fewer of
/// its equal-cost paths.
fn narrowed_selected(old: Option<Selected<'_>>, new: Option<Selected<'_>>) -> bool {
    match (old, new) {
        (None, None) => true,
        (Some(Selected::Local(x)), Some(Selected::Local(y))) => x == y,
        (Some(Selected::Gateway(p, x)), Some(Selected::Gateway(q, y))) => {
            p == q && narrowed(&x.best, &y.best)
        }
        _ => false,
    }
}

/// Tells whether Microsoft's edge now sends a packet some of the ways it
/// did and no other: to fewer of the same gateways, or over Global Reach
/// to fewer of the shortest paths, with every choice between the two made
/// as before.
fn narrowed_edge(old: Option<EdgeAnswer<'_>>, new: Option<EdgeAnswer<'_>>) -> bool {
    let (Some(old), Some(new)) = (old, new) else {
        return old.is_none() && new.is_none();
    };
    let vnets = match (old.0, new.0) {
        (None, None) => true,
        (Some((p, x)), Some((q, y))) => p == q && narrowed(x, y),
        _ => false,
    };
    let learned = match (old.3, new.3) {
        (None, None) => true,
        (Some((p, x)), Some((q, y))) => p == q && (x == y || narrowed_shortest(x, y)),
        _ => false,
    };
    vnets && learned && old.1 == new.1 && old.2 == new.2
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

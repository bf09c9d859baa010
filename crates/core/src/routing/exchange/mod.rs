//! The route exchange: BGP between on-premises routers, into and out of
//! each circuit's peerings, and across Global Reach.
//!
//! Prefixes that start from the same places travel the same way, so the
//! exchange groups them by their origins and runs the path-vector rounds
//! once per group rather than once per prefix. A design with thousands of
//! on-premises prefixes from a handful of sites costs a handful of runs.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use ipnet::IpNet;

mod edge;

use edge::{offer_vnets, sessions_of};

use super::table::{BgpPath, RouterNextHop, Session};
use super::{Failures, Link, PrefixMap};
use crate::facts;
use crate::model::{Circuit, Design, Id, PeeringKind, Router, Tier};

/// Local preference of ExpressRoute and site routes on-premises.
pub(crate) const PREFERRED_LOCAL_PREF: u32 = 100;

/// Local preference of routes over a VPN tunnel, so that on-premises
/// prefers ExpressRoute for the same prefix, as §4.7 recommends.
pub(crate) const BACKUP_LOCAL_PREF: u32 = 50;

/// What Azure offers the exchange: each ExpressRoute connection that is up,
/// and each VPN connection that is up, with the prefixes advertised on it.
#[derive(Clone, Debug, Default)]
pub(crate) struct AzureOffer {
    /// Each live ExpressRoute connection.
    pub express_route: Vec<ErOffer>,
    /// Each live VPN connection.
    pub vpn: Vec<VpnOffer>,
}

/// One ExpressRoute connection's offer to its circuit.
#[derive(Clone, Debug)]
pub(crate) struct ErOffer {
    pub connection: Id,
    pub gateway: Id,
    pub circuit: Id,
    pub weight: u16,
    /// The VNet prefixes the gateway advertises.
    pub prefixes: Vec<IpNet>,
}

/// One VPN tunnel's offer to its on-premises router.
#[derive(Clone, Debug)]
pub(crate) struct VpnOffer {
    pub connection: Id,
    pub gateway: Id,
    pub router: Id,
    pub customer: Option<Id>,
    /// The VNet prefixes the gateway advertises.
    pub prefixes: Vec<IpNet>,
    /// The gateway's ASN.
    pub asn: u32,
    /// The on-premises prefixes the tunnel reaches.
    pub remote_prefixes: Vec<IpNet>,
    pub router_asn: Option<u32>,
    pub bgp: bool,
}

/// One way Microsoft's edge learned an on-premises prefix group.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct LearnedPath {
    pub link: Link,
    pub as_path: Vec<u32>,
    pub router: Option<Id>,
}

/// What Microsoft's edge routers of one circuit hold.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Msee {
    /// On-premises groups learned over private peering, with the paths.
    pub learned: BTreeMap<usize, Vec<LearnedPath>>,
    /// The prefixes of the learned groups, toward their group.
    pub learned_index: PrefixMap<usize>,
    /// VNet prefixes toward the gateways that advertise them.
    pub vnets: PrefixMap<Vec<Id>>,
    /// Prefixes learned from a Global Reach peer, toward that peer circuit.
    pub global_reach: PrefixMap<Id>,
    /// Microsoft peering services, by their example prefix.
    pub services: PrefixMap<String>,
    /// Public prefixes on-premises advertises over Microsoft peering,
    /// when its sessions are up.
    pub public_prefixes: Vec<IpNet>,
}

/// The routes one router holds in one routing domain.
#[derive(Clone, Debug, Default)]
pub(crate) struct RouterTable {
    /// Prefixes in order, each with the index of its result in `ribs`.
    pub entries: Vec<(IpNet, usize)>,
    pub index: PrefixMap<usize>,
}

/// The best and the losing paths of one prefix group at one router.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Rib {
    pub best: Vec<BgpPath>,
    pub others: Vec<BgpPath>,
}

/// The exchange's results.
#[derive(Clone, Debug, Default)]
pub(crate) struct Exchange {
    pub sessions: Vec<Session>,
    /// On-premises prefix groups, as Microsoft's edge learns them.
    pub groups: Vec<Vec<IpNet>>,
    pub msee: BTreeMap<Id, Msee>,
    pub routers: BTreeMap<(Id, Option<Id>), RouterTable>,
    pub ribs: Vec<Rib>,
}

/// The on-premises BGP graph: one node per router and routing domain.
struct Graph<'d> {
    routers: Vec<&'d Router>,
    nodes: Vec<(usize, Option<Id>)>,
    node_of: HashMap<(usize, Option<Id>), usize>,
    edges: Vec<Vec<Edge>>,
    router_at: HashMap<&'d str, usize>,
}

struct Edge {
    to: usize,
    link: Id,
    ibgp: bool,
}

/// The routing domain of a router's own site: the site's customer, or the
/// global table at a CSP site or provider edge.
pub(crate) fn home_domain(design: &Design, router: &Router) -> Option<Id> {
    design
        .sites
        .iter()
        .find(|s| s.id == router.site)
        .and_then(|s| s.customer.clone())
}

/// Every routing domain a router carries.
pub(crate) fn domains(design: &Design, router: &Router) -> Vec<Option<Id>> {
    let mut out: Vec<Option<Id>> = Vec::new();
    for vrf in &router.vrfs {
        if !out.contains(&Some(vrf.clone())) {
            out.push(Some(vrf.clone()));
        }
    }
    let home = home_domain(design, router);
    if !out.contains(&home) {
        out.push(home);
    }
    out
}

/// The domain in which a router carries a customer's routes, if it does.
pub(crate) fn domain_for(design: &Design, router: &Router, customer: &Id) -> Option<Option<Id>> {
    let carries =
        router.vrfs.contains(customer) || home_domain(design, router).as_ref() == Some(customer);
    carries.then(|| Some(customer.clone()))
}

impl<'d> Graph<'d> {
    fn build(design: &'d Design, failures: &Failures) -> Graph<'d> {
        let routers: Vec<&Router> = design
            .routers
            .iter()
            .filter(|r| !failures.is_router_down(&r.id))
            .collect();
        let mut router_at = HashMap::new();
        for (i, r) in routers.iter().enumerate() {
            router_at.entry(r.id.as_str()).or_insert(i);
        }

        let mut nodes = Vec::new();
        let mut node_of = HashMap::new();
        for (i, r) in routers.iter().enumerate() {
            for domain in domains(design, r) {
                node_of.insert((i, domain.clone()), nodes.len());
                nodes.push((i, domain));
            }
        }

        let mut graph = Graph {
            routers,
            edges: nodes.iter().map(|_| Vec::new()).collect(),
            nodes,
            node_of,
            router_at,
        };
        for link in &design.links {
            if failures.is_site_link_down(&link.id) {
                continue;
            }
            let (Some(&a), Some(&b)) = (
                graph.router_at.get(link.a.as_str()),
                graph.router_at.get(link.b.as_str()),
            ) else {
                continue;
            };
            let (Some(ra), Some(rb)) = (graph.routers.get(a), graph.routers.get(b)) else {
                continue;
            };
            let domain = match &link.customer {
                Some(c) => match (domain_for(design, ra, c), domain_for(design, rb, c)) {
                    (Some(da), Some(db)) if da == db => da,
                    _ => continue,
                },
                None => {
                    let (da, db) = (home_domain(design, ra), home_domain(design, rb));
                    if da != db {
                        continue;
                    }
                    da
                }
            };
            let ibgp = ra.asn == rb.asn;
            let (Some(&na), Some(&nb)) = (
                graph.node_of.get(&(a, domain.clone())),
                graph.node_of.get(&(b, domain)),
            ) else {
                continue;
            };
            if na == nb {
                continue;
            }
            if let Some(edges) = graph.edges.get_mut(na) {
                edges.push(Edge {
                    to: nb,
                    link: link.id.clone(),
                    ibgp,
                });
            }
            if let Some(edges) = graph.edges.get_mut(nb) {
                edges.push(Edge {
                    to: na,
                    link: link.id.clone(),
                    ibgp,
                });
            }
        }
        graph
    }

    fn router(&self, node: usize) -> Option<&'d Router> {
        let (r, _) = self.nodes.get(node)?;
        self.routers.get(*r).copied()
    }

    /// The node of a router (by id) in a customer's domain.
    fn node_for(&self, design: &Design, router: &Id, customer: &Id) -> Option<usize> {
        let &r = self.router_at.get(router.as_str())?;
        let domain = domain_for(design, self.routers.get(r)?, customer)?;
        self.node_of.get(&(r, domain)).copied()
    }
}

/// Picks the best paths among candidates: highest local preference, then
/// shortest AS path, then external over internal; what ties is shared (ECMP).
fn select(mut candidates: Vec<BgpPath>) -> Rib {
    candidates.sort_by(|x, y| {
        (std::cmp::Reverse(x.local_pref), x.as_path.len(), x.ibgp)
            .cmp(&(std::cmp::Reverse(y.local_pref), y.as_path.len(), y.ibgp))
            .then_with(|| x.cmp(y))
    });
    candidates.dedup();
    let Some(first) = candidates.first() else {
        return Rib::default();
    };
    let key = (first.local_pref, first.as_path.len(), first.ibgp);
    let ties = candidates
        .iter()
        .take_while(|p| (p.local_pref, p.as_path.len(), p.ibgp) == key)
        .count();
    let others = candidates.split_off(ties);
    Rib {
        best: candidates,
        others,
    }
}

/// What node `from` advertises to `to` over `edge`, if anything.
fn export(graph: &Graph<'_>, ribs: &[Rib], from: usize, to: usize, edge: &Edge) -> Option<BgpPath> {
    let path = ribs.get(from)?.best.first()?;
    let sender = graph.router(from)?;
    let receiver = graph.router(to)?;
    if let RouterNextHop::Router { router, .. } = &path.next_hop {
        if *router == receiver.id {
            return None;
        }
    }
    if edge.ibgp && path.ibgp {
        return None;
    }
    let as_path = if edge.ibgp {
        path.as_path.clone()
    } else {
        let mut p = Vec::with_capacity(path.as_path.len() + 1);
        p.push(sender.asn);
        p.extend_from_slice(&path.as_path);
        p
    };
    if !edge.ibgp && as_path.contains(&receiver.asn) {
        return None;
    }
    Some(BgpPath {
        next_hop: RouterNextHop::Router {
            router: sender.id.clone(),
            link: edge.link.clone(),
        },
        as_path,
        local_pref: if edge.ibgp {
            path.local_pref
        } else {
            PREFERRED_LOCAL_PREF
        },
        ibgp: edge.ibgp,
    })
}

/// Runs path-vector rounds for one group of prefixes until nothing changes.
///
/// The number of rounds is bounded by the number of nodes, which is enough
/// for every loop-free path to be found; BGP setups that never settle stop
/// there rather than spin.
fn propagate(graph: &Graph<'_>, origins: &[(usize, BgpPath)]) -> Vec<Rib> {
    let n = graph.nodes.len();
    let mut ribs: Vec<Rib> = vec![Rib::default(); n];
    for _round in 0..=n + 1 {
        let mut next = Vec::with_capacity(n);
        for node in 0..n {
            let mut candidates: Vec<BgpPath> = origins
                .iter()
                .filter(|(o, _)| *o == node)
                .map(|(_, p)| p.clone())
                .collect();
            for edge in graph.edges.get(node).into_iter().flatten() {
                if let Some(p) = export(graph, &ribs, edge.to, node, edge) {
                    candidates.push(p);
                }
            }
            next.push(select(candidates));
        }
        if next == ribs {
            break;
        }
        ribs = next;
    }
    ribs
}

/// Where a prefix starts: each node that originates it, with its path.
type Origins = Vec<(usize, BgpPath)>;

/// Prefix groups: prefixes that start from exactly the same origins.
fn group(origins: BTreeMap<IpNet, Origins>) -> Vec<(Origins, Vec<IpNet>)> {
    let mut index: HashMap<Origins, usize> = HashMap::new();
    let mut groups: Vec<(Origins, Vec<IpNet>)> = Vec::new();
    for (prefix, mut from) in origins {
        from.sort();
        from.dedup();
        match index.get(&from) {
            Some(&g) => {
                if let Some(entry) = groups.get_mut(g) {
                    entry.1.push(prefix);
                }
            }
            None => {
                index.insert(from.clone(), groups.len());
                groups.push((from, vec![prefix]));
            }
        }
    }
    groups
}

fn origin_path(next_hop: RouterNextHop, as_path: Vec<u32>, local_pref: u32) -> BgpPath {
    BgpPath {
        next_hop,
        as_path,
        local_pref,
        ibgp: false,
    }
}

/// Each site's advertised prefixes, at each of its routers, in each domain
/// the site's prefixes belong to.
fn site_origins(design: &Design, graph: &Graph<'_>) -> BTreeMap<IpNet, Origins> {
    let mut out: BTreeMap<IpNet, Origins> = BTreeMap::new();
    let default_route: IpNet = facts::SYSTEM_INTERNET_PREFIX
        .parse()
        .expect("the internet prefix is a literal");
    for (node, (r, domain)) in graph.nodes.iter().enumerate() {
        let Some(router) = graph.routers.get(*r) else {
            continue;
        };
        let Some(site) = design.sites.iter().find(|s| s.id == router.site) else {
            continue;
        };
        // A customer's prefixes stay in its own domain; a CSP site's are
        // offered in every domain its routers carry.
        if site.customer.is_some() && site.customer != *domain {
            continue;
        }
        let mut prefixes: Vec<IpNet> = site.advertised.iter().map(|p| p.trunc()).collect();
        if site.advertises_default_route {
            prefixes.push(default_route);
        }
        for prefix in prefixes {
            let path = origin_path(
                RouterNextHop::Site {
                    site: site.id.clone(),
                },
                Vec::new(),
                PREFERRED_LOCAL_PREF,
            );
            out.entry(prefix).or_default().push((node, path));
        }
    }
    out
}

struct Propagation {
    groups: Vec<(Origins, Vec<IpNet>)>,
    results: Vec<Vec<Rib>>,
}

fn run_groups(
    graph: &Graph<'_>,
    origins: BTreeMap<IpNet, Origins>,
    cache: &mut HashMap<Origins, Vec<Rib>>,
) -> Propagation {
    let groups = group(origins);
    let results = groups
        .iter()
        .map(|(from, _)| {
            cache
                .entry(from.clone())
                .or_insert_with(|| propagate(graph, from))
                .clone()
        })
        .collect();
    Propagation { groups, results }
}

/// Runs the exchange for the design with the given failures.
pub(crate) fn run(design: &Design, failures: &Failures, azure: &AzureOffer) -> Exchange {
    let graph = Graph::build(design, failures);
    let mut cache = HashMap::new();

    // First the on-premises routes alone: what each router would advertise
    // into each circuit, which decides whether sessions stay up.
    let on_premises = run_groups(&graph, site_origins(design, &graph), &mut cache);
    let mut exchange = Exchange {
        groups: on_premises.groups.iter().map(|(_, p)| p.clone()).collect(),
        ..Exchange::default()
    };
    let mut up_sessions: Vec<(Id, PeeringKind, Link, usize)> = Vec::new();
    for circuit in &design.circuits {
        let msee = sessions_of(
            design,
            failures,
            &graph,
            &on_premises,
            circuit,
            &mut exchange.sessions,
            &mut up_sessions,
        );
        let mut msee = msee;
        for g in msee.learned.keys() {
            for p in on_premises
                .groups
                .get(*g)
                .map(|(_, p)| p.as_slice())
                .unwrap_or_default()
            {
                msee.learned_index.insert(*p, *g);
            }
        }
        exchange.msee.insert(circuit.id.clone(), msee);
    }

    // Then Azure's side: VNets behind each circuit, Global Reach and
    // Microsoft peering services, offered to the routers at live sessions.
    let mut origins = site_origins(design, &graph);
    offer_vnets(
        design,
        failures,
        azure,
        &graph,
        &up_sessions,
        &mut exchange,
        &mut origins,
    );
    let all = run_groups(&graph, origins, &mut cache);

    // Each group's rib at each router that holds it, then every prefix
    // in route table order, so that no table needs sorting of its own.
    let mut slot_of: BTreeMap<(Id, Option<Id>), usize> = BTreeMap::new();
    let mut tables: Vec<RouterTable> = Vec::new();
    let mut holders: Vec<Vec<(usize, usize)>> = vec![Vec::new(); all.groups.len()];
    for (held, result) in holders.iter_mut().zip(&all.results) {
        for (node, rib) in result.iter().enumerate() {
            if rib.best.is_empty() {
                continue;
            }
            let Some((r, domain)) = graph.nodes.get(node) else {
                continue;
            };
            let Some(router) = graph.routers.get(*r) else {
                continue;
            };
            let at = exchange.ribs.len();
            exchange.ribs.push(rib.clone());
            let key = (router.id.clone(), domain.clone());
            let slot = *slot_of.entry(key).or_insert_with(|| {
                tables.push(RouterTable::default());
                tables.len() - 1
            });
            held.push((slot, at));
        }
    }
    let mut sorted: Vec<(IpNet, usize)> = all
        .groups
        .iter()
        .enumerate()
        .flat_map(|(g, (_, prefixes))| prefixes.iter().map(move |p| (*p, g)))
        .collect();
    sorted.sort_by_key(|(p, _)| order_key(p));
    for (prefix, g) in sorted {
        for (slot, at) in holders.get(g).into_iter().flatten() {
            if let Some(table) = tables.get_mut(*slot) {
                table.entries.push((prefix, *at));
                table.index.insert(prefix, *at);
            }
        }
    }
    let mut tables: Vec<Option<RouterTable>> = tables.into_iter().map(Some).collect();
    for (key, slot) in slot_of {
        if let Some(table) = tables.get_mut(slot).and_then(Option::take) {
            exchange.routers.insert(key, table);
        }
    }
    exchange
}

/// Route table order: IPv4 first, longest prefix first, then by address.
pub(crate) fn order(a: &IpNet, b: &IpNet) -> std::cmp::Ordering {
    order_key(a).cmp(&order_key(b))
}

/// A key that sorts prefixes in route table order, cheap to compare.
pub(crate) fn order_key(p: &IpNet) -> (bool, std::cmp::Reverse<u8>, u128) {
    let bits = match p.network() {
        std::net::IpAddr::V4(a) => u128::from(u32::from(a)),
        std::net::IpAddr::V6(a) => u128::from(a),
    };
    (
        p.network().is_ipv6(),
        std::cmp::Reverse(p.prefix_len()),
        bits,
    )
}

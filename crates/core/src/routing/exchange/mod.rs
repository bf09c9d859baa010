//! The route exchange: BGP between on-premises routers, into and out of
//! each circuit's peerings, and across Global Reach.
//!
//! Prefixes that start from the same places travel the same way, so the
//! exchange sorts them into classes by where the design says they come
//! from (which sites, gateways, route filters and tunnels) and runs the
//! path-vector rounds once per class rather than once per prefix. The
//! classes do not depend on what is down, so they are made once per design
//! and shared by the resolutions of every failure: resolving a design with
//! 10,000 on-premises prefixes from a handful of sites costs a handful of
//! runs over a graph of a few routers, and no table of 10,000 entries is
//! built again. Tables are read through the one index of every prefix,
//! keeping the longest match whose class the table holds.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::net::IpAddr;
use std::sync::Arc;

use ipnet::IpNet;

mod classes;
mod edge;

pub(crate) use classes::{Classes, Source};
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
/// and each VPN connection that is up. What each advertises is its
/// gateway's VNet prefixes, found through [`Classes`].
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
    /// The connection's place in the design's connections.
    pub at: usize,
    pub connection: Id,
    pub gateway: Id,
    pub circuit: Id,
    pub weight: u16,
}

/// One VPN tunnel's offer to its on-premises router.
#[derive(Clone, Debug)]
pub(crate) struct VpnOffer {
    /// The connection's place in the design's VPN connections.
    pub at: usize,
    pub connection: Id,
    pub gateway: Id,
    pub router: Id,
    pub customer: Option<Id>,
    /// The gateway's ASN.
    pub asn: u32,
    pub router_asn: Option<u32>,
    pub bgp: bool,
}

/// One way Microsoft's edge learned an on-premises prefix class.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct LearnedPath {
    pub link: Link,
    pub as_path: Vec<u32>,
    pub router: Option<Id>,
}

/// What Microsoft's edge routers of one circuit hold, by prefix class.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Msee {
    /// On-premises classes learned over private peering, with the paths.
    pub learned: BTreeMap<usize, Vec<LearnedPath>>,
    /// VNet classes toward the gateways that advertise them.
    pub vnets: BTreeMap<usize, Vec<Id>>,
    /// Classes learned from a Global Reach peer, toward that peer circuit.
    pub global_reach: BTreeMap<usize, Id>,
    /// Microsoft peering services, by their example prefix.
    pub services: PrefixMap<String>,
    /// Public prefixes on-premises advertises over Microsoft peering,
    /// when its sessions are up.
    pub public_prefixes: Vec<IpNet>,
}

/// The best and the losing paths of one prefix class at one router.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Rib {
    pub best: Vec<BgpPath>,
    pub others: Vec<BgpPath>,
}

/// What every node of the graph holds for one class.
pub(crate) type Ribs = Arc<Vec<Rib>>;

/// The exchange's results.
#[derive(Clone, Debug, Default)]
pub(crate) struct Exchange {
    pub sessions: Vec<Session>,
    /// The design's prefixes by class, shared with other resolutions of
    /// the same design.
    pub classes: Arc<Classes>,
    pub msee: BTreeMap<Id, Msee>,
    /// Each router and routing domain that holds a route, toward its node.
    pub routers: BTreeMap<(Id, Option<Id>), usize>,
    /// For each class, what each node holds; `None` where the class
    /// starts nowhere.
    pub ribs: Vec<Option<Ribs>>,
}

impl Exchange {
    /// What a node holds for a class, if it holds a route.
    pub fn rib(&self, class: usize, node: usize) -> Option<&Rib> {
        let rib = self.ribs.get(class)?.as_ref()?.get(node)?;
        (!rib.best.is_empty()).then_some(rib)
    }

    /// The route a router uses for an address in one routing domain: the
    /// longest prefix it holds, with its paths.
    pub fn router_rib(&self, router: &Id, vrf: &Option<Id>, addr: IpAddr) -> Option<(IpNet, &Rib)> {
        let node = *self.routers.get(&(router.clone(), vrf.clone()))?;
        let (prefix, class) = self
            .classes
            .longest(addr, |class| self.rib(class, node).is_some())?;
        Some((prefix, self.rib(class, node)?))
    }

    /// Every route a router holds in one routing domain, in route table
    /// order.
    pub fn router_table(
        &self,
        router: &Id,
        vrf: &Option<Id>,
    ) -> Option<impl Iterator<Item = (IpNet, &Rib)> + '_> {
        let node = *self.routers.get(&(router.clone(), vrf.clone()))?;
        Some(
            self.classes
                .sorted
                .iter()
                .filter_map(move |(prefix, class)| Some((*prefix, self.rib(*class, node)?))),
        )
    }

    /// Microsoft's edge of a circuit toward an address: the VNet prefix
    /// and the gateways advertising it.
    pub fn edge_vnets(&self, circuit: &Id, addr: IpAddr) -> Option<(IpNet, &Vec<Id>)> {
        let msee = self.msee.get(circuit)?;
        let (prefix, class) = self
            .classes
            .longest(addr, |c| msee.vnets.contains_key(&c))?;
        Some((prefix, msee.vnets.get(&class)?))
    }

    /// Microsoft's edge of a circuit toward an address over Global Reach:
    /// the prefix and the peer circuit that brought it.
    pub fn edge_reach(&self, circuit: &Id, addr: IpAddr) -> Option<(IpNet, &Id)> {
        let msee = self.msee.get(circuit)?;
        let (prefix, class) = self
            .classes
            .longest(addr, |c| msee.global_reach.contains_key(&c))?;
        Some((prefix, msee.global_reach.get(&class)?))
    }

    /// What Microsoft's edge of a circuit learned from on-premises toward
    /// an address: the prefix and every path.
    pub fn edge_learned(&self, circuit: &Id, addr: IpAddr) -> Option<(IpNet, &Vec<LearnedPath>)> {
        let msee = self.msee.get(circuit)?;
        let (prefix, class) = self
            .classes
            .longest(addr, |c| msee.learned.contains_key(&c))?;
        Some((prefix, msee.learned.get(&class)?))
    }
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

/// Where a class starts: each node that originates it, with its path.
type Origins = Vec<(usize, BgpPath)>;

fn origin_path(next_hop: RouterNextHop, as_path: Vec<u32>, local_pref: u32) -> BgpPath {
    BgpPath {
        next_hop,
        as_path,
        local_pref,
        ibgp: false,
    }
}

/// Each class's origins at the sites that advertise it: every router of
/// the site, in each domain the site's prefixes belong to.
fn site_origins(design: &Design, graph: &Graph<'_>, classes: &Classes) -> Vec<Origins> {
    let mut out: Vec<Origins> = vec![Vec::new(); classes.len()];
    for (node, (r, domain)) in graph.nodes.iter().enumerate() {
        let Some(router) = graph.routers.get(*r) else {
            continue;
        };
        let Some((at, site)) = design
            .sites
            .iter()
            .enumerate()
            .find(|(_, s)| s.id == router.site)
        else {
            continue;
        };
        // A customer's prefixes stay in its own domain; a CSP site's are
        // offered in every domain its routers carry.
        if site.customer.is_some() && site.customer != *domain {
            continue;
        }
        for class in classes.of(Source::Site(at)) {
            let next_hop = RouterNextHop::Site {
                site: site.id.clone(),
            };
            if let Some(origins) = out.get_mut(*class) {
                origins.push((
                    node,
                    origin_path(next_hop, Vec::new(), PREFERRED_LOCAL_PREF),
                ));
            }
        }
    }
    out
}

/// Runs every class with origins, once per distinct set of origins.
fn propagate_all(
    graph: &Graph<'_>,
    origins: Vec<Origins>,
    cache: &mut HashMap<Origins, Ribs>,
) -> Vec<Option<Ribs>> {
    origins
        .into_iter()
        .map(|mut from| {
            if from.is_empty() {
                return None;
            }
            from.sort();
            from.dedup();
            let ribs = cache
                .entry(from)
                .or_insert_with_key(|from| Arc::new(propagate(graph, from)));
            Some(Arc::clone(ribs))
        })
        .collect()
}

/// Runs the exchange for the design with the given failures, over the
/// design's prefix classes.
pub(crate) fn run(
    design: &Design,
    failures: &Failures,
    azure: &AzureOffer,
    classes: Arc<Classes>,
) -> Exchange {
    let graph = Graph::build(design, failures);
    let mut cache = HashMap::new();

    // First the on-premises routes alone: what each router would advertise
    // into each circuit, which decides whether sessions stay up.
    let from_sites = site_origins(design, &graph, &classes);
    let on_premises = propagate_all(&graph, from_sites.clone(), &mut cache);
    let mut exchange = Exchange {
        classes: Arc::clone(&classes),
        ..Exchange::default()
    };
    let mut up_sessions: Vec<(Id, PeeringKind, Link, usize)> = Vec::new();
    for circuit in &design.circuits {
        let msee = sessions_of(
            design,
            failures,
            &graph,
            (&classes, &on_premises),
            circuit,
            &mut exchange.sessions,
            &mut up_sessions,
        );
        exchange.msee.insert(circuit.id.clone(), msee);
    }

    // Then Azure's side: VNets behind each circuit, Global Reach and
    // Microsoft peering services, offered to the routers at live sessions.
    let mut origins = from_sites;
    offer_vnets(
        design,
        failures,
        azure,
        &graph,
        &up_sessions,
        &mut exchange,
        &mut origins,
    );
    exchange.ribs = propagate_all(&graph, origins, &mut cache);

    for (node, (r, domain)) in graph.nodes.iter().enumerate() {
        let holds = (0..classes.len()).any(|class| exchange.rib(class, node).is_some());
        if let (true, Some(router)) = (holds, graph.routers.get(*r)) {
            exchange
                .routers
                .insert((router.id.clone(), domain.clone()), node);
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

//! Resolution: the route exchange run once, and the tables it leaves in
//! every gateway, subnet and router.
//!
//! The gateway routes are the bulk of any subnet's table and are the same
//! for every subnet behind one gateway, so they are held once per hub VNet
//! and joined with each subnet's own few routes only when asked.

use std::collections::{BTreeMap, HashMap};
use std::net::IpAddr;
use std::sync::{Arc, OnceLock};

use ipnet::IpNet;
use serde::Serialize;

use super::exchange::{self, AzureOffer, Classes, Exchange, Source, VpnOffer};
use super::shown::{EffectiveTable, GatewayRows, Shown};
use super::table::{
    EffectiveRoute, GatewayPath, GatewayVia, RouteSource, RouteState, RouterRoute, Session,
};
use super::{Failures, Link, PrefixMap};
use crate::facts;
use crate::model::{Design, GatewayKind, Id, NextHopType, PeeringKind, Vnet};

/// The routes of a design, with some elements possibly down: what each
/// gateway, subnet and on-premises router ends up with.
///
/// Made by [`resolve`]; read through its methods.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Resolution {
    failures: Failures,
    sessions: Vec<Session>,
    #[serde(skip)]
    pub(crate) exchange: Exchange,
    #[serde(skip)]
    pub(crate) gateway_tables: BTreeMap<Id, GatewayTable>,
    /// Each subnet's own routes; subnets that route alike share one view.
    #[serde(skip)]
    pub(crate) subnets: BTreeMap<Id, Arc<SubnetView>>,
    /// Each shared view's rows as Azure shows them, made when first asked.
    #[serde(skip)]
    pub(crate) shown: Vec<OnceLock<Shown>>,
    /// Each VNet's hub: the VNet whose gateways it uses.
    #[serde(skip)]
    hubs: Arc<BTreeMap<Id, Id>>,
    /// Where the design's VNets and subnets are, and which VNets peer.
    #[serde(skip)]
    places: Arc<Places>,
    #[serde(skip)]
    pub(crate) advertised: Arc<BTreeMap<Id, Vec<IpNet>>>,
}

/// Where each VNet and subnet of the design is in its lists, and which
/// VNets each VNet peers with: a trace asks at every hop, and a search of
/// the lists by name costs thousands of comparisons at Azure's limits.
#[derive(Clone, Debug, Default)]
pub(crate) struct Places {
    vnets: HashMap<Id, usize, Quick>,
    subnets: HashMap<Id, (usize, usize), Quick>,
    /// For each VNet, the VNet at the other end of each of its peerings,
    /// in the order of the design's peerings.
    peers: Vec<Vec<usize>>,
    /// Every VNet address space toward its VNets.
    spaces: PrefixMap<Vec<usize>>,
    /// Each VNet and its number of subnets, to tell the design indexed.
    shape: Vec<(Id, usize)>,
}

type Quick = std::hash::BuildHasherDefault<super::prefix_map::AddressHasher>;

impl Places {
    /// Tells whether the index was made from a design with these lists:
    /// the same VNets, each with as many subnets.
    fn indexes(&self, design: &Design) -> bool {
        self.shape.len() == design.vnets.len()
            && self
                .shape
                .iter()
                .zip(&design.vnets)
                .all(|((id, subnets), v)| id == &v.id && *subnets == v.subnets.len())
    }

    fn of(design: &Design) -> Places {
        let mut places = Places {
            shape: design
                .vnets
                .iter()
                .map(|v| (v.id.clone(), v.subnets.len()))
                .collect(),
            ..Places::default()
        };
        for (v, vnet) in design.vnets.iter().enumerate() {
            places.vnets.entry(vnet.id.clone()).or_insert(v);
            for (s, subnet) in vnet.subnets.iter().enumerate() {
                places.subnets.entry(subnet.id.clone()).or_insert((v, s));
            }
        }
        for (v, vnet) in design.vnets.iter().enumerate() {
            for space in &vnet.address_space {
                match places.spaces.get_mut(space) {
                    Some(list) => list.push(v),
                    None => {
                        places.spaces.insert(*space, vec![v]);
                    }
                }
            }
        }
        places.peers = vec![Vec::new(); design.vnets.len()];
        for p in &design.vnet_peerings {
            let (Some(&a), Some(&b)) = (places.vnets.get(&p.local), places.vnets.get(&p.remote))
            else {
                continue;
            };
            if a == b {
                continue;
            }
            for (from, to) in [(a, b), (b, a)] {
                if let Some(list) = places.peers.get_mut(from) {
                    list.push(to);
                }
            }
        }
        places
    }
}

/// The routes the gateways of one hub VNet learned, shared by every subnet
/// that uses them.
#[derive(Clone, Debug, Default)]
pub(crate) struct GatewayTable {
    /// For each prefix class, the paths chosen, if the gateways learned any.
    pub choices: Vec<Option<Choice>>,
    /// The routes as rows of a subnet's table, made when first asked and
    /// shared by every subnet behind the hub.
    pub rows: OnceLock<super::shown::GatewayRows>,
}

impl GatewayTable {
    /// The paths chosen for a class, if the gateways learned it.
    pub fn choice(&self, class: usize) -> Option<&Choice> {
        self.choices.get(class)?.as_ref()
    }

    /// The longest gateway route holding an address among the prefixes
    /// `keep` accepts.
    pub fn lookup(
        &self,
        classes: &Classes,
        addr: IpAddr,
        keep: impl Fn(&IpNet) -> bool,
    ) -> Option<(IpNet, &Choice)> {
        classes.matches(addr).find_map(|(prefix, class)| {
            let choice = self.choice(class)?;
            keep(&prefix).then_some((prefix, choice))
        })
    }

    /// Tells whether the gateways learned this very prefix.
    pub fn has(&self, classes: &Classes, prefix: &IpNet) -> bool {
        classes
            .class_of(prefix)
            .is_some_and(|class| self.choice(class).is_some())
    }
}

/// The paths chosen for one prefix at a gateway, and the ones that lost.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Choice {
    pub best: Vec<GatewayPath>,
    pub others: Vec<GatewayPath>,
}

/// A subnet's own routes: system, service endpoint and user routes.
#[derive(Clone, Debug, Default)]
pub(crate) struct SubnetView {
    /// The view's place in [`Resolution::shown`].
    pub class: usize,
    pub hub: Option<Id>,
    pub propagate: bool,
    pub local: Vec<EffectiveRoute>,
    /// The active local route per prefix, as an index into `local`.
    pub index: PrefixMap<usize>,
    /// VNet, peering and service endpoint prefixes, which no gateway route
    /// inside them overrides (§4.1 rule 3).
    pub pinned: Vec<IpNet>,
    /// The same prefixes, to tell in a few probes whether one holds a
    /// prefix: a hub peered with a hundred spokes pins a thousand.
    pub pinned_index: PrefixMap<()>,
}

impl SubnetView {
    /// Tells whether a pinned prefix holds `prefix`, so that no gateway
    /// route for it applies.
    pub fn pins(&self, prefix: &IpNet) -> bool {
        self.pinned_index
            .matches(prefix.network())
            .any(|(q, _)| q.prefix_len() <= prefix.prefix_len())
    }
}

/// The route a subnet uses for one address.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Selected<'a> {
    Local(&'a EffectiveRoute),
    Gateway(IpNet, &'a Choice),
}

/// Runs the route exchange and builds every table.
///
/// ```
/// use routecraft_core::routing::{resolve, Failures};
/// use routecraft_core::templates::connect_to;
/// let design = connect_to();
/// let routes = resolve(&design, &Failures::none());
/// let table = routes.effective_routes("contoso-spoke-workload").unwrap();
/// assert!(table.iter().any(|r| r.prefix.to_string() == "10.20.0.0/16"));
/// ```
pub fn resolve(design: &Design, failures: &Failures) -> Resolution {
    resolve_reusing(design, failures, None)
}

/// Resolves with other failures, taking from an earlier resolution of the
/// same design what does not depend on failures: the hubs, the prefix
/// classes and the subnets' own routes, which at Azure's limits are most
/// of the work.
pub(crate) fn resolve_reusing(
    design: &Design,
    failures: &Failures,
    earlier: Option<&Resolution>,
) -> Resolution {
    let (hubs, advertised, classes, places) = match earlier {
        Some(e) => (
            Arc::clone(&e.hubs),
            Arc::clone(&e.advertised),
            Arc::clone(&e.exchange.classes),
            Arc::clone(&e.places),
        ),
        None => {
            let hubs = hubs(design);
            let advertised = advertised_by_hub(design, &hubs);
            let classes = Classes::build(design, &advertised);
            let places = Places::of(design);
            (
                Arc::new(hubs),
                Arc::new(advertised),
                Arc::new(classes),
                Arc::new(places),
            )
        }
    };
    let offer = azure_offer(design, failures, &advertised);
    let exchange = exchange::run(design, failures, &offer, classes);

    let mut gateway_tables = BTreeMap::new();
    for hub in hubs.values() {
        if !gateway_tables.contains_key(hub) {
            let table = gateway_table(design, &offer, &exchange, hub);
            gateway_tables.insert(hub.clone(), table);
        }
    }

    let (subnets, shown) = match earlier {
        Some(e) => (
            e.subnets.clone(),
            (0..e.shown.len()).map(|_| OnceLock::new()).collect(),
        ),
        None => subnet_views(design, &hubs),
    };

    Resolution {
        failures: failures.clone(),
        sessions: exchange.sessions.clone(),
        exchange,
        gateway_tables,
        subnets,
        shown,
        hubs,
        places,
        advertised,
    }
}

/// What a subnet's own routes depend on: its VNet, route table and
/// service endpoints.
type ViewKey<'d> = (&'d Id, Option<&'d Id>, &'d [String]);

type Views = (BTreeMap<Id, Arc<SubnetView>>, Vec<OnceLock<Shown>>);

/// Every subnet's own routes. A view depends on the VNet, the route table
/// and the service endpoints only, so subnets alike share one.
fn subnet_views(design: &Design, hubs: &BTreeMap<Id, Id>) -> Views {
    let mut subnets = BTreeMap::new();
    let mut classes: BTreeMap<ViewKey<'_>, Arc<SubnetView>> = BTreeMap::new();
    for vnet in &design.vnets {
        for subnet in &vnet.subnets {
            let key = (
                &vnet.id,
                subnet.route_table.as_ref(),
                subnet.service_endpoints.as_slice(),
            );
            let class = classes.len();
            let view = classes.entry(key).or_insert_with(|| {
                let hub = hubs.get(&vnet.id).cloned();
                Arc::new(subnet_view(design, vnet, subnet, hub, class))
            });
            subnets
                .entry(subnet.id.clone())
                .or_insert_with(|| Arc::clone(view));
        }
    }
    let shown = (0..classes.len()).map(|_| OnceLock::new()).collect();
    (subnets, shown)
}

impl Resolution {
    /// The same design resolved with other failures, taking from this
    /// resolution what failures do not change: the hubs, the prefix
    /// classes and every subnet's own routes. `design` must be the design
    /// this resolution was made from.
    ///
    /// ```
    /// use routecraft_core::routing::{resolve, FailureUnit, Failures};
    /// use routecraft_core::templates::connect_to;
    /// let design = connect_to();
    /// let base = resolve(&design, &Failures::none());
    /// let down = Failures::of([FailureUnit::Circuit("er-contoso-ams".into())]);
    /// let again = base.with_failures(&design, &down);
    /// assert_eq!(again.failures(), &down);
    /// ```
    pub fn with_failures(&self, design: &Design, failures: &Failures) -> Resolution {
        resolve_reusing(design, failures, Some(self))
    }

    /// The failures this resolution was computed with.
    pub fn failures(&self) -> &Failures {
        &self.failures
    }

    /// Every BGP session of every circuit's private and Microsoft peering,
    /// up or down with the reason.
    pub fn sessions(&self) -> &[Session] {
        &self.sessions
    }

    /// A subnet's effective routes as Azure shows them: longest prefix
    /// first, and for one prefix user over gateway over system routes, with
    /// each route's state. `None` for a subnet the design does not have.
    pub fn effective_routes(&self, subnet: &str) -> Option<Vec<EffectiveRoute>> {
        Some(self.effective_table(subnet)?.iter().cloned().collect())
    }

    /// A subnet's effective routes without copying them: the same rows in
    /// the same order as [`Resolution::effective_routes`], the gateway
    /// part shared by every subnet behind one hub and the rest by every
    /// subnet alike. `None` for a subnet the design does not have.
    ///
    /// ```
    /// use routecraft_core::routing::{resolve, Failures};
    /// use routecraft_core::templates::connect_to;
    /// let routes = resolve(&connect_to(), &Failures::none());
    /// let table = routes.effective_table("contoso-spoke-workload").unwrap();
    /// assert_eq!(table.len(), table.iter().count());
    /// ```
    pub fn effective_table(&self, subnet: &str) -> Option<EffectiveTable<'_>> {
        let view = self.subnets.get(subnet)?;
        let table = self.table_of(view);
        let shown = self
            .shown
            .get(view.class)?
            .get_or_init(|| Shown::new(view, table, &self.exchange.classes));
        let gateway = table.map_or(&[][..], |t| {
            t.rows
                .get_or_init(|| GatewayRows::new(t, &self.exchange.classes))
                .rows()
        });
        Some(EffectiveTable::new(shown, gateway))
    }

    /// The route a subnet uses for an address, if any.
    pub fn effective_route(&self, subnet: &str, addr: IpAddr) -> Option<EffectiveRoute> {
        match self.select(subnet, addr)? {
            Selected::Local(route) => Some(route.clone()),
            Selected::Gateway(prefix, choice) => Some(gateway_row(prefix, choice)),
        }
    }

    /// The routes a router ends up with in one routing domain: `vrf` names
    /// the customer whose domain, `None` the router's global table. A
    /// customer's own router holds its routes in that customer's domain.
    pub fn router_routes(&self, router: &str, vrf: Option<&Id>) -> Option<Vec<RouterRoute>> {
        let table = self
            .exchange
            .router_table(&Id::new(router), &vrf.cloned())?;
        let rows = table
            .map(|(prefix, rib)| RouterRoute {
                prefix,
                paths: rib.best.clone(),
                other_paths: rib.others.clone(),
            })
            .collect();
        Some(rows)
    }

    /// The route a router uses for an address in one routing domain.
    pub fn router_route(
        &self,
        router: &str,
        vrf: Option<&Id>,
        addr: IpAddr,
    ) -> Option<RouterRoute> {
        let (prefix, rib) = self
            .exchange
            .router_rib(&Id::new(router), &vrf.cloned(), addr)?;
        Some(RouterRoute {
            prefix,
            paths: rib.best.clone(),
            other_paths: rib.others.clone(),
        })
    }

    /// The routing domains in which a router holds routes.
    pub fn router_domains(&self, router: &str) -> Vec<Option<Id>> {
        self.exchange
            .routers
            .keys()
            .filter(|(r, _)| r == router)
            .map(|(_, d)| d.clone())
            .collect()
    }

    /// The prefixes Azure advertises to on-premises for a hub VNet: its own
    /// address space and that of every spoke using its gateway (§2.7).
    pub fn advertised_prefixes(&self, vnet: &str) -> &[IpNet] {
        self.advertised.get(vnet).map_or(&[], Vec::as_slice)
    }

    /// A subnet of the design with its VNet, found through the index the
    /// resolution keeps; a design other than the one resolved falls back
    /// to a search.
    pub(crate) fn subnet_in<'d>(
        &self,
        design: &'d Design,
        id: &str,
    ) -> Option<(&'d Vnet, &'d crate::model::Subnet)> {
        let indexed = self.places.subnets.get(id).and_then(|(v, s)| {
            let vnet = design.vnets.get(*v)?;
            let subnet = vnet.subnets.get(*s).filter(|s| s.id == id)?;
            Some((vnet, subnet))
        });
        // A miss in the index of this very design means there is no such
        // subnet, as for a trace that starts at a site.
        if indexed.is_some() || self.places.indexes(design) {
            return indexed;
        }
        indexed.or_else(|| {
            design
                .vnets
                .iter()
                .find_map(|v| v.subnets.iter().find(|s| s.id == id).map(|s| (v, s)))
        })
    }

    /// Where a VNet stands in `design.vnets` by the index the resolution
    /// keeps; `None` when `design` is not the one resolved.
    fn vnet_index(&self, design: &Design, vnet: &Id) -> Option<usize> {
        self.places
            .vnets
            .get(vnet)
            .copied()
            .filter(|at| design.vnets.get(*at).is_some_and(|v| &v.id == vnet))
    }

    /// The VNets peered with this one whose address space holds `addr`,
    /// once per space that holds it, in the order of the design's
    /// peerings; found through the index the resolution keeps, and a
    /// design other than the one resolved falls back to a search.
    pub(crate) fn peers_holding<'d>(
        &self,
        design: &'d Design,
        vnet: &Id,
        addr: IpAddr,
    ) -> Vec<&'d Vnet> {
        let Some(at) = self.vnet_index(design, vnet) else {
            return peers_holding(design, vnet, addr);
        };
        // The VNets with a space holding the address, once per such space:
        // a few, where a hub has a hundred peers of ten spaces each.
        let mut holding: Vec<usize> = Vec::new();
        for (_, vnets) in self.places.spaces.matches(addr) {
            holding.extend(vnets);
        }
        let mut out = Vec::new();
        if holding.is_empty() {
            return out;
        }
        for peer in self.places.peers.get(at).into_iter().flatten() {
            if let Some(v) = design.vnets.get(*peer) {
                let spaces = holding.iter().filter(|h| *h == peer).count();
                out.extend(std::iter::repeat_n(v, spaces));
            }
        }
        out
    }

    /// Tells whether a VNet peered with this one holds `addr`: what
    /// [`Resolution::peers_holding`] finds, without listing it, for the
    /// `VirtualNetwork` tag that every security verdict reads.
    pub(crate) fn is_peer_holding(&self, design: &Design, vnet: &Id, addr: IpAddr) -> bool {
        let Some(at) = self.vnet_index(design, vnet) else {
            return !peers_holding(design, vnet, addr).is_empty();
        };
        let peers = self.places.peers.get(at).map_or(&[][..], Vec::as_slice);
        self.places
            .spaces
            .matches(addr)
            .any(|(_, vnets)| vnets.iter().any(|v| peers.contains(v)))
    }

    pub(crate) fn table_of(&self, view: &SubnetView) -> Option<&GatewayTable> {
        if !view.propagate {
            return None;
        }
        self.gateway_tables.get(view.hub.as_ref()?)
    }

    /// The route a subnet uses for an address: the longest match, with
    /// user over gateway over system routes for one prefix, and the VNet's
    /// own and peered spaces kept over more specific gateway routes.
    pub(crate) fn select(&self, subnet: &str, addr: IpAddr) -> Option<Selected<'_>> {
        let view = self.subnets.get(subnet)?;
        let local = view
            .index
            .longest_match(addr)
            .and_then(|(p, at)| Some((p, view.local.get(*at)?)));
        let gateway = self
            .table_of(view)
            .and_then(|t| t.lookup(&self.exchange.classes, addr, |p| !view.pins(p)));
        match (local, gateway) {
            (Some((_, route)), None) => Some(Selected::Local(route)),
            (None, Some((p, choice))) => Some(Selected::Gateway(p, choice)),
            (None, None) => None,
            (Some((lp, route)), Some((gp, choice))) => {
                let local_wins = lp.prefix_len() > gp.prefix_len()
                    || (lp.prefix_len() == gp.prefix_len()
                        && (route.source == RouteSource::User
                            || is_pinned_type(route.next_hop_type)));
                if local_wins {
                    Some(Selected::Local(route))
                } else {
                    Some(Selected::Gateway(gp, choice))
                }
            }
        }
    }
}

pub(crate) fn is_pinned_type(hop: NextHopType) -> bool {
    matches!(
        hop,
        NextHopType::VnetLocal
            | NextHopType::VNetPeering
            | NextHopType::VirtualNetworkServiceEndpoint
    )
}

/// A gateway route as a row of a subnet's table.
pub(crate) fn gateway_row(prefix: IpNet, choice: &Choice) -> EffectiveRoute {
    let mut ips: Vec<IpAddr> = Vec::new();
    for ip in choice.best.iter().filter_map(|p| p.next_hop_ip) {
        if !ips.contains(&ip) {
            ips.push(ip);
        }
    }
    let ways: Vec<String> = choice.best.iter().map(|p| describe_via(&p.via)).collect();
    EffectiveRoute {
        source: RouteSource::VirtualNetworkGateway,
        state: RouteState::Active,
        prefix,
        next_hop_type: NextHopType::VirtualNetworkGateway,
        next_hop_ips: Arc::new(ips),
        paths: Arc::new(choice.best.clone()),
        route: None,
        note: format!("learned over {}", ways.join(", ")).into(),
    }
}

/// A gateway path in words, such as `er-1 primary`.
pub(crate) fn describe_via(via: &GatewayVia) -> String {
    match via {
        GatewayVia::ExpressRoute { circuit, link, .. } => format!("{circuit} {}", link.label()),
        GatewayVia::Vpn { connection, .. } => format!("VPN {connection}"),
    }
}

/// For each VNet, the VNet whose gateways it uses: its own, or its hub's
/// through a peering that uses remote gateways (§4.3).
fn hubs(design: &Design) -> BTreeMap<Id, Id> {
    let has_gateway = |vnet: &Id| design.gateways.iter().any(|g| &g.vnet == vnet);
    let mut out = BTreeMap::new();
    for vnet in &design.vnets {
        if has_gateway(&vnet.id) {
            out.insert(vnet.id.clone(), vnet.id.clone());
            continue;
        }
        let hub = design.vnet_peerings.iter().find(|p| {
            p.local == vnet.id
                && p.use_remote_gateways
                && p.allow_gateway_transit
                && has_gateway(&p.remote)
        });
        if let Some(p) = hub {
            out.insert(vnet.id.clone(), p.remote.clone());
        }
    }
    out
}

/// What each hub's gateways advertise: its address space and its spokes'.
fn advertised_by_hub(design: &Design, hubs: &BTreeMap<Id, Id>) -> BTreeMap<Id, Vec<IpNet>> {
    let mut out: BTreeMap<Id, Vec<IpNet>> = BTreeMap::new();
    for vnet in &design.vnets {
        let Some(hub) = hubs.get(&vnet.id) else {
            continue;
        };
        let list = out.entry(hub.clone()).or_default();
        for p in &vnet.address_space {
            let p = p.trunc();
            if !list.contains(&p) {
                list.push(p);
            }
        }
    }
    out
}

fn customer_of_vnet(design: &Design, vnet: &Id) -> Option<Id> {
    let vnet = design.vnets.iter().find(|v| &v.id == vnet)?;
    design
        .subscriptions
        .iter()
        .find(|s| s.id == vnet.subscription)
        .map(|s| s.customer.clone())
}

/// The connections and tunnels that are up, with what each advertises.
fn azure_offer(
    design: &Design,
    failures: &Failures,
    advertised: &BTreeMap<Id, Vec<IpNet>>,
) -> AzureOffer {
    let mut offer = AzureOffer::default();
    for (at, connection) in design.connections.iter().enumerate() {
        let Some(gateway) = design.gateways.iter().find(|g| g.id == connection.gateway) else {
            continue;
        };
        let circuit_exists = design.circuits.iter().any(|c| c.id == connection.circuit);
        if gateway.kind != GatewayKind::ExpressRoute
            || failures.is_gateway_down(&gateway.id)
            || !circuit_exists
            || failures.is_circuit_down(design, &connection.circuit)
        {
            continue;
        }
        let prefixes = advertised.get(&gateway.vnet).map_or(&[][..], Vec::as_slice);
        let v4 = prefixes.iter().filter(|p| p.network().is_ipv4()).count();
        // A connection advertising more than its limit goes down (§2.7).
        if u32::try_from(v4).unwrap_or(u32::MAX) > facts::CONNECTION_ADVERTISED_LIMIT {
            continue;
        }
        offer.express_route.push(exchange::ErOffer {
            at,
            connection: connection.id.clone(),
            gateway: gateway.id.clone(),
            circuit: connection.circuit.clone(),
            weight: connection.routing_weight,
        });
    }

    for (at, vpn) in design.vpn_connections.iter().enumerate() {
        let Some(gateway) = design.gateways.iter().find(|g| g.id == vpn.gateway) else {
            continue;
        };
        let router_up = design.routers.iter().any(|r| r.id == vpn.router)
            && !failures.is_router_down(&vpn.router);
        if gateway.kind != GatewayKind::Vpn
            || failures.is_gateway_down(&gateway.id)
            || failures.is_vpn_down(&vpn.id)
            || !router_up
        {
            continue;
        }
        offer.vpn.push(VpnOffer {
            at,
            connection: vpn.id.clone(),
            gateway: gateway.id.clone(),
            router: vpn.router.clone(),
            customer: customer_of_vnet(design, &gateway.vnet),
            asn: gateway.asn.unwrap_or(facts::AZURE_GATEWAY_ASN),
            router_asn: design
                .routers
                .iter()
                .find(|r| r.id == vpn.router)
                .map(|r| r.asn),
            bgp: vpn.bgp,
        });
    }
    offer
}

/// Chooses among a gateway's paths for one prefix: ExpressRoute over VPN,
/// then the highest connection weight, then the shortest AS path; what
/// ties shares the load (§4.7).
pub(crate) fn choose(mut paths: Vec<GatewayPath>) -> Choice {
    let key = |p: &GatewayPath| {
        (
            !p.via.is_express_route(),
            std::cmp::Reverse(p.weight),
            p.as_path.len(),
        )
    };
    paths.sort_by(|a, b| key(a).cmp(&key(b)).then_with(|| a.cmp(b)));
    paths.dedup();
    let Some(first) = paths.first() else {
        return Choice::default();
    };
    let best_key = key(first);
    let ties = paths.iter().take_while(|p| key(p) == best_key).count();
    let others = paths.split_off(ties);
    Choice {
        best: paths,
        others,
    }
}

/// The customer-side address of a circuit connection's private peering:
/// the first usable address of the link's /30 (§2.2).
fn peer_address(design: &Design, circuit: &Id, link: Link) -> Option<IpAddr> {
    let circuit = design.circuits.iter().find(|c| &c.id == circuit)?;
    let peering = circuit.peering(PeeringKind::AzurePrivatePeering)?;
    let prefix = match link {
        Link::Primary => peering.primary_prefix,
        Link::Secondary => peering.secondary_prefix,
    };
    prefix.hosts().next().map(IpAddr::V4)
}

/// The routes a hub VNet's gateways learned, over circuits and tunnels,
/// chosen once per prefix class.
fn gateway_table(
    design: &Design,
    offer: &AzureOffer,
    exchange: &Exchange,
    hub: &Id,
) -> GatewayTable {
    let in_hub = |gateway: &Id| {
        design
            .gateways
            .iter()
            .any(|g| &g.id == gateway && &g.vnet == hub)
    };
    let mut paths: Vec<Vec<GatewayPath>> = vec![Vec::new(); exchange.classes.len()];

    // Every on-premises class, with the paths of every circuit that learned it.
    for o in offer.express_route.iter().filter(|o| in_hub(&o.gateway)) {
        let Some(msee) = exchange.msee.get(&o.circuit) else {
            continue;
        };
        let next_hops = Link::BOTH.map(|link| peer_address(design, &o.circuit, link));
        for (class, learned) in &msee.learned {
            let Some(list) = paths.get_mut(*class) else {
                continue;
            };
            for l in learned {
                list.push(GatewayPath {
                    via: GatewayVia::ExpressRoute {
                        gateway: o.gateway.clone(),
                        connection: o.connection.clone(),
                        circuit: o.circuit.clone(),
                        link: l.link,
                        router: l.router.clone(),
                    },
                    as_path: l.as_path.clone(),
                    weight: o.weight,
                    next_hop_ip: match l.link {
                        Link::Primary => next_hops[0],
                        Link::Secondary => next_hops[1],
                    },
                });
            }
        }
    }

    // VPN tunnels add their remote prefixes; for a prefix ExpressRoute also
    // brings, both compete and ExpressRoute wins (§4.7).
    for vpn in offer.vpn.iter().filter(|v| in_hub(&v.gateway)) {
        let path = GatewayPath {
            via: GatewayVia::Vpn {
                gateway: vpn.gateway.clone(),
                connection: vpn.connection.clone(),
                router: vpn.router.clone(),
            },
            as_path: match (vpn.bgp, vpn.router_asn) {
                (true, Some(asn)) => vec![asn],
                _ => Vec::new(),
            },
            weight: 0,
            next_hop_ip: None,
        };
        for class in exchange.classes.of(Source::VpnRemote(vpn.at)) {
            if let Some(list) = paths.get_mut(*class) {
                list.push(path.clone());
            }
        }
    }

    GatewayTable {
        choices: paths
            .into_iter()
            .map(|p| (!p.is_empty()).then(|| choose(p)))
            .collect(),
        rows: OnceLock::new(),
    }
}

fn system_row(prefix: IpNet, hop: NextHopType, note: &str) -> EffectiveRoute {
    EffectiveRoute {
        source: RouteSource::Default,
        state: RouteState::Active,
        prefix,
        next_hop_type: hop,
        next_hop_ips: Arc::default(),
        paths: Arc::default(),
        route: None,
        note: Arc::new(note.to_owned()),
    }
}

/// The address spaces of the VNets peered with this one.
pub(crate) fn peered_spaces(design: &Design, vnet: &Id) -> Vec<(Id, IpNet)> {
    let mut out = Vec::new();
    for p in &design.vnet_peerings {
        let other = if &p.local == vnet {
            &p.remote
        } else if &p.remote == vnet {
            &p.local
        } else {
            continue;
        };
        if other == vnet {
            continue;
        }
        if let Some(v) = design.vnets.iter().find(|v| &v.id == other) {
            out.extend(v.address_space.iter().map(|s| (v.id.clone(), s.trunc())));
        }
    }
    out
}

/// The VNets peered with this one whose address space holds `addr`, once
/// per space that holds it, in the order of [`peered_spaces`]; it copies
/// nothing, since a trace asks it at every hop into a hub.
pub(crate) fn peers_holding<'d>(design: &'d Design, vnet: &Id, addr: IpAddr) -> Vec<&'d Vnet> {
    let mut out = Vec::new();
    for p in &design.vnet_peerings {
        let other = if &p.local == vnet {
            &p.remote
        } else if &p.remote == vnet {
            &p.local
        } else {
            continue;
        };
        if other == vnet {
            continue;
        }
        if let Some(v) = design.vnets.iter().find(|v| &v.id == other) {
            let holding = v.address_space.iter().filter(|s| s.trunc().contains(&addr));
            out.extend(holding.map(|_| v));
        }
    }
    out
}

/// A subnet's system, service endpoint and user routes, with their states
/// among themselves.
fn subnet_view(
    design: &Design,
    vnet: &Vnet,
    subnet: &crate::model::Subnet,
    hub: Option<Id>,
    class: usize,
) -> SubnetView {
    let mut local = Vec::new();
    let mut pinned = Vec::new();
    let spaces: Vec<IpNet> = vnet.address_space.iter().map(|p| p.trunc()).collect();
    for space in &spaces {
        local.push(system_row(
            *space,
            NextHopType::VnetLocal,
            "the VNet's address space",
        ));
        pinned.push(*space);
    }
    for (peer, space) in peered_spaces(design, &vnet.id) {
        local.push(system_row(
            space,
            NextHopType::VNetPeering,
            &format!("peered VNet {peer}"),
        ));
        pinned.push(space);
    }
    if let Ok(internet) = facts::SYSTEM_INTERNET_PREFIX.parse::<IpNet>() {
        local.push(system_row(
            internet,
            NextHopType::Internet,
            "the default route to the internet",
        ));
    }
    for reserved in facts::SYSTEM_NONE_PREFIXES
        .iter()
        .filter_map(|p| p.parse::<IpNet>().ok())
    {
        // A VNet space equal to or wider than a reserved range takes its place (§4.2).
        if spaces.iter().any(|s| s.contains(&reserved)) {
            continue;
        }
        local.push(system_row(
            reserved,
            NextHopType::None,
            "a reserved range, dropped",
        ));
    }
    for service in &subnet.service_endpoints {
        let example = facts::SERVICE_ENDPOINT_EXAMPLES
            .iter()
            .find(|e| e.service == service.as_str());
        if let Some(prefix) = example.and_then(|e| e.example_prefix.parse::<IpNet>().ok()) {
            local.push(system_row(
                prefix,
                NextHopType::VirtualNetworkServiceEndpoint,
                &format!("service endpoint {service} (a documentation prefix stands for the service's addresses)"),
            ));
            pinned.push(prefix);
        }
    }

    let table = subnet
        .route_table
        .as_ref()
        .and_then(|t| design.route_tables.iter().find(|rt| &rt.id == t));
    if let Some(table) = table {
        for route in &table.routes {
            local.push(EffectiveRoute {
                source: RouteSource::User,
                state: RouteState::Active,
                prefix: route.prefix.trunc(),
                next_hop_type: route.next_hop,
                next_hop_ips: Arc::new(route.next_hop_ip.into_iter().collect()),
                paths: Arc::default(),
                route: Some(route.id.clone()),
                note: format!("user route {} of {}", route.name, table.name).into(),
            });
        }
    }

    // For one prefix: a service endpoint route first, since nothing
    // overrides it, then user over system routes (§4.1).
    let rank = |r: &EffectiveRoute| {
        let endpoint = r.next_hop_type == NextHopType::VirtualNetworkServiceEndpoint;
        (!endpoint, r.source.rank())
    };
    local.sort_by(|a, b| exchange::order(&a.prefix, &b.prefix).then(rank(a).cmp(&rank(b))));
    let mut index = PrefixMap::new();
    let mut last: Option<IpNet> = None;
    for (i, row) in local.iter_mut().enumerate() {
        if last == Some(row.prefix) {
            row.state = RouteState::Invalid;
            row.note = format!(
                "{}; another route for the same prefix wins (§4.1)",
                row.note
            )
            .into();
        } else {
            index.insert(row.prefix, i);
        }
        last = Some(row.prefix);
    }

    SubnetView {
        class,
        hub,
        propagate: table.is_none_or(|t| t.propagate_gateway_routes),
        local,
        index,
        pinned_index: pinned.iter().map(|p| (*p, ())).collect(),
        pinned,
    }
}

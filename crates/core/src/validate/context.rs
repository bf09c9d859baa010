//! Lookups every rule shares, built once per validation so that no rule
//! searches the design element by element.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::*;

/// The design with its elements indexed by id and its relations resolved.
///
/// A reference that names no element resolves to nothing: rules then skip
/// what they cannot check, and the loader reports the dangling reference.
pub(super) struct Context<'a> {
    pub design: &'a Design,
    pub customers: BTreeMap<&'a str, &'a Customer>,
    pub subscriptions: BTreeMap<&'a str, &'a Subscription>,
    pub sites: BTreeMap<&'a str, &'a Site>,
    pub routers: BTreeMap<&'a str, &'a Router>,
    pub circuits: BTreeMap<&'a str, &'a Circuit>,
    pub direct_ports: BTreeMap<&'a str, &'a DirectPort>,
    pub vnets: BTreeMap<&'a str, &'a Vnet>,
    pub gateways: BTreeMap<&'a str, &'a Gateway>,
    pub route_tables: BTreeMap<&'a str, &'a RouteTable>,
    pub nsgs: BTreeMap<&'a str, &'a Nsg>,
    connections_by_circuit: BTreeMap<&'a str, Vec<&'a Connection>>,
    connections_by_gateway: BTreeMap<&'a str, Vec<&'a Connection>>,
    gateways_by_vnet: BTreeMap<&'a str, Vec<&'a Gateway>>,
    spokes_by_hub: BTreeMap<&'a str, Vec<&'a Vnet>>,
    hub_by_spoke: BTreeMap<&'a str, &'a Vnet>,
    links_by_router: BTreeMap<&'a str, Vec<(&'a SiteLink, &'a str)>>,
    domains: BTreeMap<&'a str, Vec<&'a Site>>,
}

fn index<T>(items: &[T], id: impl Fn(&T) -> &Id) -> BTreeMap<&str, &T> {
    let mut map = BTreeMap::new();
    for item in items {
        map.entry(id(item).as_str()).or_insert(item);
    }
    map
}

fn group<T>(items: &[T], key: impl Fn(&T) -> &Id) -> BTreeMap<&str, Vec<&T>> {
    let mut map: BTreeMap<&str, Vec<&T>> = BTreeMap::new();
    for item in items {
        map.entry(key(item).as_str()).or_default().push(item);
    }
    map
}

impl<'a> Context<'a> {
    pub fn new(design: &'a Design) -> Context<'a> {
        let mut cx = Context {
            design,
            customers: index(&design.customers, |e| &e.id),
            subscriptions: index(&design.subscriptions, |e| &e.id),
            sites: index(&design.sites, |e| &e.id),
            routers: index(&design.routers, |e| &e.id),
            circuits: index(&design.circuits, |e| &e.id),
            direct_ports: index(&design.direct_ports, |e| &e.id),
            vnets: index(&design.vnets, |e| &e.id),
            gateways: index(&design.gateways, |e| &e.id),
            route_tables: index(&design.route_tables, |e| &e.id),
            nsgs: index(&design.nsgs, |e| &e.id),
            connections_by_circuit: group(&design.connections, |c| &c.circuit),
            connections_by_gateway: group(&design.connections, |c| &c.gateway),
            gateways_by_vnet: group(&design.gateways, |g| &g.vnet),
            spokes_by_hub: BTreeMap::new(),
            hub_by_spoke: BTreeMap::new(),
            links_by_router: BTreeMap::new(),
            domains: BTreeMap::new(),
        };

        for p in design
            .vnet_peerings
            .iter()
            .filter(|p| p.use_remote_gateways)
        {
            let (Some(spoke), Some(hub)) = (
                cx.vnets.get(p.local.as_str()),
                cx.vnets.get(p.remote.as_str()),
            ) else {
                continue;
            };
            if cx.hub_by_spoke.contains_key(spoke.id.as_str()) {
                continue;
            }
            cx.hub_by_spoke.insert(spoke.id.as_str(), hub);
            cx.spokes_by_hub
                .entry(hub.id.as_str())
                .or_default()
                .push(spoke);
        }

        for link in &design.links {
            cx.links_by_router
                .entry(link.a.as_str())
                .or_default()
                .push((link, link.b.as_str()));
            cx.links_by_router
                .entry(link.b.as_str())
                .or_default()
                .push((link, link.a.as_str()));
        }

        let domains = design
            .circuits
            .iter()
            .map(|c| (c.id.as_str(), cx.walk_domain(c)))
            .collect();
        cx.domains = domains;
        cx
    }

    /// The id of the customer a subscription belongs to, even if no such
    /// customer exists.
    pub fn customer_id_of_subscription(&self, subscription: &Id) -> Option<&'a Id> {
        self.subscriptions
            .get(subscription.as_str())
            .map(|s| &s.customer)
    }

    /// The VNet a gateway stands in.
    pub fn vnet_of_gateway(&self, gateway: &Gateway) -> Option<&'a Vnet> {
        self.vnets.get(gateway.vnet.as_str()).copied()
    }

    /// The gateways standing in a VNet.
    pub fn gateways_in(&self, vnet: &str) -> &[&'a Gateway] {
        self.gateways_by_vnet.get(vnet).map_or(&[], Vec::as_slice)
    }

    /// The connections that link a circuit.
    pub fn connections_of_circuit(&self, circuit: &str) -> &[&'a Connection] {
        self.connections_by_circuit
            .get(circuit)
            .map_or(&[], Vec::as_slice)
    }

    /// The connections of a gateway.
    pub fn connections_of_gateway(&self, gateway: &str) -> &[&'a Connection] {
        self.connections_by_gateway
            .get(gateway)
            .map_or(&[], Vec::as_slice)
    }

    /// The VNets whose gateways link to a circuit, each once, in file order.
    pub fn linked_vnets(&self, circuit: &str) -> Vec<&'a Vnet> {
        let mut seen = BTreeSet::new();
        self.connections_of_circuit(circuit)
            .iter()
            .filter_map(|c| self.gateways.get(c.gateway.as_str()))
            .filter_map(|g| self.vnet_of_gateway(g))
            .filter(|v| seen.insert(v.id.as_str()))
            .collect()
    }

    /// The VNets that reach on-premises through a circuit: those linked to
    /// it and their spokes that use the linked VNet's gateway.
    pub fn vnets_behind(&self, circuit: &str) -> Vec<&'a Vnet> {
        let mut vnets = Vec::new();
        for hub in self.linked_vnets(circuit) {
            vnets.push(hub);
            vnets.extend(self.spokes_of(hub.id.as_str()));
        }
        vnets
    }

    /// The spokes that use a VNet's gateway (use remote gateways).
    pub fn spokes_of(&self, hub: &str) -> &[&'a Vnet] {
        self.spokes_by_hub.get(hub).map_or(&[], Vec::as_slice)
    }

    /// The VNet whose gateways a VNet uses: its hub if it uses remote
    /// gateways, otherwise itself.
    pub fn gateway_vnet<'v>(&self, vnet: &'v Vnet) -> &'v Vnet
    where
        'a: 'v,
    {
        self.hub_by_spoke
            .get(vnet.id.as_str())
            .copied()
            .unwrap_or(vnet)
    }

    /// The site a router stands in.
    pub fn site_of_router(&self, router: &Id) -> Option<&'a Site> {
        let router = self.routers.get(router.as_str())?;
        self.sites.get(router.site.as_str()).copied()
    }

    /// The links of a router, each with the router at the other end.
    pub fn links_of(&self, router: &str) -> &[(&'a SiteLink, &'a str)] {
        self.links_by_router.get(router).map_or(&[], Vec::as_slice)
    }

    /// The on-premises sites whose routes reach a circuit's private peering:
    /// the sites of the routers it ends on, and every site reached from
    /// them over links that carry the circuit's customer.
    pub fn domain(&self, circuit: &str) -> &[&'a Site] {
        self.domains.get(circuit).map_or(&[], Vec::as_slice)
    }

    /// Walks the links from a circuit's routers within its customer's
    /// routing domain. A link of no customer is followed only between
    /// routers that carry no VRFs, where there is one routing table.
    fn walk_domain(&self, circuit: &Circuit) -> Vec<&'a Site> {
        let mut seen: BTreeSet<&str> = BTreeSet::new();
        let mut queue: Vec<&str> = [&circuit.primary_router, &circuit.secondary_router]
            .into_iter()
            .flatten()
            .filter_map(|r| self.routers.get(r.as_str()).map(|r| r.id.as_str()))
            .collect();
        while let Some(router) = queue.pop() {
            if !seen.insert(router) {
                continue;
            }
            for (link, other) in self.links_of(router) {
                let global = |r: &str| self.routers.get(r).is_some_and(|r| r.vrfs.is_empty());
                let follows = match &link.customer {
                    Some(c) => *c == circuit.customer,
                    None => global(router) && global(other),
                };
                if follows && self.routers.contains_key(other) && !seen.contains(other) {
                    queue.push(other);
                }
            }
        }

        let mut sites = BTreeSet::new();
        seen.iter()
            .filter_map(|r| self.site_of_router(&Id::new(*r)))
            .filter(|s| sites.insert(s.id.as_str()))
            .collect()
    }

    /// The display name of an element found by id, or the id itself.
    pub fn name(&self, id: &Id) -> String {
        let key = id.as_str();
        let found = None
            .or_else(|| self.circuits.get(key).map(|e| e.name.as_str()))
            .or_else(|| self.vnets.get(key).map(|e| e.name.as_str()))
            .or_else(|| self.gateways.get(key).map(|e| e.name.as_str()))
            .or_else(|| self.routers.get(key).map(|e| e.name.as_str()))
            .or_else(|| self.sites.get(key).map(|e| e.name.as_str()))
            .or_else(|| self.customers.get(key).map(|e| e.name.as_str()))
            .or_else(|| self.subscriptions.get(key).map(|e| e.name.as_str()))
            .or_else(|| self.direct_ports.get(key).map(|e| e.name.as_str()))
            .or_else(|| self.route_tables.get(key).map(|e| e.name.as_str()))
            .or_else(|| self.nsgs.get(key).map(|e| e.name.as_str()));
        match found {
            Some(name) if !name.is_empty() => name.to_owned(),
            _ => key.to_owned(),
        }
    }
}

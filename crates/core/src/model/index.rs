//! Finding elements by id, listing them, and checking that every reference
//! points at an element of the right kind.

use std::collections::BTreeMap;
use std::fmt;

use super::*;

/// Every kind of element a design holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[allow(missing_docs)]
pub enum ElementKind {
    Customer,
    Subscription,
    Site,
    Router,
    SiteLink,
    DirectPort,
    Circuit,
    Peering,
    RouteFilter,
    Authorization,
    GlobalReach,
    Vnet,
    Subnet,
    VnetPeering,
    Gateway,
    Connection,
    RouteTable,
    Route,
    Nsg,
    NsgRule,
    Appliance,
    VpnConnection,
}

impl ElementKind {
    /// The name a user reads, such as `circuit` or `VNet peering`.
    pub fn label(self) -> &'static str {
        use ElementKind::*;
        match self {
            Customer => "customer",
            Subscription => "subscription",
            Site => "site",
            Router => "router",
            SiteLink => "link",
            DirectPort => "ExpressRoute Direct port",
            Circuit => "circuit",
            Peering => "peering",
            RouteFilter => "route filter",
            Authorization => "authorization",
            GlobalReach => "Global Reach connection",
            Vnet => "VNet",
            Subnet => "subnet",
            VnetPeering => "VNet peering",
            Gateway => "gateway",
            Connection => "connection",
            RouteTable => "route table",
            Route => "route",
            Nsg => "network security group",
            NsgRule => "security rule",
            Appliance => "appliance",
            VpnConnection => "VPN connection",
        }
    }
}

impl fmt::Display for ElementKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// A borrowed view of one element, found by id.
#[derive(Clone, Copy, Debug, PartialEq)]
#[allow(missing_docs)]
pub enum ElementRef<'a> {
    Customer(&'a Customer),
    Subscription(&'a Subscription),
    Site(&'a Site),
    Router(&'a Router),
    SiteLink(&'a SiteLink),
    DirectPort(&'a DirectPort),
    Circuit(&'a Circuit),
    Peering(&'a Circuit, &'a Peering),
    RouteFilter(&'a Circuit, &'a RouteFilter),
    Authorization(&'a Circuit, &'a Authorization),
    GlobalReach(&'a Circuit, &'a GlobalReach),
    Vnet(&'a Vnet),
    Subnet(&'a Vnet, &'a Subnet),
    VnetPeering(&'a VnetPeering),
    Gateway(&'a Gateway),
    Connection(&'a Connection),
    RouteTable(&'a RouteTable),
    Route(&'a RouteTable, &'a Route),
    Nsg(&'a Nsg),
    NsgRule(&'a Nsg, &'a NsgRule),
    Appliance(&'a Appliance),
    VpnConnection(&'a VpnConnection),
}

impl ElementRef<'_> {
    /// The element's kind.
    pub fn kind(&self) -> ElementKind {
        use ElementRef as R;
        match self {
            R::Customer(_) => ElementKind::Customer,
            R::Subscription(_) => ElementKind::Subscription,
            R::Site(_) => ElementKind::Site,
            R::Router(_) => ElementKind::Router,
            R::SiteLink(_) => ElementKind::SiteLink,
            R::DirectPort(_) => ElementKind::DirectPort,
            R::Circuit(_) => ElementKind::Circuit,
            R::Peering(..) => ElementKind::Peering,
            R::RouteFilter(..) => ElementKind::RouteFilter,
            R::Authorization(..) => ElementKind::Authorization,
            R::GlobalReach(..) => ElementKind::GlobalReach,
            R::Vnet(_) => ElementKind::Vnet,
            R::Subnet(..) => ElementKind::Subnet,
            R::VnetPeering(_) => ElementKind::VnetPeering,
            R::Gateway(_) => ElementKind::Gateway,
            R::Connection(_) => ElementKind::Connection,
            R::RouteTable(_) => ElementKind::RouteTable,
            R::Route(..) => ElementKind::Route,
            R::Nsg(_) => ElementKind::Nsg,
            R::NsgRule(..) => ElementKind::NsgRule,
            R::Appliance(_) => ElementKind::Appliance,
            R::VpnConnection(_) => ElementKind::VpnConnection,
        }
    }

    /// The element's display name; elements without one show their id or kind.
    pub fn name(&self) -> String {
        use ElementRef as R;
        match self {
            R::Customer(e) => e.name.clone(),
            R::Subscription(e) => e.name.clone(),
            R::Site(e) => e.name.clone(),
            R::Router(e) => e.name.clone(),
            R::SiteLink(e) if e.name.is_empty() => e.id.to_string(),
            R::SiteLink(e) => e.name.clone(),
            R::DirectPort(e) => e.name.clone(),
            R::Circuit(e) => e.name.clone(),
            R::Peering(c, p) => format!("{} {}", c.name, p.kind.label()),
            R::RouteFilter(_, f) => f.name.clone(),
            R::Authorization(_, a) => a.name.clone(),
            R::GlobalReach(c, g) => format!("{} Global Reach {}", c.name, g.peer_circuit),
            R::Vnet(e) => e.name.clone(),
            R::Subnet(v, s) => format!("{}/{}", v.name, s.name),
            R::VnetPeering(e) => format!("{} to {}", e.local, e.remote),
            R::Gateway(e) => e.name.clone(),
            R::Connection(e) => e.name.clone(),
            R::RouteTable(e) => e.name.clone(),
            R::Route(t, r) => format!("{}/{}", t.name, r.name),
            R::Nsg(e) => e.name.clone(),
            R::NsgRule(n, r) => format!("{}/{}", n.name, r.name),
            R::Appliance(e) => e.name.clone(),
            R::VpnConnection(e) => e.name.clone(),
        }
    }
}

/// One entry of the design's index: an element, its kind and where it
/// stands in the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Entry {
    pub id: Id,
    pub kind: ElementKind,
    pub path: String,
}

/// A reference from one element to another, as the file holds it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Reference {
    /// The element holding the reference.
    pub from: Id,
    /// Where the reference stands in the file.
    pub path: String,
    /// The id referred to.
    pub to: Id,
    /// The kinds it may refer to.
    pub expected: &'static [ElementKind],
}

/// Something wrong with the ids of a design: what the loader refuses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IntegrityProblem {
    /// An id used by two elements.
    DuplicateId {
        /// The id.
        id: Id,
        /// Where it first stands.
        first: String,
        /// Where it stands again.
        again: String,
    },
    /// An id that is empty, too long or has characters outside `A-Za-z0-9-_.`.
    InvalidId {
        /// The id.
        id: Id,
        /// Where it stands.
        path: String,
    },
    /// A reference to an id that no element has, or to one of the wrong kind.
    DanglingReference {
        /// The id referred to.
        to: Id,
        /// Where the reference stands.
        path: String,
        /// What kind of element it should name; `None` where any kind will do.
        expected: Option<ElementKind>,
        /// What it names instead, if anything.
        found: Option<ElementKind>,
    },
}

impl fmt::Display for IntegrityProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IntegrityProblem::DuplicateId { id, first, again } => {
                write!(f, "{again}: id `{id}` is already used at {first}")
            }
            IntegrityProblem::InvalidId { id, path } => write!(
                f,
                "{path}: id `{id}` must be 1 to 64 letters, digits, `-`, `_` or `.`"
            ),
            IntegrityProblem::DanglingReference {
                to,
                path,
                expected: None,
                ..
            } => {
                write!(f, "{path}: no element has the id `{to}`")
            }
            IntegrityProblem::DanglingReference {
                to,
                path,
                expected: Some(kind),
                found: None,
            } => {
                write!(f, "{path}: no {kind} has the id `{to}`")
            }
            IntegrityProblem::DanglingReference {
                to,
                path,
                expected: Some(kind),
                found: Some(found),
            } => write!(f, "{path}: `{to}` is a {found}, expected a {kind}"),
        }
    }
}

impl Design {
    /// Finds the element with the given id.
    pub fn find(&self, id: &str) -> Option<ElementRef<'_>> {
        use ElementRef as R;
        macro_rules! top {
            ($list:ident, $variant:ident) => {
                if let Some(e) = self.$list.iter().find(|e| e.id == id) {
                    return Some(R::$variant(e));
                }
            };
        }
        top!(customers, Customer);
        top!(subscriptions, Subscription);
        top!(sites, Site);
        top!(routers, Router);
        top!(links, SiteLink);
        top!(direct_ports, DirectPort);
        top!(circuits, Circuit);
        top!(vnets, Vnet);
        top!(vnet_peerings, VnetPeering);
        top!(gateways, Gateway);
        top!(connections, Connection);
        top!(route_tables, RouteTable);
        top!(nsgs, Nsg);
        top!(appliances, Appliance);
        top!(vpn_connections, VpnConnection);
        for c in &self.circuits {
            for p in &c.peerings {
                if p.id == id {
                    return Some(R::Peering(c, p));
                }
                let filter = p.microsoft.as_ref().and_then(|m| m.route_filter.as_ref());
                if let Some(f) = filter.filter(|f| f.id == id) {
                    return Some(R::RouteFilter(c, f));
                }
            }
            if let Some(a) = c.authorizations.iter().find(|a| a.id == id) {
                return Some(R::Authorization(c, a));
            }
            if let Some(g) = c.global_reach.iter().find(|g| g.id == id) {
                return Some(R::GlobalReach(c, g));
            }
        }
        for v in &self.vnets {
            if let Some(s) = v.subnets.iter().find(|s| s.id == id) {
                return Some(R::Subnet(v, s));
            }
        }
        for t in &self.route_tables {
            if let Some(r) = t.routes.iter().find(|r| r.id == id) {
                return Some(R::Route(t, r));
            }
        }
        for n in &self.nsgs {
            if let Some(r) = n.rules.iter().find(|r| r.id == id) {
                return Some(R::NsgRule(n, r));
            }
        }
        None
    }

    /// Tells whether any element has the given id.
    pub fn contains(&self, id: &str) -> bool {
        self.find(id).is_some()
    }

    /// The ids of every element, with its kind, in file order.
    pub fn element_ids(&self) -> Vec<(Id, ElementKind)> {
        self.entries().into_iter().map(|e| (e.id, e.kind)).collect()
    }

    /// A fresh id with the given prefix, such as `circuit-3`, that no
    /// element uses yet.
    pub fn fresh_id(&self, prefix: &str) -> Id {
        let taken: std::collections::BTreeSet<Id> =
            self.entries().into_iter().map(|e| e.id).collect();
        (1..)
            .map(|n| Id::new(format!("{prefix}-{n}")))
            .find(|id| !taken.contains(id))
            .expect("an unbounded range always yields an unused id")
    }

    pub(crate) fn entries(&self) -> Vec<Entry> {
        let mut out = Vec::new();
        let mut push = |id: &Id, kind, path: String| {
            out.push(Entry {
                id: id.clone(),
                kind,
                path,
            })
        };
        use ElementKind as K;
        for (i, e) in self.customers.iter().enumerate() {
            push(&e.id, K::Customer, format!("design.customers[{i}]"));
        }
        for (i, e) in self.subscriptions.iter().enumerate() {
            push(&e.id, K::Subscription, format!("design.subscriptions[{i}]"));
        }
        for (i, e) in self.sites.iter().enumerate() {
            push(&e.id, K::Site, format!("design.sites[{i}]"));
        }
        for (i, e) in self.routers.iter().enumerate() {
            push(&e.id, K::Router, format!("design.routers[{i}]"));
        }
        for (i, e) in self.links.iter().enumerate() {
            push(&e.id, K::SiteLink, format!("design.links[{i}]"));
        }
        for (i, e) in self.direct_ports.iter().enumerate() {
            push(&e.id, K::DirectPort, format!("design.direct_ports[{i}]"));
        }
        for (i, c) in self.circuits.iter().enumerate() {
            let at = format!("design.circuits[{i}]");
            push(&c.id, K::Circuit, at.clone());
            for (j, p) in c.peerings.iter().enumerate() {
                push(&p.id, K::Peering, format!("{at}.peerings[{j}]"));
                if let Some(f) = p.microsoft.as_ref().and_then(|m| m.route_filter.as_ref()) {
                    push(
                        &f.id,
                        K::RouteFilter,
                        format!("{at}.peerings[{j}].microsoft.route_filter"),
                    );
                }
            }
            for (j, a) in c.authorizations.iter().enumerate() {
                push(&a.id, K::Authorization, format!("{at}.authorizations[{j}]"));
            }
            for (j, g) in c.global_reach.iter().enumerate() {
                push(&g.id, K::GlobalReach, format!("{at}.global_reach[{j}]"));
            }
        }
        for (i, v) in self.vnets.iter().enumerate() {
            push(&v.id, K::Vnet, format!("design.vnets[{i}]"));
            for (j, s) in v.subnets.iter().enumerate() {
                push(&s.id, K::Subnet, format!("design.vnets[{i}].subnets[{j}]"));
            }
        }
        for (i, e) in self.vnet_peerings.iter().enumerate() {
            push(&e.id, K::VnetPeering, format!("design.vnet_peerings[{i}]"));
        }
        for (i, e) in self.gateways.iter().enumerate() {
            push(&e.id, K::Gateway, format!("design.gateways[{i}]"));
        }
        for (i, e) in self.connections.iter().enumerate() {
            push(&e.id, K::Connection, format!("design.connections[{i}]"));
        }
        for (i, t) in self.route_tables.iter().enumerate() {
            push(&t.id, K::RouteTable, format!("design.route_tables[{i}]"));
            for (j, r) in t.routes.iter().enumerate() {
                push(
                    &r.id,
                    K::Route,
                    format!("design.route_tables[{i}].routes[{j}]"),
                );
            }
        }
        for (i, n) in self.nsgs.iter().enumerate() {
            push(&n.id, K::Nsg, format!("design.nsgs[{i}]"));
            for (j, r) in n.rules.iter().enumerate() {
                push(&r.id, K::NsgRule, format!("design.nsgs[{i}].rules[{j}]"));
            }
        }
        for (i, e) in self.appliances.iter().enumerate() {
            push(&e.id, K::Appliance, format!("design.appliances[{i}]"));
        }
        for (i, e) in self.vpn_connections.iter().enumerate() {
            push(
                &e.id,
                K::VpnConnection,
                format!("design.vpn_connections[{i}]"),
            );
        }
        out
    }

    pub(crate) fn references(&self) -> Vec<Reference> {
        use ElementKind as K;
        let mut out = Vec::new();
        let mut r = |from: &Id, path: String, to: &Id, expected: &'static [ElementKind]| {
            out.push(Reference {
                from: from.clone(),
                path,
                to: to.clone(),
                expected,
            });
        };
        for (i, e) in self.subscriptions.iter().enumerate() {
            r(
                &e.id,
                format!("design.subscriptions[{i}].customer"),
                &e.customer,
                &[K::Customer],
            );
        }
        for (i, e) in self.sites.iter().enumerate() {
            if let Some(c) = &e.customer {
                r(
                    &e.id,
                    format!("design.sites[{i}].customer"),
                    c,
                    &[K::Customer],
                );
            }
        }
        for (i, e) in self.routers.iter().enumerate() {
            r(
                &e.id,
                format!("design.routers[{i}].site"),
                &e.site,
                &[K::Site],
            );
            for (j, c) in e.vrfs.iter().enumerate() {
                r(
                    &e.id,
                    format!("design.routers[{i}].vrfs[{j}]"),
                    c,
                    &[K::Customer],
                );
            }
        }
        for (i, e) in self.links.iter().enumerate() {
            r(&e.id, format!("design.links[{i}].a"), &e.a, &[K::Router]);
            r(&e.id, format!("design.links[{i}].b"), &e.b, &[K::Router]);
            if let Some(c) = &e.customer {
                r(
                    &e.id,
                    format!("design.links[{i}].customer"),
                    c,
                    &[K::Customer],
                );
            }
        }
        for (i, e) in self.direct_ports.iter().enumerate() {
            let path = format!("design.direct_ports[{i}].subscription");
            r(&e.id, path, &e.subscription, &[K::Subscription]);
        }
        for (i, c) in self.circuits.iter().enumerate() {
            let at = format!("design.circuits[{i}]");
            r(&c.id, format!("{at}.customer"), &c.customer, &[K::Customer]);
            r(
                &c.id,
                format!("{at}.subscription"),
                &c.subscription,
                &[K::Subscription],
            );
            if let Some(p) = &c.direct_port {
                r(&c.id, format!("{at}.direct_port"), p, &[K::DirectPort]);
            }
            if let Some(x) = &c.primary_router {
                r(&c.id, format!("{at}.primary_router"), x, &[K::Router]);
            }
            if let Some(x) = &c.secondary_router {
                r(&c.id, format!("{at}.secondary_router"), x, &[K::Router]);
            }
            for (j, a) in c.authorizations.iter().enumerate() {
                let path = format!("{at}.authorizations[{j}].subscription");
                r(&a.id, path, &a.subscription, &[K::Subscription]);
            }
            for (j, g) in c.global_reach.iter().enumerate() {
                let path = format!("{at}.global_reach[{j}].peer_circuit");
                r(&g.id, path, &g.peer_circuit, &[K::Circuit]);
            }
        }
        for (i, v) in self.vnets.iter().enumerate() {
            let at = format!("design.vnets[{i}]");
            r(
                &v.id,
                format!("{at}.subscription"),
                &v.subscription,
                &[K::Subscription],
            );
            for (j, s) in v.subnets.iter().enumerate() {
                if let Some(t) = &s.route_table {
                    r(
                        &s.id,
                        format!("{at}.subnets[{j}].route_table"),
                        t,
                        &[K::RouteTable],
                    );
                }
                if let Some(n) = &s.nsg {
                    r(&s.id, format!("{at}.subnets[{j}].nsg"), n, &[K::Nsg]);
                }
            }
        }
        for (i, e) in self.vnet_peerings.iter().enumerate() {
            r(
                &e.id,
                format!("design.vnet_peerings[{i}].local"),
                &e.local,
                &[K::Vnet],
            );
            r(
                &e.id,
                format!("design.vnet_peerings[{i}].remote"),
                &e.remote,
                &[K::Vnet],
            );
        }
        for (i, e) in self.gateways.iter().enumerate() {
            r(
                &e.id,
                format!("design.gateways[{i}].vnet"),
                &e.vnet,
                &[K::Vnet],
            );
        }
        for (i, e) in self.connections.iter().enumerate() {
            r(
                &e.id,
                format!("design.connections[{i}].gateway"),
                &e.gateway,
                &[K::Gateway],
            );
            r(
                &e.id,
                format!("design.connections[{i}].circuit"),
                &e.circuit,
                &[K::Circuit],
            );
            if let Some(a) = &e.authorization {
                let path = format!("design.connections[{i}].authorization");
                r(&e.id, path, a, &[K::Authorization]);
            }
        }
        for (i, e) in self.appliances.iter().enumerate() {
            r(
                &e.id,
                format!("design.appliances[{i}].subnet"),
                &e.subnet,
                &[K::Subnet],
            );
        }
        for (i, e) in self.vpn_connections.iter().enumerate() {
            let at = format!("design.vpn_connections[{i}]");
            r(&e.id, format!("{at}.gateway"), &e.gateway, &[K::Gateway]);
            r(&e.id, format!("{at}.router"), &e.router, &[K::Router]);
        }
        for id in self.layout.positions.keys() {
            r(id, format!("design.layout.positions.{id}"), id, &[]);
        }
        for id in self.layout.sizes.keys() {
            r(id, format!("design.layout.sizes.{id}"), id, &[]);
        }
        out
    }

    /// Every duplicate id, malformed id and dangling reference, in file order.
    ///
    /// A design loaded from a file has none; one built in code may, and
    /// readers treat a dangling reference as absent.
    pub fn integrity_problems(&self) -> Vec<IntegrityProblem> {
        let mut problems = Vec::new();
        let mut seen: BTreeMap<Id, (String, ElementKind)> = BTreeMap::new();
        for entry in self.entries() {
            if !entry.id.is_valid() {
                problems.push(IntegrityProblem::InvalidId {
                    id: entry.id.clone(),
                    path: entry.path.clone(),
                });
            }
            if let Some((first, _)) = seen.get(&entry.id) {
                problems.push(IntegrityProblem::DuplicateId {
                    id: entry.id.clone(),
                    first: first.clone(),
                    again: entry.path.clone(),
                });
            } else {
                seen.insert(entry.id.clone(), (entry.path.clone(), entry.kind));
            }
        }
        for reference in self.references() {
            let found = seen.get(&reference.to).map(|(_, kind)| *kind);
            let fits = match found {
                Some(kind) => reference.expected.is_empty() || reference.expected.contains(&kind),
                None => false,
            };
            if !fits {
                problems.push(IntegrityProblem::DanglingReference {
                    to: reference.to,
                    path: reference.path,
                    expected: reference.expected.first().copied(),
                    found,
                });
            }
        }
        problems
    }
}

use crate::model::*;

/// One element of any kind, owned: what [`super::Command::Add`] and
/// [`super::Command::Update`] carry. Nested elements name their parent.
#[derive(Clone, Debug, PartialEq)]
#[allow(missing_docs)]
pub enum Element {
    Customer(Customer),
    Subscription(Subscription),
    Site(Site),
    Router(Router),
    SiteLink(SiteLink),
    DirectPort(DirectPort),
    Circuit(Circuit),
    Peering {
        circuit: Id,
        peering: Peering,
    },
    Authorization {
        circuit: Id,
        authorization: Authorization,
    },
    GlobalReach {
        circuit: Id,
        global_reach: GlobalReach,
    },
    Vnet(Vnet),
    Subnet {
        vnet: Id,
        subnet: Subnet,
    },
    VnetPeering(VnetPeering),
    Gateway(Gateway),
    Connection(Connection),
    RouteTable(RouteTable),
    Route {
        table: Id,
        route: Route,
    },
    Nsg(Nsg),
    NsgRule {
        nsg: Id,
        rule: NsgRule,
    },
    Appliance(Appliance),
    VpnConnection(VpnConnection),
}

impl Element {
    /// The element's id.
    pub fn id(&self) -> &Id {
        match self {
            Element::Customer(e) => &e.id,
            Element::Subscription(e) => &e.id,
            Element::Site(e) => &e.id,
            Element::Router(e) => &e.id,
            Element::SiteLink(e) => &e.id,
            Element::DirectPort(e) => &e.id,
            Element::Circuit(e) => &e.id,
            Element::Peering { peering, .. } => &peering.id,
            Element::Authorization { authorization, .. } => &authorization.id,
            Element::GlobalReach { global_reach, .. } => &global_reach.id,
            Element::Vnet(e) => &e.id,
            Element::Subnet { subnet, .. } => &subnet.id,
            Element::VnetPeering(e) => &e.id,
            Element::Gateway(e) => &e.id,
            Element::Connection(e) => &e.id,
            Element::RouteTable(e) => &e.id,
            Element::Route { route, .. } => &route.id,
            Element::Nsg(e) => &e.id,
            Element::NsgRule { rule, .. } => &rule.id,
            Element::Appliance(e) => &e.id,
            Element::VpnConnection(e) => &e.id,
        }
    }

    /// The element's kind.
    pub fn kind(&self) -> ElementKind {
        use ElementKind as K;
        match self {
            Element::Customer(_) => K::Customer,
            Element::Subscription(_) => K::Subscription,
            Element::Site(_) => K::Site,
            Element::Router(_) => K::Router,
            Element::SiteLink(_) => K::SiteLink,
            Element::DirectPort(_) => K::DirectPort,
            Element::Circuit(_) => K::Circuit,
            Element::Peering { .. } => K::Peering,
            Element::Authorization { .. } => K::Authorization,
            Element::GlobalReach { .. } => K::GlobalReach,
            Element::Vnet(_) => K::Vnet,
            Element::Subnet { .. } => K::Subnet,
            Element::VnetPeering(_) => K::VnetPeering,
            Element::Gateway(_) => K::Gateway,
            Element::Connection(_) => K::Connection,
            Element::RouteTable(_) => K::RouteTable,
            Element::Route { .. } => K::Route,
            Element::Nsg(_) => K::Nsg,
            Element::NsgRule { .. } => K::NsgRule,
            Element::Appliance(_) => K::Appliance,
            Element::VpnConnection(_) => K::VpnConnection,
        }
    }

    /// An owned copy of the element with the given id, ready to be edited
    /// and sent back as [`super::Command::Update`]. Route filters are edited
    /// through their peering.
    pub fn of(design: &Design, id: &str) -> Option<Element> {
        Some(match design.find(id)? {
            ElementRef::Customer(e) => Element::Customer(e.clone()),
            ElementRef::Subscription(e) => Element::Subscription(e.clone()),
            ElementRef::Site(e) => Element::Site(e.clone()),
            ElementRef::Router(e) => Element::Router(e.clone()),
            ElementRef::SiteLink(e) => Element::SiteLink(e.clone()),
            ElementRef::DirectPort(e) => Element::DirectPort(e.clone()),
            ElementRef::Circuit(e) => Element::Circuit(e.clone()),
            ElementRef::Peering(c, p) => Element::Peering {
                circuit: c.id.clone(),
                peering: p.clone(),
            },
            ElementRef::RouteFilter(..) => return None,
            ElementRef::Authorization(c, a) => Element::Authorization {
                circuit: c.id.clone(),
                authorization: a.clone(),
            },
            ElementRef::GlobalReach(c, g) => Element::GlobalReach {
                circuit: c.id.clone(),
                global_reach: g.clone(),
            },
            ElementRef::Vnet(e) => Element::Vnet(e.clone()),
            ElementRef::Subnet(v, s) => Element::Subnet {
                vnet: v.id.clone(),
                subnet: s.clone(),
            },
            ElementRef::VnetPeering(e) => Element::VnetPeering(e.clone()),
            ElementRef::Gateway(e) => Element::Gateway(e.clone()),
            ElementRef::Connection(e) => Element::Connection(e.clone()),
            ElementRef::RouteTable(e) => Element::RouteTable(e.clone()),
            ElementRef::Route(t, r) => Element::Route {
                table: t.id.clone(),
                route: r.clone(),
            },
            ElementRef::Nsg(e) => Element::Nsg(e.clone()),
            ElementRef::NsgRule(n, r) => Element::NsgRule {
                nsg: n.id.clone(),
                rule: r.clone(),
            },
            ElementRef::Appliance(e) => Element::Appliance(e.clone()),
            ElementRef::VpnConnection(e) => Element::VpnConnection(e.clone()),
        })
    }

    /// Every id the element holds, its own and those of nested elements.
    pub(crate) fn own_ids(&self) -> Vec<Id> {
        let mut d = Design::default();
        match self.clone() {
            Element::Circuit(c) => d.circuits.push(c),
            Element::Peering { peering, .. } => {
                let filter = peering
                    .microsoft
                    .as_ref()
                    .and_then(|m| m.route_filter.as_ref());
                return std::iter::once(peering.id.clone())
                    .chain(filter.map(|f| f.id.clone()))
                    .collect();
            }
            Element::Vnet(v) => d.vnets.push(v),
            Element::RouteTable(t) => d.route_tables.push(t),
            Element::Nsg(n) => d.nsgs.push(n),
            other => return vec![other.id().clone()],
        }
        d.entries().into_iter().map(|e| e.id).collect()
    }
}

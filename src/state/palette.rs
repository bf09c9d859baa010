//! The palette: every kind of element a user can add, grouped, and the
//! command that adds one with sensible defaults from the facts table.

use ipnet::{IpNet, Ipv4Net};
use routecraft_core::edit::{Command, Element};
use routecraft_core::model::*;

use super::ids::IdPool;

/// The palette's groups, in the order shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Group {
    /// Datacenters, provider edges and their routers.
    SitesAndRouters,
    /// ExpressRoute circuits, ports and peerings.
    CircuitsAndPeerings,
    /// VNets, subnets, gateways and route tables.
    AzureNetworking,
    /// Security groups, rules and appliances.
    Security,
    /// Elements made by dragging from one element to another.
    Connections,
}

impl Group {
    /// Every group, in the order shown.
    pub const ALL: [Group; 5] = [
        Group::SitesAndRouters,
        Group::CircuitsAndPeerings,
        Group::AzureNetworking,
        Group::Security,
        Group::Connections,
    ];

    /// The heading a user reads.
    pub fn label(self) -> &'static str {
        match self {
            Group::SitesAndRouters => "Sites and routers",
            Group::CircuitsAndPeerings => "Circuits and peerings",
            Group::AzureNetworking => "Azure networking",
            Group::Security => "Security",
            Group::Connections => "Connections (drag between elements)",
        }
    }
}

/// One entry of the palette.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Item {
    /// A stable key, used in test ids and drag data.
    pub key: &'static str,
    /// The name a user reads.
    pub label: &'static str,
    /// The group it is listed under.
    pub group: Group,
    /// The kind of element it adds, which picks its icon.
    pub kind: ElementKind,
    /// For connections, how to make one; `None` for placeable items.
    pub how: Option<&'static str>,
}

const fn item(key: &'static str, label: &'static str, group: Group, kind: ElementKind) -> Item {
    Item {
        key,
        label,
        group,
        kind,
        how: None,
    }
}

const fn link(
    key: &'static str,
    label: &'static str,
    kind: ElementKind,
    how: &'static str,
) -> Item {
    Item {
        key,
        label,
        group: Group::Connections,
        kind,
        how: Some(how),
    }
}

/// Every palette entry.
pub const ITEMS: [Item; 25] = {
    use ElementKind as K;
    use Group::*;
    [
        item(
            "customer-dc",
            "Customer datacenter",
            SitesAndRouters,
            K::Site,
        ),
        item("csp-dc", "CSP datacenter", SitesAndRouters, K::Site),
        item("provider-edge", "Provider edge", SitesAndRouters, K::Site),
        item("router", "Router", SitesAndRouters, K::Router),
        item(
            "circuit",
            "ExpressRoute circuit",
            CircuitsAndPeerings,
            K::Circuit,
        ),
        item(
            "direct-port",
            "ExpressRoute Direct ports",
            CircuitsAndPeerings,
            K::DirectPort,
        ),
        item(
            "private-peering",
            "Private peering",
            CircuitsAndPeerings,
            K::Peering,
        ),
        item(
            "microsoft-peering",
            "Microsoft peering",
            CircuitsAndPeerings,
            K::Peering,
        ),
        item(
            "authorization",
            "Authorization",
            CircuitsAndPeerings,
            K::Authorization,
        ),
        item("vnet", "VNet", AzureNetworking, K::Vnet),
        item("subnet", "Subnet", AzureNetworking, K::Subnet),
        item(
            "gateway-subnet",
            "GatewaySubnet",
            AzureNetworking,
            K::Subnet,
        ),
        item(
            "er-gateway",
            "ExpressRoute gateway",
            AzureNetworking,
            K::Gateway,
        ),
        item("vpn-gateway", "VPN gateway", AzureNetworking, K::Gateway),
        item("route-table", "Route table", AzureNetworking, K::RouteTable),
        item("route", "User-defined route", AzureNetworking, K::Route),
        item("nsg", "Network security group", Security, K::Nsg),
        item("nsg-rule", "Security rule", Security, K::NsgRule),
        item("firewall", "Firewall", Security, K::Appliance),
        item("nva", "Network virtual appliance", Security, K::Appliance),
        link(
            "site-link",
            "Link",
            K::SiteLink,
            "drag from a router to another router",
        ),
        link(
            "connection",
            "Gateway connection",
            K::Connection,
            "drag from an ExpressRoute gateway to a circuit",
        ),
        link(
            "vpn-connection",
            "VPN connection",
            K::VpnConnection,
            "drag from a VPN gateway to a router",
        ),
        link(
            "vnet-peering",
            "VNet peering",
            K::VnetPeering,
            "drag from a spoke VNet to its hub",
        ),
        link(
            "global-reach",
            "Global Reach",
            K::GlobalReach,
            "drag from a circuit to another circuit",
        ),
    ]
};

/// The palette entry with the given key.
pub fn find(key: &str) -> Option<&'static Item> {
    ITEMS.iter().find(|i| i.key == key)
}

/// What adding a palette item does: the command, and the id to select after.
#[derive(Clone, Debug, PartialEq)]
pub struct Addition {
    /// The command to apply.
    pub command: Command,
    /// The new element the user will want to edit next.
    pub select: Id,
}

/// The command that adds `item` at `at`, inside or under `target` when it
/// suits (a router into a site, a subnet into a VNet, a rule into an NSG).
///
/// Elements that need a parent take the target, the target's parent, or
/// the first one in the design; a router or subnet with none gets a new
/// site or VNet too. Returns a sentence for the user when nothing fits.
pub fn addition(
    design: &Design,
    key: &str,
    target: Option<&Id>,
    at: Option<Position>,
) -> Result<Addition, String> {
    let item = find(key).ok_or_else(|| format!("unknown palette item `{key}`"))?;
    if let Some(how) = item.how {
        return Err(format!(
            "A {} is made by connecting: {how}.",
            item.label.to_lowercase()
        ));
    }
    let mut ids = IdPool::new(design);
    let mut commands = Vec::new();
    let mut add = |element: Element, at: Option<Position>| {
        commands.push(Command::Add { element, at });
    };
    let customer = design.customers.first().map(|c| c.id.clone());
    let subscription = design.subscriptions.first().map(|s| s.id.clone());
    let region = design
        .vnets
        .first()
        .map_or("westeurope".to_owned(), |v| v.region.clone());
    let parent_of = |kind: ElementKind| target.and_then(|t| parent_of_kind(design, t, kind));

    let select = match key {
        "customer-dc" | "csp-dc" | "provider-edge" => {
            let site = new_site(design, &mut ids, key, customer.clone());
            let id = site.id.clone();
            add(Element::Site(site), at);
            id
        }
        "router" => {
            let site = match parent_of(ElementKind::Site)
                .or_else(|| design.sites.first().map(|s| s.id.clone()))
            {
                Some(site) => site,
                None => {
                    let site = new_site(design, &mut ids, "customer-dc", customer.clone());
                    let id = site.id.clone();
                    add(Element::Site(site), at);
                    id
                }
            };
            let asn = router_asn(design, &site);
            let id = ids.fresh("router");
            add(
                Element::Router(Router {
                    id: id.clone(),
                    name: id.to_string(),
                    site,
                    asn,
                    vrfs: Vec::new(),
                }),
                at,
            );
            id
        }
        "circuit" => {
            let (customer, subscription) = owner(customer, subscription)?;
            let id = ids.fresh("circuit");
            add(
                Element::Circuit(Circuit {
                    id: id.clone(),
                    name: id.to_string(),
                    customer,
                    subscription,
                    kind: CircuitKind::Provider,
                    provider: "Equinix".into(),
                    peering_location: "Amsterdam".into(),
                    direct_port: None,
                    bandwidth_mbps: 1000,
                    tier: Tier::Standard,
                    family: Family::MeteredData,
                    primary_router: None,
                    secondary_router: None,
                    provider_state: ProviderState::NotProvisioned,
                    peerings: Vec::new(),
                    authorizations: Vec::new(),
                    global_reach: Vec::new(),
                    macsec: None,
                }),
                at,
            );
            id
        }
        "direct-port" => {
            let subscription =
                subscription.ok_or("Add a subscription first: the ports live in one.")?;
            let id = ids.fresh("direct-port");
            add(
                Element::DirectPort(DirectPort {
                    id: id.clone(),
                    name: id.to_string(),
                    subscription,
                    peering_location: "Amsterdam".into(),
                    port_speed_gbps: routecraft_core::facts::DIRECT_PORT_SPEEDS_GBPS[0],
                    encapsulation: Encapsulation::Dot1Q,
                }),
                at,
            );
            id
        }
        "private-peering" | "microsoft-peering" => {
            let circuit = parent_of(ElementKind::Circuit)
                .or_else(|| design.circuits.first().map(|c| c.id.clone()))
                .ok_or("Add a circuit first: a peering belongs to a circuit.")?;
            let kind = if key == "private-peering" {
                PeeringKind::AzurePrivatePeering
            } else {
                PeeringKind::MicrosoftPeering
            };
            let c = design
                .circuits
                .iter()
                .find(|c| c.id == circuit)
                .ok_or("no such circuit")?;
            if c.peering(kind).is_some() {
                return Err(format!("{} already has a {}.", c.name, kind.label()));
            }
            let id = ids.fresh("peering");
            add(
                Element::Peering {
                    circuit,
                    peering: new_peering(design, c, kind, id.clone()),
                },
                None,
            );
            id
        }
        "authorization" => {
            let circuit = parent_of(ElementKind::Circuit)
                .or_else(|| design.circuits.first().map(|c| c.id.clone()))
                .ok_or("Add a circuit first: an authorization belongs to a circuit.")?;
            let subscription = subscription.ok_or("Add a subscription first.")?;
            let id = ids.fresh("authorization");
            add(
                Element::Authorization {
                    circuit,
                    authorization: Authorization {
                        id: id.clone(),
                        name: id.to_string(),
                        subscription,
                    },
                },
                None,
            );
            id
        }
        "vnet" => {
            let vnet = new_vnet(
                design,
                &mut ids,
                subscription.ok_or("Add a subscription first: a VNet lives in one.")?,
                &region,
            );
            let id = vnet.id.clone();
            add(Element::Vnet(vnet), at);
            id
        }
        "subnet" | "gateway-subnet" | "er-gateway" | "vpn-gateway" => {
            let (vnet, space, subnets) = match parent_of(ElementKind::Vnet)
                .or_else(|| design.vnets.first().map(|v| v.id.clone()))
            {
                Some(id) => {
                    let v = design
                        .vnets
                        .iter()
                        .find(|v| v.id == id)
                        .ok_or("no such VNet")?;
                    (id, v.address_space.clone(), v.subnets.clone())
                }
                None => {
                    let v = new_vnet(
                        design,
                        &mut ids,
                        subscription.ok_or("Add a subscription first.")?,
                        &region,
                    );
                    let out = (v.id.clone(), v.address_space.clone(), Vec::new());
                    add(Element::Vnet(v), at);
                    out
                }
            };
            let has_gateway_subnet = subnets.iter().any(|s| s.is_gateway_subnet());
            let wants_gateway_subnet = key == "gateway-subnet";
            if wants_gateway_subnet && has_gateway_subnet {
                return Err("This VNet already has a GatewaySubnet.".into());
            }
            if key == "subnet" || wants_gateway_subnet {
                let len = if wants_gateway_subnet {
                    routecraft_core::facts::GATEWAY_SUBNET_RECOMMENDED_PREFIX
                } else {
                    24
                };
                let prefix = free_subnet(&space, &subnets, len)
                    .ok_or("The VNet's address space has no free range left; widen it first.")?;
                let id = ids.fresh("subnet");
                let name = if wants_gateway_subnet {
                    routecraft_core::facts::GATEWAY_SUBNET_NAME.to_owned()
                } else {
                    format!("subnet-{}", subnets.len() + 1)
                };
                add(
                    Element::Subnet {
                        vnet,
                        subnet: Subnet {
                            id: id.clone(),
                            name,
                            prefix,
                            route_table: None,
                            nsg: None,
                            service_endpoints: Vec::new(),
                        },
                    },
                    None,
                );
                id
            } else {
                let express_route = key == "er-gateway";
                let id = ids.fresh("gateway");
                add(
                    Element::Gateway(Gateway {
                        id: id.clone(),
                        name: id.to_string(),
                        vnet,
                        kind: if express_route {
                            GatewayKind::ExpressRoute
                        } else {
                            GatewayKind::Vpn
                        },
                        sku: if express_route {
                            GatewaySku::ErGw1Az
                        } else {
                            GatewaySku::VpnGw1AZ
                        },
                        scale_units: None,
                        asn: (!express_route).then_some(routecraft_core::facts::AZURE_GATEWAY_ASN),
                        private_ip_enabled: false,
                    }),
                    at,
                );
                id
            }
        }
        "route-table" => {
            let id = ids.fresh("route-table");
            add(
                Element::RouteTable(RouteTable {
                    id: id.clone(),
                    name: id.to_string(),
                    region,
                    propagate_gateway_routes: true,
                    routes: Vec::new(),
                }),
                at,
            );
            id
        }
        "route" => {
            let table = parent_of(ElementKind::RouteTable)
                .or_else(|| design.route_tables.first().map(|t| t.id.clone()))
                .ok_or("Add a route table first: a route belongs to one.")?;
            let id = ids.fresh("route");
            let route = Route {
                id: id.clone(),
                name: "default-to-firewall".into(),
                prefix: net("0.0.0.0/0"),
                next_hop: NextHopType::Internet,
                next_hop_ip: None,
            };
            add(Element::Route { table, route }, None);
            id
        }
        "nsg" => {
            let id = ids.fresh("nsg");
            add(
                Element::Nsg(Nsg {
                    id: id.clone(),
                    name: id.to_string(),
                    region,
                    rules: Vec::new(),
                }),
                at,
            );
            id
        }
        "nsg-rule" => {
            let nsg = parent_of(ElementKind::Nsg)
                .or_else(|| design.nsgs.first().map(|n| n.id.clone()))
                .ok_or("Add a network security group first: a rule belongs to one.")?;
            let taken: Vec<u16> = design
                .nsgs
                .iter()
                .filter(|n| n.id == nsg)
                .flat_map(|n| n.rules.iter().map(|r| r.priority))
                .collect();
            let priority = (100..=4096)
                .step_by(10)
                .find(|p| !taken.contains(p))
                .unwrap_or(4096);
            let id = ids.fresh("rule");
            add(
                Element::NsgRule {
                    nsg,
                    rule: NsgRule {
                        id: id.clone(),
                        name: "allow-https".into(),
                        priority,
                        direction: Direction::Inbound,
                        access: Access::Allow,
                        protocol: Protocol::Tcp,
                        source: "*".into(),
                        source_ports: "*".into(),
                        destination: "*".into(),
                        destination_ports: "443".into(),
                    },
                },
                None,
            );
            id
        }
        "firewall" | "nva" => {
            let subnet = parent_of(ElementKind::Subnet)
                .or_else(|| {
                    design
                        .vnets
                        .iter()
                        .flat_map(|v| &v.subnets)
                        .find(|s| !s.is_gateway_subnet())
                        .map(|s| s.id.clone())
                })
                .ok_or("Add a subnet first: an appliance stands in one.")?;
            let prefix = design
                .vnets
                .iter()
                .flat_map(|v| &v.subnets)
                .find(|s| s.id == subnet)
                .map(|s| s.prefix)
                .ok_or("no such subnet")?;
            let ip = prefix.hosts().nth(3).unwrap_or(prefix.addr());
            let id = ids.fresh(if key == "firewall" { "firewall" } else { "nva" });
            add(
                Element::Appliance(Appliance {
                    id: id.clone(),
                    name: id.to_string(),
                    subnet,
                    ip,
                    kind: if key == "firewall" {
                        ApplianceKind::Firewall
                    } else {
                        ApplianceKind::Nva
                    },
                    ip_forwarding: true,
                }),
                at,
            );
            id
        }
        _ => return Err(format!("unknown palette item `{key}`")),
    };

    let command = if commands.len() == 1 {
        commands.pop().expect("one command was just counted")
    } else {
        Command::Batch {
            label: format!("Add {}", item.label.to_lowercase()),
            commands,
        }
    };
    Ok(Addition { command, select })
}

/// The id of the element of `kind` that `target` is or belongs to.
fn parent_of_kind(design: &Design, target: &Id, kind: ElementKind) -> Option<Id> {
    let found = design.find(target.as_str())?;
    if found.kind() == kind {
        return Some(target.clone());
    }
    let parent = match found {
        ElementRef::Router(r) => r.site.clone(),
        ElementRef::Peering(c, _)
        | ElementRef::Authorization(c, _)
        | ElementRef::GlobalReach(c, _) => c.id.clone(),
        ElementRef::Subnet(v, _) => v.id.clone(),
        ElementRef::Gateway(g) => g.vnet.clone(),
        ElementRef::Route(t, _) => t.id.clone(),
        ElementRef::NsgRule(n, _) => n.id.clone(),
        ElementRef::Appliance(a) => a.subnet.clone(),
        _ => return None,
    };
    parent_of_kind(design, &parent, kind)
}

fn owner(customer: Option<Id>, subscription: Option<Id>) -> Result<(Id, Id), String> {
    match (customer, subscription) {
        (Some(c), Some(s)) => Ok((c, s)),
        _ => Err("Add a customer and a subscription first, in the design's properties.".into()),
    }
}

fn net(text: &str) -> IpNet {
    text.parse().expect("palette defaults are literals")
}

fn new_site(design: &Design, ids: &mut IdPool, key: &str, customer: Option<Id>) -> Site {
    let (kind, prefix, name) = match key {
        "csp-dc" => (SiteKind::CspDatacenter, "csp-dc", "CSP datacenter"),
        "provider-edge" => (SiteKind::ProviderEdge, "edge", "Provider edge"),
        _ => (SiteKind::CustomerDatacenter, "dc", "Customer datacenter"),
    };
    let id = ids.fresh(prefix);
    let space = match kind {
        SiteKind::ProviderEdge => Vec::new(),
        _ => free_slash16(
            design,
            if kind == SiteKind::CspDatacenter {
                172
            } else {
                10
            },
        )
        .into_iter()
        .collect(),
    };
    Site {
        id,
        name: format!(
            "{name} {}",
            design.sites.iter().filter(|s| s.kind == kind).count() + 1
        ),
        kind,
        customer: if kind == SiteKind::CustomerDatacenter {
            customer
        } else {
            None
        },
        advertised: space.clone(),
        address_space: space,
        advertises_default_route: false,
    }
}

fn router_asn(design: &Design, site: &Id) -> u32 {
    let kind = design.sites.iter().find(|s| &s.id == site).map(|s| s.kind);
    let same_site = design
        .routers
        .iter()
        .find(|r| &r.site == site)
        .map(|r| r.asn);
    match kind {
        _ if same_site.is_some() => same_site.unwrap_or(65001),
        Some(SiteKind::CspDatacenter) => design.partner.asn.unwrap_or(65010),
        Some(SiteKind::ProviderEdge) => 65100,
        _ => 65001,
    }
}

fn new_vnet(design: &Design, ids: &mut IdPool, subscription: Id, region: &str) -> Vnet {
    let id = ids.fresh("vnet");
    let space = free_slash16(design, 10).map(|n| {
        // A /22 at the start of a free /16 leaves room to grow.
        IpNet::V4(
            Ipv4Net::new(
                n.network().to_string().parse().expect("an IPv4 network"),
                22,
            )
            .expect("22 is a valid length"),
        )
    });
    Vnet {
        name: id.to_string(),
        id,
        subscription,
        region: region.to_owned(),
        address_space: space.into_iter().collect(),
        subnets: Vec::new(),
    }
}

/// The first 10.N.0.0/16 (or 172.N) that overlaps no site's or VNet's space.
fn free_slash16(design: &Design, first_octet: u8) -> Option<IpNet> {
    let used: Vec<IpNet> = design
        .sites
        .iter()
        .flat_map(|s| s.address_space.iter())
        .chain(design.vnets.iter().flat_map(|v| v.address_space.iter()))
        .copied()
        .collect();
    let start = if first_octet == 172 { 16 } else { 100 };
    (start..=255u8)
        .map(|n| net(&format!("{first_octet}.{n}.0.0/16")))
        .find(|candidate| !used.iter().any(|u| overlaps(u, candidate)))
}

/// The first prefix of `len` inside `space` that overlaps no subnet.
fn free_subnet(space: &[IpNet], subnets: &[Subnet], len: u8) -> Option<IpNet> {
    space
        .iter()
        .filter_map(|s| s.subnets(len).ok())
        .flatten()
        .find(|candidate| !subnets.iter().any(|s| overlaps(&s.prefix, candidate)))
}

fn overlaps(a: &IpNet, b: &IpNet) -> bool {
    a.contains(&b.network()) || b.contains(&a.network())
}

fn new_peering(design: &Design, circuit: &Circuit, kind: PeeringKind, id: Id) -> Peering {
    let peer_asn = circuit
        .primary_router
        .as_ref()
        .and_then(|r| design.routers.iter().find(|x| &x.id == r))
        .map_or(65001, |r| r.asn);
    let used_vlans: Vec<u16> = design
        .circuits
        .iter()
        .flat_map(|c| c.peerings.iter().map(|p| p.vlan_id))
        .collect();
    let vlan_id = (100..=4094)
        .step_by(100)
        .chain(1..=4094)
        .find(|v| !used_vlans.contains(v))
        .unwrap_or(1);
    let (primary, secondary, microsoft) = match kind {
        PeeringKind::AzurePrivatePeering => {
            let n = design.circuits.iter().flat_map(|c| &c.peerings).count() % 250;
            (
                format!("192.168.{n}.0/30"),
                format!("192.168.{n}.4/30"),
                None,
            )
        }
        _ => (
            "203.0.113.0/30".to_owned(),
            "203.0.113.4/30".to_owned(),
            Some(MicrosoftPeeringConfig::default()),
        ),
    };
    Peering {
        id,
        kind,
        peer_asn,
        primary_prefix: primary.parse().expect("a /30 literal"),
        secondary_prefix: secondary.parse().expect("a /30 literal"),
        ipv6: None,
        vlan_id,
        md5_key_ref: None,
        as_path_prepend: 0,
        enabled: true,
        microsoft,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use routecraft_core::edit::apply;

    fn add(design: &Design, key: &str, target: Option<&str>) -> Result<(Design, Id), String> {
        let target = target.map(Id::new);
        let a = addition(
            design,
            key,
            target.as_ref(),
            Some(Position::new(100.0, 100.0)),
        )?;
        let next = apply(design, &a.command).map_err(|e| e.to_string())?;
        Ok((next, a.select))
    }

    #[test]
    fn every_placeable_item_adds_to_a_blank_design_or_explains_why_not() {
        for item in ITEMS.iter() {
            let d = Design::blank("t", CspModel::ConnectTo);
            match add(&d, item.key, None) {
                Ok((next, id)) => assert!(next.contains(id.as_str()), "{}", item.key),
                Err(message) => assert!(message.ends_with('.'), "{}: {message}", item.key),
            }
        }
    }

    #[test]
    fn a_router_on_an_empty_canvas_brings_its_own_site() {
        let d = Design::blank("t", CspModel::ConnectTo);
        let (d, id) = add(&d, "router", None).unwrap();
        assert_eq!(d.sites.len(), 1);
        assert_eq!(d.routers[0].id, id);
        assert_eq!(d.routers[0].site, d.sites[0].id);
    }

    #[test]
    fn subnets_go_into_the_target_vnet_without_overlap() {
        let d = Design::blank("t", CspModel::ConnectTo);
        let (d, vnet) = add(&d, "vnet", None).unwrap();
        let (d, _) = add(&d, "gateway-subnet", Some(vnet.as_str())).unwrap();
        let (d, _) = add(&d, "subnet", Some(vnet.as_str())).unwrap();
        let subnets = &d.vnets[0].subnets;
        assert_eq!(subnets.len(), 2);
        assert!(!overlaps(&subnets[0].prefix, &subnets[1].prefix));
        assert!(subnets[0].is_gateway_subnet());
    }

    #[test]
    fn a_second_private_peering_on_one_circuit_is_refused() {
        let d = Design::blank("t", CspModel::ConnectTo);
        let (d, circuit) = add(&d, "circuit", None).unwrap();
        let (d, _) = add(&d, "private-peering", Some(circuit.as_str())).unwrap();
        assert!(add(&d, "private-peering", Some(circuit.as_str())).is_err());
    }

    #[test]
    fn connections_are_explained_not_placed() {
        let d = Design::blank("t", CspModel::ConnectTo);
        assert!(add(&d, "site-link", None).unwrap_err().contains("router"));
    }
}

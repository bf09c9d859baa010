//! Built-in designs a user starts from, one per CSP model.
//!
//! Both are small but realistic enough to show in a customer workshop, and
//! both validate without errors or warnings. Addresses come from the
//! private ranges and, for public addresses, from the documentation ranges
//! (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24), so no real network is
//! implied.

use ipnet::IpNet;

use crate::model::*;

/// The names [`by_name`] knows, in the order the studio offers them.
pub const TEMPLATE_NAMES: [&str; 2] = ["connect-through", "connect-to"];

/// The template with the given name, or `None`.
///
/// ```
/// use routecraft_core::templates::by_name;
/// assert_eq!(by_name("connect-to").unwrap().model.label(), "connect-to");
/// assert!(by_name("mesh").is_none());
/// ```
pub fn by_name(name: &str) -> Option<Design> {
    match name {
        "connect-through" => Some(connect_through()),
        "connect-to" => Some(connect_to()),
        _ => None,
    }
}

fn net(text: &str) -> IpNet {
    text.parse().expect("template prefixes are literals")
}

fn nets(texts: &[&str]) -> Vec<IpNet> {
    texts.iter().map(|t| net(t)).collect()
}

fn id(text: &str) -> Id {
    Id::new(text)
}

fn customer(key: &str, name: &str, vrf: Option<&str>, domain: &str) -> Customer {
    Customer {
        id: id(key),
        name: name.into(),
        vrf: vrf.map(Into::into),
        identity: Identity {
            entra_sync: true,
            admin_on_behalf: true,
            tenant_domain: domain.into(),
        },
        security: SecurityPosture::default(),
    }
}

fn subscription(key: &str, name: &str, customer: &str) -> Subscription {
    Subscription {
        id: id(key),
        name: name.into(),
        customer: id(customer),
        managed_by: ManagedBy::Csp,
    }
}

fn site(key: &str, name: &str, kind: SiteKind, customer: Option<&str>, space: &[&str]) -> Site {
    Site {
        id: id(key),
        name: name.into(),
        kind,
        customer: customer.map(id),
        address_space: nets(space),
        advertised: nets(space),
        advertises_default_route: false,
    }
}

fn router(key: &str, site: &str, asn: u32, vrfs: &[&str]) -> Router {
    Router {
        id: id(key),
        name: key.into(),
        site: id(site),
        asn,
        vrfs: vrfs.iter().map(|v| id(v)).collect(),
    }
}

fn link(key: &str, a: &str, b: &str, customer: Option<&str>) -> SiteLink {
    SiteLink {
        id: id(key),
        name: String::new(),
        a: id(a),
        b: id(b),
        customer: customer.map(id),
        bandwidth_mbps: Some(1000),
    }
}

fn private_peering(key: &str, asn: u32, primary: &str, secondary: &str, vlan: u16) -> Peering {
    Peering {
        id: id(key),
        kind: PeeringKind::AzurePrivatePeering,
        peer_asn: asn,
        primary_prefix: primary.parse().expect("literal"),
        secondary_prefix: secondary.parse().expect("literal"),
        ipv6: None,
        vlan_id: vlan,
        md5_key_ref: None,
        as_path_prepend: 0,
        enabled: true,
        microsoft: None,
    }
}

struct CircuitSpec<'a> {
    key: &'a str,
    customer: &'a str,
    subscription: &'a str,
    primary: &'a str,
    secondary: &'a str,
    tier: Tier,
    family: Family,
    peerings: Vec<Peering>,
}

fn circuit(spec: CircuitSpec<'_>) -> Circuit {
    Circuit {
        id: id(spec.key),
        name: spec.key.into(),
        customer: id(spec.customer),
        subscription: id(spec.subscription),
        kind: CircuitKind::Provider,
        provider: "Equinix".into(),
        peering_location: "Amsterdam".into(),
        direct_port: None,
        bandwidth_mbps: 1000,
        tier: spec.tier,
        family: spec.family,
        primary_router: Some(id(spec.primary)),
        secondary_router: Some(id(spec.secondary)),
        provider_state: ProviderState::Provisioned,
        peerings: spec.peerings,
        authorizations: Vec::new(),
        global_reach: Vec::new(),
        macsec: None,
    }
}

fn subnet(key: &str, name: &str, prefix: &str) -> Subnet {
    Subnet {
        id: id(key),
        name: name.into(),
        prefix: net(prefix),
        route_table: None,
        nsg: None,
        service_endpoints: Vec::new(),
    }
}

fn vnet(key: &str, subscription: &str, space: &str, subnets: Vec<Subnet>) -> Vnet {
    Vnet {
        id: id(key),
        name: key.into(),
        subscription: id(subscription),
        region: "westeurope".into(),
        address_space: nets(&[space]),
        subnets,
    }
}

fn spoke_peering(key: &str, spoke: &str, hub: &str) -> VnetPeering {
    VnetPeering {
        id: id(key),
        local: id(spoke),
        remote: id(hub),
        allow_gateway_transit: true,
        use_remote_gateways: true,
        allow_forwarded_traffic: true,
    }
}

fn er_gateway(key: &str, vnet: &str) -> Gateway {
    Gateway {
        id: id(key),
        name: key.into(),
        vnet: id(vnet),
        kind: GatewayKind::ExpressRoute,
        sku: GatewaySku::ErGw1Az,
        scale_units: None,
        asn: None,
        private_ip_enabled: false,
    }
}

fn connection(key: &str, gateway: &str, circuit: &str) -> Connection {
    Connection {
        id: id(key),
        name: key.into(),
        gateway: id(gateway),
        circuit: id(circuit),
        routing_weight: 0,
        fast_path: false,
        authorization: None,
    }
}

fn https_from_on_premises(key: &str, on_premises: &str) -> Nsg {
    Nsg {
        id: id(key),
        name: key.into(),
        region: "westeurope".into(),
        rules: vec![NsgRule {
            id: id(&format!("{key}-https")),
            name: "allow-https-from-on-premises".into(),
            priority: 200,
            direction: Direction::Inbound,
            access: Access::Allow,
            protocol: Protocol::Tcp,
            source: on_premises.into(),
            source_ports: "*".into(),
            destination: "*".into(),
            destination_ports: "443".into(),
        }],
    }
}

/// Connect-through: a CSP whose two Amsterdam datacenters carry two
/// customers, Contoso and Fabrikam, whose address plans overlap. Each
/// customer has its own VRF, its own circuit whose connections end on two
/// CSP routers, and a hub VNet with spokes behind private peering.
pub fn connect_through() -> Design {
    let mut vnets = Vec::new();
    let mut peerings = Vec::new();
    let mut gateways = Vec::new();
    let mut connections = Vec::new();
    let mut nsgs = Vec::new();
    for (c, spokes) in [
        ("contoso", &["app", "data"][..]),
        ("fabrikam", &["app"][..]),
    ] {
        let hub = format!("{c}-hub");
        let sub = format!("{c}-prod");
        vnets.push(vnet(
            &hub,
            &sub,
            "10.100.0.0/22",
            vec![
                subnet(&format!("{hub}-gateway"), "GatewaySubnet", "10.100.0.0/27"),
                subnet(&format!("{hub}-shared"), "shared-services", "10.100.1.0/24"),
            ],
        ));
        for (i, name) in spokes.iter().enumerate() {
            let spoke = format!("{c}-spoke-{name}");
            let space = format!("10.100.{}.0/22", 4 * (i + 1));
            let prefix = format!("10.100.{}.0/24", 4 * (i + 1));
            let mut workload = subnet(&format!("{spoke}-workload"), "workload", &prefix);
            let nsg = format!("{spoke}-nsg");
            workload.nsg = Some(id(&nsg));
            nsgs.push(https_from_on_premises(&nsg, "10.10.0.0/16"));
            vnets.push(vnet(&spoke, &sub, &space, vec![workload]));
            peerings.push(spoke_peering(&format!("{spoke}-to-hub"), &spoke, &hub));
        }
        gateways.push(er_gateway(&format!("{hub}-ergw"), &hub));
        connections.push(connection(
            &format!("{hub}-ergw-to-er-{c}-ams"),
            &format!("{hub}-ergw"),
            &format!("er-{c}-ams"),
        ));
    }

    Design {
        name: "Northwind connect-through: Contoso and Fabrikam".into(),
        model: CspModel::ConnectThrough,
        partner: Partner {
            name: "Northwind Cloud Services".into(),
            asn: Some(65010),
        },
        customers: vec![
            customer("contoso", "Contoso", Some("VRF-CONTOSO"), "contoso.example"),
            customer(
                "fabrikam",
                "Fabrikam",
                Some("VRF-FABRIKAM"),
                "fabrikam.example",
            ),
        ],
        subscriptions: vec![
            subscription("contoso-prod", "Contoso production", "contoso"),
            subscription("fabrikam-prod", "Fabrikam production", "fabrikam"),
        ],
        sites: vec![
            site(
                "nw-ams1",
                "Northwind Amsterdam DC1",
                SiteKind::CspDatacenter,
                None,
                &[],
            ),
            site(
                "nw-ams2",
                "Northwind Amsterdam DC2",
                SiteKind::CspDatacenter,
                None,
                &[],
            ),
            site(
                "contoso-hq",
                "Contoso head office",
                SiteKind::CustomerDatacenter,
                Some("contoso"),
                &["10.10.0.0/16"],
            ),
            site(
                "fabrikam-plant",
                "Fabrikam plant",
                SiteKind::CustomerDatacenter,
                Some("fabrikam"),
                &["10.10.0.0/16"],
            ),
        ],
        routers: vec![
            router("nw-ams1-edge", "nw-ams1", 65010, &["contoso", "fabrikam"]),
            router("nw-ams2-edge", "nw-ams2", 65010, &["contoso", "fabrikam"]),
            router("contoso-hq-rtr", "contoso-hq", 65101, &[]),
            router("fabrikam-plant-rtr", "fabrikam-plant", 65201, &[]),
        ],
        links: vec![
            link(
                "contoso-hq-to-ams1",
                "contoso-hq-rtr",
                "nw-ams1-edge",
                Some("contoso"),
            ),
            link(
                "contoso-hq-to-ams2",
                "contoso-hq-rtr",
                "nw-ams2-edge",
                Some("contoso"),
            ),
            link(
                "fabrikam-plant-to-ams1",
                "fabrikam-plant-rtr",
                "nw-ams1-edge",
                Some("fabrikam"),
            ),
            link(
                "fabrikam-plant-to-ams2",
                "fabrikam-plant-rtr",
                "nw-ams2-edge",
                Some("fabrikam"),
            ),
        ],
        direct_ports: Vec::new(),
        circuits: vec![
            circuit(CircuitSpec {
                key: "er-contoso-ams",
                customer: "contoso",
                subscription: "contoso-prod",
                primary: "nw-ams1-edge",
                secondary: "nw-ams2-edge",
                tier: Tier::Standard,
                family: Family::MeteredData,
                peerings: vec![private_peering(
                    "er-contoso-ams-private",
                    65010,
                    "192.168.10.0/30",
                    "192.168.10.4/30",
                    110,
                )],
            }),
            circuit(CircuitSpec {
                key: "er-fabrikam-ams",
                customer: "fabrikam",
                subscription: "fabrikam-prod",
                primary: "nw-ams1-edge",
                secondary: "nw-ams2-edge",
                tier: Tier::Standard,
                family: Family::MeteredData,
                peerings: vec![private_peering(
                    "er-fabrikam-ams-private",
                    65010,
                    "192.168.20.0/30",
                    "192.168.20.4/30",
                    120,
                )],
            }),
        ],
        vnets,
        vnet_peerings: peerings,
        gateways,
        connections,
        route_tables: Vec::new(),
        nsgs,
        appliances: Vec::new(),
        vpn_connections: Vec::new(),
        layout: Layout::default(),
        baseline: None,
    }
}

/// Connect-to: Contoso's own circuit from its Amsterdam datacenter straight
/// to the CSP-provisioned subscription, with private peering to a hub and
/// spoke and Microsoft peering with a route filter, plus Contoso's link to
/// the CSP's datacenter.
pub fn connect_to() -> Design {
    let mut contoso = customer("contoso", "Contoso", None, "contoso.example");
    contoso.identity.admin_on_behalf = true;

    let mut microsoft = private_peering(
        "er-contoso-microsoft",
        64700,
        "203.0.113.0/30",
        "203.0.113.4/30",
        200,
    );
    microsoft.kind = PeeringKind::MicrosoftPeering;
    microsoft.microsoft = Some(MicrosoftPeeringConfig {
        advertised_public_prefixes: nets(&["203.0.113.128/28"]),
        customer_asn: None,
        routing_registry: Some(RoutingRegistry::Ripencc),
        route_filter: Some(RouteFilter {
            id: id("er-contoso-filter"),
            name: "contoso-azure-services".into(),
            communities: vec!["12076:5060".into(), "12076:5070".into()],
        }),
    });

    let mut workload = subnet("contoso-spoke-workload", "workload", "10.120.4.0/24");
    workload.nsg = Some(id("contoso-spoke-nsg"));

    Design {
        name: "Contoso connect-to with Northwind".into(),
        model: CspModel::ConnectTo,
        partner: Partner {
            name: "Northwind Cloud Services".into(),
            asn: Some(65010),
        },
        customers: vec![contoso],
        subscriptions: vec![subscription(
            "contoso-prod",
            "Contoso production (CSP)",
            "contoso",
        )],
        sites: vec![
            site(
                "contoso-ams",
                "Contoso Amsterdam DC",
                SiteKind::CustomerDatacenter,
                Some("contoso"),
                &["10.20.0.0/16"],
            ),
            site(
                "contoso-utr",
                "Contoso Utrecht DC",
                SiteKind::CustomerDatacenter,
                Some("contoso"),
                &["10.21.0.0/16"],
            ),
            site(
                "nw-ams1",
                "Northwind Amsterdam DC1",
                SiteKind::CspDatacenter,
                None,
                &["172.20.0.0/16"],
            ),
        ],
        routers: vec![
            router("contoso-ams-rtr", "contoso-ams", 64700, &[]),
            router("contoso-utr-rtr", "contoso-utr", 64700, &[]),
            router("nw-ams1-edge", "nw-ams1", 65010, &["contoso"]),
        ],
        links: vec![
            link(
                "contoso-ams-to-utr",
                "contoso-ams-rtr",
                "contoso-utr-rtr",
                Some("contoso"),
            ),
            link(
                "contoso-ams-to-northwind",
                "contoso-ams-rtr",
                "nw-ams1-edge",
                Some("contoso"),
            ),
        ],
        direct_ports: Vec::new(),
        circuits: vec![circuit(CircuitSpec {
            key: "er-contoso-ams",
            customer: "contoso",
            subscription: "contoso-prod",
            primary: "contoso-ams-rtr",
            secondary: "contoso-utr-rtr",
            tier: Tier::Standard,
            family: Family::UnlimitedData,
            peerings: vec![
                private_peering(
                    "er-contoso-private",
                    64700,
                    "192.168.50.0/30",
                    "192.168.50.4/30",
                    100,
                ),
                microsoft,
            ],
        })],
        vnets: vec![
            vnet(
                "contoso-hub",
                "contoso-prod",
                "10.120.0.0/22",
                vec![
                    subnet("contoso-hub-gateway", "GatewaySubnet", "10.120.0.0/27"),
                    subnet("contoso-hub-shared", "shared-services", "10.120.1.0/24"),
                ],
            ),
            vnet(
                "contoso-spoke",
                "contoso-prod",
                "10.120.4.0/22",
                vec![workload],
            ),
        ],
        vnet_peerings: vec![spoke_peering(
            "contoso-spoke-to-hub",
            "contoso-spoke",
            "contoso-hub",
        )],
        gateways: vec![er_gateway("contoso-hub-ergw", "contoso-hub")],
        connections: vec![connection(
            "contoso-hub-ergw-to-er-contoso-ams",
            "contoso-hub-ergw",
            "er-contoso-ams",
        )],
        route_tables: Vec::new(),
        nsgs: vec![https_from_on_premises("contoso-spoke-nsg", "10.20.0.0/15")],
        appliances: Vec::new(),
        vpn_connections: Vec::new(),
        layout: Layout::default(),
        baseline: None,
    }
}

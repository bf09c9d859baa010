//! Effective routes of subnets and routes of on-premises routers, against
//! the published behaviours of §4 of the Azure facts.

#[path = "routing_support.rs"]
mod support;

use routecraft_core::model::*;
use routecraft_core::routing::*;
use routecraft_core::templates;
use support::*;

#[test]
fn the_longest_prefix_wins_as_in_the_documented_example() {
    // §4.1: with 10.0.0.0/24 and 10.0.0.0/16, 10.0.0.5 takes the /24 and
    // 10.0.1.5 the /16.
    let design = lab()
        .vnet(
            "far",
            "10.2.0.0/16",
            &[("app", "10.2.1.0/24"), ("nva", "10.2.2.0/24")],
        )
        .udr(
            "far-app",
            "10.0.0.0/16",
            NextHopType::VirtualAppliance,
            Some("10.2.2.4"),
        )
        .udr("far-app", "10.0.0.0/24", NextHopType::None, None)
        .design;
    assert_eq!(
        route_for(&design, "far-app", "10.0.0.5"),
        "User Active 10.0.0.0/24 None"
    );
    assert_eq!(
        route_for(&design, "far-app", "10.0.1.5"),
        "User Active 10.0.0.0/16 VirtualAppliance 10.2.2.4"
    );
}

#[test]
fn for_one_prefix_a_user_route_beats_a_gateway_route_which_beats_a_system_route() {
    let mut lab = lab().udr(
        "hub-app",
        "10.0.0.0/8",
        NextHopType::VirtualAppliance,
        Some("10.1.1.4"),
    );
    lab.site_mut("dc").advertised.push(net("10.0.0.0/8"));
    let rows = table(&lab.design, "hub-app");
    let for_ten: Vec<&String> = rows.iter().filter(|r| r.contains(" 10.0.0.0/8 ")).collect();
    assert_eq!(
        for_ten,
        [
            "User Active 10.0.0.0/8 VirtualAppliance 10.1.1.4",
            "VirtualNetworkGateway Invalid 10.0.0.0/8 VirtualNetworkGateway 192.168.0.1,192.168.0.5",
            "Default Invalid 10.0.0.0/8 None",
        ]
    );
}

#[test]
fn a_gateway_route_beats_the_system_route_for_the_same_prefix() {
    let mut lab = lab();
    lab.site_mut("dc").advertised.push(net("10.0.0.0/8"));
    let rows = table(&lab.design, "hub-app");
    assert!(
        rows.contains(&"Default Invalid 10.0.0.0/8 None".to_owned()),
        "{rows:#?}"
    );
    assert_eq!(
        route_for(&lab.design, "hub-app", "10.9.9.9"),
        "VirtualNetworkGateway Active 10.0.0.0/8 VirtualNetworkGateway 192.168.0.1,192.168.0.5"
    );
}

#[test]
fn the_vnet_address_space_beats_a_more_specific_gateway_route() {
    let mut lab = lab();
    lab.site_mut("dc").advertised.push(net("10.1.5.0/24"));
    assert_eq!(
        route_for(&lab.design, "hub-app", "10.1.5.9"),
        "Default Active 10.1.0.0/16 VnetLocal"
    );
    let rows = table(&lab.design, "hub-app");
    assert!(
        rows.iter()
            .any(|r| r.starts_with("VirtualNetworkGateway Invalid 10.1.5.0/24")),
        "{rows:#?}"
    );
}

#[test]
fn a_default_route_from_on_premises_overrides_the_internet_route() {
    let design = lab()
        .with(|l| l.site_mut("dc").advertises_default_route = true)
        .design;
    let rows = table(&design, "hub-app");
    assert!(
        rows.contains(&"Default Invalid 0.0.0.0/0 Internet".to_owned()),
        "{rows:#?}"
    );
    assert_eq!(
        route_for(&design, "hub-app", "8.8.8.8"),
        "VirtualNetworkGateway Active 0.0.0.0/0 VirtualNetworkGateway 192.168.0.1,192.168.0.5"
    );
    assert_eq!(
        route_for(&lab().design, "hub-app", "8.8.8.8"),
        "Default Active 0.0.0.0/0 Internet"
    );
}

#[test]
fn a_route_table_without_gateway_propagation_gets_no_gateway_routes() {
    let mut lab = lab().udr("hub-app", "192.0.2.0/24", NextHopType::Internet, None);
    lab.design.route_tables[0].propagate_gateway_routes = false;
    let rows = table(&lab.design, "hub-app");
    assert!(
        !rows.iter().any(|r| r.starts_with("VirtualNetworkGateway")),
        "{rows:#?}"
    );
    assert_eq!(
        route_for(&lab.design, "hub-app", "10.50.0.9"),
        "Default Active 10.0.0.0/8 None"
    );
    assert!(table(&lab.design, "hub-GatewaySubnet")
        .iter()
        .any(|r| r.contains("10.50.0.0/16")));
}

#[test]
fn expressroute_beats_vpn_for_the_same_prefix_but_a_more_specific_vpn_prefix_wins() {
    let design = lab()
        .gateway("vpngw", "hub", GatewayKind::Vpn)
        .vpn(
            "tunnel",
            "vpngw",
            "dc-rtr",
            &["10.50.0.0/16", "10.50.7.0/24"],
        )
        .design;
    assert_eq!(
        ways(&design, "hub-app", "10.50.1.1"),
        ["er1 primary", "er1 secondary"]
    );
    assert_eq!(ways(&design, "hub-app", "10.50.7.1"), ["vpn tunnel"]);
}

#[test]
fn the_vpn_takes_over_when_the_circuit_is_down() {
    let design = lab()
        .gateway("vpngw", "hub", GatewayKind::Vpn)
        .vpn("tunnel", "vpngw", "dc-rtr", &["10.50.0.0/16"])
        .design;
    let down = resolve(&design, &Failures::of([FailureUnit::Circuit("er1".into())]));
    let route = down.effective_route("hub-app", ip("10.50.1.1")).unwrap();
    assert!(
        matches!(route.paths[0].via, GatewayVia::Vpn { .. }),
        "{route:?}"
    );
}

fn two_circuits() -> Lab {
    lab()
        .site("dc2", &["10.60.0.0/16"], 65002)
        .link("dc-dc2", "dc-rtr", "dc2-rtr")
        .circuit("er2", "dc2-rtr", "dc2-rtr", 65002)
        .with(|l| l.site_mut("dc2").advertised = vec![net("10.50.0.0/16")])
}

#[test]
fn two_equal_circuits_share_the_load() {
    let design = two_circuits().connect("ergw", "er2", 0).design;
    let found = ways(&design, "hub-app", "10.50.1.1");
    // er2 learns 10.50/16 from dc2 (its own) and over the link from dc; the
    // shorter AS path through dc2 is the one it advertises.
    assert_eq!(
        found,
        [
            "er1 primary",
            "er1 secondary",
            "er2 primary",
            "er2 secondary"
        ]
    );
    let route = resolve(&design, &Failures::none())
        .effective_route("hub-app", ip("10.50.1.1"))
        .unwrap();
    assert_eq!(route.next_hop_ips.len(), 4);
}

#[test]
fn the_connection_with_the_higher_weight_wins() {
    let design = two_circuits().connect("ergw", "er2", 100).design;
    assert_eq!(
        ways(&design, "hub-app", "10.50.1.1"),
        ["er2 primary", "er2 secondary"]
    );
}

#[test]
fn a_more_specific_prefix_wins_over_a_higher_weight() {
    let mut lab = two_circuits().connect("ergw", "er2", 100);
    // Only dc, behind er1, advertises the /24: without the link, er2 never
    // carries it, so the weight of er2 cannot pull it over.
    lab.site_mut("dc").advertised.push(net("10.50.1.0/24"));
    lab.design.links.clear();
    assert_eq!(
        ways(&lab.design, "hub-app", "10.50.1.1"),
        ["er1 primary", "er1 secondary"]
    );
    assert_eq!(
        ways(&lab.design, "hub-app", "10.50.2.1"),
        ["er2 primary", "er2 secondary"]
    );
}

#[test]
fn with_equal_weights_the_shorter_as_path_wins() {
    let design = two_circuits()
        .connect("ergw", "er2", 0)
        .with(|l| l.circuit_mut("er1").peerings[0].as_path_prepend = 2)
        .design;
    assert_eq!(
        ways(&design, "hub-app", "10.50.1.1"),
        ["er2 primary", "er2 secondary"]
    );
}

#[test]
fn weight_is_weighed_before_the_as_path() {
    let design = two_circuits()
        .connect("ergw", "er2", 0)
        .with(|l| {
            l.circuit_mut("er1").peerings[0].as_path_prepend = 3;
            l.design.connections[0].routing_weight = 10;
        })
        .design;
    assert_eq!(
        ways(&design, "hub-app", "10.50.1.1"),
        ["er1 primary", "er1 secondary"]
    );
}

#[test]
fn a_spoke_using_the_hub_gateway_learns_on_premises_and_is_advertised() {
    let design = lab()
        .vnet("spoke", "10.2.0.0/16", &[("app", "10.2.1.0/24")])
        .spoke_of("spoke", "hub")
        .design;
    assert_eq!(
        ways(&design, "spoke-app", "10.50.1.1"),
        ["er1 primary", "er1 secondary"]
    );
    assert_eq!(
        route_for(&design, "spoke-app", "10.1.1.9"),
        "Default Active 10.1.0.0/16 VNetPeering"
    );
    let routes = resolve(&design, &Failures::none());
    let onprem = routes.router_routes("dc-rtr", Some(&"c".into())).unwrap();
    assert!(
        onprem.iter().any(|r| r.prefix == net("10.2.0.0/16")),
        "{onprem:#?}"
    );
}

#[test]
fn a_vnet_space_that_takes_in_a_reserved_range_removes_its_none_route() {
    let design = lab()
        .vnet("wide", "10.0.0.0/8", &[("app", "10.200.0.0/24")])
        .design;
    let rows = table(&design, "wide-app");
    assert!(
        !rows.contains(&"Default Active 10.0.0.0/8 None".to_owned()),
        "{rows:#?}"
    );
    assert!(
        rows.contains(&"Default Active 10.0.0.0/8 VnetLocal".to_owned()),
        "{rows:#?}"
    );
    assert!(table(&lab().design, "hub-app").contains(&"Default Active 10.0.0.0/8 None".to_owned()));
}

#[test]
fn routes_come_longest_prefix_first() {
    let rows = resolve(&lab().design, &Failures::none())
        .effective_routes("hub-app")
        .unwrap();
    let lens: Vec<u8> = rows.iter().map(|r| r.prefix.prefix_len()).collect();
    let mut sorted = lens.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(lens, sorted);
}

#[test]
fn a_session_over_its_prefix_limit_is_down_and_learns_nothing() {
    let limit = routecraft_core::facts::private_peering_route_limit(Tier::Standard);
    let many: Vec<ipnet::IpNet> = (0..=limit)
        .map(|i| net(&format!("172.{}.{}.0/24", 16 + i / 256, i % 256)))
        .collect();
    let design = lab()
        .with(|l| l.site_mut("dc").advertised = many.clone())
        .design;
    let routes = resolve(&design, &Failures::none());
    let session = &routes.sessions()[0];
    assert!(
        !session.up && session.reason.as_deref().unwrap_or("").contains("limit"),
        "{session:?}"
    );
    assert!(!table(&design, "hub-app")
        .iter()
        .any(|r| r.starts_with("VirtualNetworkGateway")));

    let premium = lab()
        .with(|l| {
            l.site_mut("dc").advertised = many.clone();
            l.circuit_mut("er1").tier = Tier::Premium;
        })
        .design;
    assert!(resolve(&premium, &Failures::none()).sessions()[0].up);
}

#[test]
fn connect_through_keeps_overlapping_customers_in_their_own_vrfs() {
    let design = templates::connect_through();
    let routes = resolve(&design, &Failures::none());
    let at = |vrf: &str| {
        let rows = routes
            .router_routes("nw-ams1-edge", Some(&Id::new(vrf)))
            .unwrap();
        let row = rows
            .into_iter()
            .find(|r| r.prefix == net("10.10.0.0/16"))
            .unwrap();
        row.paths
            .iter()
            .map(|p| format!("{:?}", p.next_hop))
            .collect::<Vec<_>>()
            .join(" ")
    };
    assert!(at("contoso").contains("contoso-hq-rtr") && !at("contoso").contains("fabrikam"));
    assert!(at("fabrikam").contains("fabrikam-plant-rtr") && !at("fabrikam").contains("contoso"));
    assert_eq!(
        ways(&design, "contoso-spoke-app-workload", "10.10.1.1"),
        ["er-contoso-ams primary", "er-contoso-ams secondary"]
    );
    assert_eq!(
        ways(&design, "fabrikam-spoke-app-workload", "10.10.1.1"),
        ["er-fabrikam-ams primary", "er-fabrikam-ams secondary"]
    );
    // Contoso's head office learns only Contoso's VNets, each through both edges.
    let hq = routes
        .router_routes("contoso-hq-rtr", Some(&Id::new("contoso")))
        .unwrap();
    let hub = hq
        .iter()
        .find(|r| r.prefix == net("10.100.0.0/22"))
        .unwrap();
    assert_eq!(hub.paths.len(), 2);
    assert!(routes
        .router_routes("nw-ams1-edge", None)
        .is_none_or(|rows| rows.is_empty()));
}

#[test]
fn microsoft_peering_brings_the_filtered_services_to_on_premises() {
    let design = templates::connect_to();
    let routes = resolve(&design, &Failures::none());
    let rows = routes
        .router_routes("contoso-ams-rtr", Some(&Id::new("contoso")))
        .unwrap();
    let services: Vec<String> = rows
        .iter()
        .filter(|r| {
            matches!(
                r.paths[0].next_hop,
                RouterNextHop::Circuit {
                    peering: PeeringKind::MicrosoftPeering,
                    ..
                }
            )
        })
        .map(|r| r.prefix.to_string())
        .collect();
    // The route filter allows 12076:5060 and 12076:5070 (§2.6).
    assert_eq!(services, ["198.51.100.160/27", "198.51.100.192/27"]);
}

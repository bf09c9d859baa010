//! Packet traces: hop by hop through subnets, appliances, gateways,
//! circuits and routers, with security verdicts and every way a path ends.

#[path = "routing_support.rs"]
mod support;

use routecraft_core::model::*;
use routecraft_core::routing::*;
use routecraft_core::templates;
use support::*;

#[test]
fn a_packet_from_a_subnet_reaches_its_site_over_both_connections() {
    let result = trace_of(&lab().design, "hub-app", "10.1.1.10", "10.50.3.3");
    assert_eq!(
        path_lines(&result),
        [
            "hub-app > ergw > er1/primary > dc-rtr > dc => delivered",
            "hub-app > ergw > er1/secondary > dc-rtr > dc => delivered",
        ]
    );
    assert_eq!(result.paths[0].hops[0].route, Some(net("10.50.0.0/16")));
}

#[test]
fn a_packet_from_on_premises_reaches_a_spoke_through_the_hub_gateway() {
    let design = templates::connect_to();
    let result = trace_of(&design, "contoso-ams", "10.20.1.10", "10.120.4.10");
    assert_eq!(
        path_lines(&result),
        ["contoso-ams > contoso-ams-rtr > er-contoso-ams/primary > contoso-hub-ergw > contoso-hub-gateway > contoso-spoke-workload => delivered"]
    );
    let last = result.paths[0].hops.last().unwrap();
    assert_eq!(last.nsg[0].rule, "allow-https-from-on-premises");
}

#[test]
fn a_microsoft_service_is_reached_over_microsoft_peering_with_nat_noted() {
    let design = templates::connect_to();
    // 198.51.100.170 stands for Azure Active Directory, 12076:5060 (§2.6).
    let result = trace_of(&design, "contoso-ams", "10.20.1.10", "198.51.100.170");
    assert_eq!(
        path_lines(&result),
        ["contoso-ams > contoso-ams-rtr > er-contoso-ams/primary > Azure Active Directory => microsoft"]
    );
    let note = result.paths[0].hops[1].note.clone().unwrap_or_default();
    assert!(
        note.contains("NAT") && note.contains("203.0.113.128/28"),
        "{note}"
    );
}

#[test]
fn connect_through_traces_stay_within_the_customer() {
    let design = templates::connect_through();
    let lines = path_lines(&trace_of(
        &design,
        "fabrikam-spoke-app-workload",
        "10.100.4.10",
        "10.10.2.2",
    ));
    assert_eq!(lines.len(), 2, "{lines:#?}");
    assert!(
        lines
            .iter()
            .all(|l| l.ends_with("fabrikam-plant-rtr > fabrikam-plant => delivered")),
        "{lines:#?}"
    );
    assert!(lines.iter().all(|l| !l.contains("contoso")));
}

fn with_firewall() -> Lab {
    lab()
        .vnet("spoke", "10.2.0.0/16", &[("app", "10.2.1.0/24")])
        .spoke_of("spoke", "hub")
        .with(|l| {
            let hub = l.design.vnets.iter_mut().find(|v| v.id == "hub").unwrap();
            hub.subnets.push(Subnet {
                id: "hub-fw".into(),
                name: "firewall".into(),
                prefix: net("10.1.2.0/24"),
                route_table: None,
                nsg: None,
                service_endpoints: Vec::new(),
            });
        })
        .appliance("fw", "hub-fw", "10.1.2.4")
        .udr(
            "spoke-app",
            "10.50.0.0/16",
            NextHopType::VirtualAppliance,
            Some("10.1.2.4"),
        )
}

#[test]
fn a_user_route_sends_the_packet_through_the_appliance_and_on_from_its_subnet() {
    let lines = path_lines(&trace_of(
        &with_firewall().design,
        "spoke-app",
        "10.2.1.10",
        "10.50.3.3",
    ));
    assert_eq!(
        lines,
        [
            "spoke-app > fw > hub-fw > ergw > er1/primary > dc-rtr > dc => delivered",
            "spoke-app > fw > hub-fw > ergw > er1/secondary > dc-rtr > dc => delivered",
        ]
    );
}

#[test]
fn an_appliance_without_ip_forwarding_drops_the_packet() {
    let design = with_firewall()
        .with(|l| l.design.appliances[0].ip_forwarding = false)
        .design;
    let lines = path_lines(&trace_of(&design, "spoke-app", "10.2.1.10", "10.50.3.3"));
    assert_eq!(lines.len(), 1);
    assert!(
        lines[0].starts_with("spoke-app > fw => dropped: fw has IP forwarding off"),
        "{lines:?}"
    );
}

#[test]
fn a_route_back_to_the_same_appliance_is_a_loop() {
    let design = with_firewall()
        .udr(
            "hub-fw",
            "10.50.0.0/16",
            NextHopType::VirtualAppliance,
            Some("10.1.2.4"),
        )
        .design;
    let lines = path_lines(&trace_of(&design, "spoke-app", "10.2.1.10", "10.50.3.3"));
    assert_eq!(lines, ["spoke-app > fw > hub-fw > fw => loop"]);
}

#[test]
fn a_route_to_none_is_a_black_hole() {
    let design = lab()
        .udr("hub-app", "10.50.0.0/16", NextHopType::None, None)
        .design;
    let lines = path_lines(&trace_of(&design, "hub-app", "10.1.1.10", "10.50.3.3"));
    assert_eq!(lines, ["hub-app => black hole 10.50.0.0/16"]);
}

#[test]
fn a_reserved_range_nobody_advertises_is_a_black_hole() {
    let lines = path_lines(&trace_of(
        &lab().design,
        "hub-app",
        "10.1.1.10",
        "10.99.0.1",
    ));
    assert_eq!(lines, ["hub-app => black hole 10.0.0.0/8"]);
}

#[test]
fn an_outbound_deny_ends_the_trace_at_the_source() {
    let design = lab()
        .rule("hub-app", 100, Direction::Outbound, Access::Deny, "443")
        .design;
    let result = trace_of(&design, "hub-app", "10.1.1.10", "10.50.3.3");
    assert_eq!(path_lines(&result), ["hub-app => denied by rule-100"]);
    let ssh = trace(
        &design,
        &resolve(&design, &Failures::none()),
        &TraceRequest::tcp(ip("10.1.1.10"), ip("10.50.3.3"), 22).at("hub-app"),
    );
    assert!(ssh.is_delivered(), "{:#?}", path_lines(&ssh));
}

#[test]
fn an_inbound_deny_stops_on_premises_traffic_at_the_subnet() {
    let design = lab()
        .rule("hub-app", 100, Direction::Inbound, Access::Deny, "400-500")
        .design;
    let lines = path_lines(&trace_of(&design, "dc", "10.50.3.3", "10.1.1.10"));
    // dc-rtr ends both connections, so it shares the load over both.
    assert_eq!(
        lines,
        [
            "dc > dc-rtr > er1/primary > ergw > hub-GatewaySubnet > hub-app => denied by rule-100",
            "dc > dc-rtr > er1/secondary > ergw > hub-GatewaySubnet > hub-app => denied by rule-100",
        ]
    );
}

#[test]
fn the_default_rules_let_on_premises_in_because_it_is_in_the_virtual_network_tag() {
    let design = lab()
        .rule("hub-app", 100, Direction::Inbound, Access::Allow, "22")
        .design;
    let result = trace_of(&design, "dc", "10.50.3.3", "10.1.1.10");
    let verdict = &result.paths[0].hops.last().unwrap().nsg[0];
    assert_eq!(
        (verdict.rule.as_str(), verdict.access),
        ("AllowVNetInBound", Access::Allow)
    );
}

#[test]
fn the_internet_is_reached_through_the_system_route() {
    let lines = path_lines(&trace_of(&lab().design, "hub-app", "10.1.1.10", "8.8.8.8"));
    assert_eq!(lines, ["hub-app > internet => internet"]);
}

#[test]
fn a_source_the_design_does_not_hold_is_dropped() {
    let routes = resolve(&lab().design, &Failures::none());
    let request = TraceRequest::tcp(ip("203.0.113.9"), ip("10.1.1.10"), 443);
    let result = trace(&lab().design, &routes, &request);
    assert!(matches!(result.paths[0].outcome, Outcome::Dropped { .. }));
}

#[test]
fn no_path_grows_past_the_hop_limit() {
    // Two routers that each send the prefix to the other: BGP would never
    // advertise so, but a trace must end even on designs built in code.
    let design = templates::connect_through();
    for request in [
        TraceRequest::tcp(ip("10.10.1.1"), ip("10.100.4.9"), 443).at("contoso-hq"),
        TraceRequest::tcp(ip("10.100.4.9"), ip("10.10.1.1"), 443).at("contoso-spoke-app-workload"),
    ] {
        let result = trace(&design, &resolve(&design, &Failures::none()), &request);
        assert!(result.paths.iter().all(|p| p.hops.len() <= HOP_LIMIT));
        assert!(result.is_delivered(), "{:#?}", path_lines(&result));
    }
}

fn two_sites_two_circuits() -> Lab {
    lab()
        .site("dc2", &["10.60.0.0/16"], 65002)
        .circuit("er2", "dc2-rtr", "dc2-rtr", 65002)
        .connect("ergw", "er2", 0)
}

#[test]
fn expressroute_is_no_transit_between_circuits_without_global_reach() {
    let design = two_sites_two_circuits().design;
    let routes = resolve(&design, &Failures::none());
    let dc = routes.router_routes("dc-rtr", Some(&"c".into())).unwrap();
    assert!(
        !dc.iter().any(|r| r.prefix == net("10.60.0.0/16")),
        "{dc:#?}"
    );
    let lines = path_lines(&trace_of(&design, "dc", "10.50.3.3", "10.60.3.3"));
    assert_eq!(lines, ["dc > dc-rtr => no route"]);
}

#[test]
fn global_reach_joins_the_on_premises_sides_of_two_circuits() {
    let design = two_sites_two_circuits()
        .with(|l| {
            l.circuit_mut("er1").global_reach.push(GlobalReach {
                id: "er1-er2".into(),
                peer_circuit: "er2".into(),
                address_prefix: "192.168.99.0/29".parse().unwrap(),
            })
        })
        .design;
    let lines = path_lines(&trace_of(&design, "dc", "10.50.3.3", "10.60.3.3"));
    assert_eq!(lines.len(), 4, "{lines:#?}");
    assert_eq!(
        lines[0],
        "dc > dc-rtr > er1/primary > reach er1-er2 > er2/primary > dc2-rtr > dc2 => delivered"
    );
    // The VNets behind the gateway still learn each site over its own circuit.
    assert_eq!(
        ways(&design, "hub-app", "10.60.1.1"),
        ["er2 primary", "er2 secondary"]
    );
}

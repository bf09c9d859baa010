//! What the validation behaviour tests share: running a template with one
//! change, asserting that a rule fires or stays quiet, and building the
//! elements the cases add.

#![allow(dead_code)]

use ipnet::IpNet;
use routecraft_core::model::*;
use routecraft_core::templates::by_name;
use routecraft_core::validate::{rule, validate, Finding};

pub const CT: &str = "connect-through";
pub const TO: &str = "connect-to";

pub fn run(template: &str, mutate: impl FnOnce(&mut Design)) -> Vec<Finding> {
    let mut design = by_name(template).expect("a template");
    mutate(&mut design);
    validate(&design)
}

/// Asserts that `rule` fires with elements starting with `elements`.
pub fn fires(template: &str, mutate: impl FnOnce(&mut Design), id: &str, elements: &[&str]) {
    let findings = run(template, mutate);
    let hit = findings.iter().find(|f| {
        f.rule == id
            && f.elements.len() >= elements.len()
            && elements.iter().zip(&f.elements).all(|(e, f)| f == e)
    });
    let Some(hit) = hit else {
        let got: Vec<_> = findings.iter().map(|f| (f.rule, &f.elements)).collect();
        panic!("{id} on {elements:?} did not fire; got {got:#?}");
    };
    let info = rule(id).expect("the rule is in the catalogue");
    assert_eq!(
        (hit.severity, hit.facts),
        (info.severity, info.facts),
        "{id}"
    );
    assert!(!hit.message.is_empty() && !hit.fix.is_empty(), "{id}");
}

/// Asserts that `rule` does not fire at all.
pub fn quiet(template: &str, mutate: impl FnOnce(&mut Design), id: &str) {
    let findings = run(template, mutate);
    let hits: Vec<_> = findings
        .iter()
        .filter(|f| f.rule == id)
        .map(|f| &f.message)
        .collect();
    assert!(hits.is_empty(), "{id} fired: {hits:#?}");
}

pub fn net(text: &str) -> IpNet {
    text.parse().expect("a prefix")
}

pub fn id(text: &str) -> Id {
    Id::new(text)
}

pub fn same(_: &mut Design) {}

pub fn direct_port(d: &mut Design, speed: u32, encapsulation: Encapsulation) {
    d.direct_ports.push(DirectPort {
        id: id("port-1"),
        name: "port-1".into(),
        subscription: d.subscriptions[0].id.clone(),
        peering_location: "Amsterdam".into(),
        port_speed_gbps: speed,
        encapsulation,
    });
    for c in &mut d.circuits {
        c.kind = CircuitKind::Direct;
        c.provider.clear();
        c.direct_port = Some(id("port-1"));
        c.bandwidth_mbps = 10_000;
    }
}

/// Adds circuits like the first, at the given locations, each linked to the
/// first gateway.
pub fn more_circuits(d: &mut Design, locations: &[&str]) {
    for (i, location) in locations.iter().enumerate() {
        let mut c = d.circuits[0].clone();
        c.id = id(&format!("extra-{i}"));
        c.name = c.id.to_string();
        c.peering_location = (*location).into();
        c.peerings.clear();
        d.circuits.push(c);
        let mut conn = d.connections[0].clone();
        conn.id = id(&format!("extra-conn-{i}"));
        conn.circuit = id(&format!("extra-{i}"));
        d.connections.push(conn);
    }
}

pub fn extra_connections(d: &mut Design, n: usize) {
    for i in 0..n {
        let mut conn = d.connections[0].clone();
        conn.id = id(&format!("extra-conn-{i}"));
        d.connections.push(conn);
    }
}

pub fn with_baseline(d: &mut Design, change: impl FnOnce(&mut Design)) {
    let mut old = d.clone();
    change(&mut old);
    d.baseline = Some(Box::new(old));
}

pub fn private(d: &mut Design) -> &mut Peering {
    &mut d.circuits[0].peerings[0]
}

pub fn microsoft(d: &mut Design) -> &mut Peering {
    &mut d.circuits[0].peerings[1]
}

pub fn ms_config(d: &mut Design) -> &mut MicrosoftPeeringConfig {
    microsoft(d)
        .microsoft
        .as_mut()
        .expect("the template's Microsoft peering")
}

pub fn communities(d: &mut Design) -> &mut Vec<String> {
    &mut ms_config(d)
        .route_filter
        .as_mut()
        .expect("a filter")
        .communities
}

pub fn hub_gateway_subnet(d: &mut Design) -> &mut Subnet {
    &mut d.vnets[0].subnets[0]
}

pub fn prefixes(n: usize, base: [u8; 2]) -> Vec<IpNet> {
    (0..n)
        .map(|i| {
            net(&format!(
                "{}.{}.{}.{}/32",
                base[0],
                base[1],
                i / 256,
                i % 256
            ))
        })
        .collect()
}

pub fn route_table(d: &mut Design, routes: &[(&str, NextHopType, Option<&str>)], propagate: bool) {
    d.route_tables.push(RouteTable {
        id: id("rt-1"),
        name: "rt-1".into(),
        region: "westeurope".into(),
        propagate_gateway_routes: propagate,
        routes: routes
            .iter()
            .enumerate()
            .map(|(i, (prefix, hop, ip))| Route {
                id: id(&format!("rt-1-route-{i}")),
                name: format!("route-{i}"),
                prefix: net(prefix),
                next_hop: *hop,
                next_hop_ip: ip.map(|ip| ip.parse().expect("an address")),
            })
            .collect(),
    });
}

pub fn vpn_gateway(d: &mut Design, sku: GatewaySku, private_ip: bool) {
    d.gateways.push(Gateway {
        id: id("contoso-hub-vpngw"),
        name: "contoso-hub-vpngw".into(),
        vnet: id("contoso-hub"),
        kind: GatewayKind::Vpn,
        sku,
        scale_units: None,
        asn: None,
        private_ip_enabled: private_ip,
    });
}

pub fn ipsec(d: &mut Design, sku: GatewaySku, private_ip: bool) {
    vpn_gateway(d, sku, private_ip);
    d.vpn_connections.push(VpnConnection {
        id: id("ipsec-1"),
        name: "ipsec-1".into(),
        gateway: id("contoso-hub-vpngw"),
        router: id("contoso-ams-rtr"),
        over_private_peering: true,
        remote_prefixes: vec![net("10.20.1.0/24")],
        bgp: false,
        shared_key_ref: None,
    });
}

pub fn appliance(d: &mut Design, subnet: &str, ip: &str, forwarding: bool) {
    d.appliances.push(Appliance {
        id: id("fw-1"),
        name: "fw-1".into(),
        subnet: id(subnet),
        ip: ip.parse().expect("an address"),
        kind: ApplianceKind::Firewall,
        ip_forwarding: forwarding,
    });
}

pub fn nsg_rule(d: &mut Design) -> &mut NsgRule {
    &mut d.nsgs[0].rules[0]
}

pub fn add_nsg_rules(d: &mut Design, n: usize) {
    let template = d.nsgs[0].rules[0].clone();
    for i in 1..n {
        let mut r = template.clone();
        r.id = id(&format!("rule-{i}"));
        r.priority = 100 + (i % 3997) as u16;
        d.nsgs[0].rules.push(r);
    }
}

pub fn default_route(d: &mut Design) {
    d.sites[0].advertises_default_route = true;
}

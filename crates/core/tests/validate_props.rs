//! Properties of validation as a whole: it never panics, whatever the
//! design holds, every finding belongs to the catalogue, and the catalogue
//! is covered by the behaviour tests.

use ipnet::IpNet;
use routecraft_core::generate::SplitMix64 as Rng;
use routecraft_core::model::*;
use routecraft_core::templates::{by_name, TEMPLATE_NAMES};
use routecraft_core::validate::{validate, Severity, RULES};

/// Picks from any list, defaults or not; the lists here are never empty.
trait Pick {
    fn pick<T: Copy>(&mut self, items: &[T]) -> T;
}

impl Pick for Rng {
    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

fn remove<T>(rng: &mut Rng, items: &mut Vec<T>) {
    if !items.is_empty() {
        let i = rng.below(items.len());
        items.remove(i);
    }
}

fn duplicate<T: Clone>(rng: &mut Rng, items: &mut Vec<T>) {
    if !items.is_empty() {
        let i = rng.below(items.len());
        items.push(items[i].clone());
    }
}

const NETS: [&str; 8] = [
    "0.0.0.0/0",
    "10.120.0.0/32",
    "::/0",
    "10.120.0.1/30",
    "fd00::/127",
    "255.255.255.255/32",
    "10.0.0.0/8",
    "100.64.0.0/10",
];

fn a_net(rng: &mut Rng) -> IpNet {
    rng.pick(&NETS).parse().expect("a literal prefix")
}

fn mutate(rng: &mut Rng, d: &mut Design) {
    let ghost = Id::new("ghost");
    let nums32 = [0, 1, 29, 4000, 65515, u32::MAX];
    match rng.below(24) {
        0 => remove(rng, &mut d.customers),
        1 => remove(rng, &mut d.subscriptions),
        2 => remove(rng, &mut d.sites),
        3 => remove(rng, &mut d.routers),
        4 => remove(rng, &mut d.circuits),
        5 => remove(rng, &mut d.vnets),
        6 => remove(rng, &mut d.gateways),
        7 => remove(rng, &mut d.links),
        8 => duplicate(rng, &mut d.circuits),
        9 => duplicate(rng, &mut d.vnets),
        10 => duplicate(rng, &mut d.connections),
        11 => d.connections.iter_mut().for_each(|c| {
            c.gateway = ghost.clone();
            c.routing_weight = u16::MAX
        }),
        12 => d.circuits.iter_mut().for_each(|c| {
            c.bandwidth_mbps = rng.pick(&nums32);
            c.primary_router = Some(ghost.clone());
            c.direct_port = Some(ghost.clone());
            c.kind = CircuitKind::Direct;
        }),
        13 => d
            .circuits
            .iter_mut()
            .flat_map(|c| c.peerings.iter_mut())
            .for_each(|p| {
                p.peer_asn = rng.pick(&nums32);
                p.vlan_id = u16::MAX;
                p.kind = PeeringKind::MicrosoftPeering;
                p.microsoft = None;
            }),
        14 => d.vnets.iter_mut().for_each(|v| {
            let net = a_net(rng);
            v.address_space.push(net);
            v.region = String::new();
            v.subnets.iter_mut().for_each(|s| s.prefix = net);
        }),
        15 => d.gateways.iter_mut().for_each(|g| {
            g.sku = rng.pick(&[
                GatewaySku::ErGwScale,
                GatewaySku::Basic,
                GatewaySku::VpnGw5AZ,
                GatewaySku::UltraPerformance,
            ]);
            g.scale_units = Some(rng.pick(&[0, 1, 10, u8::MAX]));
            g.vnet = if rng.below(2) == 0 {
                ghost.clone()
            } else {
                g.vnet.clone()
            };
        }),
        16 => d.sites.iter_mut().for_each(|s| {
            s.advertised.push(a_net(rng));
            s.advertises_default_route = true;
            s.customer = Some(ghost.clone());
        }),
        17 => d.direct_ports.push(DirectPort {
            id: Id::new("port"),
            name: String::new(),
            subscription: ghost.clone(),
            peering_location: String::new(),
            port_speed_gbps: rng.pick(&nums32),
            encapsulation: Encapsulation::Dot1Q,
        }),
        18 => d.route_tables.push(RouteTable {
            id: Id::new("rt"),
            name: String::new(),
            region: String::new(),
            propagate_gateway_routes: false,
            routes: vec![Route {
                id: Id::new("r"),
                name: "é".repeat(100),
                prefix: a_net(rng),
                next_hop: rng.pick(&[
                    NextHopType::VirtualAppliance,
                    NextHopType::VirtualNetworkGateway,
                    NextHopType::VNetPeering,
                ]),
                next_hop_ip: Some("::1".parse().expect("an address")),
            }],
        }),
        19 => d
            .vnets
            .iter_mut()
            .flat_map(|v| v.subnets.iter_mut())
            .for_each(|s| {
                s.route_table = Some(Id::new("rt"));
                s.nsg = Some(ghost.clone());
                s.name = "GatewaySubnet".into();
            }),
        20 => d
            .nsgs
            .iter_mut()
            .flat_map(|n| n.rules.iter_mut())
            .for_each(|r| {
                r.priority = rng.pick(&[0, 100, 4096, u16::MAX]);
                r.name = "ü".repeat(rng.below(200));
            }),
        21 => d.customers.iter_mut().for_each(|c| {
            c.security = SecurityPosture {
                separate_microsoft_peering: true,
                encryption_required: true,
                forced_tunnelling: true,
            };
            c.vrf = Some(String::new());
        }),
        22 => {
            let copy = d.clone();
            d.baseline = Some(Box::new(copy));
            d.circuits.iter_mut().for_each(|c| {
                c.bandwidth_mbps = 0;
                c.tier = Tier::Local
            });
        }
        _ => {
            d.model = if d.model == CspModel::ConnectTo {
                CspModel::ConnectThrough
            } else {
                CspModel::ConnectTo
            };
            d.vnet_peerings.iter_mut().for_each(|p| {
                p.local = p.remote.clone();
                p.use_remote_gateways = true
            });
            d.circuits.iter_mut().for_each(|c| {
                c.global_reach.push(GlobalReach {
                    id: Id::new("gr"),
                    peer_circuit: c.id.clone(),
                    address_prefix: "0.0.0.0/0".parse().expect("a literal"),
                })
            });
        }
    }
}

#[test]
fn validation_never_panics_on_mutated_designs() {
    let mut rng = Rng::new(0x5EED);
    for round in 0..3000 {
        let mut design = by_name(rng.pick(&TEMPLATE_NAMES)).expect("a template");
        for _ in 0..1 + rng.below(6) {
            mutate(&mut rng, &mut design);
        }
        let findings = validate(&design);
        for f in &findings {
            let rule = RULES.iter().find(|r| r.id == f.rule);
            let rule = rule.unwrap_or_else(|| panic!("round {round}: {} is not in RULES", f.rule));
            assert_eq!(
                (f.severity, f.facts),
                (rule.severity, rule.facts),
                "round {round}: {}",
                f.rule
            );
            assert!(
                !f.elements.is_empty() && !f.message.is_empty(),
                "round {round}: {f:?}"
            );
        }
    }
}

#[test]
fn validation_never_panics_on_an_empty_design() {
    assert_eq!(validate(&Design::default()), vec![]);
    let blank = validate(&Design::blank("x", CspModel::ConnectThrough));
    assert!(
        blank.iter().all(|f| f.severity != Severity::Error),
        "{blank:#?}"
    );
}

#[test]
fn validation_is_deterministic() {
    let mut design = by_name("connect-through").expect("a template");
    design.routers[0].vrfs.clear();
    design.circuits[0].bandwidth_mbps = 7;
    assert_eq!(validate(&design), validate(&design.clone()));
}

/// The behaviour cases, one test function each.
fn cases() -> Vec<&'static str> {
    [
        include_str!("validate.rs"),
        include_str!("validate_peering.rs"),
        include_str!("validate_gateway.rs"),
        include_str!("validate_addressing.rs"),
    ]
    .iter()
    .flat_map(|file| file.split("#[test]"))
    .collect()
}

#[test]
fn every_rule_has_a_case_that_fires_and_one_that_does_not() {
    let cases = cases();
    for rule in RULES {
        let quoted = format!("\"{}\"", rule.id);
        let fires = cases
            .iter()
            .any(|c| c.contains("fires(") && c.contains(&quoted));
        let quiet = cases
            .iter()
            .any(|c| c.contains("quiet(") && c.contains(&quoted));
        assert!(fires && quiet, "{}: fires {fires}, quiet {quiet}", rule.id);
    }
}

#[test]
fn the_catalogue_has_rules_of_every_severity() {
    for severity in [Severity::Error, Severity::Warning, Severity::Info] {
        assert!(RULES.iter().any(|r| r.severity == severity), "{severity:?}");
    }
}

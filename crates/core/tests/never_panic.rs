//! The core never panics, whatever a design holds: every module runs over
//! designs broken in many deterministic ways (dangling references,
//! duplicate ids, extreme numbers, odd prefixes, routes that loop).

use std::net::IpAddr;

use ipnet::IpNet;
use routecraft_core::diagram::{charts, circuit_usage, scene, svg, SvgOptions};
use routecraft_core::export::{export, Format};
use routecraft_core::generate::SplitMix64 as Rng;
use routecraft_core::model::*;
use routecraft_core::routing::{
    failure_units, resolve, single_failures, trace, what_if, Failures, TraceRequest,
};
use routecraft_core::templates::{by_name, TEMPLATE_NAMES};
use routecraft_core::validate::validate;

const NETS: [&str; 7] = [
    "0.0.0.0/0",
    "10.0.0.0/8",
    "10.120.4.0/32",
    "::/0",
    "fd00::/127",
    "255.255.255.252/30",
    "10.120.0.0/22",
];

fn net(rng: &mut Rng) -> IpNet {
    NETS[rng.below(NETS.len())]
        .parse()
        .expect("a literal prefix")
}

fn drop_one<T>(rng: &mut Rng, items: &mut Vec<T>) {
    if !items.is_empty() {
        let i = rng.below(items.len());
        items.remove(i);
    }
}

fn copy_one<T: Clone>(rng: &mut Rng, items: &mut Vec<T>) {
    if !items.is_empty() {
        let i = rng.below(items.len());
        items.push(items[i].clone());
    }
}

fn mutate(rng: &mut Rng, d: &mut Design) {
    let ghost = Id::new("ghost");
    match rng.below(20) {
        0 => drop_one(rng, &mut d.routers),
        1 => drop_one(rng, &mut d.sites),
        2 => drop_one(rng, &mut d.circuits),
        3 => drop_one(rng, &mut d.vnets),
        4 => drop_one(rng, &mut d.gateways),
        5 => drop_one(rng, &mut d.customers),
        6 => copy_one(rng, &mut d.circuits),
        7 => copy_one(rng, &mut d.vnets),
        8 => copy_one(rng, &mut d.routers),
        9 => d
            .connections
            .iter_mut()
            .for_each(|c| c.circuit = ghost.clone()),
        10 => d.circuits.iter_mut().for_each(|c| {
            c.bandwidth_mbps = [0, 1, u32::MAX][rng.below(3)];
            c.primary_router = Some(ghost.clone());
        }),
        11 => d.sites.iter_mut().for_each(|s| {
            s.advertised.push(net(rng));
            s.advertises_default_route = true;
        }),
        12 => d
            .vnets
            .iter_mut()
            .for_each(|v| v.address_space.push(net(rng))),
        13 => d
            .vnets
            .iter_mut()
            .flat_map(|v| v.subnets.iter_mut())
            .for_each(|s| s.prefix = net(rng)),
        14 => {
            // A route table that sends everything to an appliance in the
            // subnet itself, which loops, on every subnet.
            let id = Id::new(format!("loop-{}", rng.below(1000)));
            d.route_tables.push(RouteTable {
                id: id.clone(),
                name: "loop".into(),
                region: "westeurope".into(),
                propagate_gateway_routes: rng.below(2) == 0,
                routes: vec![Route {
                    id: Id::new(format!("{id}-all")),
                    name: "all".into(),
                    prefix: net(rng),
                    next_hop: NextHopType::VirtualAppliance,
                    next_hop_ip: Some("10.120.4.4".parse().expect("literal")),
                }],
            });
            for s in d.vnets.iter_mut().flat_map(|v| v.subnets.iter_mut()) {
                s.route_table = Some(id.clone());
            }
        }
        15 => d.links.iter_mut().for_each(|l| l.b = l.a.clone()),
        16 => d.peerings_mut().for_each(|p| {
            p.peer_asn = [0, 12076, u32::MAX][rng.below(3)];
            p.as_path_prepend = u8::MAX;
        }),
        17 => d
            .vnet_peerings
            .iter_mut()
            .for_each(|p| p.remote = p.local.clone()),
        18 => d.baseline = Some(Box::new(by_name("connect-through").expect("a template"))),
        _ => {
            let far = Position::new(f64::MAX, f64::MIN);
            d.layout.positions.insert(ghost, far);
            // Real boxes at the ends of the plane, which lines must route
            // between without overflowing into a panic.
            if let Some(v) = d.vnets.first() {
                d.layout
                    .positions
                    .insert(v.id.clone(), Position::new(f64::MIN, f64::MAX));
            }
            if let Some(s) = d.sites.first() {
                d.layout.positions.insert(s.id.clone(), far);
            }
        }
    }
}

trait PeeringsMut {
    fn peerings_mut(&mut self) -> impl Iterator<Item = &mut Peering>;
}

impl PeeringsMut for Design {
    fn peerings_mut(&mut self) -> impl Iterator<Item = &mut Peering> {
        self.circuits.iter_mut().flat_map(|c| c.peerings.iter_mut())
    }
}

/// Runs every module of the core over the design.
fn exercise(design: &Design) {
    let _ = validate(design);

    let resolution = resolve(design, &Failures::none());
    let subnets: Vec<&Subnet> = design.vnets.iter().flat_map(|v| v.subnets.iter()).collect();
    for subnet in &subnets {
        let _ = resolution.effective_routes(subnet.id.as_str());
    }
    let addresses: Vec<IpAddr> = subnets
        .iter()
        .map(|s| s.prefix.addr())
        .chain(
            design
                .sites
                .iter()
                .flat_map(|s| s.address_space.iter().map(|p| p.addr())),
        )
        .take(4)
        .collect();
    for from in &addresses {
        for to in &addresses {
            let _ = trace(design, &resolution, &TraceRequest::tcp(*from, *to, 443));
        }
    }
    let units = failure_units(design);
    let _ = what_if(design, &Failures::of(units.into_iter().take(2)));

    let picture = scene(design);
    let _ = svg(&picture, &SvgOptions::for_design(design));
    let _ = charts(&circuit_usage(design));
    let _ = export(design, &Format::ALL);
    let _ = load(&save(design));
}

#[test]
fn every_module_survives_hundreds_of_broken_designs() {
    for round in 0..240u64 {
        let mut rng = Rng::new(round);
        let name = TEMPLATE_NAMES[rng.below(TEMPLATE_NAMES.len())];
        let mut design = by_name(name).expect("a template");
        for _ in 0..1 + rng.below(4) {
            mutate(&mut rng, &mut design);
        }
        let outcome = std::panic::catch_unwind(|| exercise(&design));
        assert!(outcome.is_ok(), "round {round} on {name} panicked");
    }
}

#[test]
fn the_single_failure_sweep_survives_broken_designs() {
    for round in 0..12u64 {
        let mut rng = Rng::new(1_000 + round);
        let mut design = by_name("connect-through").expect("a template");
        mutate(&mut rng, &mut design);
        mutate(&mut rng, &mut design);
        let outcome = std::panic::catch_unwind(|| single_failures(&design));
        assert!(outcome.is_ok(), "round {round} panicked");
    }
}

#[test]
fn an_empty_design_goes_through_every_module() {
    exercise(&Design::default());
}

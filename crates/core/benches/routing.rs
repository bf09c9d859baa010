//! Benchmarks of route resolution on a large generated design: five sites
//! advertising 1,000 prefixes each (5,000 on-premises prefixes), ten
//! circuits, five hubs with nine spokes each (50 VNets) and ten subnets per
//! VNet (500 subnets), every hub linked to every circuit.
//!
//! Run with `cargo bench -p routecraft-core --bench routing`.

// Criterion's macros define public functions without documentation.
#![allow(missing_docs)]

use std::hint::black_box;
use std::net::IpAddr;

use criterion::{criterion_group, criterion_main, Criterion};
use ipnet::IpNet;
use routecraft_core::model::*;
use routecraft_core::routing::*;

const SITES: usize = 5;
const PREFIXES_PER_SITE: usize = 1_000;
const HUBS: usize = 5;
const SPOKES_PER_HUB: usize = 9;
const SUBNETS_PER_VNET: usize = 10;

fn net(text: &str) -> IpNet {
    text.parse().expect("generated prefixes are well formed")
}

fn site(design: &mut Design, s: usize) {
    let advertised: Vec<IpNet> = (0..PREFIXES_PER_SITE)
        .map(|i| net(&format!("10.{}.{}.0/24", 128 + s * 16 + i / 256, i % 256)))
        .collect();
    design.sites.push(Site {
        id: format!("dc{s}").as_str().into(),
        name: format!("DC {s}"),
        kind: SiteKind::CustomerDatacenter,
        customer: Some("customer-1".into()),
        address_space: vec![net(&format!("10.{}.0.0/12", 128 + s * 16))],
        advertised,
        advertises_default_route: false,
    });
    for side in ["a", "b"] {
        design.routers.push(Router {
            id: format!("dc{s}-{side}").as_str().into(),
            name: format!("dc{s}-{side}"),
            site: format!("dc{s}").as_str().into(),
            asn: 65001 + s as u32,
            vrfs: Vec::new(),
        });
    }
    let next = (s + 1) % SITES;
    design.links.push(SiteLink {
        id: format!("ring{s}").as_str().into(),
        name: String::new(),
        a: format!("dc{s}-a").as_str().into(),
        b: format!("dc{next}-b").as_str().into(),
        customer: Some("customer-1".into()),
        bandwidth_mbps: None,
    });
}

fn circuit(design: &mut Design, c: usize) {
    let s = c / 2;
    let peering = Peering {
        id: format!("er{c}-private").as_str().into(),
        kind: PeeringKind::AzurePrivatePeering,
        peer_asn: 65001 + s as u32,
        primary_prefix: format!("192.168.{c}.0/30").parse().expect("literal"),
        secondary_prefix: format!("192.168.{c}.4/30").parse().expect("literal"),
        ipv6: None,
        vlan_id: 100,
        md5_key_ref: None,
        as_path_prepend: (c % 2) as u8,
        enabled: true,
        microsoft: None,
    };
    design.circuits.push(Circuit {
        id: format!("er{c}").as_str().into(),
        name: format!("er{c}"),
        customer: "customer-1".into(),
        subscription: "subscription-1".into(),
        kind: CircuitKind::Provider,
        provider: "Equinix".into(),
        peering_location: format!("Location{c}"),
        direct_port: None,
        bandwidth_mbps: 10_000,
        tier: Tier::Premium,
        family: Family::UnlimitedData,
        primary_router: Some(format!("dc{s}-a").as_str().into()),
        secondary_router: Some(format!("dc{s}-b").as_str().into()),
        provider_state: ProviderState::Provisioned,
        peerings: vec![peering],
        authorizations: Vec::new(),
        global_reach: Vec::new(),
        macsec: None,
    });
}

fn vnet(design: &mut Design, v: usize, hub: Option<usize>) {
    let id = format!("vnet{v}");
    let subnets = (0..SUBNETS_PER_VNET)
        .map(|j| Subnet {
            id: format!("{id}-s{j}").as_str().into(),
            name: if j == 0 && hub.is_none() {
                "GatewaySubnet".into()
            } else {
                format!("s{j}")
            },
            prefix: net(&format!("10.{v}.{j}.0/24")),
            route_table: hub.map(|_| "spokes".into()),
            nsg: (j > 0).then(|| "workloads".into()),
            service_endpoints: Vec::new(),
        })
        .collect();
    design.vnets.push(Vnet {
        id: id.as_str().into(),
        name: id.clone(),
        subscription: "subscription-1".into(),
        region: "westeurope".into(),
        address_space: vec![net(&format!("10.{v}.0.0/16"))],
        subnets,
    });
    if let Some(h) = hub {
        design.vnet_peerings.push(VnetPeering {
            id: format!("{id}-peering").as_str().into(),
            local: id.as_str().into(),
            remote: format!("vnet{h}").as_str().into(),
            allow_gateway_transit: true,
            use_remote_gateways: true,
            allow_forwarded_traffic: true,
        });
    }
}

/// The large design described at the top of this file.
fn large_design() -> Design {
    let mut design = Design::blank("bench", CspModel::ConnectTo);
    for s in 0..SITES {
        site(&mut design, s);
    }
    for c in 0..SITES * 2 {
        circuit(&mut design, c);
    }
    for h in 0..HUBS {
        vnet(&mut design, h, None);
        design.gateways.push(Gateway {
            id: format!("gw{h}").as_str().into(),
            name: format!("gw{h}"),
            vnet: format!("vnet{h}").as_str().into(),
            kind: GatewayKind::ExpressRoute,
            sku: GatewaySku::ErGw3Az,
            scale_units: None,
            asn: None,
            private_ip_enabled: false,
        });
        for c in 0..SITES * 2 {
            design.connections.push(Connection {
                id: format!("gw{h}-er{c}").as_str().into(),
                name: String::new(),
                gateway: format!("gw{h}").as_str().into(),
                circuit: format!("er{c}").as_str().into(),
                routing_weight: if c / 2 == h { 100 } else { 0 },
                fast_path: false,
                authorization: None,
            });
        }
    }
    for k in 0..HUBS * SPOKES_PER_HUB {
        vnet(&mut design, HUBS + k, Some(k % HUBS));
    }
    design.route_tables.push(RouteTable {
        id: "spokes".into(),
        name: "spokes".into(),
        region: "westeurope".into(),
        propagate_gateway_routes: true,
        routes: vec![Route {
            id: "spokes-internet".into(),
            name: "internet".into(),
            prefix: net("203.0.113.0/24"),
            next_hop: NextHopType::Internet,
            next_hop_ip: None,
        }],
    });
    design.nsgs.push(Nsg {
        id: "workloads".into(),
        name: "workloads".into(),
        region: "westeurope".into(),
        rules: vec![NsgRule {
            id: "workloads-ssh".into(),
            name: "deny-ssh".into(),
            priority: 100,
            direction: Direction::Inbound,
            access: Access::Deny,
            protocol: Protocol::Tcp,
            source: "Internet".into(),
            source_ports: "*".into(),
            destination: "*".into(),
            destination_ports: "22".into(),
        }],
    });
    design
}

fn ip(text: &str) -> IpAddr {
    text.parse().expect("literal")
}

fn routing(c: &mut Criterion) {
    let design = large_design();
    let none = Failures::none();
    let resolution = resolve(&design, &none);
    let table = resolution
        .effective_routes("vnet7-s3")
        .expect("the generated subnet exists");
    assert!(table.len() > 5_000, "the generated table is large");

    c.bench_function("resolve 500 subnets, 5,000 on-premises prefixes", |b| {
        b.iter(|| resolve(black_box(&design), black_box(&none)))
    });

    c.bench_function("effective routes of one subnet (5,000+ rows)", |b| {
        b.iter(|| resolution.effective_routes(black_box("vnet7-s3")))
    });

    let request = TraceRequest::tcp(ip("10.7.3.10"), ip("10.160.2.9"), 443).at("vnet7-s3");
    c.bench_function("trace spoke to on-premises", |b| {
        b.iter(|| {
            trace(
                black_box(&design),
                black_box(&resolution),
                black_box(&request),
            )
        })
    });

    // One lookup in the longest-prefix-match table against a scan of the
    // same subnet table for the longest matching prefix.
    let map: PrefixMap<usize> = table
        .iter()
        .enumerate()
        .map(|(i, r)| (r.prefix, i))
        .collect();
    let addresses: Vec<IpAddr> = (0..64u32)
        .map(|i| ip(&format!("10.{}.{}.9", 128 + (i % 80), (i * 37) % 256)))
        .collect();
    c.bench_function("lookup: prefix map, 64 addresses", |b| {
        b.iter(|| {
            addresses
                .iter()
                .filter_map(|a| map.longest_match(*a).map(|(_, i)| *i))
                .sum::<usize>()
        })
    });
    c.bench_function("lookup: linear scan, 64 addresses", |b| {
        b.iter(|| {
            addresses
                .iter()
                .filter_map(|a| {
                    table
                        .iter()
                        .enumerate()
                        .filter(|(_, r)| r.prefix.contains(a))
                        .max_by_key(|(_, r)| r.prefix.prefix_len())
                        .map(|(i, _)| i)
                })
                .sum::<usize>()
        })
    });

    let mut slow = c.benchmark_group("sweep");
    slow.sample_size(10);
    slow.bench_function("single failures (every unit resolved and checked)", |b| {
        b.iter(|| single_failures(black_box(&design)))
    });
    slow.finish();
}

criterion_group!(benches, routing);
criterion_main!(benches);

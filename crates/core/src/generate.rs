//! Generated designs for benchmarks and scale tests.
//!
//! [`largest_realistic`] builds the largest design a workshop could meet at
//! Azure's own limits: 100 VNets with 1,000 address prefixes and 3,000
//! subnets, four Premium circuits and 10,000 on-premises prefixes. It is a
//! plausible design, not noise: regional hubs with ExpressRoute gateways
//! linked to every circuit, spokes that use their hub's gateway, a firewall
//! per hub, route tables and network security groups on most spokes, and
//! datacenters whose two routers each end one connection of a circuit.
//!
//! The same seed always gives the same design, so the benchmarks measure
//! the same work from run to run; the seed only varies the details (subnet
//! sizes, on-premises prefix lengths, which subnets get which tables).
//!
//! ```
//! use routecraft_core::generate::{sized, Sizes};
//! let design = sized(&Sizes::small(), 7);
//! assert_eq!(design, sized(&Sizes::small(), 7));
//! assert!(design.integrity_problems().is_empty());
//! ```

use std::net::{IpAddr, Ipv4Addr};

use ipnet::{IpNet, Ipv4Net};

use crate::model::*;

/// How large a generated design is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sizes {
    /// Virtual networks in all, hubs included.
    pub vnets: usize,
    /// Hub VNets, one per region, each with an ExpressRoute gateway.
    pub hubs: usize,
    /// Address prefixes per VNet, each a /22.
    pub prefixes_per_vnet: usize,
    /// Subnets per VNet, at most four per address prefix.
    pub subnets_per_vnet: usize,
    /// Circuits, each with its own datacenter of two routers.
    pub circuits: usize,
    /// On-premises prefixes in all, shared out between the datacenters.
    pub onprem_prefixes: usize,
}

impl Sizes {
    /// Azure's limits: 100 VNets, 1,000 VNet prefixes, 3,000 subnets,
    /// 4 circuits and 10,000 on-premises prefixes (the Premium limit).
    pub fn largest() -> Sizes {
        Sizes {
            vnets: 100,
            hubs: 2,
            prefixes_per_vnet: 10,
            subnets_per_vnet: 30,
            circuits: 4,
            onprem_prefixes: 10_000,
        }
    }

    /// A small design of the same shape, quick enough for tests.
    pub fn small() -> Sizes {
        Sizes {
            vnets: 6,
            hubs: 2,
            prefixes_per_vnet: 2,
            subnets_per_vnet: 4,
            circuits: 2,
            onprem_prefixes: 40,
        }
    }
}

/// The largest realistic design, at Azure's limits ([`Sizes::largest`]).
pub fn largest_realistic(seed: u64) -> Design {
    sized(&Sizes::largest(), seed)
}

/// Regions the hubs stand in, and the peering locations of the circuits,
/// in the order they are used.
const REGIONS: [&str; 4] = ["westeurope", "northeurope", "uksouth", "francecentral"];
const LOCATIONS: [&str; 4] = ["Amsterdam", "Dublin", "London", "Paris"];

/// The first address of the Azure plan (10.0.0.0/10) and of the
/// on-premises plan (10.128.0.0/9).
const AZURE_BASE: u32 = 0x0a00_0000;
const AZURE_SIZE: u32 = 1 << 22;
const ONPREM_BASE: u32 = 0x0a80_0000;
const ONPREM_SIZE: u32 = 1 << 23;

/// A design of the given sizes. Sizes beyond what the address plan holds
/// are cut down to fit: at most 4,096 VNet prefixes, four subnets per
/// prefix, 64 circuits and 16 hubs.
pub fn sized(sizes: &Sizes, seed: u64) -> Design {
    let sizes = fit(sizes);
    let mut rng = SplitMix64::new(seed);
    let mut design = Design::blank("Largest realistic design", CspModel::ConnectTo);
    design.partner.asn = Some(64_512);
    design.subscriptions.push(Subscription {
        id: Id::new("subscription-2"),
        name: "Customer landing zones".to_owned(),
        customer: Id::new("customer-1"),
        managed_by: ManagedBy::Csp,
    });

    for c in 0..sizes.circuits {
        datacenter(&mut design, &mut rng, &sizes, c);
        circuit(&mut design, &sizes, c);
    }
    for h in 0..sizes.hubs {
        regional_policies(&mut design, &sizes, h);
    }
    for v in 0..sizes.vnets {
        vnet(&mut design, &mut rng, &sizes, v);
    }
    design
}

fn fit(sizes: &Sizes) -> Sizes {
    let prefixes = sizes.prefixes_per_vnet.clamp(1, 64);
    Sizes {
        vnets: sizes.vnets.min(4_096 / prefixes),
        hubs: sizes.hubs.clamp(1, 16).min(sizes.vnets.max(1)),
        prefixes_per_vnet: prefixes,
        subnets_per_vnet: sizes.subnets_per_vnet.clamp(2, 4 * prefixes),
        circuits: sizes.circuits.clamp(1, 64),
        onprem_prefixes: sizes.onprem_prefixes.min(100_000),
    }
}

/// A small deterministic generator (splitmix64), so that a seed names a
/// design without any outside crate. Public so that property tests draw
/// from the same generator and a failing round reproduces from its seed.
///
/// ```
/// use routecraft_core::generate::SplitMix64;
/// let (mut a, mut b) = (SplitMix64::new(7), SplitMix64::new(7));
/// assert_eq!(a.next_u64(), b.next_u64());
/// assert!(a.below(10) < 10);
/// ```
#[derive(Clone, Debug)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    /// A generator whose sequence the seed fixes.
    pub fn new(seed: u64) -> SplitMix64 {
        SplitMix64(seed)
    }

    /// The next number of the sequence.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number below `n`, or 0 when `n` is 0.
    pub fn below(&mut self, n: usize) -> usize {
        let len = n.max(1) as u64;
        usize::try_from(self.next_u64() % len).unwrap_or(0)
    }

    /// One of `items`, or the default when there is none.
    pub fn pick_or_default<T: Copy + Default>(&mut self, items: &[T]) -> T {
        let at = self.below(items.len());
        items.get(at).copied().unwrap_or_default()
    }

    /// True with probability `percent` in 100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }
}

fn v4(address: u32, len: u8) -> Option<IpNet> {
    Ipv4Net::new(Ipv4Addr::from(address), len)
        .ok()
        .map(|n| IpNet::V4(n.trunc()))
}

fn region(h: usize) -> &'static str {
    REGIONS
        .get(h % REGIONS.len())
        .copied()
        .unwrap_or("westeurope")
}

fn hub_id(h: usize) -> Id {
    Id::new(format!("vnet-hub-{h}"))
}

/// The address block of one datacenter: an equal share of 10.128.0.0/9,
/// rounded down to a power of two.
fn site_block(sizes: &Sizes, c: usize) -> (u32, u32) {
    let share = ONPREM_SIZE / u32::try_from(sizes.circuits).unwrap_or(1).max(1);
    let size = 1u32 << (31 - share.max(1).leading_zeros());
    let start = ONPREM_BASE.saturating_add(size.saturating_mul(c as u32));
    (start, size)
}

/// A datacenter with two edge routers, linked to the next datacenter so
/// that every site's prefixes reach every circuit.
fn datacenter(design: &mut Design, rng: &mut SplitMix64, sizes: &Sizes, c: usize) {
    let (start, size) = site_block(sizes, c);
    let share = sizes.onprem_prefixes / sizes.circuits
        + usize::from(c < sizes.onprem_prefixes % sizes.circuits);
    let site = Id::new(format!("dc-{c}"));

    // Prefixes of mixed lengths, carved upward from the start of the block
    // with gaps, as an address plan grows; the last /24 of the block comes
    // last so that the block's highest host is reachable.
    let end = start.saturating_add(size - 256);
    let mut cursor = start;
    let mut advertised = Vec::with_capacity(share);
    while advertised.len() + 1 < share {
        let len: u8 = rng.pick_or_default(&[22, 23, 24, 24, 24, 24, 25, 26, 27, 28]);
        let step = 1u32 << (32 - u32::from(len));
        cursor = cursor.div_ceil(step).saturating_mul(step);
        if cursor.saturating_add(step) > end {
            break;
        }
        advertised.extend(v4(cursor, len));
        cursor += step;
        if rng.chance(10) {
            cursor = cursor.saturating_add(1024);
        }
    }
    if share > 0 {
        advertised.extend(v4(end, 24));
    }

    design.sites.push(Site {
        id: site.clone(),
        name: format!("{} datacenter", location(c)),
        kind: SiteKind::CustomerDatacenter,
        customer: Some(Id::new("customer-1")),
        address_space: v4(start, 32 - size.trailing_zeros() as u8)
            .into_iter()
            .collect(),
        advertised,
        advertises_default_route: false,
    });
    for side in ["a", "b"] {
        design.routers.push(Router {
            id: Id::new(format!("dc-{c}-edge-{side}")),
            name: format!("dc{c}-edge-{side}"),
            site: site.clone(),
            asn: 65_001 + c as u32,
            vrfs: Vec::new(),
        });
    }
    let mut link = |key: String, a: String, b: String| {
        design.links.push(SiteLink {
            id: Id::new(key),
            name: String::new(),
            a: Id::new(a),
            b: Id::new(b),
            customer: Some(Id::new("customer-1")),
            bandwidth_mbps: Some(100_000),
        });
    };
    link(
        format!("dc-{c}-core"),
        format!("dc-{c}-edge-a"),
        format!("dc-{c}-edge-b"),
    );
    if sizes.circuits > 1 && (c + 1 < sizes.circuits || sizes.circuits > 2) {
        let next = (c + 1) % sizes.circuits;
        for side in ["a", "b"] {
            link(
                format!("dc-{c}-wan-{side}"),
                format!("dc-{c}-edge-{side}"),
                format!("dc-{next}-edge-{side}"),
            );
        }
    }
}

fn location(c: usize) -> &'static str {
    LOCATIONS
        .get(c % LOCATIONS.len())
        .copied()
        .unwrap_or("Amsterdam")
}

/// A Premium circuit at its own peering location, its connections ending
/// on the two routers of its datacenter.
fn circuit(design: &mut Design, sizes: &Sizes, c: usize) {
    let link_net = |offset: u32| {
        Ipv4Net::new(Ipv4Addr::from(0xc0a8_0000 + (c as u32) * 8 + offset), 30).unwrap_or_default()
    };
    let peering = Peering {
        id: Id::new(format!("er-{c}-private")),
        kind: PeeringKind::AzurePrivatePeering,
        peer_asn: 65_001 + c as u32,
        primary_prefix: link_net(0),
        secondary_prefix: link_net(4),
        ipv6: None,
        vlan_id: 100 + c as u16,
        md5_key_ref: Some(format!("kv-bgp-er-{c}")),
        as_path_prepend: u8::from(c >= sizes.circuits.div_ceil(2)),
        enabled: true,
        microsoft: None,
    };
    let place = location(c);
    let name = if c < LOCATIONS.len() {
        place.to_owned()
    } else {
        format!("{place}{}", c / LOCATIONS.len() + 1)
    };
    design.circuits.push(Circuit {
        id: Id::new(format!("er-{c}")),
        name: format!("er-{}", name.to_lowercase()),
        customer: Id::new("customer-1"),
        subscription: Id::new("subscription-1"),
        kind: CircuitKind::Provider,
        provider: "Equinix".to_owned(),
        peering_location: name,
        direct_port: None,
        bandwidth_mbps: 10_000,
        tier: Tier::Premium,
        family: Family::UnlimitedData,
        primary_router: Some(Id::new(format!("dc-{c}-edge-a"))),
        secondary_router: Some(Id::new(format!("dc-{c}-edge-b"))),
        provider_state: ProviderState::Provisioned,
        peerings: vec![peering],
        authorizations: Vec::new(),
        global_reach: Vec::new(),
        macsec: None,
    });
}

/// The route tables and the security group shared by a region's spokes.
fn regional_policies(design: &mut Design, sizes: &Sizes, h: usize) {
    let firewall = firewall_ip(sizes, h);
    let route = |key: &str, prefix: &str, hop: NextHopType| Route {
        id: Id::new(format!("rt-{key}-{h}")),
        name: key.to_owned(),
        prefix: prefix.parse().unwrap_or_default(),
        next_hop: hop,
        next_hop_ip: (hop == NextHopType::VirtualAppliance).then_some(firewall),
    };
    design.route_tables.push(RouteTable {
        id: Id::new(format!("rt-spokes-{h}")),
        name: format!("rt-spokes-{}", region(h)),
        region: region(h).to_owned(),
        propagate_gateway_routes: true,
        routes: vec![
            route("egress", "0.0.0.0/0", NextHopType::VirtualAppliance),
            route("block-test", "198.18.0.0/15", NextHopType::None),
        ],
    });
    design.route_tables.push(RouteTable {
        id: Id::new(format!("rt-inspected-{h}")),
        name: format!("rt-inspected-{}", region(h)),
        region: region(h).to_owned(),
        propagate_gateway_routes: false,
        routes: vec![route(
            "all-via-firewall",
            "0.0.0.0/0",
            NextHopType::VirtualAppliance,
        )],
    });
    let rule = |key: &str, priority, access, source: &str, ports: &str| NsgRule {
        id: Id::new(format!("nsg-{key}-{h}")),
        name: key.to_owned(),
        priority,
        direction: Direction::Inbound,
        access,
        protocol: Protocol::Tcp,
        source: source.to_owned(),
        source_ports: "*".to_owned(),
        destination: "*".to_owned(),
        destination_ports: ports.to_owned(),
    };
    design.nsgs.push(Nsg {
        id: Id::new(format!("nsg-workloads-{h}")),
        name: format!("nsg-workloads-{}", region(h)),
        region: region(h).to_owned(),
        rules: vec![
            rule(
                "https-on-premises",
                100,
                Access::Allow,
                "10.128.0.0/9",
                "443",
            ),
            rule("ssh-on-premises", 110, Access::Allow, "10.128.0.0/9", "22"),
            rule("no-rdp", 4000, Access::Deny, "*", "3389"),
        ],
    });
}

/// The firewall's address: the fourth of the hub's AzureFirewallSubnet,
/// its second subnet.
fn firewall_ip(sizes: &Sizes, h: usize) -> IpAddr {
    IpAddr::V4(Ipv4Addr::from(subnet_start(sizes, h, 1) + 4))
}

/// Where subnet `k` of VNet `v` starts. The VNets' /22 prefixes follow one
/// another in the Azure plan; subnets go round the prefixes, each taking
/// the next /24 slot of its prefix.
fn subnet_start(sizes: &Sizes, v: usize, k: usize) -> u32 {
    let per = sizes.prefixes_per_vnet.max(1);
    let slot = u32::try_from(k / per).unwrap_or(0).min(3);
    AZURE_BASE + vnet_block(sizes, v, k % per) + slot * 256
}

/// Offset of prefix `j` of VNet `v` in the Azure plan.
fn vnet_block(sizes: &Sizes, v: usize, j: usize) -> u32 {
    let at = v.saturating_mul(sizes.prefixes_per_vnet).saturating_add(j);
    let at = u32::try_from(at).unwrap_or(u32::MAX / 1024);
    at.saturating_mul(1024) % AZURE_SIZE
}

/// A VNet: a hub with its gateway, firewall and connections, or a spoke
/// peered with its region's hub.
fn vnet(design: &mut Design, rng: &mut SplitMix64, sizes: &Sizes, v: usize) {
    let is_hub = v < sizes.hubs;
    let h = v % sizes.hubs;
    let id = if is_hub {
        hub_id(h)
    } else {
        Id::new(format!("vnet-spoke-{v:03}"))
    };
    let address_space: Vec<IpNet> = (0..sizes.prefixes_per_vnet)
        .filter_map(|j| v4(AZURE_BASE + vnet_block(sizes, v, j), 22))
        .collect();

    let mut subnets = Vec::with_capacity(sizes.subnets_per_vnet);
    for k in 0..sizes.subnets_per_vnet {
        let start = subnet_start(sizes, v, k);
        let (name, len, table, nsg) = match (is_hub, k) {
            (true, 0) => ("GatewaySubnet".to_owned(), 26, None, None),
            (true, 1) => ("AzureFirewallSubnet".to_owned(), 26, None, None),
            (true, _) => (format!("snet-shared-{k:02}"), 26, None, None),
            (false, _) => {
                let len = rng.pick_or_default(&[24u8, 24, 25, 26, 27]);
                let table = match rng.next_u64() % 10 {
                    0 => Some(format!("rt-inspected-{h}")),
                    1..=7 => Some(format!("rt-spokes-{h}")),
                    _ => None,
                };
                let nsg = rng.chance(80).then(|| format!("nsg-workloads-{h}"));
                (format!("snet-app-{k:02}"), len, table, nsg)
            }
        };
        let Some(prefix) = v4(start, len) else {
            continue;
        };
        subnets.push(Subnet {
            id: Id::new(format!("{id}-snet-{k:02}")),
            name,
            prefix,
            route_table: table.map(Id::new),
            nsg: nsg.map(Id::new),
            service_endpoints: if !is_hub && rng.chance(5) {
                vec!["Microsoft.Storage".to_owned()]
            } else {
                Vec::new()
            },
        });
    }

    if is_hub {
        hub_elements(design, sizes, h, &id, &subnets);
    } else {
        design.vnet_peerings.push(VnetPeering {
            id: Id::new(format!("{id}-to-hub")),
            local: id.clone(),
            remote: hub_id(h),
            allow_gateway_transit: true,
            use_remote_gateways: true,
            allow_forwarded_traffic: true,
        });
    }
    design.vnets.push(Vnet {
        name: id.as_str().replace("vnet-", "vnet-rc-"),
        id,
        subscription: Id::new(if is_hub {
            "subscription-1"
        } else {
            "subscription-2"
        }),
        region: region(h).to_owned(),
        address_space,
        subnets,
    });
}

/// A hub's gateway, its connection to every circuit (the nearest circuits
/// weighted up), its firewall, and its peering with the previous hub.
fn hub_elements(design: &mut Design, sizes: &Sizes, h: usize, id: &Id, subnets: &[Subnet]) {
    let gateway = Id::new(format!("ergw-{h}"));
    design.gateways.push(Gateway {
        id: gateway.clone(),
        name: format!("ergw-{}", region(h)),
        vnet: id.clone(),
        kind: GatewayKind::ExpressRoute,
        sku: GatewaySku::ErGw3Az,
        scale_units: None,
        asn: None,
        private_ip_enabled: false,
    });
    for c in 0..sizes.circuits {
        design.connections.push(Connection {
            id: Id::new(format!("ergw-{h}-er-{c}")),
            name: format!("conn-{}-er-{c}", region(h)),
            gateway: gateway.clone(),
            circuit: Id::new(format!("er-{c}")),
            routing_weight: if c % sizes.hubs == h { 100 } else { 0 },
            fast_path: false,
            authorization: None,
        });
    }
    if let Some(subnet) = subnets.get(1) {
        design.appliances.push(Appliance {
            id: Id::new(format!("afw-{h}")),
            name: format!("afw-{}", region(h)),
            subnet: subnet.id.clone(),
            ip: firewall_ip(sizes, h),
            kind: ApplianceKind::Firewall,
            ip_forwarding: true,
        });
    }
    if h > 0 {
        design.vnet_peerings.push(VnetPeering {
            id: Id::new(format!("hub-{h}-to-hub-{}", h - 1)),
            local: id.clone(),
            remote: hub_id(h - 1),
            allow_gateway_transit: false,
            use_remote_gateways: false,
            allow_forwarded_traffic: true,
        });
    }
}

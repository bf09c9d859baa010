//! The one table of Azure facts behind every rule, choice and export.
//!
//! Each constant and table says which section of `shared/azure-facts.md` it
//! comes from, written as `§1.1` and so on. Validation, the studio's choices
//! and the exports all read these values; nothing else in the core writes an
//! Azure number down a second time.
//!
//! Organization:
//! - circuit facts: [`PROVIDER_BANDWIDTHS_MBPS`], [`direct_circuit_sizes_gbps`],
//!   [`vnet_link_limit`], [`private_peering_route_limit`]
//! - gateway facts: [`GatewaySkuFacts`] through [`gateway_sku_facts`]
//! - ASNs: [`MICROSOFT_ASN`], [`asn_reservation`]
//! - regions and peering locations: [`region`], [`peering_location`]
//! - NSG defaults: [`DEFAULT_NSG_RULES`]
//! - Microsoft peering services: [`BGP_SERVICE_COMMUNITIES`]
//! - route resolution: [`SYSTEM_NONE_PREFIXES`], [`AZURE_PLATFORM_IP`],
//!   [`SERVICE_ENDPOINT_EXAMPLES`] (in `routing`)
//! - public addresses: [`non_public_range`] (in `addresses`)
//! - changes in place or by re-creation: [`ChangeKind`] (in `changes`)

mod addresses;
mod changes;
mod places;
mod routing;

pub use addresses::{non_public_range, SpecialRange, NON_PUBLIC_RANGES};
pub use changes::{
    bandwidth_change, family_change, gateway_sku_change, tier_change, ChangeKind, LOCAL_FAMILY,
};
pub use places::{peering_location, region, PeeringLocation, Region, PEERING_LOCATIONS, REGIONS};
pub use routing::{
    regional_community_example_prefix, ServiceEndpointExample, AZURE_PLATFORM_IP,
    SERVICE_ENDPOINT_EXAMPLES, SYSTEM_INTERNET_PREFIX, SYSTEM_NONE_PREFIXES,
};

use crate::model::{GatewaySku, Tier};

/// Bandwidths a provider (partner) circuit may have, in Mbps (§1.1).
pub const PROVIDER_BANDWIDTHS_MBPS: [u32; 8] = [50, 100, 200, 500, 1000, 2000, 5000, 10000];

/// The speed of an ExpressRoute Direct port pair, in Gbps per port (§1.1).
pub const DIRECT_PORT_SPEEDS_GBPS: [u32; 2] = [10, 100];

/// Circuit sizes allowed on a Direct port pair of the given speed (§1.1).
///
/// Returns an empty slice for a port speed Azure does not offer.
pub fn direct_circuit_sizes_gbps(port_speed_gbps: u32) -> &'static [u32] {
    match port_speed_gbps {
        10 => &[1, 2, 5, 10],
        100 => &[5, 10, 40, 100],
        _ => &[],
    }
}

/// Subscribed bandwidth of a Direct port pair: twice the port speed (§1.1).
pub fn direct_subscribed_gbps(port_speed_gbps: u32) -> u32 {
    port_speed_gbps.saturating_mul(2)
}

/// Number of VNet links (Global Reach connections included) a circuit of
/// this tier and size may have (§3.1).
///
/// Local and Standard circuits allow 10 at every size; Premium grows with the
/// bandwidth. A size that is not in the table gets the limit of the next
/// smaller listed size, which is the safer reading.
pub fn vnet_link_limit(tier: Tier, bandwidth_mbps: u32) -> u32 {
    if tier != Tier::Premium {
        return 10;
    }
    const PREMIUM: [(u32, u32); 8] = [
        (50, 20),
        (100, 25),
        (200, 25),
        (500, 40),
        (1000, 50),
        (2000, 60),
        (5000, 75),
        (10000, 100),
    ];
    PREMIUM
        .iter()
        .rev()
        .find(|(size, _)| bandwidth_mbps >= *size)
        .map_or(PREMIUM[0].1, |(_, limit)| *limit)
}

/// IPv4 routes that on-premises may advertise into private peering before
/// Azure drops the BGP session (§2.7).
pub fn private_peering_route_limit(tier: Tier) -> u32 {
    match tier {
        Tier::Premium => 10_000,
        Tier::Standard | Tier::Local => 4_000,
    }
}

/// IPv6 routes that on-premises may advertise into private peering (§2.7).
pub const PRIVATE_PEERING_IPV6_ROUTE_LIMIT: u32 = 100;

/// Prefixes per BGP session on Microsoft (and public) peering (§2.7).
pub const MICROSOFT_PEERING_ROUTE_LIMIT: u32 = 200;

/// IPv4 prefixes Azure advertises to on-premises per ExpressRoute connection:
/// the VNet and its gateway-transit spokes (§2.7, §3.3).
pub const CONNECTION_ADVERTISED_LIMIT: u32 = 1_000;

/// Address spaces a VNet and its spokes may have when a connection is
/// created; after creation they may grow to [`CONNECTION_ADVERTISED_LIMIT`] (§2.7).
pub const CONNECTION_CREATION_LIMIT: u32 = 200;

/// Circuits from one peering location that may link to one VNet (§3.2).
pub const CIRCUITS_PER_LOCATION_PER_VNET: u32 = 4;

/// The range of a connection's routing weight; the highest wins (§4.7).
pub const ROUTING_WEIGHT_MAX: u16 = 32_000;

/// Priorities a custom NSG rule may take; lower numbers win (§6).
pub const NSG_CUSTOM_PRIORITY: std::ops::RangeInclusive<u16> = 100..=4096;

/// VLAN IDs presumed valid for a peering: 802.1Q, unconfirmed by Azure (§2.2, §8).
pub const VLAN_ID_RANGE: std::ops::RangeInclusive<u16> = 1..=4094;

/// Azure's ASN on every ExpressRoute peering (§2.3).
pub const MICROSOFT_ASN: u32 = 12076;

/// The default ASN of Azure's VPN gateway and of Route Server (§2.3).
pub const AZURE_GATEWAY_ASN: u32 = 65515;

/// Prefix length of each private or Microsoft peering link subnet (§2.2).
pub const PEERING_LINK_PREFIX_V4: u8 = 30;

/// Prefix length of each IPv6 peering link subnet (§2.2).
pub const PEERING_LINK_PREFIX_V6: u8 = 126;

/// Prefix length of the address space a Global Reach connection needs (§3.6).
pub const GLOBAL_REACH_PREFIX_V4: u8 = 29;

/// Smallest GatewaySubnet Azure accepts (§3.5).
pub const GATEWAY_SUBNET_MIN_PREFIX: u8 = 29;

/// Recommended GatewaySubnet size, also needed for VPN coexistence (§3.5).
pub const GATEWAY_SUBNET_RECOMMENDED_PREFIX: u8 = 27;

/// GatewaySubnet size needed for a gateway with 16 circuits (§3.5).
pub const GATEWAY_SUBNET_FOR_16_CIRCUITS: u8 = 26;

/// The name Azure requires for the subnet that holds gateways (§3.5).
pub const GATEWAY_SUBNET_NAME: &str = "GatewaySubnet";

/// Largest packet that crosses an ExpressRoute gateway unfragmented (§3.4).
pub const MAX_PACKET_BYTES: u32 = 1_400;

/// Why an ASN may not be used as a peer ASN.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AsnReservation {
    /// Microsoft's own public ASNs: 8074, 8075, 12076 (§2.3).
    Microsoft,
    /// Reserved by Microsoft for internal use: 65515 to 65520 (§2.3).
    AzureInternal,
    /// Reserved by IANA: 0, 23456, 64496-64511, 65535-65551, 4294967295 (§2.3).
    Iana,
}

/// Tells whether `asn` is reserved, and by whom (§2.3).
///
/// ```
/// use routecraft_core::facts::{asn_reservation, AsnReservation};
/// assert_eq!(asn_reservation(65515), Some(AsnReservation::AzureInternal));
/// assert_eq!(asn_reservation(65001), None);
/// ```
pub fn asn_reservation(asn: u32) -> Option<AsnReservation> {
    match asn {
        8074 | 8075 | MICROSOFT_ASN => Some(AsnReservation::Microsoft),
        65515..=65520 => Some(AsnReservation::AzureInternal),
        0 | 23456 | 64496..=64511 | 65535..=65551 | u32::MAX => Some(AsnReservation::Iana),
        _ => None,
    }
}

/// Tells whether `asn` is private under RFC 6996 (§2.3).
pub fn is_private_asn(asn: u32) -> bool {
    (64512..=65534).contains(&asn) || (4_200_000_000..=4_294_967_294).contains(&asn)
}

/// What an ExpressRoute or VPN gateway SKU can do (§3.4, §7.3).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GatewaySkuFacts {
    /// Throughput in Mbps (per scale unit for ErGwScale).
    pub throughput_mbps: u32,
    /// Routes the gateway learns from on-premises before it stops.
    pub max_routes_learned: u32,
    /// Circuits from different peering locations linked to one VNet.
    pub max_circuits: u32,
    /// Whether FastPath may be turned on.
    pub fast_path: bool,
    /// Whether the SKU is zone-redundant.
    pub zone_redundant: bool,
}

/// The facts of an ExpressRoute gateway SKU; `None` for VPN SKUs (§3.4).
///
/// For ErGwScale the figures depend on the scale units: 4 circuits from 1
/// unit, 8 from 2, 16 from 10, FastPath from 10. The route limit of ErGwScale
/// is documented both as 60,000 and as 9,500; the safer 9,500 is used.
pub fn gateway_sku_facts(sku: GatewaySku, scale_units: u8) -> Option<GatewaySkuFacts> {
    use GatewaySku::*;
    let facts = |throughput_mbps, max_routes_learned, max_circuits, fast_path, zone_redundant| {
        GatewaySkuFacts {
            throughput_mbps,
            max_routes_learned,
            max_circuits,
            fast_path,
            zone_redundant,
        }
    };
    Some(match sku {
        Standard => facts(1_000, 4_000, 4, false, false),
        ErGw1Az => facts(1_000, 4_000, 4, false, true),
        HighPerformance => facts(2_000, 9_500, 8, false, false),
        ErGw2Az => facts(2_000, 9_500, 8, false, true),
        UltraPerformance => facts(10_000, 9_500, 16, true, false),
        ErGw3Az => facts(10_000, 9_500, 16, true, true),
        ErGwScale => {
            let units = u32::from(scale_units.clamp(1, 40));
            let circuits = match units {
                1 => 4,
                2..=9 => 8,
                _ => 16,
            };
            facts(1_000 * units, 9_500, circuits, units >= 10, true)
        }
        _ => return None,
    })
}

/// Scale units an ErGwScale gateway may have (§3.4).
pub const ERGW_SCALE_UNITS: std::ops::RangeInclusive<u8> = 1..=40;

/// One of NSG's default rules, which every NSG has beneath its custom rules (§6).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DefaultNsgRule {
    /// The rule's name exactly as Azure shows it.
    pub name: &'static str,
    /// `true` for inbound, `false` for outbound.
    pub inbound: bool,
    /// Priority; all default rules sit at 65000 and above.
    pub priority: u16,
    /// Source: `*`, or a service tag.
    pub source: &'static str,
    /// Destination: `*`, or a service tag.
    pub destination: &'static str,
    /// `true` to allow, `false` to deny.
    pub allow: bool,
}

/// NSG default rules in evaluation order, inbound then outbound (§6).
pub const DEFAULT_NSG_RULES: [DefaultNsgRule; 6] = [
    DefaultNsgRule {
        name: "AllowVNetInBound",
        inbound: true,
        priority: 65000,
        source: "VirtualNetwork",
        destination: "VirtualNetwork",
        allow: true,
    },
    DefaultNsgRule {
        name: "AllowAzureLoadBalancerInBound",
        inbound: true,
        priority: 65001,
        source: "AzureLoadBalancer",
        destination: "*",
        allow: true,
    },
    DefaultNsgRule {
        name: "DenyAllInbound",
        inbound: true,
        priority: 65500,
        source: "*",
        destination: "*",
        allow: false,
    },
    DefaultNsgRule {
        name: "AllowVnetOutBound",
        inbound: false,
        priority: 65000,
        source: "VirtualNetwork",
        destination: "VirtualNetwork",
        allow: true,
    },
    DefaultNsgRule {
        name: "AllowInternetOutBound",
        inbound: false,
        priority: 65001,
        source: "*",
        destination: "Internet",
        allow: true,
    },
    DefaultNsgRule {
        name: "DenyAllOutBound",
        inbound: false,
        priority: 65500,
        source: "*",
        destination: "*",
        allow: false,
    },
];

/// A Microsoft peering service, reached through its BGP community (§2.6).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ServiceCommunity {
    /// The community value as Azure writes it, `12076:NNNN`.
    pub community: &'static str,
    /// The service's name.
    pub service: &'static str,
    /// Whether Microsoft must authorize the community first (§2.5).
    pub needs_authorization: bool,
    /// A documentation prefix that stands for the service's real prefixes,
    /// which only Microsoft publishes. Taken from TEST-NET and benchmarking
    /// ranges so that no real address is implied.
    pub example_prefix: &'static str,
}

/// Service communities a route filter may allow (§2.6).
pub const BGP_SERVICE_COMMUNITIES: [ServiceCommunity; 10] = [
    ServiceCommunity {
        community: "12076:5010",
        service: "Exchange Online",
        needs_authorization: true,
        example_prefix: "198.51.100.0/27",
    },
    ServiceCommunity {
        community: "12076:5020",
        service: "SharePoint Online",
        needs_authorization: true,
        example_prefix: "198.51.100.32/27",
    },
    ServiceCommunity {
        community: "12076:5030",
        service: "Skype for Business Online / Teams",
        needs_authorization: true,
        example_prefix: "198.51.100.64/27",
    },
    ServiceCommunity {
        community: "12076:5040",
        service: "CRM Online",
        needs_authorization: false,
        example_prefix: "198.51.100.96/27",
    },
    ServiceCommunity {
        community: "12076:5050",
        service: "Azure Global Services",
        needs_authorization: false,
        example_prefix: "198.51.100.128/27",
    },
    ServiceCommunity {
        community: "12076:5060",
        service: "Azure Active Directory",
        needs_authorization: false,
        example_prefix: "198.51.100.160/27",
    },
    ServiceCommunity {
        community: "12076:5070",
        service: "Azure Resource Manager",
        needs_authorization: false,
        example_prefix: "198.51.100.192/27",
    },
    ServiceCommunity {
        community: "12076:5100",
        service: "Other Office 365 Online services",
        needs_authorization: true,
        example_prefix: "198.51.100.224/27",
    },
    ServiceCommunity {
        community: "12076:5220",
        service: "Microsoft Defender for Identity",
        needs_authorization: false,
        example_prefix: "203.0.113.0/27",
    },
    ServiceCommunity {
        community: "12076:5250",
        service: "Microsoft PSTN services",
        needs_authorization: true,
        example_prefix: "203.0.113.32/27",
    },
];

/// Looks up a service community, or a regional one (`12076:51NNN`) (§2.6).
pub fn service_community(community: &str) -> Option<&'static ServiceCommunity> {
    BGP_SERVICE_COMMUNITIES
        .iter()
        .find(|c| c.community == community)
}

/// Longest name a custom NSG rule may have, in characters (§6).
pub const NSG_RULE_NAME_MAX_CHARS: usize = 80;

/// Custom rules one NSG may hold (§3.2).
pub const NSG_RULES_PER_NSG: usize = 1_000;

/// IPv6 prefixes Azure advertises to on-premises per ExpressRoute
/// connection (§2.7).
pub const CONNECTION_ADVERTISED_IPV6_LIMIT: u32 = 100;

/// VPN gateway SKUs that can run IPsec over private peering, each with a
/// Standard public IP (§7.3).
pub const IPSEC_OVER_PRIVATE_PEERING_SKUS: [GatewaySku; 5] = [
    GatewaySku::VpnGw1AZ,
    GatewaySku::VpnGw2AZ,
    GatewaySku::VpnGw3AZ,
    GatewaySku::VpnGw4AZ,
    GatewaySku::VpnGw5AZ,
];

/// Circuits on one gateway above which the GatewaySubnet must be
/// [`GATEWAY_SUBNET_FOR_16_CIRCUITS`] or larger (§3.5).
///
/// The facts say "/26 for 16 circuits"; only the 16-circuit SKUs can take
/// more than 8, so the safer reading applies the /26 rule from the ninth.
pub const GATEWAY_SUBNET_26_ABOVE_CIRCUITS: usize = 8;

/// Tells whether a route filter may allow `community`: a service community
/// or a regional Microsoft peering community `12076:510NN` (§2.6).
///
/// ```
/// use routecraft_core::facts::is_route_filter_community;
/// assert!(is_route_filter_community("12076:5010"));
/// assert!(is_route_filter_community("12076:51002"));
/// assert!(!is_route_filter_community("12076:50002"));
/// ```
pub fn is_route_filter_community(community: &str) -> bool {
    if service_community(community).is_some() {
        return true;
    }
    let regional = |nn: u8| format!("{MICROSOFT_ASN}:{}", 51_000 + u32::from(nn));
    REGIONS
        .iter()
        .filter_map(|r| r.community_nn)
        .any(|nn| regional(nn) == community)
}

use std::net::IpAddr;

use ipnet::IpNet;
use serde::{Deserialize, Serialize};

use super::Id;

/// A virtual network with its subnets.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Vnet {
    /// Stable identifier.
    pub id: Id,
    /// The VNet's resource name.
    pub name: String,
    /// The subscription it lives in.
    pub subscription: Id,
    /// The Azure region's ARM name, such as `westeurope`.
    pub region: String,
    /// Address ranges; Azure advertises each whole range, never subnets (§2.7).
    #[serde(default)]
    pub address_space: Vec<IpNet>,
    /// Subnets, including `GatewaySubnet` where a gateway stands.
    #[serde(default)]
    pub subnets: Vec<Subnet>,
}

/// A subnet of a VNet.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Subnet {
    /// Stable identifier.
    pub id: Id,
    /// The subnet's name; `GatewaySubnet` for the gateways' subnet.
    pub name: String,
    /// The subnet's prefix.
    pub prefix: IpNet,
    /// The route table associated with it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub route_table: Option<Id>,
    /// The network security group associated with it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nsg: Option<Id>,
    /// Service endpoints enabled, such as `Microsoft.Storage`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub service_endpoints: Vec<String>,
}

impl Subnet {
    /// Tells whether this is the subnet that holds gateways (§3.5).
    pub fn is_gateway_subnet(&self) -> bool {
        self.name == crate::facts::GATEWAY_SUBNET_NAME
    }
}

/// A peering between two VNets, described from the side that may use the
/// other's gateway: `local` is typically a spoke and `remote` its hub.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VnetPeering {
    /// Stable identifier.
    pub id: Id,
    /// The spoke side.
    pub local: Id,
    /// The hub side.
    pub remote: Id,
    /// `remote` lets `local` use its gateways (allow gateway transit).
    #[serde(default)]
    pub allow_gateway_transit: bool,
    /// `local` uses `remote`'s gateways (use remote gateways) (§4.3).
    #[serde(default)]
    pub use_remote_gateways: bool,
    /// Traffic forwarded by an appliance in one VNet may enter the other.
    #[serde(default)]
    pub allow_forwarded_traffic: bool,
}

/// A virtual network gateway, standing in its VNet's GatewaySubnet.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Gateway {
    /// Stable identifier.
    pub id: Id,
    /// The gateway's resource name.
    pub name: String,
    /// The VNet it stands in.
    pub vnet: Id,
    /// ExpressRoute or VPN.
    pub kind: GatewayKind,
    /// The SKU (§3.4).
    pub sku: GatewaySku,
    /// Scale units, for ErGwScale only (§3.4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scale_units: Option<u8>,
    /// The gateway's BGP ASN, for VPN gateways (§2.3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub asn: Option<u32>,
    /// Gateway private IPs, needed for IPsec over private peering (§7.3).
    #[serde(default)]
    pub private_ip_enabled: bool,
}

/// The two gateway types (§3.2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum GatewayKind {
    /// An ExpressRoute gateway.
    ExpressRoute,
    /// A VPN gateway.
    Vpn,
}

/// Gateway SKUs, named as in the API (§3.4, §7.3).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[allow(missing_docs)]
pub enum GatewaySku {
    Standard,
    HighPerformance,
    UltraPerformance,
    #[serde(rename = "ErGw1AZ", alias = "ErGw1Az")]
    ErGw1Az,
    #[serde(rename = "ErGw2AZ", alias = "ErGw2Az")]
    ErGw2Az,
    #[serde(rename = "ErGw3AZ", alias = "ErGw3Az")]
    ErGw3Az,
    ErGwScale,
    Basic,
    VpnGw1,
    VpnGw2,
    VpnGw3,
    VpnGw4,
    VpnGw5,
    VpnGw1AZ,
    VpnGw2AZ,
    VpnGw3AZ,
    VpnGw4AZ,
    VpnGw5AZ,
}

impl GatewaySku {
    /// SKUs an ExpressRoute gateway may have (§3.4).
    pub const EXPRESS_ROUTE: [GatewaySku; 7] = [
        GatewaySku::Standard,
        GatewaySku::HighPerformance,
        GatewaySku::UltraPerformance,
        GatewaySku::ErGw1Az,
        GatewaySku::ErGw2Az,
        GatewaySku::ErGw3Az,
        GatewaySku::ErGwScale,
    ];

    /// SKUs a VPN gateway may have.
    pub const VPN: [GatewaySku; 11] = [
        GatewaySku::Basic,
        GatewaySku::VpnGw1,
        GatewaySku::VpnGw2,
        GatewaySku::VpnGw3,
        GatewaySku::VpnGw4,
        GatewaySku::VpnGw5,
        GatewaySku::VpnGw1AZ,
        GatewaySku::VpnGw2AZ,
        GatewaySku::VpnGw3AZ,
        GatewaySku::VpnGw4AZ,
        GatewaySku::VpnGw5AZ,
    ];

    /// The API name.
    pub fn as_str(self) -> &'static str {
        use GatewaySku::*;
        match self {
            Standard => "Standard",
            HighPerformance => "HighPerformance",
            UltraPerformance => "UltraPerformance",
            ErGw1Az => "ErGw1AZ",
            ErGw2Az => "ErGw2AZ",
            ErGw3Az => "ErGw3AZ",
            ErGwScale => "ErGwScale",
            Basic => "Basic",
            VpnGw1 => "VpnGw1",
            VpnGw2 => "VpnGw2",
            VpnGw3 => "VpnGw3",
            VpnGw4 => "VpnGw4",
            VpnGw5 => "VpnGw5",
            VpnGw1AZ => "VpnGw1AZ",
            VpnGw2AZ => "VpnGw2AZ",
            VpnGw3AZ => "VpnGw3AZ",
            VpnGw4AZ => "VpnGw4AZ",
            VpnGw5AZ => "VpnGw5AZ",
        }
    }

    /// Tells whether the SKU belongs to an ExpressRoute gateway.
    pub fn is_express_route(self) -> bool {
        GatewaySku::EXPRESS_ROUTE.contains(&self)
    }
}

/// A connection from an ExpressRoute gateway to a circuit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Connection {
    /// Stable identifier.
    pub id: Id,
    /// The connection's resource name.
    pub name: String,
    /// The ExpressRoute gateway.
    pub gateway: Id,
    /// The circuit.
    pub circuit: Id,
    /// Routing weight 0 to 32000; the highest wins (§4.7).
    #[serde(default)]
    pub routing_weight: u16,
    /// FastPath: data bypasses the gateway (§3.4).
    #[serde(default)]
    pub fast_path: bool,
    /// The circuit authorization redeemed, when the gateway is in another
    /// subscription than the circuit (§3.8).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authorization: Option<Id>,
}

/// A route table with user-defined routes (§4.4, §4.6).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RouteTable {
    /// Stable identifier.
    pub id: Id,
    /// The table's resource name.
    pub name: String,
    /// The region the table lives in.
    pub region: String,
    /// Whether gateway routes reach the associated subnets (§4.6).
    #[serde(default = "yes")]
    pub propagate_gateway_routes: bool,
    /// The user-defined routes.
    #[serde(default)]
    pub routes: Vec<Route>,
}

fn yes() -> bool {
    true
}

/// A user-defined route.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Route {
    /// Stable identifier.
    pub id: Id,
    /// The route's name.
    pub name: String,
    /// The destination prefix.
    pub prefix: IpNet,
    /// Where matching traffic goes (§4.4).
    pub next_hop: NextHopType,
    /// The appliance's address, for `VirtualAppliance` only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_hop_ip: Option<IpAddr>,
}

/// Next hop types, named as in the API (§4.4).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum NextHopType {
    /// A VPN gateway (an ExpressRoute gateway only through BGP).
    VirtualNetworkGateway,
    /// The VNet's own address space.
    VnetLocal,
    /// The internet.
    Internet,
    /// A network virtual appliance at `next_hop_ip`.
    VirtualAppliance,
    /// Dropped.
    None,
    /// A peered VNet; system routes only.
    VNetPeering,
    /// A service endpoint; system routes only.
    VirtualNetworkServiceEndpoint,
}

impl NextHopType {
    /// The types a user-defined route may use (§4.4).
    pub const FOR_USER_ROUTES: [NextHopType; 5] = [
        NextHopType::VirtualNetworkGateway,
        NextHopType::VnetLocal,
        NextHopType::Internet,
        NextHopType::VirtualAppliance,
        NextHopType::None,
    ];

    /// The API name.
    pub fn as_str(self) -> &'static str {
        match self {
            NextHopType::VirtualNetworkGateway => "VirtualNetworkGateway",
            NextHopType::VnetLocal => "VnetLocal",
            NextHopType::Internet => "Internet",
            NextHopType::VirtualAppliance => "VirtualAppliance",
            NextHopType::None => "None",
            NextHopType::VNetPeering => "VNetPeering",
            NextHopType::VirtualNetworkServiceEndpoint => "VirtualNetworkServiceEndpoint",
        }
    }
}

/// A network security group with its custom rules; the default rules of §6
/// are implied and never stored.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Nsg {
    /// Stable identifier.
    pub id: Id,
    /// The NSG's resource name.
    pub name: String,
    /// The region it lives in.
    pub region: String,
    /// Custom rules.
    #[serde(default)]
    pub rules: Vec<NsgRule>,
}

/// A custom security rule (§6).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NsgRule {
    /// Stable identifier.
    pub id: Id,
    /// The rule's name.
    pub name: String,
    /// 100 to 4096; lower wins.
    pub priority: u16,
    /// Inbound or outbound.
    pub direction: Direction,
    /// Allow or deny.
    pub access: Access,
    /// The protocol matched.
    pub protocol: Protocol,
    /// Source: `*`, a prefix, an address or a service tag.
    pub source: String,
    /// Source ports: `*`, a port or a range `a-b`.
    #[serde(default = "any")]
    pub source_ports: String,
    /// Destination: `*`, a prefix, an address or a service tag.
    pub destination: String,
    /// Destination ports: `*`, a port, a range `a-b`, or a comma list.
    #[serde(default = "any")]
    pub destination_ports: String,
}

fn any() -> String {
    "*".to_owned()
}

/// Direction of a security rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Direction {
    /// Traffic entering the subnet.
    Inbound,
    /// Traffic leaving the subnet.
    Outbound,
}

/// A security rule's verdict.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Access {
    /// Let the traffic pass.
    Allow,
    /// Drop it.
    Deny,
}

/// Protocols a security rule matches, named as in the API (§6).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[allow(missing_docs)]
pub enum Protocol {
    Tcp,
    Udp,
    Icmp,
    Esp,
    Ah,
    #[serde(rename = "*", alias = "Any")]
    Any,
}

impl Protocol {
    /// All protocols.
    pub const ALL: [Protocol; 6] = [
        Protocol::Tcp,
        Protocol::Udp,
        Protocol::Icmp,
        Protocol::Esp,
        Protocol::Ah,
        Protocol::Any,
    ];

    /// The API name.
    pub fn as_str(self) -> &'static str {
        match self {
            Protocol::Tcp => "Tcp",
            Protocol::Udp => "Udp",
            Protocol::Icmp => "Icmp",
            Protocol::Esp => "Esp",
            Protocol::Ah => "Ah",
            Protocol::Any => "*",
        }
    }
}

/// A network virtual appliance or firewall in a subnet.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Appliance {
    /// Stable identifier.
    pub id: Id,
    /// The appliance's name.
    pub name: String,
    /// The subnet its interface stands in.
    pub subnet: Id,
    /// The private address that user routes point at.
    pub ip: IpAddr,
    /// A firewall or another kind of appliance.
    #[serde(default)]
    pub kind: ApplianceKind,
    /// IP forwarding on its interface; without it forwarded traffic is dropped.
    #[serde(default = "yes")]
    pub ip_forwarding: bool,
}

/// Kinds of appliance.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ApplianceKind {
    /// A firewall, such as Azure Firewall.
    #[default]
    Firewall,
    /// Any other network virtual appliance.
    Nva,
}

/// A site-to-site VPN connection from a VPN gateway to an on-premises router.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VpnConnection {
    /// Stable identifier.
    pub id: Id,
    /// The connection's resource name.
    pub name: String,
    /// The VPN gateway.
    pub gateway: Id,
    /// The on-premises router at the other end.
    pub router: Id,
    /// The tunnel runs over ExpressRoute private peering (IPsec over
    /// ExpressRoute) rather than the internet (§7.3).
    #[serde(default)]
    pub over_private_peering: bool,
    /// Prefixes reachable through the tunnel, as the local network gateway
    /// lists them or BGP learns them.
    #[serde(default)]
    pub remote_prefixes: Vec<IpNet>,
    /// Whether the tunnel runs BGP.
    #[serde(default)]
    pub bgp: bool,
    /// The name of the secret holding the pre-shared key; never the key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shared_key_ref: Option<String>,
}

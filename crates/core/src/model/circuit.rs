use ipnet::{IpNet, Ipv4Net, Ipv6Net};
use serde::{Deserialize, Serialize};

use super::Id;

/// An ExpressRoute circuit: a redundant pair of connections to two Microsoft
/// edge routers, with up to three peerings (§1.4, §2.1).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Circuit {
    /// Stable identifier.
    pub id: Id,
    /// The circuit's resource name.
    pub name: String,
    /// The customer the circuit serves; a circuit serves exactly one (§3.8).
    pub customer: Id,
    /// The subscription the circuit resource lives in.
    pub subscription: Id,
    /// A provider circuit or one on an ExpressRoute Direct port pair.
    pub kind: CircuitKind,
    /// The connectivity provider; empty for Direct.
    #[serde(default)]
    pub provider: String,
    /// The peering location, such as `Amsterdam`.
    pub peering_location: String,
    /// The Direct port pair the circuit uses, for Direct circuits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direct_port: Option<Id>,
    /// Bandwidth in Mbps, for both kinds (a 10 Gbps Direct circuit is 10000).
    pub bandwidth_mbps: u32,
    /// Local, Standard or Premium (§1.2).
    pub tier: Tier,
    /// Metered or unlimited data (§1.2).
    pub family: Family,
    /// The router the primary connection ends on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub primary_router: Option<Id>,
    /// The router the secondary connection ends on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secondary_router: Option<Id>,
    /// The provider-side provisioning state as last seen (§1.5).
    #[serde(default)]
    pub provider_state: ProviderState,
    /// Routing domains: private, Microsoft and (deprecated) public peering.
    #[serde(default)]
    pub peerings: Vec<Peering>,
    /// Authorizations that let other subscriptions of the same customer link
    /// their gateways (§3.8).
    #[serde(default)]
    pub authorizations: Vec<Authorization>,
    /// Global Reach connections from this circuit to others (§3.6).
    #[serde(default)]
    pub global_reach: Vec<GlobalReach>,
    /// MACsec on the Direct port's links, if enabled (§7.2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub macsec: Option<MacsecCipher>,
}

impl Circuit {
    /// The peering of the given kind, if the circuit has one.
    pub fn peering(&self, kind: PeeringKind) -> Option<&Peering> {
        self.peerings.iter().find(|p| p.kind == kind)
    }
}

/// How the circuit reaches Microsoft (§1.1).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CircuitKind {
    /// Through a connectivity provider.
    #[default]
    Provider,
    /// On an ExpressRoute Direct port pair owned by the customer or CSP.
    Direct,
}

/// A circuit's SKU tier, named as in the API (§1.2).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Tier {
    /// Reaches only the local region of the peering location.
    Local,
    /// Reaches the regions of the circuit's geopolitical region.
    #[default]
    Standard,
    /// Reaches every region, with higher limits.
    Premium,
}

impl Tier {
    /// All tiers, in the order a user picks from.
    pub const ALL: [Tier; 3] = [Tier::Local, Tier::Standard, Tier::Premium];

    /// The API name.
    pub fn as_str(self) -> &'static str {
        match self {
            Tier::Local => "Local",
            Tier::Standard => "Standard",
            Tier::Premium => "Premium",
        }
    }
}

/// A circuit's billing family, named as in the API (§1.2).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Family {
    /// Egress billed per GB.
    #[default]
    MeteredData,
    /// Egress included.
    UnlimitedData,
}

impl Family {
    /// All families.
    pub const ALL: [Family; 2] = [Family::MeteredData, Family::UnlimitedData];

    /// The API name.
    pub fn as_str(self) -> &'static str {
        match self {
            Family::MeteredData => "MeteredData",
            Family::UnlimitedData => "UnlimitedData",
        }
    }
}

/// The provider-side provisioning state, named as in the API (§1.5).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ProviderState {
    /// The circuit exists; the provider has not started.
    #[default]
    NotProvisioned,
    /// The provider is working on it.
    Provisioning,
    /// The provider is done; peerings can be configured.
    Provisioned,
    /// The provider is taking it down.
    Deprovisioning,
}

/// MACsec ciphers on ExpressRoute Direct (§7.2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[allow(non_camel_case_types)]
pub enum MacsecCipher {
    /// GCM-AES-128.
    GcmAes128,
    /// GCM-AES-256.
    GcmAes256,
    /// GCM-AES-XPN-128.
    GcmAesXpn128,
    /// GCM-AES-XPN-256.
    GcmAesXpn256,
}

/// A routing domain on a circuit, with its pair of BGP sessions (§2.1, §2.2).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Peering {
    /// Stable identifier.
    pub id: Id,
    /// Private, Microsoft or public peering.
    pub kind: PeeringKind,
    /// The customer or CSP side's ASN.
    pub peer_asn: u32,
    /// The /30 of the primary link: the customer router takes the first
    /// usable address, Microsoft the second.
    pub primary_prefix: Ipv4Net,
    /// The /30 of the secondary link.
    pub secondary_prefix: Ipv4Net,
    /// Optional IPv6 link subnets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ipv6: Option<Ipv6Peering>,
    /// The VLAN ID, the same on both links.
    pub vlan_id: u16,
    /// The name of the secret that holds the BGP MD5 key; never the key itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub md5_key_ref: Option<String>,
    /// AS-path prepends the on-premises side adds when advertising over this
    /// peering, to make it less preferred (§4.7).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub as_path_prepend: u8,
    /// Whether the peering is enabled.
    #[serde(default = "enabled")]
    pub enabled: bool,
    /// What only Microsoft peering has.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub microsoft: Option<MicrosoftPeeringConfig>,
}

fn is_zero(n: &u8) -> bool {
    *n == 0
}

fn enabled() -> bool {
    true
}

/// The routing domains, named as in the API (§2.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum PeeringKind {
    /// To VNets on private addresses.
    AzurePrivatePeering,
    /// To Microsoft 365 and Azure public services, on public addresses.
    MicrosoftPeering,
    /// Deprecated; kept so old designs can be read and flagged.
    AzurePublicPeering,
}

impl PeeringKind {
    /// All kinds.
    pub const ALL: [PeeringKind; 3] = [
        PeeringKind::AzurePrivatePeering,
        PeeringKind::MicrosoftPeering,
        PeeringKind::AzurePublicPeering,
    ];

    /// The name a user reads.
    pub fn label(self) -> &'static str {
        match self {
            PeeringKind::AzurePrivatePeering => "private peering",
            PeeringKind::MicrosoftPeering => "Microsoft peering",
            PeeringKind::AzurePublicPeering => "public peering",
        }
    }

    /// The API name.
    pub fn as_str(self) -> &'static str {
        match self {
            PeeringKind::AzurePrivatePeering => "AzurePrivatePeering",
            PeeringKind::MicrosoftPeering => "MicrosoftPeering",
            PeeringKind::AzurePublicPeering => "AzurePublicPeering",
        }
    }
}

/// A peering's IPv6 link subnets, /126 each (§2.2).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ipv6Peering {
    /// The primary link's /126.
    pub primary_prefix: Ipv6Net,
    /// The secondary link's /126.
    pub secondary_prefix: Ipv6Net,
}

/// What Microsoft peering needs beyond a private peering (§2.2, §2.4, §2.5).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MicrosoftPeeringConfig {
    /// Public prefixes the customer or CSP advertises to Microsoft.
    #[serde(default)]
    pub advertised_public_prefixes: Vec<IpNet>,
    /// The ASN the prefixes are registered to, if not the peer ASN.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_asn: Option<u32>,
    /// The registry the prefixes are registered in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub routing_registry: Option<RoutingRegistry>,
    /// The route filter; without one no service prefixes are received.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub route_filter: Option<RouteFilter>,
}

/// Routing registries Microsoft checks prefixes against (§2.2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum RoutingRegistry {
    /// ARIN.
    Arin,
    /// APNIC.
    Apnic,
    /// AFRINIC.
    Afrinic,
    /// LACNIC.
    Lacnic,
    /// RIPE NCC.
    Ripencc,
    /// RADB.
    Radb,
    /// ALTDB.
    Altdb,
}

impl RoutingRegistry {
    /// All registries.
    pub const ALL: [RoutingRegistry; 7] = [
        RoutingRegistry::Arin,
        RoutingRegistry::Apnic,
        RoutingRegistry::Afrinic,
        RoutingRegistry::Lacnic,
        RoutingRegistry::Ripencc,
        RoutingRegistry::Radb,
        RoutingRegistry::Altdb,
    ];

    /// The API name.
    pub fn as_str(self) -> &'static str {
        match self {
            RoutingRegistry::Arin => "ARIN",
            RoutingRegistry::Apnic => "APNIC",
            RoutingRegistry::Afrinic => "AFRINIC",
            RoutingRegistry::Lacnic => "LACNIC",
            RoutingRegistry::Ripencc => "RIPENCC",
            RoutingRegistry::Radb => "RADB",
            RoutingRegistry::Altdb => "ALTDB",
        }
    }
}

/// A route filter: one Allow rule with a list of BGP communities (§2.5).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RouteFilter {
    /// Stable identifier.
    pub id: Id,
    /// The filter's resource name.
    pub name: String,
    /// Community values allowed, such as `12076:5010`.
    #[serde(default)]
    pub communities: Vec<String>,
}

/// An authorization that lets a gateway in another subscription of the same
/// customer link to the circuit; one per connection (§3.8).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Authorization {
    /// Stable identifier.
    pub id: Id,
    /// The authorization's name.
    pub name: String,
    /// The subscription that will redeem it.
    pub subscription: Id,
}

/// A Global Reach connection between this circuit's private peering and
/// another circuit's (§3.6).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GlobalReach {
    /// Stable identifier.
    pub id: Id,
    /// The other circuit.
    pub peer_circuit: Id,
    /// The /29 the tunnel addresses are carved from.
    pub address_prefix: Ipv4Net,
}

/// An ExpressRoute Direct port pair (§1.1).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DirectPort {
    /// Stable identifier.
    pub id: Id,
    /// The port resource's name.
    pub name: String,
    /// The subscription the port lives in.
    pub subscription: Id,
    /// The peering location.
    pub peering_location: String,
    /// 10 or 100 (Gbps per port).
    pub port_speed_gbps: u32,
    /// How VLANs are tagged on the port.
    #[serde(default)]
    pub encapsulation: Encapsulation,
}

/// VLAN tagging on a Direct port (§2.2).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Encapsulation {
    /// One tag; VLAN IDs must be unique across the whole port pair.
    #[default]
    Dot1Q,
    /// Two tags; VLAN IDs need only be unique within a circuit.
    QinQ,
}

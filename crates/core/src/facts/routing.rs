//! Facts behind route resolution: system routes, the platform address and
//! the example prefixes that stand for Microsoft's own.

/// Prefixes every subnet gets a system route for with next hop `None`,
/// unless the VNet's address space takes them in (§4.2).
pub const SYSTEM_NONE_PREFIXES: [&str; 4] = [
    "10.0.0.0/8",
    "172.16.0.0/12",
    "192.168.0.0/16",
    "100.64.0.0/10",
];

/// The system route to the internet every subnet gets (§4.2).
pub const SYSTEM_INTERNET_PREFIX: &str = "0.0.0.0/0";

/// The platform address behind the `AzureLoadBalancer` service tag, which
/// health probes come from (§6).
pub const AZURE_PLATFORM_IP: &str = "168.63.129.16";

/// A documentation prefix that stands for the prefixes a regional Microsoft
/// peering community `12076:510NN` carries (§2.6).
///
/// Microsoft publishes the real lists; Routecraft picks `198.18.NN.0/24` from
/// the benchmarking range 198.18.0.0/15 (RFC 2544), so that no real address
/// is implied. Returns `None` for anything but a regional Microsoft peering
/// community.
///
/// ```
/// use routecraft_core::facts::regional_community_example_prefix;
/// assert_eq!(regional_community_example_prefix("12076:51002").as_deref(), Some("198.18.2.0/24"));
/// assert_eq!(regional_community_example_prefix("12076:5010"), None);
/// ```
pub fn regional_community_example_prefix(community: &str) -> Option<String> {
    let region = community.strip_prefix("12076:510")?;
    if region.len() != 2 || !region.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let number: u8 = region.parse().ok()?;
    Some(format!("198.18.{number}.0/24"))
}

/// A service endpoint and a documentation prefix standing for the service's
/// public addresses, which only Microsoft publishes (§4.3).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ServiceEndpointExample {
    /// The service endpoint's name, such as `Microsoft.Storage`.
    pub service: &'static str,
    /// A prefix from TEST-NET-1 (192.0.2.0/24) that stands for it.
    pub example_prefix: &'static str,
}

/// Service endpoints whose system routes Routecraft shows (§4.3).
pub const SERVICE_ENDPOINT_EXAMPLES: [ServiceEndpointExample; 4] = [
    ServiceEndpointExample {
        service: "Microsoft.Storage",
        example_prefix: "192.0.2.0/26",
    },
    ServiceEndpointExample {
        service: "Microsoft.Sql",
        example_prefix: "192.0.2.64/26",
    },
    ServiceEndpointExample {
        service: "Microsoft.KeyVault",
        example_prefix: "192.0.2.128/26",
    },
    ServiceEndpointExample {
        service: "Microsoft.AzureCosmosDB",
        example_prefix: "192.0.2.192/26",
    },
];

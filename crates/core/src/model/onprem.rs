use ipnet::IpNet;
use serde::{Deserialize, Serialize};

use super::Id;

/// A datacenter or provider edge outside Azure.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Site {
    /// Stable identifier.
    pub id: Id,
    /// The site's name.
    pub name: String,
    /// What kind of place this is.
    pub kind: SiteKind,
    /// The customer that owns the site; `None` for the CSP's own sites and
    /// for provider edges.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer: Option<Id>,
    /// The site's on-premises address space.
    #[serde(default)]
    pub address_space: Vec<IpNet>,
    /// Prefixes the site's routers advertise over BGP. Usually the address
    /// space or aggregates of it; may differ when a site summarises.
    #[serde(default)]
    pub advertised: Vec<IpNet>,
    /// Whether the site's routers advertise a default route 0.0.0.0/0 over
    /// private peering, forcing Azure's internet traffic through this site (§4.5).
    #[serde(default)]
    pub advertises_default_route: bool,
}

/// The kinds of site a design can hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SiteKind {
    /// A datacenter of the CSP, which in connect-through carries several
    /// customers, each in its own routing domain.
    CspDatacenter,
    /// A datacenter of a customer.
    CustomerDatacenter,
    /// A connectivity provider's edge at a peering location.
    ProviderEdge,
}

impl SiteKind {
    /// The name a user reads.
    pub fn label(self) -> &'static str {
        match self {
            SiteKind::CspDatacenter => "CSP datacenter",
            SiteKind::CustomerDatacenter => "customer datacenter",
            SiteKind::ProviderEdge => "provider edge",
        }
    }
}

/// An edge router at a site that speaks BGP.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Router {
    /// Stable identifier.
    pub id: Id,
    /// The router's host name.
    pub name: String,
    /// The site the router stands in.
    pub site: Id,
    /// The router's autonomous system number.
    pub asn: u32,
    /// Customers whose routing domains (VRFs) the router carries. Empty
    /// means the router carries only its site's own customer, or the CSP's
    /// global table at a CSP site.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub vrfs: Vec<Id>,
}

/// A link between two routers, such as a customer's datacenter to the CSP's
/// network in connect-through.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteLink {
    /// Stable identifier.
    pub id: Id,
    /// A name for the link, such as the carrier's circuit reference.
    #[serde(default)]
    pub name: String,
    /// One end.
    pub a: Id,
    /// The other end.
    pub b: Id,
    /// The customer routing domain the link carries; `None` for the global table.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer: Option<Id>,
    /// The link's bandwidth in Mbps, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bandwidth_mbps: Option<u32>,
}

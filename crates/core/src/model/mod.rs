//! The design and everything in it.
//!
//! A [`Design`] is plain data with serde derives: what the studio edits,
//! what the file holds and what validation, routing and export read. Every
//! element carries a stable [`Id`] so that findings, routes and the diagram
//! can point at it.
//!
//! Organization:
//! - the design and its parties: [`Design`], [`CspModel`], [`Partner`],
//!   [`Customer`], [`Subscription`]
//! - on-premises: [`Site`], [`Router`], [`SiteLink`] (in `onprem`)
//! - ExpressRoute: [`Circuit`], [`Peering`], [`DirectPort`] (in `circuit`)
//! - Azure networking: [`Vnet`], [`Subnet`], [`Gateway`], [`Connection`],
//!   [`RouteTable`], [`Nsg`], [`Appliance`], [`VpnConnection`] (in `azure`)
//! - the diagram's geometry: [`Layout`]
//! - looking elements up by id: [`ElementKind`], [`ElementRef`]
//! - the file: [`load`], [`save`], [`LoadError`]
//!
//! References between elements are ids, never indexes. A design built in
//! code may hold a reference to an id that does not exist; every reader
//! looks references up and treats a missing one as absent, so nothing
//! panics. A design read from a file has no dangling reference: [`load`]
//! refuses it.

mod azure;
mod circuit;
mod file;
mod id;
mod index;
mod layout;
mod onprem;

pub use azure::*;
pub use circuit::*;
pub use file::{load, save, LoadError, LoadErrorKind, FORMAT_NAME, FORMAT_VERSION};
pub use id::Id;
pub use index::{ElementKind, ElementRef, IntegrityProblem};
pub use layout::{Layout, Position, Size};
pub use onprem::*;

use serde::{Deserialize, Serialize};

/// A hybrid network design: everything one workshop draws.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Design {
    /// The design's name, shown in the header and used to derive resource names.
    pub name: String,
    /// Which CSP model the design follows.
    pub model: CspModel,
    /// The Cloud Solution Provider.
    pub partner: Partner,
    /// The customers served; at least one.
    #[serde(default)]
    pub customers: Vec<Customer>,
    /// Azure subscriptions, each belonging to one customer.
    #[serde(default)]
    pub subscriptions: Vec<Subscription>,
    /// Datacenters and provider edges.
    #[serde(default)]
    pub sites: Vec<Site>,
    /// Edge routers at the sites.
    #[serde(default)]
    pub routers: Vec<Router>,
    /// Links between routers of different sites, such as a customer's
    /// datacenter to the CSP's network.
    #[serde(default)]
    pub links: Vec<SiteLink>,
    /// ExpressRoute Direct port pairs.
    #[serde(default)]
    pub direct_ports: Vec<DirectPort>,
    /// ExpressRoute circuits with their peerings.
    #[serde(default)]
    pub circuits: Vec<Circuit>,
    /// Virtual networks with their subnets.
    #[serde(default)]
    pub vnets: Vec<Vnet>,
    /// Peerings between virtual networks.
    #[serde(default)]
    pub vnet_peerings: Vec<VnetPeering>,
    /// ExpressRoute and VPN gateways.
    #[serde(default)]
    pub gateways: Vec<Gateway>,
    /// Connections from an ExpressRoute gateway to a circuit.
    #[serde(default)]
    pub connections: Vec<Connection>,
    /// Route tables with their user-defined routes.
    #[serde(default)]
    pub route_tables: Vec<RouteTable>,
    /// Network security groups with their custom rules.
    #[serde(default)]
    pub nsgs: Vec<Nsg>,
    /// Network virtual appliances and firewalls.
    #[serde(default)]
    pub appliances: Vec<Appliance>,
    /// Site-to-site VPN connections, over the internet or over private peering.
    #[serde(default)]
    pub vpn_connections: Vec<VpnConnection>,
    /// Where each element sits on the canvas and in the exported diagram.
    #[serde(default)]
    pub layout: Layout,
    /// The design as last deployed, against which changes are judged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<Box<Design>>,
}

/// The two ways a CSP connects customers to Azure (§3.9).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CspModel {
    /// The CSP owns the circuits and the customer reaches Azure through the
    /// CSP's datacenter.
    #[default]
    ConnectThrough,
    /// The customer owns the circuit from its own datacenter to the
    /// CSP-provisioned subscription.
    ConnectTo,
}

impl CspModel {
    /// The name a user reads, such as `connect-through`.
    pub fn label(self) -> &'static str {
        match self {
            CspModel::ConnectThrough => "connect-through",
            CspModel::ConnectTo => "connect-to",
        }
    }
}

/// The Cloud Solution Provider behind the design.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Partner {
    /// The partner's name.
    pub name: String,
    /// The ASN of the CSP's network, if it runs BGP.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub asn: Option<u32>,
}

/// A customer of the CSP.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Customer {
    /// Stable identifier.
    pub id: Id,
    /// The customer's name.
    pub name: String,
    /// The name of the customer's routing domain (VRF) in the CSP network.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vrf: Option<String>,
    /// How the customer's identities and administration are arranged.
    #[serde(default)]
    pub identity: Identity,
    /// What the customer's security posture demands of the design.
    #[serde(default)]
    pub security: SecurityPosture,
}

/// How a customer's identities reach Azure and who administers its tenant.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Identity {
    /// The customer's directory is synchronised to Microsoft Entra ID.
    #[serde(default)]
    pub entra_sync: bool,
    /// The CSP administers the customer's tenant on its behalf (AOBO).
    #[serde(default)]
    pub admin_on_behalf: bool,
    /// The Entra ID tenant's domain, for the runbook.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub tenant_domain: String,
}

/// What a customer's security posture asks of the design (§7).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SecurityPosture {
    /// Microsoft peering must not share a circuit with private peering.
    #[serde(default)]
    pub separate_microsoft_peering: bool,
    /// Traffic must be encrypted in transit (IPsec or MACsec) (§7.1).
    #[serde(default)]
    pub encryption_required: bool,
    /// Internet-bound traffic from Azure must leave through the customer's
    /// own edge: a default route is advertised over private peering (§4.5).
    #[serde(default)]
    pub forced_tunnelling: bool,
}

/// An Azure subscription.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Subscription {
    /// Stable identifier.
    pub id: Id,
    /// The subscription's display name.
    pub name: String,
    /// The customer it belongs to.
    pub customer: Id,
    /// Who manages it.
    #[serde(default)]
    pub managed_by: ManagedBy,
}

/// Who manages an Azure subscription.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ManagedBy {
    /// The CSP, on behalf of the customer.
    #[default]
    Csp,
    /// The customer itself.
    Customer,
}

impl Design {
    /// An empty design of the given model, with one customer and one
    /// subscription so that elements have an owner from the start.
    pub fn blank(name: &str, model: CspModel) -> Design {
        let customer = Id::new("customer-1");
        Design {
            name: name.to_owned(),
            model,
            partner: Partner {
                name: "CSP".to_owned(),
                asn: None,
            },
            customers: vec![Customer {
                id: customer.clone(),
                name: "Customer".to_owned(),
                vrf: None,
                identity: Identity::default(),
                security: SecurityPosture::default(),
            }],
            subscriptions: vec![Subscription {
                id: Id::new("subscription-1"),
                name: "Customer production".to_owned(),
                customer,
                managed_by: ManagedBy::Csp,
            }],
            ..Design::default()
        }
    }
}

//! The rows of route tables, as the studio and the exports show them.

use std::net::IpAddr;
use std::sync::Arc;

use ipnet::IpNet;
use serde::Serialize;

use super::Link;
use crate::model::{Id, NextHopType, PeeringKind};

/// Where a route in a subnet's effective route table comes from, as the
/// portal names it (§4.2, §4.3).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum RouteSource {
    /// A user-defined route of the subnet's route table.
    User,
    /// Learned by a virtual network gateway over BGP, or configured on a
    /// VPN connection.
    VirtualNetworkGateway,
    /// A system route.
    Default,
}

impl RouteSource {
    /// Rank among routes for the same prefix: user over BGP over system (§4.1).
    pub(crate) fn rank(self) -> u8 {
        match self {
            RouteSource::User => 0,
            RouteSource::VirtualNetworkGateway => 1,
            RouteSource::Default => 2,
        }
    }
}

/// Whether a route is used, as the portal shows it (§4.1 rule 4).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum RouteState {
    /// The route carries traffic for its prefix.
    Active,
    /// Another route wins for every address of the prefix.
    Invalid,
}

/// One row of a subnet's effective route table.
///
/// A row is kept to one 64-byte cache line on 64-bit targets, its
/// variable parts shared behind thin pointers: reading the tables of every
/// subnet of a large design reads some 27 million rows, and the time it
/// takes is the memory the rows span.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EffectiveRoute {
    /// Where the route comes from.
    pub source: RouteSource,
    /// Whether it is used.
    pub state: RouteState,
    /// The destination prefix.
    pub prefix: IpNet,
    /// The next hop type (§4.4).
    pub next_hop_type: NextHopType,
    /// Next hop addresses: the appliance for a user route, the on-premises
    /// routers' peering addresses for a gateway route (several when paths
    /// share the load).
    pub next_hop_ips: Arc<Vec<IpAddr>>,
    /// For a gateway route, each path it takes out of Azure; several for
    /// equal-cost paths.
    pub paths: Arc<Vec<GatewayPath>>,
    /// The user route's id, for a user route.
    pub route: Option<Id>,
    /// Why the route is invalid, or what made it, in words a customer reads.
    pub note: Arc<String>,
}

/// How a gateway reaches a prefix it learned: one circuit connection or one
/// VPN tunnel, with the AS path and weight that ranked it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct GatewayPath {
    /// The way out of Azure.
    pub via: GatewayVia,
    /// The AS path as the gateway learned it, nearest AS first.
    pub as_path: Vec<u32>,
    /// The connection's routing weight (§4.7); 0 for VPN.
    pub weight: u16,
    /// The address of the on-premises end of the session.
    pub next_hop_ip: Option<IpAddr>,
}

/// The way a gateway route leaves Azure.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum GatewayVia {
    /// Over an ExpressRoute circuit's private peering.
    ExpressRoute {
        /// The ExpressRoute gateway.
        gateway: Id,
        /// The gateway's connection to the circuit.
        connection: Id,
        /// The circuit.
        circuit: Id,
        /// Which of the circuit's connections.
        link: Link,
        /// The on-premises router at that end, if known.
        router: Option<Id>,
    },
    /// Over a site-to-site VPN tunnel.
    Vpn {
        /// The VPN gateway.
        gateway: Id,
        /// The VPN connection.
        connection: Id,
        /// The on-premises router at the other end.
        router: Id,
    },
}

impl GatewayVia {
    /// Tells whether the path is over ExpressRoute.
    pub fn is_express_route(&self) -> bool {
        matches!(self, GatewayVia::ExpressRoute { .. })
    }
}

/// One route an on-premises router ends up with in one routing domain.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RouterRoute {
    /// The destination prefix.
    pub prefix: IpNet,
    /// The best paths; several when they are equal (ECMP).
    pub paths: Vec<BgpPath>,
    /// Paths that were learned but lost, with the reason.
    pub other_paths: Vec<BgpPath>,
}

/// A BGP path as a router holds it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct BgpPath {
    /// Where the router sends matching traffic.
    pub next_hop: RouterNextHop,
    /// The AS path, nearest AS first; empty for a prefix of the router's own site.
    pub as_path: Vec<u32>,
    /// Local preference: ExpressRoute and site routes 100, VPN backups lower.
    pub local_pref: u32,
    /// Learned from a router of the same ASN (internal BGP).
    pub ibgp: bool,
}

/// Where an on-premises router sends traffic for a route.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RouterNextHop {
    /// The router's own site originates the prefix.
    Site {
        /// The site.
        site: Id,
    },
    /// Another router, over a site link.
    Router {
        /// The neighbour.
        router: Id,
        /// The link.
        link: Id,
    },
    /// Microsoft's edge, over one connection of a circuit.
    Circuit {
        /// The circuit.
        circuit: Id,
        /// Which connection.
        link: Link,
        /// Private or Microsoft peering.
        peering: PeeringKind,
    },
    /// A VPN gateway in Azure, over a tunnel.
    Vpn {
        /// The VPN connection.
        connection: Id,
        /// The VPN gateway.
        gateway: Id,
    },
}

/// The state of one BGP session of a circuit's peering.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Session {
    /// The circuit.
    pub circuit: Id,
    /// The peering.
    pub peering: PeeringKind,
    /// Which connection of the circuit.
    pub link: Link,
    /// The on-premises router at the customer end.
    pub router: Option<Id>,
    /// Whether the session is established.
    pub up: bool,
    /// Prefixes on-premises advertises into the session.
    pub prefixes_advertised: u32,
    /// The most Azure accepts before it drops the session (§2.7).
    pub prefix_limit: u32,
    /// Why the session is down, if it is.
    pub reason: Option<String>,
}

#[cfg(test)]
mod tests {
    /// Reading every subnet's table costs the memory its rows span, so a
    /// row that grows past one cache line slows it at once.
    #[test]
    #[cfg(target_pointer_width = "64")]
    fn an_effective_route_fits_one_cache_line() {
        assert!(std::mem::size_of::<super::EffectiveRoute>() <= 64);
    }
}

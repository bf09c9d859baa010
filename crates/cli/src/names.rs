//! Elements, places and next hops in the words a user reads, by the
//! elements' names rather than Rust's debug formatting.

use routecraft_core::model::{Design, Id};
use routecraft_core::routing::{FailureUnit, Place, RouterNextHop};

/// Names a design's elements.
pub struct Names<'d> {
    design: &'d Design,
}

impl<'d> Names<'d> {
    pub fn new(design: &'d Design) -> Names<'d> {
        Names { design }
    }

    /// An element's name, or its id when the design has no such element.
    pub fn of(&self, id: &Id) -> String {
        self.design
            .find(id.as_str())
            .map_or_else(|| id.to_string(), |e| e.name())
    }

    /// A subnet's own name, without its VNet's.
    fn subnet(&self, id: &Id) -> String {
        self.design
            .vnets
            .iter()
            .flat_map(|v| &v.subnets)
            .find(|s| &s.id == id)
            .map_or_else(|| id.to_string(), |s| s.name.clone())
    }

    /// A place of a trace, such as `subnet workload in VNet contoso-spoke`.
    pub fn place(&self, place: &Place) -> String {
        match place {
            Place::Subnet { vnet, subnet } => {
                format!("subnet {} in VNet {}", self.subnet(subnet), self.of(vnet))
            }
            Place::Appliance { appliance } => format!("appliance {}", self.of(appliance)),
            Place::Gateway { gateway } => format!("gateway {}", self.of(gateway)),
            Place::Circuit {
                circuit,
                link,
                peering,
            } => format!(
                "circuit {}, {} connection, {}",
                self.of(circuit),
                link.label(),
                peering.label()
            ),
            Place::GlobalReach { from, to } => {
                format!("Global Reach from {} to {}", self.of(from), self.of(to))
            }
            Place::VpnTunnel { connection } => format!("VPN connection {}", self.of(connection)),
            Place::Router { router, vrf } => {
                format!("router {}{}", self.of(router), self.domain(vrf.as_ref()))
            }
            Place::Site { site } => format!("site {}", self.of(site)),
            Place::Internet => "the internet".to_owned(),
            Place::MicrosoftService { service } => format!("Microsoft service {service}"),
        }
    }

    /// A routing domain after a router's name: ` (VRF Contoso)` or
    /// ` (global table)`.
    pub fn domain(&self, vrf: Option<&Id>) -> String {
        match vrf {
            Some(customer) => format!(" (VRF {})", self.of(customer)),
            None => " (global table)".to_owned(),
        }
    }

    /// Where a router sends traffic for a route.
    pub fn router_next_hop(&self, next: &RouterNextHop) -> String {
        match next {
            RouterNextHop::Site { site } => format!("site {} (local)", self.of(site)),
            RouterNextHop::Router { router, link } => {
                format!("router {} over link {}", self.of(router), self.of(link))
            }
            RouterNextHop::Circuit {
                circuit,
                link,
                peering,
            } => format!(
                "circuit {} {}, {}",
                self.of(circuit),
                link.label(),
                peering.label()
            ),
            RouterNextHop::Vpn {
                connection,
                gateway,
            } => format!(
                "VPN connection {} to gateway {}",
                self.of(connection),
                self.of(gateway)
            ),
        }
    }

    /// A failure unit, with the text `--down` takes for it.
    pub fn unit(&self, unit: &FailureUnit) -> String {
        let what = match unit {
            FailureUnit::CircuitLink { circuit, link } => {
                format!(
                    "{} connection of circuit {}",
                    link.label(),
                    self.of(circuit)
                )
            }
            FailureUnit::Circuit(id) => format!("circuit {}", self.of(id)),
            FailureUnit::PeeringLocation(place) => format!("peering location {place}"),
            FailureUnit::Gateway(id) => format!("gateway {}", self.of(id)),
            FailureUnit::VpnConnection(id) => format!("VPN connection {}", self.of(id)),
            FailureUnit::Router(id) => format!("router {}", self.of(id)),
            FailureUnit::SiteLink(id) => format!("link {}", self.of(id)),
        };
        format!("{what} [{}]", crate::down::token(unit))
    }
}

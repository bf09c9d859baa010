//! What can fail: the units an architect takes down to ask "what if".

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::model::{Design, Id};

/// One of the two connections of a circuit, each to its own Microsoft edge
/// router and each carrying its own BGP session per peering (§1.4).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Link {
    /// The primary connection.
    Primary,
    /// The secondary connection.
    Secondary,
}

impl Link {
    /// Both links, primary first.
    pub const BOTH: [Link; 2] = [Link::Primary, Link::Secondary];

    /// The name a user reads.
    pub fn label(self) -> &'static str {
        match self {
            Link::Primary => "primary",
            Link::Secondary => "secondary",
        }
    }
}

/// An element that can be taken down on its own.
///
/// The primary and the secondary connection of a circuit are separate units,
/// so that the loss of one can be told from the loss of the circuit.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FailureUnit {
    /// One connection of a circuit, with its BGP sessions.
    CircuitLink {
        /// The circuit.
        circuit: Id,
        /// Which of its two connections.
        link: Link,
    },
    /// A whole circuit: both connections and its Global Reach.
    Circuit(Id),
    /// Every circuit at a peering location, such as `Amsterdam`.
    PeeringLocation(String),
    /// A virtual network gateway, with its connections.
    Gateway(Id),
    /// A site-to-site VPN connection.
    VpnConnection(Id),
    /// An on-premises router, with its sessions and links.
    Router(Id),
    /// A link between two routers.
    SiteLink(Id),
}

impl FailureUnit {
    /// A short description a user reads, such as `er-1 primary connection`.
    pub fn describe(&self) -> String {
        match self {
            FailureUnit::CircuitLink { circuit, link } => {
                format!("{circuit} {} connection", link.label())
            }
            FailureUnit::Circuit(id) => format!("circuit {id}"),
            FailureUnit::PeeringLocation(place) => format!("peering location {place}"),
            FailureUnit::Gateway(id) => format!("gateway {id}"),
            FailureUnit::VpnConnection(id) => format!("VPN connection {id}"),
            FailureUnit::Router(id) => format!("router {id}"),
            FailureUnit::SiteLink(id) => format!("link {id}"),
        }
    }
}

/// The set of elements taken down; empty means everything is up.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Failures {
    units: BTreeSet<FailureUnit>,
}

impl Failures {
    /// No failure.
    pub fn none() -> Failures {
        Failures::default()
    }

    /// Exactly the given units.
    pub fn of(units: impl IntoIterator<Item = FailureUnit>) -> Failures {
        Failures {
            units: units.into_iter().collect(),
        }
    }

    /// Takes one more unit down.
    pub fn insert(&mut self, unit: FailureUnit) {
        self.units.insert(unit);
    }

    /// Brings a unit back up.
    pub fn remove(&mut self, unit: &FailureUnit) {
        self.units.remove(unit);
    }

    /// Tells whether nothing is down.
    pub fn is_empty(&self) -> bool {
        self.units.is_empty()
    }

    /// The units down, in a stable order.
    pub fn iter(&self) -> impl Iterator<Item = &FailureUnit> {
        self.units.iter()
    }

    /// Tells whether the given unit itself is down.
    pub fn contains(&self, unit: &FailureUnit) -> bool {
        self.units.contains(unit)
    }

    /// Tells whether a circuit is down as a whole, by itself or through its
    /// peering location.
    pub fn is_circuit_down(&self, design: &Design, circuit: &Id) -> bool {
        if self.units.contains(&FailureUnit::Circuit(circuit.clone())) {
            return true;
        }
        let location = design
            .circuits
            .iter()
            .find(|c| &c.id == circuit)
            .map(|c| c.peering_location.as_str());
        self.units.iter().any(|u| match (u, location) {
            (FailureUnit::PeeringLocation(p), Some(l)) => p.eq_ignore_ascii_case(l),
            _ => false,
        })
    }

    /// Tells whether one connection of a circuit is down, alone or with
    /// the circuit.
    pub fn is_link_down(&self, design: &Design, circuit: &Id, link: Link) -> bool {
        let unit = FailureUnit::CircuitLink {
            circuit: circuit.clone(),
            link,
        };
        self.units.contains(&unit) || self.is_circuit_down(design, circuit)
    }

    /// Tells whether a gateway is down.
    pub fn is_gateway_down(&self, gateway: &Id) -> bool {
        self.units.contains(&FailureUnit::Gateway(gateway.clone()))
    }

    /// Tells whether a VPN connection is down.
    pub fn is_vpn_down(&self, connection: &Id) -> bool {
        self.units
            .contains(&FailureUnit::VpnConnection(connection.clone()))
    }

    /// Tells whether a router is down.
    pub fn is_router_down(&self, router: &Id) -> bool {
        self.units.contains(&FailureUnit::Router(router.clone()))
    }

    /// The same failures with each peering location replaced by the
    /// circuits it holds: two sets with the same plain form answer every
    /// question of this type alike, so they resolve to the same routes.
    pub(crate) fn plain(&self, design: &Design) -> Failures {
        let mut plain = Failures::none();
        for unit in &self.units {
            match unit {
                // As in `is_circuit_down`, the first circuit of an id
                // stands for it, so a repeated id cannot set them apart.
                FailureUnit::PeeringLocation(place) => plain.units.extend(
                    design
                        .circuits
                        .iter()
                        .enumerate()
                        .filter(|(i, c)| !design.circuits[..*i].iter().any(|e| e.id == c.id))
                        .filter(|(_, c)| c.peering_location.eq_ignore_ascii_case(place))
                        .map(|(_, c)| FailureUnit::Circuit(c.id.clone())),
                ),
                other => {
                    plain.units.insert(other.clone());
                }
            }
        }
        plain
    }

    /// Tells whether a site link is down.
    pub fn is_site_link_down(&self, link: &Id) -> bool {
        self.units.contains(&FailureUnit::SiteLink(link.clone()))
    }
}

/// Every unit of the design that can fail on its own, in design order:
/// each circuit's two connections, each circuit, each peering location,
/// each gateway, VPN connection, router and site link.
pub fn failure_units(design: &Design) -> Vec<FailureUnit> {
    let mut units = Vec::new();
    for circuit in &design.circuits {
        for link in Link::BOTH {
            units.push(FailureUnit::CircuitLink {
                circuit: circuit.id.clone(),
                link,
            });
        }
        units.push(FailureUnit::Circuit(circuit.id.clone()));
    }

    let mut places: Vec<&str> = Vec::new();
    for circuit in &design.circuits {
        let place = circuit.peering_location.as_str();
        if !places.iter().any(|p| p.eq_ignore_ascii_case(place)) {
            places.push(place);
        }
    }
    units.extend(
        places
            .into_iter()
            .map(|p| FailureUnit::PeeringLocation(p.to_owned())),
    );

    units.extend(
        design
            .gateways
            .iter()
            .map(|g| FailureUnit::Gateway(g.id.clone())),
    );
    units.extend(
        design
            .vpn_connections
            .iter()
            .map(|v| FailureUnit::VpnConnection(v.id.clone())),
    );
    units.extend(
        design
            .routers
            .iter()
            .map(|r| FailureUnit::Router(r.id.clone())),
    );
    units.extend(
        design
            .links
            .iter()
            .map(|l| FailureUnit::SiteLink(l.id.clone())),
    );
    units
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::templates;

    #[test]
    fn the_plain_form_names_the_circuits_a_peering_location_holds() {
        let mut design = templates::connect_to();
        let first = design.circuits[0].clone();
        let mut twin = first.clone();
        twin.id = "er-twin".into();
        twin.peering_location = first.peering_location.to_uppercase();
        design.circuits.push(twin);

        let place = Failures::of([FailureUnit::PeeringLocation(first.peering_location.clone())]);
        let circuits = Failures::of([
            FailureUnit::Circuit(first.id.clone()),
            FailureUnit::Circuit("er-twin".into()),
        ]);
        assert_eq!(place.plain(&design), circuits);
        for circuit in &design.circuits {
            assert_eq!(
                place.is_circuit_down(&design, &circuit.id),
                circuits.is_circuit_down(&design, &circuit.id),
                "{}",
                circuit.id
            );
        }
        // Units that are not locations stay as they are.
        let gateway = Failures::of([FailureUnit::Gateway("gw".into())]);
        assert_eq!(gateway.plain(&design), gateway);
    }
}

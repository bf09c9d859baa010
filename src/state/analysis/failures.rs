//! Failure units as the studio offers them: which an element can fail as,
//! their names with the design's own names, and the set kept across
//! reloads (in the browser, never in the design or its undo history).

use routecraft_core::model::{Design, ElementRef};
use routecraft_core::routing::{failure_units, FailureUnit, Failures};

/// The local storage key of the failure set.
pub const FAILURES_KEY: &str = "routecraft.failures";

/// The units an element can be taken down as: a circuit's two connections,
/// the circuit and its peering location; a gateway, a router, a VPN
/// connection or a site link as itself. A circuit connection's edge
/// selects the circuit, so it offers the same.
pub fn units_for(design: &Design, id: &str) -> Vec<FailureUnit> {
    let location = match design.find(id) {
        Some(ElementRef::Circuit(c)) => Some(c.peering_location.clone()),
        _ => None,
    };
    failure_units(design)
        .into_iter()
        .filter(|unit| match unit {
            FailureUnit::CircuitLink { circuit: x, .. }
            | FailureUnit::Circuit(x)
            | FailureUnit::Gateway(x)
            | FailureUnit::VpnConnection(x)
            | FailureUnit::Router(x)
            | FailureUnit::SiteLink(x) => x == id,
            FailureUnit::PeeringLocation(place) => location
                .as_deref()
                .is_some_and(|l| l.eq_ignore_ascii_case(place)),
        })
        .collect()
}

/// A unit's name with the element's own name, such as
/// `er-contoso primary connection` or `Router hq-rtr`.
pub fn unit_label(design: &Design, unit: &FailureUnit) -> String {
    let name = |id: &str| design.find(id).map_or(id.to_owned(), |e| e.name());
    match unit {
        FailureUnit::CircuitLink { circuit, link } => {
            format!("{} {} connection", name(circuit.as_str()), link.label())
        }
        FailureUnit::Circuit(id) => format!("Circuit {} (both connections)", name(id.as_str())),
        FailureUnit::PeeringLocation(place) => format!("Peering location {place}"),
        FailureUnit::Gateway(id) => format!("Gateway {}", name(id.as_str())),
        FailureUnit::VpnConnection(id) => format!("VPN connection {}", name(id.as_str())),
        FailureUnit::Router(id) => format!("Router {}", name(id.as_str())),
        FailureUnit::SiteLink(id) => format!("Link {}", name(id.as_str())),
    }
}

/// A stable name for a unit, for test ids, such as `er-1-primary`.
pub fn unit_slug(unit: &FailureUnit) -> String {
    match unit {
        FailureUnit::CircuitLink { circuit, link } => format!("{circuit}-{}", link.label()),
        FailureUnit::Circuit(id) => format!("{id}-circuit"),
        FailureUnit::PeeringLocation(place) => {
            format!("location-{}", place.to_lowercase().replace(' ', "-"))
        }
        FailureUnit::Gateway(id)
        | FailureUnit::VpnConnection(id)
        | FailureUnit::Router(id)
        | FailureUnit::SiteLink(id) => id.to_string(),
    }
}

/// The failure set as kept in local storage.
pub fn to_text(failures: &Failures) -> String {
    serde_json::to_string(failures).expect("a failure set is plain data")
}

/// The kept failure set; anything unreadable counts as no failure.
pub fn from_text(text: &str) -> Failures {
    serde_json::from_str(text).unwrap_or_default()
}

/// The failures of units the design still has; the others are dropped,
/// as after deleting a circuit or opening another design.
pub fn retain_existing(design: &Design, failures: &Failures) -> Failures {
    let units = failure_units(design);
    Failures::of(failures.iter().filter(|u| units.contains(u)).cloned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use routecraft_core::routing::Link;
    use routecraft_core::templates::{connect_through, connect_to};

    #[test]
    fn a_circuit_fails_as_either_connection_itself_or_its_location() {
        let units = units_for(&connect_through(), "er-contoso-ams");
        assert_eq!(units.len(), 4, "{units:?}");
        assert!(units.contains(&FailureUnit::PeeringLocation("Amsterdam".into())));
        assert!(units_for(&connect_through(), "contoso-hub").is_empty());
        assert_eq!(units_for(&connect_through(), "nw-ams1-edge").len(), 1);
    }

    #[test]
    fn labels_use_the_elements_names() {
        let design = connect_through();
        let unit = FailureUnit::CircuitLink {
            circuit: "er-contoso-ams".into(),
            link: Link::Primary,
        };
        let name = design.circuits[0].name.clone();
        assert_eq!(
            unit_label(&design, &unit),
            format!("{name} primary connection")
        );
        assert_eq!(unit_slug(&unit), "er-contoso-ams-primary");
    }

    #[test]
    fn the_kept_set_round_trips_and_forgets_what_the_design_lacks() {
        let down = Failures::of([
            FailureUnit::Circuit("er-contoso-ams".into()),
            FailureUnit::Circuit("er-fabrikam-ams".into()),
        ]);
        assert_eq!(from_text(&to_text(&down)), down);
        assert_eq!(from_text("not json"), Failures::none());
        let kept = retain_existing(&connect_to(), &down);
        let expected = Failures::of([FailureUnit::Circuit("er-contoso-ams".into())]);
        assert_eq!(kept, expected, "connect-to has no Fabrikam circuit");
    }
}

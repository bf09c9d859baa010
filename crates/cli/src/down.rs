//! The failure units `--down` names: an element id, `CIRCUIT/primary`,
//! `CIRCUIT/secondary` or `location:NAME`.

use routecraft_core::model::Design;
use routecraft_core::routing::{failure_units, FailureUnit, Failures};

/// The text `--down` takes for a unit.
pub fn token(unit: &FailureUnit) -> String {
    match unit {
        FailureUnit::CircuitLink { circuit, link } => format!("{circuit}/{}", link.label()),
        FailureUnit::Circuit(id)
        | FailureUnit::Gateway(id)
        | FailureUnit::VpnConnection(id)
        | FailureUnit::Router(id)
        | FailureUnit::SiteLink(id) => id.to_string(),
        FailureUnit::PeeringLocation(place) => format!("location:{place}"),
    }
}

/// The units named, or an error naming the first one the design does not
/// have, with what it is if it is an element that cannot fail.
pub fn parse(design: &Design, names: &[String]) -> Result<Failures, String> {
    let units = failure_units(design);
    let mut failures = Failures::none();
    for name in names {
        let unit = units.iter().find(|u| {
            let t = token(u);
            t == *name || (t.starts_with("location:") && t.eq_ignore_ascii_case(name))
        });
        match unit {
            Some(unit) => failures.insert(unit.clone()),
            None => return Err(unknown(design, name)),
        }
    }
    Ok(failures)
}

fn unknown(design: &Design, name: &str) -> String {
    let what = match design.find(name) {
        Some(element) => format!(
            "`{name}` is a {}, which cannot be taken down",
            element.kind().label()
        ),
        None => format!("`--down {name}`: the design has no such element"),
    };
    format!(
        "{what}; give the id of a circuit, gateway, router, site link or VPN \
         connection, CIRCUIT/primary, CIRCUIT/secondary or location:NAME"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use routecraft_core::templates::connect_to;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn every_unit_reads_back_from_its_token() {
        let design = connect_to();
        for unit in failure_units(&design) {
            let failures = parse(&design, &[token(&unit)]).unwrap();
            assert!(failures.contains(&unit), "{unit:?}");
        }
    }

    #[test]
    fn locations_ignore_case() {
        let design = connect_to();
        let place = &design.circuits[0].peering_location;
        let text = format!("location:{}", place.to_lowercase());
        assert!(parse(&design, &[text]).is_ok());
    }

    #[test]
    fn unknown_and_unfailable_elements_are_named() {
        let design = connect_to();
        let error = parse(&design, &names(&["er-nowhere"])).unwrap_err();
        assert!(error.contains("er-nowhere"), "{error}");
        let error = parse(&design, &names(&["contoso-hub"])).unwrap_err();
        assert!(error.contains("VNet"), "{error}");
        let error = parse(&design, &names(&["er-contoso-ams/tertiary"])).unwrap_err();
        assert!(error.contains("tertiary"), "{error}");
    }
}

//! Behaviour of the design model and its file: round trips, migration and
//! every kind of load error.

use routecraft_core::model::{load, save, Design, LoadErrorKind};
use routecraft_core::templates::{by_name, TEMPLATE_NAMES};

#[test]
fn every_template_round_trips_exactly() {
    for name in TEMPLATE_NAMES {
        let design = by_name(name).unwrap();
        let text = save(&design);
        let again = load(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(again, design, "{name}");
        assert_eq!(save(&again), text, "{name}: a second save differs");
    }
}

#[test]
fn every_template_has_sound_references() {
    for name in TEMPLATE_NAMES {
        assert_eq!(
            by_name(name).unwrap().integrity_problems(),
            vec![],
            "{name}"
        );
    }
}

#[test]
fn the_file_starts_with_its_format_and_version() {
    let text = save(&by_name("connect-to").unwrap());
    assert!(
        text.starts_with("{\n  \"format\": \"routecraft-design\",\n  \"version\": 2,"),
        "{text:.80}"
    );
}

fn error_of(text: &str) -> (String, LoadErrorKind) {
    let e = load(text).expect_err("the file should be refused");
    (e.path.clone(), e.kind)
}

fn with_design(design: &str) -> String {
    format!(r#"{{"format":"routecraft-design","version":2,"design":{design}}}"#)
}

#[test]
fn text_that_is_not_json_names_line_and_column() {
    let (path, kind) = error_of("{\n  \"format\": ");
    assert_eq!(path, "$");
    assert!(
        matches!(kind, LoadErrorKind::Syntax { line: 2, .. }),
        "{kind:?}"
    );
}

#[test]
fn json_without_the_format_name_is_not_a_design() {
    assert_eq!(error_of(r#"{"name":"x"}"#).1, LoadErrorKind::NotADesign);
    assert_eq!(error_of("[1,2]").1, LoadErrorKind::NotADesign);
}

#[test]
fn a_newer_version_is_refused_with_the_version_found() {
    let (path, kind) = error_of(r#"{"format":"routecraft-design","version":99,"design":{}}"#);
    assert_eq!(path, "version");
    assert_eq!(kind, LoadErrorKind::UnsupportedVersion("99".into()));
}

#[test]
fn a_value_of_the_wrong_type_names_its_json_path() {
    let mut design = serde_json::to_value(by_name("connect-to").unwrap()).unwrap();
    design["circuits"][0]["bandwidth_mbps"] = "fast".into();
    let (path, kind) = error_of(&with_design(&design.to_string()));
    assert_eq!(path, "design.circuits[0].bandwidth_mbps");
    assert!(matches!(kind, LoadErrorKind::Invalid(m) if m.contains("expected u32")));
}

#[test]
fn a_malformed_prefix_names_its_json_path() {
    let mut design = serde_json::to_value(by_name("connect-to").unwrap()).unwrap();
    design["vnets"][0]["address_space"][0] = "10.300.0.0/16".into();
    let (path, _) = error_of(&with_design(&design.to_string()));
    assert_eq!(path, "design.vnets[0].address_space[0]");
}

#[test]
fn an_unknown_field_is_refused_rather_than_dropped() {
    let mut design = serde_json::to_value(by_name("connect-to").unwrap()).unwrap();
    design["circuits"][0]["bandwith_mbps"] = 50.into();
    let (path, kind) = error_of(&with_design(&design.to_string()));
    assert_eq!(path, "design.circuits[0].bandwith_mbps");
    assert!(matches!(kind, LoadErrorKind::Invalid(m) if m.contains("unknown field")));
}

#[test]
fn duplicate_ids_are_reported_with_both_places() {
    let mut design = by_name("connect-to").unwrap();
    design.routers[1].id = design.routers[0].id.clone();
    let (path, kind) = error_of(&save(&design));
    assert_eq!(path, "design.routers[1]");
    let LoadErrorKind::Integrity(problems) = kind else {
        panic!("{kind:?}")
    };
    assert!(problems[0]
        .to_string()
        .contains("already used at design.routers[0]"));
}

#[test]
fn dangling_references_are_all_reported() {
    let mut design = by_name("connect-to").unwrap();
    design.circuits[0].primary_router = Some("nowhere".into());
    design.gateways[0].vnet = "lost".into();
    let (path, kind) = error_of(&save(&design));
    assert_eq!(path, "design.circuits[0].primary_router");
    let LoadErrorKind::Integrity(problems) = kind else {
        panic!("{kind:?}")
    };
    let text: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert!(
        text.iter()
            .any(|t| t.contains("no router has the id `nowhere`")),
        "{text:?}"
    );
    assert!(
        text.iter()
            .any(|t| t == "design.gateways[0].vnet: no VNet has the id `lost`"),
        "{text:?}"
    );
}

#[test]
fn a_reference_to_the_wrong_kind_says_what_it_found() {
    let mut design = by_name("connect-to").unwrap();
    design.gateways[0].vnet = "contoso-ams-rtr".into();
    let message = load(&save(&design)).unwrap_err().to_string();
    assert!(
        message.contains("`contoso-ams-rtr` is a router, expected a VNet"),
        "{message}"
    );
}

#[test]
fn an_id_with_spaces_is_refused() {
    let mut design = by_name("connect-to").unwrap();
    design.sites[0].id = "my site".into();
    design.routers[0].site = "my site".into();
    design.layout.positions.clear();
    let message = load(&save(&design)).unwrap_err().to_string();
    assert!(message.contains("id `my site` must be"), "{message}");
}

#[test]
fn a_version_1_file_migrates_to_the_current_model() {
    let text = include_str!("data/connect-to-v1.json");
    let design = load(text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(design.partner.name, "Northwind Cloud Services");
    assert_eq!(design.circuits[0].bandwidth_mbps, 200);
    let at = design.layout.positions.get("contoso-dc").unwrap();
    assert_eq!((at.x, at.y), (40.0, 80.0));
}

#[test]
fn hostile_nesting_is_an_error_not_a_crash() {
    let deep = "[".repeat(100_000);
    assert!(matches!(error_of(&deep).1, LoadErrorKind::Syntax { .. }));
}

#[test]
fn a_blank_design_round_trips() {
    let design = Design::blank("Blank", Default::default());
    assert_eq!(load(&save(&design)).unwrap(), design);
}

//! Failures: what moves or breaks when elements go down, and whether a
//! design survives the loss of any single one.

#[path = "routing_support.rs"]
mod support;

use routecraft_core::routing::*;
use routecraft_core::templates;
use support::*;

fn primary(circuit: &str) -> FailureUnit {
    FailureUnit::CircuitLink {
        circuit: circuit.into(),
        link: Link::Primary,
    }
}

fn impact<'a>(all: &'a [FailureImpact], unit: &FailureUnit) -> &'a FailureImpact {
    all.iter()
        .find(|i| &i.unit == unit)
        .expect("every unit is swept")
}

#[test]
fn losing_the_primary_connection_keeps_reachability_over_the_secondary() {
    let design = templates::connect_to();
    let change = what_if(&design, &Failures::of([primary("er-contoso-ams")]));
    assert!(
        change.traces.iter().all(|t| t.check.delivered),
        "{:#?}",
        change.traces
    );
    let moved = change
        .subnets
        .iter()
        .flat_map(|s| &s.changes)
        .find(|c| c.prefix == net("10.20.0.0/16"))
        .expect("the route to Amsterdam moves");
    assert!(moved.before.as_deref().unwrap_or("").contains("primary"));
    assert!(!moved.after.as_deref().unwrap_or("").contains("primary"));
}

#[test]
fn losing_the_only_circuit_breaks_reachability() {
    let design = templates::connect_to();
    let all = single_failures(&design);
    assert!(impact(&all, &primary("er-contoso-ams")).survives);
    let circuit = impact(&all, &FailureUnit::Circuit("er-contoso-ams".into()));
    assert!(!circuit.survives);
    assert!(circuit
        .broken
        .iter()
        .any(|b| b.from == "contoso-spoke-workload"));
    assert!(!impact(&all, &FailureUnit::PeeringLocation("Amsterdam".into())).survives);
}

#[test]
fn a_failed_circuit_takes_its_routes_away_from_subnets_and_routers() {
    let design = templates::connect_to();
    let change = what_if(
        &design,
        &Failures::of([FailureUnit::Circuit("er-contoso-ams".into())]),
    );
    let vanished = change
        .subnets
        .iter()
        .flat_map(|s| &s.changes)
        .any(|c| c.after.is_none());
    assert!(vanished, "{:#?}", change.subnets);
    let router = change
        .routers
        .iter()
        .find(|r| r.router == "contoso-ams-rtr")
        .unwrap();
    assert!(router
        .changes
        .iter()
        .any(|c| c.prefix == net("10.120.0.0/22") && c.after.is_none()));
}

#[test]
fn a_trace_takes_the_other_circuit_when_one_fails() {
    let design = lab()
        .site("dc2", &["10.60.0.0/16"], 65002)
        .circuit("er2", "dc2-rtr", "dc2-rtr", 65002)
        .connect("ergw", "er2", 0)
        .link("dc-dc2", "dc-rtr", "dc2-rtr")
        .design;
    let down = Failures::of([FailureUnit::Circuit("er1".into())]);
    let routes = resolve(&design, &down);
    let result = trace(
        &design,
        &routes,
        &TraceRequest::tcp(ip("10.1.1.10"), ip("10.50.3.3"), 443).at("hub-app"),
    );
    assert_eq!(
        path_lines(&result),
        [
            "hub-app > ergw > er2/primary > dc2-rtr > dc-rtr > dc => delivered",
            "hub-app > ergw > er2/secondary > dc2-rtr > dc-rtr > dc => delivered",
        ]
    );
    let all = single_failures(&design);
    assert!(impact(&all, &FailureUnit::Circuit("er1".into())).survives);
    assert!(!impact(&all, &FailureUnit::Router("dc-rtr".into())).survives);
}

#[test]
fn connect_through_survives_every_single_link_failure() {
    let all = single_failures(&templates::connect_through());
    let links: Vec<&FailureImpact> = all
        .iter()
        .filter(|i| {
            matches!(
                i.unit,
                FailureUnit::CircuitLink { .. } | FailureUnit::SiteLink(_)
            )
        })
        .collect();
    assert_eq!(links.len(), 8);
    assert!(links.iter().all(|i| i.survives), "{links:#?}");
    assert!(!impact(&all, &FailureUnit::Gateway("contoso-hub-ergw".into())).survives);
}

#[test]
fn failures_survive_a_round_trip_through_json() {
    let down = Failures::of([
        primary("er-1"),
        FailureUnit::PeeringLocation("Amsterdam".into()),
    ]);
    let text = serde_json::to_string(&down).unwrap();
    assert_eq!(serde_json::from_str::<Failures>(&text).unwrap(), down);
}

#[test]
fn dangling_references_are_treated_as_absent() {
    let mut design = templates::connect_through();
    design.connections[0].circuit = "nowhere".into();
    design.circuits[0].primary_router = Some("ghost".into());
    design.links[0].b = "ghost".into();
    design.vnets[1].subnets[0].route_table = Some("missing".into());
    design.vnet_peerings[0].remote = "missing".into();
    let routes = resolve(
        &design,
        &Failures::of([FailureUnit::Router("ghost".into())]),
    );
    assert!(routes
        .effective_routes("contoso-spoke-app-workload")
        .is_some());
    let _ = single_failures(&design);
}

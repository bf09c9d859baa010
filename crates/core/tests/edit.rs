//! Behaviour of edits: commands, undo and redo, and what removal takes along.

use routecraft_core::edit::{apply, Command, EditError, Editor, Element};
use routecraft_core::model::*;
use routecraft_core::templates::by_name;

fn template() -> Design {
    by_name("connect-to").unwrap()
}

fn edited(design: &Design, command: Command) -> Design {
    apply(design, &command).unwrap_or_else(|e| panic!("{command:?}: {e}"))
}

fn describe(name: &str) -> Command {
    Command::Describe {
        name: name.into(),
        model: CspModel::ConnectTo,
        partner: Partner::default(),
    }
}

#[test]
fn a_refused_command_leaves_the_design_unchanged() {
    let design = template();
    let before = design.clone();
    let result = apply(&design, &Command::Remove(vec!["no-such".into()]));
    assert_eq!(result, Err(EditError::UnknownElement("no-such".into())));
    assert_eq!(design, before);
}

#[test]
fn adding_an_element_with_a_taken_id_is_refused() {
    let design = template();
    let mut router = design.routers[0].clone();
    router.name = "copy".into();
    let error = apply(
        &design,
        &Command::Add {
            element: Element::Router(router),
            at: None,
        },
    );
    assert_eq!(error, Err(EditError::DuplicateId("contoso-ams-rtr".into())));
}

#[test]
fn adding_an_element_that_points_nowhere_is_refused() {
    let design = template();
    let mut router = design.routers[0].clone();
    router.id = design.fresh_id("router");
    router.site = "atlantis".into();
    let error = apply(
        &design,
        &Command::Add {
            element: Element::Router(router),
            at: None,
        },
    );
    assert!(
        matches!(error, Err(EditError::BrokenReference(m)) if m.contains("no site has the id `atlantis`"))
    );
}

#[test]
fn an_update_changes_properties_in_place() {
    let design = template();
    let Some(Element::Circuit(mut circuit)) = Element::of(&design, "er-contoso-ams") else {
        panic!()
    };
    circuit.bandwidth_mbps = 2000;
    let next = edited(&design, Command::Update(Element::Circuit(circuit)));
    assert_eq!(next.circuits[0].bandwidth_mbps, 2000);
    assert_eq!(next.circuits.len(), design.circuits.len());
}

#[test]
fn an_update_cannot_move_a_subnet_to_another_vnet() {
    let design = template();
    let Some(Element::Subnet { subnet, .. }) = Element::of(&design, "contoso-hub-shared") else {
        panic!()
    };
    let moved = Element::Subnet {
        vnet: "contoso-spoke".into(),
        subnet,
    };
    assert_eq!(
        apply(&design, &Command::Update(moved)),
        Err(EditError::KindChanged("contoso-hub-shared".into()))
    );
}

#[test]
fn removing_a_router_clears_circuit_ends_and_removes_its_links() {
    let next = edited(&template(), Command::Remove(vec!["contoso-utr-rtr".into()]));
    assert_eq!(next.circuits[0].secondary_router, None);
    assert!(next
        .links
        .iter()
        .all(|l| l.a != "contoso-utr-rtr" && l.b != "contoso-utr-rtr"));
    assert_eq!(next.integrity_problems(), vec![]);
}

#[test]
fn removing_a_vnet_removes_its_gateway_connection_and_peering() {
    let next = edited(&template(), Command::Remove(vec!["contoso-hub".into()]));
    assert!(next.gateways.is_empty());
    assert!(next.connections.is_empty());
    assert!(next.vnet_peerings.is_empty());
    assert_eq!(next.vnets.len(), 1);
    assert_eq!(next.integrity_problems(), vec![]);
}

#[test]
fn removing_an_nsg_clears_the_subnet_association() {
    let next = edited(
        &template(),
        Command::Remove(vec!["contoso-spoke-nsg".into()]),
    );
    assert_eq!(next.vnets[1].subnets[0].nsg, None);
}

#[test]
fn removing_a_customer_removes_everything_it_owns() {
    let next = edited(&template(), Command::Remove(vec!["contoso".into()]));
    assert!(next.circuits.is_empty() && next.vnets.is_empty() && next.subscriptions.is_empty());
    assert_eq!(
        next.sites.len(),
        3,
        "sites keep existing without their customer"
    );
    assert_eq!(next.integrity_problems(), vec![]);
}

#[test]
fn connecting_a_circuit_to_routers_fills_primary_then_secondary() {
    let mut design = template();
    design.circuits[0].primary_router = None;
    design.circuits[0].secondary_router = None;
    let connect = |from: &str, to: &str| Command::Connect {
        from: from.into(),
        to: to.into(),
    };
    let once = edited(&design, connect("er-contoso-ams", "contoso-ams-rtr"));
    let twice = edited(&once, connect("contoso-utr-rtr", "er-contoso-ams"));
    assert_eq!(
        twice.circuits[0].primary_router.as_ref().unwrap(),
        "contoso-ams-rtr"
    );
    assert_eq!(
        twice.circuits[0].secondary_router.as_ref().unwrap(),
        "contoso-utr-rtr"
    );
    let thrice = apply(&twice, &connect("er-contoso-ams", "nw-ams1-edge"));
    assert!(matches!(thrice, Err(EditError::CannotConnect { .. })));
}

#[test]
fn connecting_an_expressroute_gateway_to_a_circuit_adds_a_connection() {
    let mut design = template();
    design.connections.clear();
    let next = edited(
        &design,
        Command::Connect {
            from: "contoso-hub-ergw".into(),
            to: "er-contoso-ams".into(),
        },
    );
    assert_eq!(next.connections.len(), 1);
    assert_eq!(next.connections[0].circuit, "er-contoso-ams");
}

#[test]
fn meaningless_connections_are_refused_with_a_hint() {
    let design = template();
    let error = apply(
        &design,
        &Command::Connect {
            from: "contoso".into(),
            to: "contoso-hub".into(),
        },
    );
    let Err(EditError::CannotConnect { reason, .. }) = error else {
        panic!("{error:?}")
    };
    assert!(!reason.is_empty());
}

#[test]
fn a_batch_that_fails_halfway_applies_nothing() {
    let design = template();
    let batch = Command::Batch {
        label: "Two things".into(),
        commands: vec![describe("Changed"), Command::Remove(vec!["missing".into()])],
    };
    assert!(apply(&design, &batch).is_err());
    assert_eq!(design.name, template().name);
}

#[test]
fn a_move_shifts_placed_elements_and_refuses_non_finite_positions() {
    let design = edited(
        &template(),
        Command::Place(vec![("contoso-ams".into(), Position::new(10.0, 20.0))]),
    );
    let moved = edited(
        &design,
        Command::Move {
            ids: vec!["contoso-ams".into()],
            dx: 5.0,
            dy: -5.0,
        },
    );
    assert_eq!(
        moved.layout.positions["contoso-ams"],
        Position::new(15.0, 15.0)
    );
    let bad = Command::Place(vec![("contoso-ams".into(), Position::new(f64::NAN, 0.0))]);
    assert_eq!(
        apply(&design, &bad),
        Err(EditError::BadPosition("contoso-ams".into()))
    );
}

#[test]
fn undo_and_redo_walk_the_history_in_order() {
    let mut editor = Editor::new(template());
    editor.apply(describe("One")).unwrap();
    editor.apply(describe("Two")).unwrap();
    assert_eq!(editor.undo_label(), Some("Edit design details"));
    assert!(editor.undo().is_some());
    assert_eq!(editor.design().name, "One");
    assert!(editor.undo().is_some());
    assert_eq!(editor.design(), &template());
    assert_eq!(editor.undo(), None);
    editor.redo();
    editor.redo();
    assert_eq!(editor.design().name, "Two");
    assert_eq!(editor.redo(), None);
}

#[test]
fn a_new_edit_after_undo_forgets_the_redo_branch() {
    let mut editor = Editor::new(template());
    editor.apply(describe("One")).unwrap();
    editor.undo();
    editor.apply(describe("Other")).unwrap();
    assert!(!editor.can_redo());
    assert_eq!(editor.design().name, "Other");
}

#[test]
fn a_refused_edit_leaves_the_history_alone() {
    let mut editor = Editor::new(template());
    editor.apply(describe("One")).unwrap();
    assert!(editor
        .apply(Command::Remove(vec!["missing".into()]))
        .is_err());
    assert_eq!(editor.undo_label(), Some("Edit design details"));
    assert_eq!(editor.design().name, "One");
}

#[test]
fn a_drag_is_one_undo_step() {
    let mut editor = Editor::new(template());
    let start = Command::Place(vec![("contoso-ams".into(), Position::new(0.0, 0.0))]);
    editor.apply(start).unwrap();
    let drag = Command::Move {
        ids: vec!["contoso-ams".into(), "er-contoso-ams".into()],
        dx: 40.0,
        dy: 0.0,
    };
    editor.apply(drag).unwrap();
    editor.undo();
    assert_eq!(
        editor.design().layout.positions["contoso-ams"],
        Position::new(0.0, 0.0)
    );
}

#[test]
fn unsaved_changes_follow_undo_back_to_the_saved_state() {
    let mut editor = Editor::new(template());
    assert!(!editor.has_unsaved_changes());
    editor.apply(describe("One")).unwrap();
    assert!(editor.has_unsaved_changes());
    editor.mark_saved();
    editor.apply(describe("Two")).unwrap();
    editor.undo();
    assert!(!editor.has_unsaved_changes());
    editor.undo();
    assert!(editor.has_unsaved_changes());
}

#[test]
fn keeping_a_baseline_snapshots_the_design_without_nesting() {
    let once = edited(&template(), Command::KeepBaseline(true));
    let twice = edited(&once, Command::KeepBaseline(true));
    assert!(twice.baseline.as_ref().unwrap().baseline.is_none());
    assert_eq!(load(&save(&twice)).unwrap(), twice);
}

#[test]
fn fresh_ids_never_collide() {
    let design = template();
    let id = design.fresh_id("contoso-hub");
    assert!(!design.contains(id.as_str()));
}

//! The studio's components in a real browser: the frame, adding from the
//! palette, undo and redo, the inspector's inline validation, and a bad
//! file that leaves the design alone.

#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use routecraft_app::{Studio, StudioFrame};
use routecraft_core::model::{CspModel, Design};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// Mounts the frame over `studio` in a fresh element; keep the handle.
fn mount(studio: Studio) -> impl Drop {
    let host = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&host).unwrap();
    leptos::mount::mount_to(
        host.unchecked_into(),
        move || view! { <StudioFrame studio=studio /> },
    )
}

fn find(test_id: &str) -> Option<web_sys::HtmlElement> {
    document()
        .query_selector(&format!("[data-testid=\"{test_id}\"]"))
        .unwrap()
        .map(|e| e.unchecked_into())
}

fn blank() -> Studio {
    Studio::new(Design::blank("Test design", CspModel::ConnectTo))
}

#[wasm_bindgen_test]
async fn the_frame_shows_the_header_and_panels() {
    let _handle = mount(blank());
    leptos::task::tick().await;
    let header = document()
        .query_selector("header.rc-header")
        .unwrap()
        .unwrap();
    assert!(header.text_content().unwrap().contains("Routecraft"));
    assert!(header.text_content().unwrap().contains("Test design"));
    for id in [
        "palette",
        "canvas",
        "inspector",
        "problems",
        "undo",
        "redo",
        "save",
        "open",
    ] {
        assert!(find(id).is_some(), "{id} is shown");
    }
}

#[wasm_bindgen_test]
async fn clicking_a_palette_item_adds_it_and_undo_and_redo_take_it_back() {
    let studio = blank();
    let _handle = mount(studio);
    find("palette-vnet").unwrap().click();
    leptos::task::tick().await;
    assert_eq!(studio.design.get_untracked().vnets.len(), 1);
    assert!(find("node-vnet-1").is_some(), "the VNet is drawn");

    find("undo").unwrap().click();
    leptos::task::tick().await;
    assert!(studio.design.get_untracked().vnets.is_empty());
    assert!(find("node-vnet-1").is_none());

    find("redo").unwrap().click();
    leptos::task::tick().await;
    assert_eq!(studio.design.get_untracked().vnets.len(), 1);
}

#[wasm_bindgen_test]
async fn the_inspector_refuses_a_bad_prefix_and_keeps_the_old_value() {
    let studio = blank();
    let _handle = mount(studio);
    find("palette-vnet").unwrap().click();
    leptos::task::tick().await;
    let before = studio.design.get_untracked().vnets[0].address_space.clone();

    let field: web_sys::HtmlTextAreaElement = find("field-address_space").unwrap().unchecked_into();
    field.set_value("10.0.0.0/99");
    field
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    leptos::task::tick().await;

    let error = find("error-address_space").expect("an error beside the field");
    assert!(error.text_content().unwrap().contains("10.0.0.0/99"));
    assert_eq!(studio.design.get_untracked().vnets[0].address_space, before);
}

#[wasm_bindgen_test]
async fn a_bad_file_shows_the_loaders_message_and_keeps_the_design() {
    let studio = blank();
    let _handle = mount(studio);
    find("palette-customer-dc").unwrap().click();
    leptos::task::tick().await;
    let before = studio.design.get_untracked();

    studio.open_text(
        "broken.json",
        "{\"format\": \"routecraft-design\", \"version\": 2, \"design\": {\"name\": 3}}",
    );
    leptos::task::tick().await;

    let message = find("dialog-message")
        .expect("the dialog says why")
        .text_content()
        .unwrap();
    assert!(
        message.contains("broken.json") && message.contains("design"),
        "{message}"
    );
    assert_eq!(studio.design.get_untracked(), before);
}

/// The `<rect>` of a node's box, whose `x` says where it is drawn.
fn node_box(id: &str) -> web_sys::Element {
    find(&format!("node-{id}"))
        .unwrap_or_else(|| panic!("node {id} is drawn"))
        .query_selector("rect")
        .unwrap()
        .expect("a node has a box")
}

#[wasm_bindgen_test]
async fn an_edit_redraws_the_nodes_it_moved_and_keeps_the_others() {
    use routecraft_core::edit::Command;
    use routecraft_core::model::Position;

    let studio = Studio::new(routecraft_core::templates::connect_through());
    let _handle = mount(studio);
    leptos::task::tick().await;
    let kept = find("node-contoso-hq").expect("the site is drawn");
    let moved_before = node_box("contoso-spoke-app");
    let x: f64 = moved_before.get_attribute("x").unwrap().parse().unwrap();
    let y: f64 = moved_before.get_attribute("y").unwrap().parse().unwrap();

    studio
        .dispatch(Command::Place(vec![(
            "contoso-spoke-app".into(),
            Position::new(x + 200.0, y),
        )]))
        .unwrap();
    leptos::task::tick().await;

    let moved_after = node_box("contoso-spoke-app");
    let new_x: f64 = moved_after.get_attribute("x").unwrap().parse().unwrap();
    assert!(new_x > x, "the VNet is drawn where it went: {x} to {new_x}");
    let still = find("node-contoso-hq").unwrap();
    assert!(
        kept.is_same_node(Some(&still)),
        "a node the edit did not touch keeps its element"
    );
    assert!(kept.is_connected(), "and stays in the document");
}

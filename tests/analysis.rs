//! The analysis panels in a real browser: a template subnet's routes, a
//! trace from the connect-to template's spoke to on-premises, and a
//! failed circuit that changes the trace.

#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use routecraft_app::{Studio, StudioFrame};
use routecraft_core::templates;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// Mounts the frame over `studio` in a fresh element; keep the handle.
fn mount(studio: Studio) -> impl Drop {
    // A failure set kept by an earlier test must not leak into this one.
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage.remove_item("routecraft.failures").unwrap();
    let host = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&host).unwrap();
    leptos::mount::mount_to(
        host.unchecked_into(),
        move || view! { <StudioFrame studio=studio /> },
    )
}

fn find(test_id: &str) -> web_sys::HtmlElement {
    document()
        .query_selector(&format!("[data-testid=\"{test_id}\"]"))
        .unwrap()
        .unwrap_or_else(|| panic!("{test_id} is shown"))
        .unchecked_into()
}

fn text(test_id: &str) -> String {
    find(test_id).text_content().unwrap_or_default()
}

/// Sets a field's value and tells the page as the browser would, with an
/// event of the given type.
fn set_field(test_id: &str, value: &str, event: &str) {
    let field = find(test_id);
    js_sys::Reflect::set(&field, &"value".into(), &value.into()).unwrap();
    field
        .dispatch_event(&web_sys::Event::new(event).unwrap())
        .unwrap();
}

/// Picks an option of a list.
fn choose(test_id: &str, value: &str) {
    set_field(test_id, value, "change");
}

/// Types into a text field as a user does.
fn type_into(test_id: &str, value: &str) {
    set_field(test_id, value, "input");
}

async fn settle() {
    for _ in 0..3 {
        leptos::task::tick().await;
    }
}

/// Traces from the connect-to spoke's workload subnet to Contoso Amsterdam.
async fn trace_spoke_to_amsterdam() {
    find("tab-trace").click();
    settle().await;
    choose("trace-from-pick", "contoso-spoke-workload");
    choose("trace-to-pick", "contoso-ams");
    settle().await;
    find("trace-run").click();
    settle().await;
}

#[wasm_bindgen_test]
async fn the_routes_panel_shows_a_template_subnets_routes() {
    let studio = Studio::new(templates::connect_through());
    let _handle = mount(studio);
    studio
        .selection
        .set(vec!["contoso-spoke-app-workload".into()]);
    find("tab-routes").click();
    settle().await;

    let table = text("routes-table");
    assert!(table.contains("10.10.0.0/16"), "{table}");
    assert!(table.contains("VirtualNetworkGateway"), "{table}");
    assert!(table.contains("192.168.10.1"), "next hop IPs: {table}");
    assert!(table.contains("VNetPeering") && table.contains("Active"));
}

#[wasm_bindgen_test]
async fn a_trace_from_the_connect_to_spoke_to_on_premises_lists_hops_and_is_delivered() {
    let _handle = mount(Studio::new(templates::connect_to()));
    trace_spoke_to_amsterdam().await;

    let result = find("trace-result");
    assert_eq!(
        result.get_attribute("data-delivered").as_deref(),
        Some("true")
    );
    let hops = find("trace-path-0")
        .query_selector("ol")
        .unwrap()
        .expect("the hops are listed")
        .child_element_count();
    assert!(hops >= 4, "hop by hop: {hops}");
    let all = result.text_content().unwrap();
    assert!(
        all.contains("Gateway") && all.contains("Delivered"),
        "{all}"
    );
}

#[wasm_bindgen_test]
async fn failing_the_circuit_changes_the_trace() {
    let studio = Studio::new(templates::connect_to());
    let _handle = mount(studio);
    trace_spoke_to_amsterdam().await;
    let before = text("trace-result");

    studio.selection.set(vec!["er-contoso-ams".into()]);
    settle().await;
    find("failbar-er-contoso-ams-circuit").click();
    settle().await;

    let result = find("trace-result");
    let after = result.text_content().unwrap();
    assert_ne!(before, after, "the trace changed");
    assert_eq!(
        result.get_attribute("data-delivered").as_deref(),
        Some("false"),
        "{after}"
    );
    let edge = find("edge-er-contoso-ams/primary");
    assert!(edge.get_attribute("class").unwrap().contains("down"));
}

fn rows(test_id: &str) -> Vec<String> {
    let rows = find(test_id).query_selector_all("tbody tr").unwrap();
    (0..rows.length())
        .filter_map(|i| rows.item(i))
        .map(|r| r.text_content().unwrap_or_default())
        .collect()
}

#[wasm_bindgen_test]
async fn a_large_table_shows_its_first_rows_and_the_filter_finds_any_other() {
    use routecraft_core::generate::{sized, Sizes};
    let sizes = Sizes {
        onprem_prefixes: 600,
        ..Sizes::small()
    };
    let design = sized(&sizes, 3);
    let subnet = design
        .vnets
        .iter()
        .flat_map(|v| &v.subnets)
        .find(|s| !s.is_gateway_subnet())
        .expect("a workload subnet")
        .id
        .clone();
    let studio = Studio::new(design);
    let _handle = mount(studio);
    studio.selection.set(vec![subnet.clone()]);
    find("tab-routes").click();
    settle().await;

    let count = text("routes-count");
    let total: usize = count
        .rsplit(' ')
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("a count: {count}"));
    assert!(total > 600, "every on-premises prefix is a route: {count}");
    assert!(count.contains("200 of"), "{count}");
    assert_eq!(
        rows("routes-table").len(),
        200,
        "only the first rows are drawn"
    );
    let routes = find("routes").text_content().unwrap();
    assert!(routes.contains("more: narrow the filter"), "{routes}");

    // A row of the table's middle, far past the first 200, is found by its
    // prefix; the filter ignores surrounding spaces.
    let last = studio.design.with_untracked(|d| {
        let resolution = routecraft_core::routing::resolve(d, &Default::default());
        let table = resolution.effective_routes(subnet.as_str()).unwrap();
        table[table.len() / 2].prefix.to_string()
    });
    type_into("routes-filter", &format!("  {last}  "));
    settle().await;
    let shown = rows("routes-table");
    assert!(!shown.is_empty(), "the filter finds {last}");
    assert!(shown.iter().all(|r| r.contains(&last)), "{shown:?}");
    assert!(
        shown.len() < 200,
        "the filter narrows the table: {}",
        shown.len()
    );

    type_into("routes-filter", "no route has this text");
    settle().await;
    assert!(rows("routes-table").is_empty());
}

fn shown(test_id: &str) -> bool {
    document()
        .query_selector(&format!("[data-testid=\"{test_id}\"]"))
        .unwrap()
        .is_some()
}

#[wasm_bindgen_test]
async fn a_corrected_source_host_keeps_the_place_it_was_picked_from() {
    let _handle = mount(Studio::new(templates::connect_to()));
    find("tab-trace").click();
    settle().await;
    choose("trace-from-pick", "contoso-spoke-workload");
    settle().await;
    assert!(
        text("trace-at").contains("workload"),
        "{}",
        text("trace-at")
    );

    type_into("trace-from", "10.120.4.");
    settle().await;
    assert!(shown("trace-at"), "halfway through an address");
    type_into("trace-from", "10.120.4.20");
    settle().await;
    assert!(
        text("trace-at").contains("workload"),
        "another host of the subnet"
    );

    type_into("trace-from", "10.20.0.1");
    settle().await;
    assert!(!shown("trace-at"), "an address elsewhere drops the place");

    // The destination field is the same field for the other end.
    choose("trace-to-pick", "contoso-ams");
    settle().await;
    let to: web_sys::HtmlInputElement = find("trace-to").unchecked_into();
    assert_eq!(to.value(), "10.20.0.1");
    assert!(!shown("trace-at"), "picking a destination sets no start");
}

#[wasm_bindgen_test]
async fn the_studios_sweep_gives_the_cores_verdict_for_every_unit() {
    let design = templates::connect_through();
    let expected: Vec<String> = routecraft_core::routing::single_failures(&design)
        .iter()
        .map(|i| {
            if i.survives {
                "survives".to_owned()
            } else {
                format!("breaks {} check(s)", i.broken.len())
            }
        })
        .collect();
    assert!(
        expected.iter().any(|v| v.starts_with("breaks")) && expected.contains(&"survives".into()),
        "the template has units of both kinds: {expected:?}"
    );
    let _handle = mount(Studio::new(design));
    find("tab-failures").click();
    settle().await;
    find("sweep-run").click();
    for _ in 0..500 {
        if shown("sweep-summary") {
            break;
        }
        gloo_timers::future::TimeoutFuture::new(10).await;
    }
    settle().await;
    let verdicts = find("sweep-results")
        .query_selector_all(".rc-sweep__verdict")
        .unwrap();
    let shown_verdicts: Vec<String> = (0..verdicts.length())
        .filter_map(|i| verdicts.item(i))
        .map(|v| v.text_content().unwrap_or_default())
        .collect();
    assert_eq!(shown_verdicts, expected);
    let survive = expected.iter().filter(|v| *v == "survives").count();
    assert!(
        text("sweep-summary").starts_with(&format!("{survive} of {} units", expected.len())),
        "{}",
        text("sweep-summary")
    );
}

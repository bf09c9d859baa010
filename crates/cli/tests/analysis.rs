//! `routes`, `trace` and `whatif` on the connect-to template: readable and
//! JSON output, exit codes, and failures taken down with `--down`.

mod support;

use std::path::PathBuf;

use support::{json, routecraft, scratch, stderr, stdout, template_file};

/// A host in the spoke's workload subnet, and one in Contoso's Amsterdam
/// datacenter.
const WORKLOAD: &str = "10.120.4.10";
const AMSTERDAM: &str = "10.20.1.1";

fn connect_to(test: &str) -> PathBuf {
    template_file(&scratch(test), "connect-to")
}

fn trace(file: &str, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["trace", file, "--from", WORKLOAD, "--to", AMSTERDAM];
    args.extend_from_slice(extra);
    routecraft(&args)
}

#[test]
fn routes_of_a_subnet_read_like_the_portal() {
    let file = connect_to("routes");
    let f = file.to_str().unwrap();
    let by_id = routecraft(&["routes", f, "--subnet", "contoso-spoke-workload"]);
    let by_name = routecraft(&["routes", f, "--subnet", "contoso-spoke/workload"]);
    assert!(by_id.status.success(), "{}", stderr(&by_id));
    assert_eq!(stdout(&by_id), stdout(&by_name));

    let text = stdout(&by_id);
    for column in [
        "Source",
        "State",
        "Address prefix",
        "Next hop type",
        "Next hop IP",
    ] {
        assert!(text.contains(column), "{column}");
    }
    let row = text.lines().find(|l| l.contains("10.20.0.0/16")).unwrap();
    assert!(row.contains("Virtual network gateway"), "{row}");
    assert!(row.contains("Active"), "{row}");
    assert!(!text.contains("Id("), "debug formatting leaked");
}

#[test]
fn routes_of_a_subnet_as_json() {
    let file = connect_to("routes-json");
    let f = file.to_str().unwrap();
    let output = routecraft(&[
        "routes",
        f,
        "--subnet",
        "contoso-spoke/workload",
        "--format",
        "json",
    ]);
    let value = json(&output);
    assert_eq!(value["subnet"], "contoso-spoke-workload");
    let routes = value["routes"].as_array().unwrap();
    let gateway = routes
        .iter()
        .find(|r| r["prefix"] == "10.20.0.0/16")
        .unwrap();
    assert_eq!(gateway["next_hop_type"], "VirtualNetworkGateway");
    assert_eq!(gateway["state"], "Active");
}

#[test]
fn an_unknown_subnet_or_router_is_a_usage_error() {
    let file = connect_to("routes-unknown");
    let f = file.to_str().unwrap();
    let output = routecraft(&["routes", f, "--subnet", "nope/none"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("nope/none"));
    let output = routecraft(&["routes", f, "--router", "no-such-router"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("no-such-router"));
}

#[test]
fn routes_of_a_router_in_its_customers_domain() {
    let file = connect_to("router");
    let f = file.to_str().unwrap();
    let output = routecraft(&[
        "routes",
        f,
        "--router",
        "contoso-ams-rtr",
        "--vrf",
        "contoso",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    let row = text
        .lines()
        .find(|l| l.starts_with("10.120.4.0/22"))
        .unwrap();
    assert!(row.contains("circuit er-contoso-ams"), "{row}");
    assert!(row.contains("eBGP"), "learned from Microsoft's edge: {row}");
    let own = text
        .lines()
        .find(|l| l.starts_with("10.20.0.0/16"))
        .unwrap();
    assert!(
        own.contains("local") && !own.contains("BGP"),
        "its own site's prefix: {own}"
    );
    let inside = text
        .lines()
        .find(|l| l.starts_with("10.21.0.0/16"))
        .unwrap();
    assert!(
        inside.contains("iBGP"),
        "from the other router of its AS: {inside}"
    );

    let output = routecraft(&[
        "routes",
        f,
        "--router",
        "contoso-ams-rtr",
        "--format",
        "json",
    ]);
    let tables = json(&output);
    let tables = tables.as_array().unwrap();
    assert!(tables.iter().any(|t| t["vrf"] == "contoso"));
    assert!(tables.iter().all(|t| t["router"] == "contoso-ams-rtr"));
}

#[test]
fn a_trace_reads_hop_by_hop_with_names_and_every_path() {
    let file = connect_to("trace");
    let output = trace(file.to_str().unwrap(), &[]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(text.contains("Path 1 of 2"), "{text}");
    assert!(text.contains("Path 2 of 2"), "{text}");
    assert!(
        text.contains("subnet workload in VNet contoso-spoke"),
        "{text}"
    );
    assert!(text.contains("primary connection"), "{text}");
    assert!(text.contains("secondary connection"), "{text}");
    assert!(text.contains("route 10.20.0.0/16"), "{text}");
    assert!(text.contains("Outcome: delivered"), "{text}");
    assert!(!text.contains("Id("), "debug formatting leaked: {text}");
}

#[test]
fn a_trace_as_json_has_every_path_and_its_outcome() {
    let file = connect_to("trace-json");
    let value = json(&trace(file.to_str().unwrap(), &["--format", "json"]));
    assert_eq!(value["delivered"], true);
    let paths = value["paths"].as_array().unwrap();
    assert_eq!(paths.len(), 2);
    assert!(paths.iter().all(|p| p["outcome"]["kind"] == "delivered"));
}

#[test]
fn losing_the_primary_keeps_the_trace_delivered_over_the_secondary() {
    let file = connect_to("trace-primary");
    let output = trace(
        file.to_str().unwrap(),
        &["--down", "er-contoso-ams/primary", "--format", "json"],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let value = json(&output);
    assert_eq!(value["delivered"], true);
    assert_eq!(value["down"][0], "er-contoso-ams/primary");
    let paths = value["paths"].as_array().unwrap();
    assert_eq!(paths.len(), 1);
    let links: Vec<&serde_json::Value> = paths[0]["hops"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|h| h["place"].get("circuit"))
        .map(|c| &c["link"])
        .collect();
    assert_eq!(links, ["secondary"]);
}

#[test]
fn losing_the_whole_circuit_breaks_the_trace() {
    let file = connect_to("trace-circuit");
    let output = trace(file.to_str().unwrap(), &["--down", "er-contoso-ams"]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(text.contains("NOT delivered"), "{text}");
    assert!(text.contains("Down: circuit er-contoso-ams"), "{text}");
}

#[test]
fn an_unknown_element_to_take_down_is_named() {
    let file = connect_to("trace-unknown");
    let output = trace(file.to_str().unwrap(), &["--down", "er-nowhere"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("er-nowhere"),
        "{}",
        stderr(&output)
    );
    assert!(stdout(&output).is_empty());

    let output = routecraft(&["whatif", file.to_str().unwrap(), "--down", "contoso-hub"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("VNet"), "{}", stderr(&output));
}

#[test]
fn whatif_says_what_a_lost_circuit_breaks() {
    let file = connect_to("whatif");
    let f = file.to_str().unwrap();
    let output = routecraft(&["whatif", f, "--down", "er-contoso-ams"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(text.contains("Subnet routes that changed"), "{text}");
    assert!(text.contains("(vanished)"), "{text}");
    assert!(text.contains("now FAILS"), "{text}");

    let value = json(&routecraft(&[
        "whatif",
        f,
        "--down",
        "er-contoso-ams",
        "--format",
        "json",
    ]));
    let traces = value["traces"].as_array().unwrap();
    assert!(traces
        .iter()
        .any(|t| t["delivered_before"] == true && t["check"]["delivered"] == false));
}

#[test]
fn whatif_of_one_connection_keeps_every_check() {
    let file = connect_to("whatif-primary");
    let f = file.to_str().unwrap();
    let value = json(&routecraft(&[
        "whatif",
        f,
        "--down",
        "er-contoso-ams/primary",
        "--format",
        "json",
    ]));
    let traces = value["traces"].as_array().unwrap();
    assert!(traces.iter().all(|t| t["check"]["delivered"] == true));
}

#[test]
fn the_single_failure_sweep_tells_survivors_from_breakers() {
    let file = connect_to("single");
    let f = file.to_str().unwrap();
    let output = routecraft(&["whatif", f, "--single"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    let primary = text
        .lines()
        .find(|l| l.contains("[er-contoso-ams/primary]"))
        .unwrap();
    assert!(primary.starts_with("survives"), "{primary}");
    let circuit = text
        .lines()
        .find(|l| l.contains("[er-contoso-ams]"))
        .unwrap();
    assert!(circuit.starts_with("BREAKS"), "{circuit}");

    let impacts = json(&routecraft(&["whatif", f, "--single", "--format", "json"]));
    let impacts = impacts.as_array().unwrap();
    assert!(impacts.iter().any(|i| i["survives"] == true));
    assert!(impacts
        .iter()
        .any(|i| i["survives"] == false && !i["broken"].as_array().unwrap().is_empty()));
}

#[test]
fn an_address_two_customers_share_needs_at_to_say_whose() {
    let file = template_file(&scratch("ambiguous"), "connect-through");
    let f = file.to_str().unwrap();
    let vague = routecraft(&["trace", f, "--from", "10.100.4.4", "--to", "10.10.0.1"]);
    assert_eq!(vague.status.code(), Some(2));
    let message = stderr(&vague);
    assert!(message.contains("contoso-spoke-app/workload"), "{message}");
    assert!(message.contains("fabrikam-spoke-app/workload"), "{message}");

    let at = "contoso-spoke-app/workload";
    let clear = routecraft(&[
        "trace",
        f,
        "--from",
        "10.100.4.4",
        "--to",
        "10.10.0.1",
        "--at",
        at,
    ]);
    assert!(clear.status.success(), "{}", stderr(&clear));
    assert!(
        stdout(&clear).contains("contoso-hq-rtr"),
        "{}",
        stdout(&clear)
    );
}

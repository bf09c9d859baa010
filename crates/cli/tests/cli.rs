//! The `routecraft` binary, run as a user would.

use std::path::PathBuf;
use std::process::{Command, Output};

fn routecraft(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_routecraft"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("routecraft-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

fn template_file(dir: &std::path::Path, name: &str) -> PathBuf {
    let output = routecraft(&["new", name]);
    assert!(output.status.success());
    let path = dir.join(format!("{name}.json"));
    std::fs::write(&path, &output.stdout).expect("write design");
    path
}

#[test]
fn help_lists_every_command() {
    let text = stdout(&routecraft(&["--help"]));
    for command in ["new", "validate", "export", "routes", "trace"] {
        assert!(text.contains(command), "{command}");
    }
}

#[test]
fn new_prints_a_design_that_loads() {
    let text = stdout(&routecraft(&["new", "connect-to"]));
    assert!(routecraft_core::model::load(&text).is_ok());
    assert_eq!(routecraft(&["new", "mesh"]).status.code(), Some(2));
}

#[test]
fn validate_exits_by_severity_and_names_load_errors() {
    let dir = scratch("validate");
    let file = template_file(&dir, "connect-through");
    let output = routecraft(&["validate", file.to_str().unwrap()]);
    assert!(stdout(&output).contains("findings"));

    let broken = dir.join("broken.json");
    std::fs::write(&broken, "{\"format\": ").unwrap();
    let output = routecraft(&["validate", broken.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("not valid JSON"));

    let missing = dir.join("missing.json");
    assert_eq!(
        routecraft(&["validate", missing.to_str().unwrap()])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn export_writes_the_chosen_formats() {
    let dir = scratch("export");
    let file = template_file(&dir, "connect-to");
    let out = dir.join("out");
    let output = routecraft(&[
        "export",
        file.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--only",
        "terraform,svg,bundle",
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(out.join("terraform/main.tf").is_file());
    assert!(out.join("diagram.svg").is_file());
    assert!(out.join("routecraft-bundle.zip").is_file());
    assert!(!out.join("runbook.md").exists());
    let leftovers = std::fs::read_dir(&out)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .ends_with(".tmp")
        })
        .count();
    assert_eq!(leftovers, 0);
}

#[test]
fn export_into_an_unwritable_place_fails_cleanly() {
    let dir = scratch("unwritable");
    let file = template_file(&dir, "connect-to");
    let blocker = dir.join("blocker");
    std::fs::write(&blocker, "a file where a folder should be").unwrap();
    let output = routecraft(&[
        "export",
        file.to_str().unwrap(),
        "--out",
        blocker.to_str().unwrap(),
        "--only",
        "runbook",
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        std::fs::read_to_string(&blocker).unwrap(),
        "a file where a folder should be"
    );
}

#[test]
fn routes_and_trace_answer_for_a_template() {
    let dir = scratch("routes");
    let file = template_file(&dir, "connect-to");
    let f = file.to_str().unwrap();
    let output = routecraft(&["routes", f, "--subnet", "contoso-spoke-workload"]);
    assert!(output.status.success());
    assert!(stdout(&output).contains("10.20.0.0/16"));
    assert_eq!(
        routecraft(&["routes", f, "--subnet", "nope"]).status.code(),
        Some(2)
    );

    let output = routecraft(&["trace", f, "--from", "10.120.4.10", "--to", "10.20.1.1"]);
    assert!(stdout(&output).contains("outcome"));
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(routecraft(&["export", "x.json"]).status.code(), Some(2));
    assert_eq!(routecraft(&["frobnicate"]).status.code(), Some(2));
}

//! The `routecraft` binary, run as a user would: new, validate, rules,
//! export and help, with their exit codes. Routes, trace and what-if are in
//! `analysis.rs`.

mod support;

use support::{edit, routecraft, scratch, stderr, stdout, template_file};

#[test]
fn help_lists_every_command() {
    let text = stdout(&routecraft(&["--help"]));
    for command in [
        "new", "validate", "rules", "export", "routes", "trace", "whatif",
    ] {
        assert!(text.contains(command), "{command}");
    }
}

#[test]
fn every_command_has_its_own_help() {
    for command in [
        "new", "validate", "rules", "export", "routes", "trace", "whatif",
    ] {
        let output = routecraft(&[command, "--help"]);
        assert!(output.status.success(), "{command}");
        assert!(
            stdout(&output).starts_with(&format!("routecraft {command}")),
            "{command}"
        );
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
    assert_eq!(output.status.code(), Some(0));
    assert!(stdout(&output).contains("findings"));

    let broken = dir.join("broken.json");
    std::fs::write(&broken, "{\"format\": ").unwrap();
    let output = routecraft(&["validate", broken.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("not valid JSON"));

    let missing = dir.join("missing.json");
    let output = routecraft(&["validate", missing.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn validate_exits_1_on_an_error_finding() {
    let dir = scratch("validate-error");
    let file = template_file(&dir, "connect-to");
    // 300 Mbps is no bandwidth ExpressRoute offers.
    edit(&file, |design| {
        design["circuits"][0]["bandwidth_mbps"] = 300.into()
    });

    let output = routecraft(&["validate", file.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).contains("ER-BANDWIDTH"));
}

#[test]
fn validate_prints_findings_as_json() {
    let dir = scratch("validate-json");
    let file = template_file(&dir, "connect-through");
    let output = routecraft(&["validate", file.to_str().unwrap(), "--format", "json"]);
    assert_eq!(output.status.code(), Some(0));
    let findings: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let findings = findings.as_array().expect("an array of findings");
    for f in findings {
        for key in ["rule", "severity", "elements", "message", "fix", "facts"] {
            assert!(f.get(key).is_some(), "{key} missing from {f}");
        }
    }
}

#[test]
fn a_load_error_names_the_json_path() {
    let dir = scratch("load-path");
    let file = template_file(&dir, "connect-to");
    edit(&file, |design| {
        design["circuits"][0]["bandwidth_mbps"] = "fast".into()
    });

    let output = routecraft(&["validate", file.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("circuits[0]"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn rules_print_the_catalogue_in_three_forms() {
    let rules = routecraft_core::validate::RULES;
    let table = stdout(&routecraft(&["rules"]));
    let json = stdout(&routecraft(&["rules", "--format", "json"]));
    let markdown = stdout(&routecraft(&["rules", "--format", "markdown"]));

    let parsed: serde_json::Value = serde_json::from_str(&json).unwrap();
    let ids: Vec<&str> = parsed
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), rules.len());
    for rule in rules {
        assert!(ids.contains(&rule.id), "{}", rule.id);
        assert!(table.contains(rule.id), "{}", rule.id);
        assert!(markdown.contains(&format!("`{}`", rule.id)), "{}", rule.id);
    }
    assert!(markdown.starts_with("# "));
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
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(out.join("terraform/main.tf").is_file());
    assert!(out.join("diagram.svg").is_file());
    assert!(out.join("routecraft-bundle.zip").is_file());
    assert!(!out.join("runbook.md").exists());
    let leftovers = std::fs::read_dir(&out)
        .unwrap()
        .filter(|e| {
            let name = e.as_ref().unwrap().file_name();
            name.to_string_lossy().ends_with(".tmp")
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
    assert!(stderr(&output).contains("cannot write"));
    assert_eq!(
        std::fs::read_to_string(&blocker).unwrap(),
        "a file where a folder should be"
    );
}

#[test]
fn a_failed_write_keeps_the_old_file_whole() {
    let dir = scratch("keep-old");
    let file = template_file(&dir, "connect-to");
    let out = dir.join("out");
    // A folder where the runbook should go makes the rename fail after
    // the temporary file is written.
    std::fs::create_dir_all(out.join("runbook.md")).unwrap();
    let output = routecraft(&[
        "export",
        file.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--only",
        "runbook",
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(out.join("runbook.md").is_dir());
    let names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["runbook.md"], "a temporary file was left behind");
}

#[test]
fn usage_errors_exit_2_and_name_the_mistake() {
    for (args, named) in [
        (&["export", "x.json"][..], "--out"),
        (&["frobnicate"][..], "frobnicate"),
        (&["validate", "x.json", "--verbose"][..], "--verbose"),
        (&["rules", "--format", "yaml"][..], "yaml"),
        (&["whatif", "x.json"][..], "--single"),
    ] {
        let output = routecraft(args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&output).contains(named),
            "{args:?}: {}",
            stderr(&output)
        );
    }
}

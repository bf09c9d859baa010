//! Running the binary on template designs in scratch folders.

#![allow(dead_code, reason = "each test file uses some of the helpers")]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Runs `routecraft` with the arguments.
pub fn routecraft(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_routecraft"))
        .args(args)
        .output()
        .expect("the binary runs")
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A fresh folder for one test.
pub fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("routecraft-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

/// Saves a template, as `routecraft new NAME > FILE` would.
pub fn template_file(dir: &Path, name: &str) -> PathBuf {
    let output = routecraft(&["new", name]);
    assert!(output.status.success());
    let path = dir.join(format!("{name}.json"));
    std::fs::write(&path, &output.stdout).expect("write design");
    path
}

/// Changes a saved design's JSON in place.
pub fn edit(file: &Path, change: impl FnOnce(&mut serde_json::Value)) {
    let text = std::fs::read_to_string(file).expect("read design");
    let mut value: serde_json::Value = serde_json::from_str(&text).expect("design is JSON");
    change(&mut value["design"]);
    std::fs::write(file, value.to_string()).expect("write design");
}

/// Parses the output as JSON.
pub fn json(output: &Output) -> serde_json::Value {
    serde_json::from_str(&stdout(output)).expect("the output is JSON")
}

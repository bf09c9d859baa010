//! `routecraft validate` and `routecraft rules`: the findings of a design
//! and the catalogue of rules they come from.

use std::process::ExitCode;

use routecraft_core::model::Design;
use routecraft_core::validate::{catalogue_markdown, validate, Severity, RULES};

use super::print_json;
use crate::args::Output;
use crate::table;

/// Prints the findings; exit 1 if any is an error.
pub fn run(design: &Design, output: Output) -> ExitCode {
    let findings = validate(design);
    let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    let errors = count(Severity::Error);

    if output == Output::Json {
        print_json(&findings);
    } else {
        for f in &findings {
            let elements: Vec<&str> = f.elements.iter().map(|e| e.as_str()).collect();
            outln!(
                "{} {} on {} ({})",
                f.severity.label(),
                f.rule,
                elements.join(", "),
                f.facts
            );
            outln!("  {}", f.message);
            outln!("  fix: {}", f.fix);
        }
        outln!(
            "{} findings: {errors} errors, {} warnings, {} info",
            findings.len(),
            count(Severity::Warning),
            count(Severity::Info)
        );
    }

    if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Prints the rule catalogue.
pub fn rules(output: Output) -> ExitCode {
    match output {
        Output::Json => print_json(&RULES),
        Output::Markdown => out!("{}", catalogue_markdown()),
        Output::Text => {
            let rows: Vec<Vec<String>> = RULES
                .iter()
                .map(|r| {
                    vec![
                        r.id.to_owned(),
                        r.severity.label().to_owned(),
                        r.facts.to_owned(),
                        r.title.to_owned(),
                    ]
                })
                .collect();
            out!(
                "{}",
                table::render(&["Rule", "Severity", "Facts", "What it checks"], &rows)
            );
            outln!("{} rules", RULES.len());
        }
    }
    ExitCode::SUCCESS
}

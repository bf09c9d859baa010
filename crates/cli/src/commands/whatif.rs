//! `routecraft whatif`: what changes with elements down, and the sweep
//! over every single failure.

use std::process::ExitCode;

use routecraft_core::model::Design;
use routecraft_core::routing::{single_failures, what_if, PrefixChange, WhatIf};

use super::{print_json, Stop};
use crate::args::Output;
use crate::down;
use crate::names::Names;
use crate::table;

pub fn run(
    design: &Design,
    down_names: &[String],
    single: bool,
    output: Output,
) -> Result<ExitCode, Stop> {
    if single {
        sweep(design, output);
        return Ok(ExitCode::SUCCESS);
    }

    let failures = down::parse(design, down_names).map_err(Stop::usage)?;
    let change = what_if(design, &failures);
    if output == Output::Json {
        print_json(&change);
    } else {
        out!("{}", describe(design, &change));
    }
    Ok(ExitCode::SUCCESS)
}

fn describe(design: &Design, change: &WhatIf) -> String {
    let names = Names::new(design);
    let down: Vec<String> = change.failures.iter().map(|u| names.unit(u)).collect();
    let mut out = format!("Down: {}\n", down.join("; "));
    if change.subnets.is_empty() && change.routers.is_empty() && change.traces.is_empty() {
        out.push_str("\nNothing changes: every route and every check is as before.\n");
        return out;
    }

    if !change.subnets.is_empty() {
        out.push_str("\nSubnet routes that changed:\n");
    }
    for group in &change.subnets {
        let subnets: Vec<String> = group.subnets.iter().map(|s| names.of(s)).collect();
        out.push_str(&format!("  subnets {}\n", subnets.join(", ")));
        out.push_str(&indent(&changes(&group.changes), 4));
    }

    if !change.routers.is_empty() {
        out.push_str("\nRouter routes that changed:\n");
    }
    for router in &change.routers {
        out.push_str(&format!(
            "  router {}{}\n",
            names.of(&router.router),
            names.domain(router.vrf.as_ref())
        ));
        out.push_str(&indent(&changes(&router.changes), 4));
    }

    if !change.traces.is_empty() {
        out.push_str("\nTraces that changed:\n");
    }
    for t in &change.traces {
        let status = match (t.delivered_before, t.check.delivered) {
            (true, false) => format!(
                "now FAILS: {}",
                t.check.reason.as_deref().unwrap_or("no path")
            ),
            (false, true) => "now arrives".to_owned(),
            _ => "takes another path".to_owned(),
        };
        out.push_str(&format!(
            "  {} to {} ({} to {}): {status}\n",
            names.of(&t.check.from),
            names.of(&t.check.to),
            t.check.request.from,
            t.check.request.to
        ));
        for path in &t.before {
            out.push_str(&format!("    before: {}\n", path.join(" > ")));
        }
        for path in &t.after {
            out.push_str(&format!("    after:  {}\n", path.join(" > ")));
        }
        if t.after.is_empty() {
            out.push_str("    after:  no path\n");
        }
    }
    out
}

/// Route changes as a table: prefix, the route before and after.
fn changes(list: &[PrefixChange]) -> String {
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|c| {
            vec![
                c.prefix.to_string(),
                c.before.clone().unwrap_or_else(|| "(none)".into()),
                c.after.clone().unwrap_or_else(|| "(vanished)".into()),
            ]
        })
        .collect();
    table::render(&["Address prefix", "Before", "After"], &rows)
}

fn indent(text: &str, by: usize) -> String {
    let pad = " ".repeat(by);
    text.lines().map(|l| format!("{pad}{l}\n")).collect()
}

/// Each unit down on its own: survives or breaks, and what breaks.
fn sweep(design: &Design, output: Output) {
    let impacts = single_failures(design);
    if output == Output::Json {
        print_json(&impacts);
        return;
    }

    let names = Names::new(design);
    let survive = impacts.iter().filter(|i| i.survives).count();
    outln!(
        "Single failures: {} units, {survive} survive, {} break",
        impacts.len(),
        impacts.len() - survive
    );
    for impact in &impacts {
        let verdict = if impact.survives {
            "survives"
        } else {
            "BREAKS"
        };
        outln!("\n{verdict:<9} {}", names.unit(&impact.unit));
        for broken in &impact.broken {
            outln!(
                "          {} to {} ({} to {}): {}",
                names.of(&broken.from),
                names.of(&broken.to),
                broken.request.from,
                broken.request.to,
                broken.reason.as_deref().unwrap_or("no path")
            );
        }
    }
}

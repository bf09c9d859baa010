//! What each command does.

use std::path::Path;
use std::process::ExitCode;

use routecraft_core::export;
use routecraft_core::model::{load, save, Design};
use routecraft_core::routing::{self, Failures, TraceRequest};
use routecraft_core::templates;
use routecraft_core::validate::{validate, Severity};

use crate::args::Command;
use crate::write;

/// Reads and loads a design, or says why not.
fn read(path: &Path) -> Result<Design, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    load(&text).map_err(|e| format!("{}: {e}", path.display()))
}

fn fail(message: &str, code: u8) -> ExitCode {
    eprintln!("routecraft: {message}");
    ExitCode::from(code)
}

/// Runs a command and gives the exit code.
pub fn run(command: Command) -> ExitCode {
    match command {
        Command::Help => ExitCode::SUCCESS,
        Command::New(name) => match templates::by_name(&name) {
            Some(design) => {
                print!("{}", save(&design));
                ExitCode::SUCCESS
            }
            None => fail(
                &format!("no template `{name}`; choose connect-through or connect-to"),
                2,
            ),
        },
        Command::Validate(path) => match read(&path) {
            Ok(design) => validate_design(&design),
            Err(message) => fail(&message, 2),
        },
        Command::Export { file, out, formats } => match read(&file) {
            Ok(design) => export_design(&design, &out, &formats),
            Err(message) => fail(&message, 2),
        },
        Command::Routes { file, subnet } => match read(&file) {
            Ok(design) => routes(&design, &subnet),
            Err(message) => fail(&message, 2),
        },
        Command::Trace {
            file,
            from,
            to,
            at,
            port,
        } => match read(&file) {
            Ok(design) => {
                let mut request = TraceRequest::tcp(from, to, port);
                if let Some(place) = at {
                    request = request.at(place.as_str());
                }
                trace(&design, &request)
            }
            Err(message) => fail(&message, 2),
        },
    }
}

fn validate_design(design: &Design) -> ExitCode {
    let findings = validate(design);
    for f in &findings {
        let severity = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        };
        let elements: Vec<&str> = f.elements.iter().map(|e| e.as_str()).collect();
        println!(
            "{severity} {} [{}] {}\n  fix: {} ({})",
            f.rule,
            elements.join(", "),
            f.message,
            f.fix,
            f.facts
        );
    }
    let errors = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    println!("{} findings, {errors} errors", findings.len());
    if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn export_design(design: &Design, out: &Path, formats: &[export::Format]) -> ExitCode {
    let files = match export::export(design, formats) {
        Ok(files) => files,
        Err(e) => return fail(&e.to_string(), 1),
    };
    for file in files {
        let path = out.join(&file.path);
        if let Err(e) = write::atomically(&path, &file.contents) {
            return fail(&format!("cannot write {}: {e}", path.display()), 1);
        }
        println!("{}", path.display());
    }
    ExitCode::SUCCESS
}

fn routes(design: &Design, subnet: &str) -> ExitCode {
    let resolution = routing::resolve(design, &Failures::none());
    let Some(rows) = resolution.effective_routes(subnet) else {
        return fail(&format!("no subnet has the id `{subnet}`"), 2);
    };
    println!("source\tstate\tprefix\tnext hop type\tnext hop\tnote");
    for r in rows {
        let ips: Vec<String> = r.next_hop_ips.iter().map(ToString::to_string).collect();
        println!(
            "{:?}\t{:?}\t{}\t{}\t{}\t{}",
            r.source,
            r.state,
            r.prefix,
            r.next_hop_type.as_str(),
            ips.join(","),
            r.note
        );
    }
    ExitCode::SUCCESS
}

fn trace(design: &Design, request: &TraceRequest) -> ExitCode {
    let resolution = routing::resolve(design, &Failures::none());
    let result = routing::trace(design, &resolution, request);
    for (i, path) in result.paths.iter().enumerate() {
        println!("path {}:", i + 1);
        for hop in &path.hops {
            let route = hop.route.map(|r| format!(" via {r}")).unwrap_or_default();
            println!("  {:?}{route}: {}", hop.place, hop.why);
        }
        println!("  outcome: {:?}", path.outcome);
    }
    if result.is_delivered() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

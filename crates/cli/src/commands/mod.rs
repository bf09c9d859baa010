//! What each command does, one file per command; this file reads designs,
//! runs a command and holds what several commands share.

mod export;
mod routes;
mod trace;
mod validate;
mod whatif;

use std::path::Path;
use std::process::ExitCode;

use routecraft_core::model::{load, save, Design, Site, Subnet, Vnet};
use routecraft_core::templates;
use serde::Serialize;

use crate::args::Command;

/// Why a command stopped early: the message and the exit code.
pub struct Stop {
    message: String,
    code: u8,
}

impl Stop {
    /// A usage error or an unknown element: exit 2.
    pub fn usage(message: impl Into<String>) -> Stop {
        Stop {
            message: message.into(),
            code: 2,
        }
    }

    /// Work that could not finish, such as a failed write: exit 1.
    pub fn failed(message: impl Into<String>) -> Stop {
        Stop {
            message: message.into(),
            code: 1,
        }
    }
}

/// Runs a command and gives the exit code.
pub fn run(command: Command) -> ExitCode {
    let result = match command {
        Command::Help(_) => Ok(ExitCode::SUCCESS),
        Command::New(name) => new(&name),
        Command::Validate { file, output } => read(&file).map(|d| validate::run(&d, output)),
        Command::Rules { output } => Ok(validate::rules(output)),
        Command::Export { file, out, formats } => {
            read(&file).and_then(|d| export::run(&d, &out, &formats))
        }
        Command::Routes { file, of, output } => {
            read(&file).and_then(|d| routes::run(&d, &of, output))
        }
        Command::Trace {
            file,
            packet,
            down,
            output,
        } => read(&file).and_then(|d| trace::run(&d, &packet, &down, output)),
        Command::WhatIf {
            file,
            down,
            single,
            output,
        } => read(&file).and_then(|d| whatif::run(&d, &down, single, output)),
    };
    result.unwrap_or_else(|stop| {
        eprintln!("routecraft: {}", stop.message);
        ExitCode::from(stop.code)
    })
}

/// Reads and loads a design, or says why not, with the loader's JSON path.
fn read(path: &Path) -> Result<Design, Stop> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Stop::usage(format!("cannot read {}: {e}", path.display())))?;
    load(&text).map_err(|e| Stop::usage(format!("{}: {e}", path.display())))
}

fn new(name: &str) -> Result<ExitCode, Stop> {
    let design = templates::by_name(name).ok_or_else(|| {
        Stop::usage(format!(
            "no template `{name}`; choose connect-through or connect-to"
        ))
    })?;
    out!("{}", save(&design));
    Ok(ExitCode::SUCCESS)
}

/// Prints a value as pretty JSON.
fn print_json(value: &impl Serialize) {
    // The values printed are plain data with string keys, which serde_json
    // always serialises.
    let text = serde_json::to_string_pretty(value).expect("plain data serialises to JSON");
    outln!("{text}");
}

/// A subnet by id, or by `VNET/SUBNET` with each part a name or an id.
fn find_subnet<'d>(design: &'d Design, text: &str) -> Option<(&'d Vnet, &'d Subnet)> {
    let by_id = design
        .vnets
        .iter()
        .find_map(|v| v.subnets.iter().find(|s| s.id == text).map(|s| (v, s)));
    if by_id.is_some() {
        return by_id;
    }
    let (vnet, subnet) = text.split_once('/')?;
    design
        .vnets
        .iter()
        .filter(|v| v.name == vnet || v.id == vnet)
        .find_map(|v| {
            v.subnets
                .iter()
                .find(|s| s.name == subnet || s.id == subnet)
                .map(|s| (v, s))
        })
}

/// A site by id or name.
fn find_site<'d>(design: &'d Design, text: &str) -> Option<&'d Site> {
    design
        .sites
        .iter()
        .find(|s| s.id == text)
        .or_else(|| design.sites.iter().find(|s| s.name == text))
}

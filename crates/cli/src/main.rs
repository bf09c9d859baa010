//! `routecraft`: validate, resolve and export Routecraft designs from the
//! command line, over the same core the studio runs in the browser.
//!
//! Exit codes: 0 success; 1 the design has errors, or a file could not be
//! written; 2 a usage error, or a design file that cannot be read or loaded.

// The command line is the one place in Routecraft that prints.
#![allow(clippy::disallowed_macros, clippy::print_stdout, clippy::print_stderr)]

mod args;
mod commands;
mod write;

use std::process::ExitCode;

/// What `--help` prints.
const HELP: &str = "\
routecraft: design hybrid networks joining datacenters to Azure over ExpressRoute

Usage:
  routecraft new connect-through|connect-to
      Print a template design file.
  routecraft validate FILE
      Print the design's findings; exit 1 if any is an error.
  routecraft export FILE --out DIR [--only bicep,arm,terraform,runbook,report,svg,bundle]
      Write the exports into DIR (every format unless --only).
  routecraft routes FILE --subnet ID
      Print the effective routes of a subnet.
  routecraft trace FILE --from ADDR --to ADDR [--at PLACE] [--port N]
      Trace a TCP packet hop by hop (port 443 unless given).
  routecraft --help
      Print this help.

Exit codes: 0 success; 1 design errors or a failed write; 2 a usage error or
a design file that cannot be read or loaded.
";

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    match args::parse(&argv) {
        Ok(args::Command::Help) => {
            print!("{HELP}");
            ExitCode::SUCCESS
        }
        Ok(command) => commands::run(command),
        Err(message) => {
            eprintln!("routecraft: {message}");
            eprintln!("try `routecraft --help`");
            ExitCode::from(2)
        }
    }
}

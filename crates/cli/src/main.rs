//! `routecraft`: validate, resolve and export Routecraft designs from the
//! command line, over the same core the studio runs in the browser.
//!
//! Organization:
//! - `args`: the command line parsed into a `Command`
//! - `help`: what `--help` prints
//! - `commands`: what each command does, one file per command
//! - `names`: elements, places and next hops in the words a user reads
//! - `down`: the failure units `--down` names
//! - `table`: aligned text tables
//! - `write`: files written whole or not at all
//!
//! Exit codes: 0 success; 1 the design has errors, a trace does not arrive,
//! or a file could not be written; 2 a usage error, an unknown element, or a
//! design file that cannot be read or loaded.

// The command line is the one place in Routecraft that prints.
#![allow(clippy::disallowed_macros, clippy::print_stdout, clippy::print_stderr)]

/// Prints to standard output as `print!` does, but stops quietly when the
/// reader has gone, as `head` does, instead of panicking on a broken pipe.
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stdout(), $($arg)*);
    }};
}

/// `println!` as [`out!`] is `print!`.
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}

mod args;
mod commands;
mod down;
mod help;
mod names;
mod table;
mod write;

use std::process::ExitCode;

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    match args::parse(&argv) {
        Ok(args::Command::Help(topic)) => {
            print!(
                "{}",
                topic.map_or_else(|| help::OVERVIEW.to_owned(), help::of)
            );
            ExitCode::SUCCESS
        }
        Ok(command) => commands::run(command),
        Err(message) => {
            let topic = argv
                .first()
                .filter(|c| args::COMMANDS.contains(&c.as_str()));
            eprintln!("routecraft: {message}");
            match topic {
                Some(command) => eprintln!("try `routecraft {command} --help`"),
                None => eprintln!("try `routecraft --help`"),
            }
            ExitCode::from(2)
        }
    }
}

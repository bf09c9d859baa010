//! Command-line parsing with the standard library alone.

use std::net::IpAddr;
use std::path::PathBuf;

use routecraft_core::export::Format;
use routecraft_core::model::Protocol;

/// One command with its arguments.
#[derive(Debug, PartialEq)]
pub enum Command {
    /// `--help`, or `COMMAND --help` for one command's help.
    Help(Option<&'static str>),
    /// `new TEMPLATE`.
    New(String),
    /// `validate FILE [--format json]`.
    Validate { file: PathBuf, output: Output },
    /// `rules [--format json|markdown]`.
    Rules { output: Output },
    /// `export FILE --out DIR [--only LIST]`.
    Export {
        file: PathBuf,
        out: PathBuf,
        formats: Vec<Format>,
    },
    /// `routes FILE (--subnet SUBNET | --router ID [--vrf CUSTOMER])`.
    Routes {
        file: PathBuf,
        of: RoutesOf,
        output: Output,
    },
    /// `trace FILE --from IP --to IP [...]`.
    Trace {
        file: PathBuf,
        packet: Packet,
        down: Vec<String>,
        output: Output,
    },
    /// `whatif FILE (--down ELEMENT ... | --single)`.
    WhatIf {
        file: PathBuf,
        down: Vec<String>,
        single: bool,
        output: Output,
    },
}

/// How a command writes its answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Output {
    /// Tables and sentences for a person.
    Text,
    /// JSON for a program.
    Json,
    /// A Markdown page (`rules` only).
    Markdown,
}

/// Whose routes `routes` prints.
#[derive(Debug, PartialEq)]
pub enum RoutesOf {
    /// A subnet, by id or `VNET/SUBNET`.
    Subnet(String),
    /// An on-premises router, in one routing domain or all of them.
    Router { router: String, vrf: Option<String> },
}

/// The packet `trace` follows.
#[derive(Debug, PartialEq)]
pub struct Packet {
    pub from: IpAddr,
    pub to: IpAddr,
    /// A subnet (id or `VNET/SUBNET`) or a site where the source stands.
    pub at: Option<String>,
    pub protocol: Protocol,
    pub port: u16,
}

/// What an option takes after its name.
#[derive(Clone, Copy, PartialEq)]
enum Takes {
    /// Exactly one value.
    One,
    /// One or more values, up to the next option.
    Many,
    /// Nothing: a switch.
    Nothing,
}

/// The positional arguments and the options of a command, as given.
struct Given<'a> {
    positional: Vec<&'a str>,
    options: Vec<(&'a str, Vec<&'a str>)>,
}

impl<'a> Given<'a> {
    /// Splits `rest` by the command's options, refusing any other.
    fn split(rest: &'a [String], allowed: &[(&str, Takes)]) -> Result<Given<'a>, String> {
        let mut given = Given {
            positional: Vec::new(),
            options: Vec::new(),
        };
        let mut args = rest.iter().map(String::as_str).peekable();
        while let Some(arg) = args.next() {
            let Some(name) = arg.strip_prefix("--") else {
                given.positional.push(arg);
                continue;
            };
            let Some(&(_, takes)) = allowed.iter().find(|(n, _)| *n == name) else {
                return Err(format!("unknown option `{arg}`"));
            };
            let mut values = Vec::new();
            if takes != Takes::Nothing {
                while let Some(value) = args.next_if(|a| !a.starts_with("--")) {
                    values.push(value);
                    if takes == Takes::One {
                        break;
                    }
                }
                if values.is_empty() {
                    return Err(format!("`{arg}` needs a value"));
                }
            }
            given.options.push((name, values));
        }
        Ok(given)
    }

    /// The one design file the command works on.
    fn file(&self, command: &str) -> Result<PathBuf, String> {
        match self.positional.as_slice() {
            [file] => Ok(PathBuf::from(file)),
            [] => Err(format!("`{command}` needs a design file")),
            [_, extra, ..] => Err(format!("unexpected argument `{extra}`")),
        }
    }

    /// No positional argument at all.
    fn none(&self) -> Result<(), String> {
        match self.positional.first() {
            Some(extra) => Err(format!("unexpected argument `{extra}`")),
            None => Ok(()),
        }
    }

    /// The last value of an option, if given.
    fn get(&self, name: &str) -> Option<&'a str> {
        self.options
            .iter()
            .rev()
            .find(|(n, _)| *n == name)
            .and_then(|(_, v)| v.last().copied())
    }

    /// Every value of every use of an option.
    fn all(&self, name: &str) -> Vec<String> {
        self.options
            .iter()
            .filter(|(n, _)| *n == name)
            .flat_map(|(_, v)| v.iter().map(|s| (*s).to_owned()))
            .collect()
    }

    fn has(&self, name: &str) -> bool {
        self.options.iter().any(|(n, _)| *n == name)
    }

    fn need(&self, name: &str) -> Result<&'a str, String> {
        self.get(name)
            .ok_or_else(|| format!("`--{name}` is required"))
    }

    /// `--format`, among the outputs the command offers.
    fn output(&self, offered: &[Output]) -> Result<Output, String> {
        let output = match self.get("format") {
            None | Some("text") => Output::Text,
            Some("json") => Output::Json,
            Some("markdown") => Output::Markdown,
            Some(other) => return Err(format!("unknown format `{other}`; use text or json")),
        };
        if offered.contains(&output) {
            Ok(output)
        } else {
            let name = self.get("format").unwrap_or("text");
            Err(format!("`--format {name}` is not offered by this command"))
        }
    }
}

const FORMAT: (&str, Takes) = ("format", Takes::One);
const TEXT_OR_JSON: &[Output] = &[Output::Text, Output::Json];

fn address(text: &str, name: &str) -> Result<IpAddr, String> {
    text.parse()
        .map_err(|_| format!("`--{name} {text}` is not an IP address"))
}

fn protocol(text: &str) -> Result<Protocol, String> {
    match text.to_ascii_lowercase().as_str() {
        "tcp" => Ok(Protocol::Tcp),
        "udp" => Ok(Protocol::Udp),
        "icmp" => Ok(Protocol::Icmp),
        _ => Err(format!("`--protocol {text}` is not tcp, udp or icmp")),
    }
}

/// The commands `--help` can name, as written on the command line.
pub const COMMANDS: [&str; 7] = [
    "new", "validate", "rules", "export", "routes", "trace", "whatif",
];

/// Parses the arguments after the program name.
pub fn parse(argv: &[String]) -> Result<Command, String> {
    let Some((first, rest)) = argv.split_first() else {
        return Ok(Command::Help(None));
    };
    let topic = COMMANDS.iter().find(|c| **c == first.as_str()).copied();
    if rest.iter().any(|a| a == "--help" || a == "-h") && topic.is_some() {
        return Ok(Command::Help(topic));
    }

    match first.as_str() {
        "--help" | "-h" | "help" => match rest.first() {
            None => Ok(Command::Help(None)),
            Some(name) => match COMMANDS.iter().find(|c| **c == name.as_str()) {
                Some(c) => Ok(Command::Help(Some(*c))),
                None => Err(format!("unknown command `{name}`")),
            },
        },
        "new" => {
            let given = Given::split(rest, &[])?;
            match given.positional.as_slice() {
                [name] => Ok(Command::New((*name).to_owned())),
                [] => Err("`new` needs a template: connect-through or connect-to".into()),
                [_, extra, ..] => Err(format!("unexpected argument `{extra}`")),
            }
        }
        "validate" => {
            let given = Given::split(rest, &[FORMAT])?;
            Ok(Command::Validate {
                file: given.file("validate")?,
                output: given.output(TEXT_OR_JSON)?,
            })
        }
        "rules" => {
            let given = Given::split(rest, &[FORMAT])?;
            given.none()?;
            let output = given.output(&[Output::Text, Output::Json, Output::Markdown])?;
            Ok(Command::Rules { output })
        }
        "export" => export(rest),
        "routes" => routes(rest),
        "trace" => trace(rest),
        "whatif" => {
            let allowed = [("down", Takes::Many), ("single", Takes::Nothing), FORMAT];
            let given = Given::split(rest, &allowed)?;
            let down = given.all("down");
            let single = given.has("single");
            if down.is_empty() != single {
                return Err("`whatif` needs either `--down ELEMENT ...` or `--single`".into());
            }
            Ok(Command::WhatIf {
                file: given.file("whatif")?,
                down,
                single,
                output: given.output(TEXT_OR_JSON)?,
            })
        }
        other => Err(format!("unknown command `{other}`")),
    }
}

fn export(rest: &[String]) -> Result<Command, String> {
    let given = Given::split(rest, &[("out", Takes::One), ("only", Takes::One)])?;
    let out = PathBuf::from(given.need("out")?);
    let formats = match given.get("only") {
        None => Format::ALL.to_vec(),
        Some(list) => list
            .split(',')
            .map(|n| {
                Format::from_name(n.trim()).ok_or_else(|| {
                    format!(
                        "unknown export `{n}`; choose from \
                         bicep, arm, terraform, runbook, report, svg, bundle"
                    )
                })
            })
            .collect::<Result<Vec<_>, _>>()?,
    };
    Ok(Command::Export {
        file: given.file("export")?,
        out,
        formats,
    })
}

fn routes(rest: &[String]) -> Result<Command, String> {
    let allowed = [
        ("subnet", Takes::One),
        ("router", Takes::One),
        ("vrf", Takes::One),
        FORMAT,
    ];
    let given = Given::split(rest, &allowed)?;
    let of = match (given.get("subnet"), given.get("router")) {
        (Some(subnet), None) if !given.has("vrf") => RoutesOf::Subnet(subnet.to_owned()),
        (Some(_), None) => return Err("`--vrf` goes with `--router`, not `--subnet`".into()),
        (None, Some(router)) => RoutesOf::Router {
            router: router.to_owned(),
            vrf: given.get("vrf").map(str::to_owned),
        },
        (Some(_), Some(_)) => return Err("give `--subnet` or `--router`, not both".into()),
        (None, None) => return Err("`routes` needs `--subnet VNET/SUBNET` or `--router ID`".into()),
    };
    Ok(Command::Routes {
        file: given.file("routes")?,
        of,
        output: given.output(TEXT_OR_JSON)?,
    })
}

fn trace(rest: &[String]) -> Result<Command, String> {
    let allowed = [
        ("from", Takes::One),
        ("to", Takes::One),
        ("at", Takes::One),
        ("protocol", Takes::One),
        ("port", Takes::One),
        ("down", Takes::Many),
        FORMAT,
    ];
    let given = Given::split(rest, &allowed)?;
    let port = match given.get("port") {
        None => 443,
        Some(p) => p
            .parse()
            .map_err(|_| format!("`--port {p}` is not a port (0 to 65535)"))?,
    };
    let protocol = given.get("protocol").map_or(Ok(Protocol::Tcp), protocol)?;
    let packet = Packet {
        from: address(given.need("from")?, "from")?,
        to: address(given.need("to")?, "to")?,
        at: given.get("at").map(str::to_owned),
        protocol,
        port,
    };
    Ok(Command::Trace {
        file: given.file("trace")?,
        packet,
        down: given.all("down"),
        output: given.output(TEXT_OR_JSON)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(text: &str) -> Vec<String> {
        text.split_whitespace().map(str::to_owned).collect()
    }

    fn error(text: &str) -> String {
        parse(&args(text)).unwrap_err()
    }

    #[test]
    fn export_reads_its_formats() {
        let command = parse(&args("export d.json --out o --only arm,svg")).unwrap();
        assert_eq!(
            command,
            Command::Export {
                file: "d.json".into(),
                out: "o".into(),
                formats: vec![Format::Arm, Format::Svg],
            }
        );
    }

    #[test]
    fn down_takes_every_value_up_to_the_next_option() {
        let command = parse(&args(
            "trace d.json --down a b/primary --from 10.0.0.1 --to ::1",
        ));
        let Ok(Command::Trace { down, packet, .. }) = command else {
            panic!("{command:?}");
        };
        assert_eq!(down, ["a", "b/primary"]);
        assert_eq!(packet.port, 443);
        assert_eq!(packet.protocol, Protocol::Tcp);
    }

    #[test]
    fn help_after_a_command_is_that_commands_help() {
        assert_eq!(
            parse(&args("trace --help")).unwrap(),
            Command::Help(Some("trace"))
        );
        assert_eq!(
            parse(&args("help whatif")).unwrap(),
            Command::Help(Some("whatif"))
        );
        assert_eq!(parse(&[]).unwrap(), Command::Help(None));
    }

    #[test]
    fn routes_takes_a_subnet_or_a_router() {
        let command = parse(&args(
            "routes d.json --router r1 --vrf contoso --format json",
        ));
        let Ok(Command::Routes { of, output, .. }) = command else {
            panic!("{command:?}");
        };
        assert_eq!(
            of,
            RoutesOf::Router {
                router: "r1".into(),
                vrf: Some("contoso".into())
            }
        );
        assert_eq!(output, Output::Json);
    }

    #[test]
    fn mistakes_are_named() {
        assert!(error("export d.json").contains("--out"));
        assert!(error("export d.json --out o --only pdf").contains("pdf"));
        assert!(error("trace d.json --from x --to 10.0.0.1").contains("x"));
        assert!(error("trace d.json --from ::1 --to ::2 --protocol gre").contains("gre"));
        assert!(error("frobnicate").contains("frobnicate"));
        assert!(error("validate d.json --verbose").contains("--verbose"));
        assert!(error("validate d.json --format yaml").contains("yaml"));
        assert!(error("validate d.json --format markdown").contains("markdown"));
        assert!(error("validate a.json b.json").contains("b.json"));
        assert!(error("whatif d.json").contains("--single"));
        assert!(error("whatif d.json --single --down x").contains("--single"));
        assert!(error("routes d.json").contains("--subnet"));
        assert!(error("trace d.json --from ::1 --to ::2 --down").contains("--down"));
    }
}

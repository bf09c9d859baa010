//! Command-line parsing with the standard library alone.

use std::net::IpAddr;
use std::path::PathBuf;

use routecraft_core::export::Format;

/// One command with its arguments.
#[derive(Debug, PartialEq)]
pub enum Command {
    /// `--help`.
    Help,
    /// `new TEMPLATE`.
    New(String),
    /// `validate FILE`.
    Validate(PathBuf),
    /// `export FILE --out DIR [--only LIST]`.
    Export {
        file: PathBuf,
        out: PathBuf,
        formats: Vec<Format>,
    },
    /// `routes FILE --subnet ID`.
    Routes { file: PathBuf, subnet: String },
    /// `trace FILE --from ADDR --to ADDR [--at PLACE] [--port N]`.
    Trace {
        file: PathBuf,
        from: IpAddr,
        to: IpAddr,
        at: Option<String>,
        port: u16,
    },
}

/// The positional argument and the `--name value` options of a command.
type Split<'a> = (Option<&'a str>, Vec<(&'a str, &'a str)>);

/// Splits `rest` into one positional argument and `--name value` options.
fn options<'a>(rest: &'a [String], allowed: &[&str]) -> Result<Split<'a>, String> {
    let mut positional = None;
    let mut found = Vec::new();
    let mut i = 0;
    while let Some(arg) = rest.get(i) {
        if let Some(name) = arg.strip_prefix("--") {
            if !allowed.contains(&name) {
                return Err(format!("unknown option `{arg}`"));
            }
            let value = rest
                .get(i + 1)
                .ok_or_else(|| format!("`{arg}` needs a value"))?;
            found.push((name, value.as_str()));
            i += 2;
        } else if positional.is_none() {
            positional = Some(arg.as_str());
            i += 1;
        } else {
            return Err(format!("unexpected argument `{arg}`"));
        }
    }
    Ok((positional, found))
}

fn get<'a>(found: &[(&str, &'a str)], name: &str) -> Option<&'a str> {
    found
        .iter()
        .rev()
        .find(|(n, _)| *n == name)
        .map(|(_, v)| *v)
}

fn need<'a>(found: &[(&str, &'a str)], name: &str) -> Result<&'a str, String> {
    get(found, name).ok_or_else(|| format!("`--{name}` is required"))
}

fn address(text: &str, name: &str) -> Result<IpAddr, String> {
    text.parse()
        .map_err(|_| format!("`--{name} {text}` is not an IP address"))
}

/// Parses the arguments after the program name.
pub fn parse(argv: &[String]) -> Result<Command, String> {
    let Some((first, rest)) = argv.split_first() else {
        return Ok(Command::Help);
    };
    if rest.iter().any(|a| a == "--help" || a == "-h") {
        return Ok(Command::Help);
    }
    let file = |p: Option<&str>| {
        p.map(PathBuf::from)
            .ok_or_else(|| format!("`{first}` needs a design file"))
    };
    match first.as_str() {
        "--help" | "-h" | "help" => Ok(Command::Help),
        "new" => {
            let (name, _) = options(rest, &[])?;
            let name = name.ok_or("`new` needs a template: connect-through or connect-to")?;
            Ok(Command::New(name.to_owned()))
        }
        "validate" => Ok(Command::Validate(file(options(rest, &[])?.0)?)),
        "export" => {
            let (path, found) = options(rest, &["out", "only"])?;
            let out = PathBuf::from(need(&found, "out")?);
            let formats = match get(&found, "only") {
                None => Format::ALL.to_vec(),
                Some(list) => list
                    .split(',')
                    .map(|n| {
                        Format::from_name(n.trim()).ok_or_else(|| format!("unknown format `{n}`"))
                    })
                    .collect::<Result<Vec<_>, _>>()?,
            };
            Ok(Command::Export {
                file: file(path)?,
                out,
                formats,
            })
        }
        "routes" => {
            let (path, found) = options(rest, &["subnet"])?;
            let subnet = need(&found, "subnet")?.to_owned();
            Ok(Command::Routes {
                file: file(path)?,
                subnet,
            })
        }
        "trace" => {
            let (path, found) = options(rest, &["from", "to", "at", "port"])?;
            let port = match get(&found, "port") {
                None => 443,
                Some(p) => p
                    .parse()
                    .map_err(|_| format!("`--port {p}` is not a port"))?,
            };
            Ok(Command::Trace {
                file: file(path)?,
                from: address(need(&found, "from")?, "from")?,
                to: address(need(&found, "to")?, "to")?,
                at: get(&found, "at").map(str::to_owned),
                port,
            })
        }
        other => Err(format!("unknown command `{other}`")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(text: &str) -> Vec<String> {
        text.split_whitespace().map(str::to_owned).collect()
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
    fn mistakes_are_named() {
        assert!(parse(&args("export d.json")).unwrap_err().contains("--out"));
        assert!(parse(&args("export d.json --out o --only pdf"))
            .unwrap_err()
            .contains("pdf"));
        assert!(parse(&args("trace d.json --from x --to 10.0.0.1"))
            .unwrap_err()
            .contains("x"));
        assert!(parse(&args("frobnicate"))
            .unwrap_err()
            .contains("frobnicate"));
    }
}

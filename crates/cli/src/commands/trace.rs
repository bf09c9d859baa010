//! `routecraft trace`: a packet followed hop by hop, every equal-cost path
//! shown, optionally with elements down.

use std::process::ExitCode;

use routecraft_core::model::{Access, Design, Direction, Id, Protocol};
use routecraft_core::routing::{
    resolve, trace, Failures, Hop, Outcome, Trace, TraceRequest, HOP_LIMIT, PATH_LIMIT,
};
use serde::Serialize;

use super::{find_site, find_subnet, print_json, Stop};
use crate::args::{Output, Packet};
use crate::down;
use crate::names::Names;

/// A trace as `--format json` prints it.
#[derive(Serialize)]
struct TraceOutput<'a> {
    delivered: bool,
    down: Vec<String>,
    #[serde(flatten)]
    trace: &'a Trace,
}

pub fn run(
    design: &Design,
    packet: &Packet,
    down_names: &[String],
    output: Output,
) -> Result<ExitCode, Stop> {
    let failures = down::parse(design, down_names).map_err(Stop::usage)?;
    let request = request(design, packet)?;
    let resolution = resolve(design, &failures);
    let result = trace(design, &resolution, &request);

    if output == Output::Json {
        print_json(&TraceOutput {
            delivered: result.is_delivered(),
            down: failures.iter().map(down::token).collect(),
            trace: &result,
        });
    } else {
        out!("{}", describe(design, &failures, &result));
    }

    if result.is_delivered() {
        Ok(ExitCode::SUCCESS)
    } else {
        Ok(ExitCode::from(1))
    }
}

/// The request, with `--at` turned into the subnet's or site's id.
fn request(design: &Design, packet: &Packet) -> Result<TraceRequest, Stop> {
    let at = match &packet.at {
        None => {
            let holders = holders_of(design, packet.from);
            if holders.len() > 1 {
                return Err(Stop::usage(format!(
                    "{} is in more than one place ({}); say which with `--at`",
                    packet.from,
                    holders.join(", ")
                )));
            }
            None
        }
        Some(text) => {
            let id: Option<Id> = find_subnet(design, text)
                .map(|(_, s)| s.id.clone())
                .or_else(|| find_site(design, text).map(|s| s.id.clone()));
            Some(id.ok_or_else(|| {
                Stop::usage(format!(
                    "`--at {text}`: no subnet (id or VNET/SUBNET) or site has that name"
                ))
            })?)
        }
    };
    Ok(TraceRequest {
        from: packet.from,
        at,
        to: packet.to,
        protocol: packet.protocol,
        port: packet.port,
    })
}

/// Every subnet (as `VNET/SUBNET`) and site whose prefixes hold `address`.
/// More than one means the address plans overlap, as they may between the
/// customers of a connect-through design, and the source is ambiguous.
fn holders_of(design: &Design, address: std::net::IpAddr) -> Vec<String> {
    let subnets = design.vnets.iter().flat_map(|v| {
        let name = &v.name;
        v.subnets
            .iter()
            .filter(move |s| s.prefix.contains(&address))
            .map(move |s| format!("{name}/{}", s.name))
    });
    let sites = design
        .sites
        .iter()
        .filter(|s| s.address_space.iter().any(|p| p.contains(&address)))
        .map(|s| s.id.to_string());
    subnets.chain(sites).collect()
}

/// The whole trace in words: the packet, then each path hop by hop.
fn describe(design: &Design, failures: &Failures, result: &Trace) -> String {
    let names = Names::new(design);
    let request = &result.request;
    let mut out = format!("Trace of {}", packet_words(request));
    if let Some(at) = &request.at {
        out.push_str(&format!(" from {}", names.of(at)));
    }
    out.push('\n');
    if !failures.is_empty() {
        let down: Vec<String> = failures.iter().map(|u| names.unit(u)).collect();
        out.push_str(&format!("Down: {}\n", down.join("; ")));
    }

    let arrived = result
        .paths
        .iter()
        .filter(|p| p.outcome.is_delivered())
        .count();
    out.push_str(&format!(
        "{} of {} path(s) arrive: {}\n",
        arrived,
        result.paths.len(),
        if result.is_delivered() {
            "delivered"
        } else {
            "NOT delivered"
        }
    ));
    if result.truncated {
        out.push_str(&format!(
            "Only the first {PATH_LIMIT} equal-cost paths are shown.\n"
        ));
    }

    let total = result.paths.len();
    for (i, path) in result.paths.iter().enumerate() {
        out.push_str(&format!(
            "\nPath {} of {total}: {}\n",
            i + 1,
            outcome(&names, &path.outcome)
        ));
        for (n, hop) in path.hops.iter().enumerate() {
            out.push_str(&hop_words(&names, n + 1, hop));
        }
        out.push_str(&format!("  Outcome: {}\n", outcome(&names, &path.outcome)));
    }
    out
}

fn packet_words(request: &TraceRequest) -> String {
    match request.protocol {
        Protocol::Tcp | Protocol::Udp => format!(
            "{} {} to {} port {}",
            request.protocol.as_str().to_uppercase(),
            request.from,
            request.to,
            request.port
        ),
        other => format!(
            "{} {} to {}",
            other.as_str().to_uppercase(),
            request.from,
            request.to
        ),
    }
}

/// One hop: where, the route and why, then the NSG verdicts and notes.
fn hop_words(names: &Names<'_>, n: usize, hop: &Hop) -> String {
    let mut out = format!("  {n}. {}\n", names.place(&hop.place));
    match hop.route {
        Some(prefix) => out.push_str(&format!("       route {prefix}: {}\n", hop.why)),
        None if !hop.why.is_empty() => out.push_str(&format!("       {}\n", hop.why)),
        None => {}
    }
    for verdict in &hop.nsg {
        let direction = match verdict.direction {
            Direction::Inbound => "inbound",
            Direction::Outbound => "outbound",
        };
        let access = match verdict.access {
            Access::Allow => "allowed",
            Access::Deny => "DENIED",
        };
        out.push_str(&format!(
            "       NSG {} {direction}: {access} by rule {} (priority {})\n",
            names.of(&verdict.nsg),
            verdict.rule,
            verdict.priority
        ));
    }
    if let Some(note) = &hop.note {
        out.push_str(&format!("       note: {note}\n"));
    }
    out
}

/// How a path ends, in words.
pub fn outcome(names: &Names<'_>, outcome: &Outcome) -> String {
    match outcome {
        Outcome::Delivered => "delivered".to_owned(),
        Outcome::Internet => "left for the internet".to_owned(),
        Outcome::MicrosoftService => "reached the Microsoft service".to_owned(),
        Outcome::BlackHole { prefix } => {
            format!("dropped by a route with next hop None for {prefix}")
        }
        Outcome::NoRoute { reason } => format!("no route: {reason}"),
        Outcome::Denied { nsg, rule } => {
            format!("denied by rule {rule} of NSG {}", names.of(nsg))
        }
        Outcome::Loop => "a routing loop: the packet came back to a place it had passed".into(),
        Outcome::HopLimit => format!("given up after {HOP_LIMIT} hops"),
        Outcome::Dropped { reason } => format!("dropped: {reason}"),
    }
}

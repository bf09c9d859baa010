//! The design report: summary, findings, usage against limits, the
//! effective routes of every subnet and what single failures break.

use std::fmt::Write;

use super::escape::markdown as md;
use crate::diagram::circuit_usage;
use crate::model::Design;
use crate::routing::{self, Failures, GatewayVia};
use crate::validate::{validate, Severity};

/// Writes the design's open findings as a Markdown section.
pub(crate) fn findings_section(design: &Design, out: &mut String, title: &str) {
    let findings = validate(design);
    let _ = writeln!(out, "## {title}\n");
    if findings.is_empty() {
        out.push_str("No findings: the design passes every rule.\n\n");
        return;
    }
    let errors = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    if errors > 0 {
        let _ = writeln!(
            out,
            "**{errors} error(s): Azure would reject the design or it would not work. \
             Do not deploy until they are fixed.**\n"
        );
    }
    out.push_str("| Severity | Rule | Elements | Finding | Fix | Facts |\n");
    out.push_str("|---|---|---|---|---|---|\n");
    for f in &findings {
        let severity = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        };
        let elements: Vec<String> = f.elements.iter().map(|e| md(e.as_str())).collect();
        let _ = writeln!(
            out,
            "| {severity} | {} | {} | {} | {} | {} |",
            md(f.rule),
            elements.join(", "),
            md(&f.message),
            md(&f.fix),
            md(f.facts)
        );
    }
    out.push('\n');
}

/// The design report, as Markdown.
///
/// ```
/// use routecraft_core::{export, templates};
/// let text = export::report(&templates::connect_to());
/// assert!(text.contains("## Effective routes"));
/// ```
pub fn report(design: &Design) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# Design report: {}\n", md(&design.name));
    summary(design, &mut out);
    findings_section(design, &mut out, "Findings");
    usage(design, &mut out);
    routes(design, &mut out);
    failures(design, &mut out);
    out.trim_end().to_owned() + "\n"
}

fn summary(design: &Design, out: &mut String) {
    out.push_str("## Summary\n\n");
    let customers: Vec<String> = design.customers.iter().map(|c| md(&c.name)).collect();
    let subnets: usize = design.vnets.iter().map(|v| v.subnets.len()).sum();
    let _ = writeln!(out, "- Model: {}", design.model.label());
    let _ = writeln!(out, "- Partner: {}", md(&design.partner.name));
    let _ = writeln!(out, "- Customers: {}", customers.join(", "));
    let _ = writeln!(
        out,
        "- {} sites, {} routers, {} circuits, {} VNets with {subnets} subnets, {} gateways, \
         {} connections, {} VPN connections\n",
        design.sites.len(),
        design.routers.len(),
        design.circuits.len(),
        design.vnets.len(),
        design.gateways.len(),
        design.connections.len(),
        design.vpn_connections.len()
    );
}

fn usage(design: &Design, out: &mut String) {
    let usage = circuit_usage(design);
    if usage.is_empty() {
        return;
    }
    out.push_str("## Circuits against their limits\n\n");
    out.push_str("| Circuit | Bandwidth (Mbps) | Prefixes advertised | VNet links |\n");
    out.push_str("|---|---|---|---|\n");
    for u in usage {
        let _ = writeln!(
            out,
            "| {} | {} of {} | {} of {} | {} of {} |",
            md(&u.name),
            u.bandwidth_mbps,
            u.bandwidth_limit_mbps,
            u.prefixes,
            u.prefix_limit,
            u.vnet_links,
            u.vnet_link_limit
        );
    }
    out.push('\n');
}

fn via(v: &GatewayVia) -> String {
    match v {
        GatewayVia::ExpressRoute { circuit, link, .. } => {
            format!("{} {}", md(circuit.as_str()), link.label())
        }
        GatewayVia::Vpn { connection, .. } => format!("VPN {}", md(connection.as_str())),
    }
}

fn routes(design: &Design, out: &mut String) {
    out.push_str("## Effective routes\n\n");
    let resolution = routing::resolve(design, &Failures::none());
    for vnet in &design.vnets {
        for subnet in &vnet.subnets {
            let _ = writeln!(out, "### {} / {}\n", md(&vnet.name), md(&subnet.name));
            let Some(rows) = resolution.effective_routes(subnet.id.as_str()) else {
                out.push_str("No route table could be computed for this subnet.\n\n");
                continue;
            };
            out.push_str("| Source | State | Prefix | Next hop type | Next hop | Via | Note |\n");
            out.push_str("|---|---|---|---|---|---|---|\n");
            for r in rows {
                let ips: Vec<String> = r.next_hop_ips.iter().map(ToString::to_string).collect();
                let paths: Vec<String> = r.paths.iter().map(|p| via(&p.via)).collect();
                let _ = writeln!(
                    out,
                    "| {:?} | {:?} | {} | {} | {} | {} | {} |",
                    r.source,
                    r.state,
                    r.prefix,
                    r.next_hop_type.as_str(),
                    ips.join(", "),
                    paths.join(", "),
                    md(&r.note)
                );
            }
            out.push('\n');
        }
    }
}

fn failures(design: &Design, out: &mut String) {
    out.push_str("## Single failures\n\n");
    let impacts = routing::single_failures(design);
    if impacts.is_empty() {
        out.push_str("Nothing in the design can fail on its own.\n");
        return;
    }
    out.push_str("| Failure | Survives | Broken paths |\n|---|---|---|\n");
    for impact in impacts {
        let broken: Vec<String> = impact
            .broken
            .iter()
            .map(|b| {
                let why = b.reason.as_deref().map(md).unwrap_or_default();
                format!("{} to {}: {why}", md(b.from.as_str()), md(b.to.as_str()))
            })
            .collect();
        let _ = writeln!(
            out,
            "| {} | {} | {} |",
            md(&impact.unit.describe()),
            if impact.survives { "yes" } else { "**no**" },
            broken.join("; ")
        );
    }
    out.push('\n');
}

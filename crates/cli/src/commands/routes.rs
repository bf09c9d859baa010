//! `routecraft routes`: a subnet's effective routes as the Azure portal
//! shows them, or the routes an on-premises router ends up with.

use std::process::ExitCode;

use routecraft_core::model::{Design, Id, NextHopType};
use routecraft_core::routing::{
    resolve, BgpPath, EffectiveRoute, Failures, Resolution, RouteSource, RouteState, RouterNextHop,
    RouterRoute,
};
use serde::Serialize;

use super::{find_subnet, print_json, Stop};
use crate::args::{Output, RoutesOf};
use crate::names::Names;
use crate::table;

pub fn run(design: &Design, of: &RoutesOf, output: Output) -> Result<ExitCode, Stop> {
    let resolution = resolve(design, &Failures::none());
    match of {
        RoutesOf::Subnet(text) => subnet(design, &resolution, text, output),
        RoutesOf::Router { router, vrf } => {
            routers(design, &resolution, router, vrf.as_deref(), output)
        }
    }
}

/// A subnet's routes as `--format json` prints them.
#[derive(Serialize)]
struct SubnetRoutes<'a> {
    vnet: &'a Id,
    subnet: &'a Id,
    routes: Vec<EffectiveRoute>,
}

fn subnet(
    design: &Design,
    resolution: &Resolution,
    text: &str,
    output: Output,
) -> Result<ExitCode, Stop> {
    let (vnet, subnet) = find_subnet(design, text).ok_or_else(|| {
        Stop::usage(format!(
            "`--subnet {text}`: no subnet has that id or VNET/SUBNET name, \
             such as contoso-spoke/workload"
        ))
    })?;
    let routes = resolution
        .effective_routes(subnet.id.as_str())
        .unwrap_or_default();

    if output == Output::Json {
        print_json(&SubnetRoutes {
            vnet: &vnet.id,
            subnet: &subnet.id,
            routes,
        });
        return Ok(ExitCode::SUCCESS);
    }

    outln!(
        "Effective routes of subnet {} ({}) in VNet {}",
        subnet.name,
        subnet.prefix,
        vnet.name
    );
    let rows: Vec<Vec<String>> = routes
        .iter()
        .map(|r| {
            let ips: Vec<String> = r.next_hop_ips.iter().map(ToString::to_string).collect();
            vec![
                source(r.source).to_owned(),
                state(r.state).to_owned(),
                r.prefix.to_string(),
                next_hop_type(r.next_hop_type).to_owned(),
                ips.join(", "),
                r.note.to_string(),
            ]
        })
        .collect();
    let header = [
        "Source",
        "State",
        "Address prefix",
        "Next hop type",
        "Next hop IP",
        "Note",
    ];
    out!("{}", table::render(&header, &rows));
    Ok(ExitCode::SUCCESS)
}

/// One router's routes in one domain, as `--format json` prints them.
#[derive(Serialize)]
struct RouterRoutes {
    router: Id,
    vrf: Option<Id>,
    routes: Vec<RouterRoute>,
}

fn routers(
    design: &Design,
    resolution: &Resolution,
    router: &str,
    vrf: Option<&str>,
    output: Output,
) -> Result<ExitCode, Stop> {
    let Some(found) = design
        .routers
        .iter()
        .find(|r| r.id == router || r.name == router)
    else {
        return Err(Stop::usage(format!(
            "`--router {router}`: the design has no router with that id"
        )));
    };
    let domains = match vrf {
        None => resolution.router_domains(found.id.as_str()),
        Some(text) => {
            let customer = design
                .customers
                .iter()
                .find(|c| c.id == text || c.name == text || c.vrf.as_deref() == Some(text))
                .ok_or_else(|| Stop::usage(format!("`--vrf {text}`: no customer has that id")))?;
            vec![Some(customer.id.clone())]
        }
    };

    let mut tables = Vec::new();
    for domain in domains {
        let routes = resolution
            .router_routes(found.id.as_str(), domain.as_ref())
            .ok_or_else(|| {
                Stop::usage(format!(
                    "router {} holds no routing domain for customer {}",
                    found.id,
                    domain.as_ref().map_or("(global)", |d| d.as_str())
                ))
            })?;
        tables.push(RouterRoutes {
            router: found.id.clone(),
            vrf: domain,
            routes,
        });
    }

    if output == Output::Json {
        print_json(&tables);
        return Ok(ExitCode::SUCCESS);
    }
    let names = Names::new(design);
    for (i, t) in tables.iter().enumerate() {
        if i > 0 {
            outln!();
        }
        outln!(
            "Routes of router {}{}",
            found.name,
            names.domain(t.vrf.as_ref())
        );
        out!("{}", router_table(&names, &t.routes));
    }
    Ok(ExitCode::SUCCESS)
}

/// How the router learned a path: from its own site, which is no BGP
/// session, or from an internal or external peer.
fn session(path: &BgpPath) -> &'static str {
    match path.next_hop {
        RouterNextHop::Site { .. } => "local",
        _ if path.ibgp => "iBGP",
        _ => "eBGP",
    }
}

/// One row per best path; equal-cost paths repeat the prefix.
fn router_table(names: &Names<'_>, routes: &[RouterRoute]) -> String {
    let mut rows = Vec::new();
    for route in routes {
        for path in &route.paths {
            let as_path: Vec<String> = path.as_path.iter().map(ToString::to_string).collect();
            rows.push(vec![
                route.prefix.to_string(),
                names.router_next_hop(&path.next_hop),
                as_path.join(" "),
                path.local_pref.to_string(),
                session(path).to_owned(),
                route.other_paths.len().to_string(),
            ]);
        }
    }
    let header = [
        "Address prefix",
        "Next hop",
        "AS path",
        "Local pref",
        "Session",
        "Paths lost",
    ];
    table::render(&header, &rows)
}

/// The source as the portal names it.
fn source(source: RouteSource) -> &'static str {
    match source {
        RouteSource::User => "User",
        RouteSource::VirtualNetworkGateway => "Virtual network gateway",
        RouteSource::Default => "Default",
    }
}

fn state(state: RouteState) -> &'static str {
    match state {
        RouteState::Active => "Active",
        RouteState::Invalid => "Invalid",
    }
}

/// The next hop type as the portal names it.
fn next_hop_type(kind: NextHopType) -> &'static str {
    match kind {
        NextHopType::VirtualNetworkGateway => "Virtual network gateway",
        NextHopType::VnetLocal => "Virtual network",
        NextHopType::Internet => "Internet",
        NextHopType::VirtualAppliance => "Virtual appliance",
        NextHopType::None => "None",
        NextHopType::VNetPeering => "VNet peering",
        NextHopType::VirtualNetworkServiceEndpoint => "VirtualNetworkServiceEndpoint",
    }
}

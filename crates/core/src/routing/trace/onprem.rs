//! The on-premises side of a trace: routers, Microsoft's edge, Global
//! Reach and Microsoft peering.

use super::*;

pub(super) fn from_router(
    ctx: &Ctx<'_>,
    mut hops: Vec<Hop>,
    router: &Id,
    vrf: Option<Id>,
) -> Vec<Walk> {
    let design = ctx.design;
    let to = ctx.packet.to;
    let place = Place::Router {
        router: router.clone(),
        vrf: vrf.clone(),
    };
    let mut here = ctx.hop(place.clone(), "");
    if passed(&hops, &place) {
        hops.push(here);
        return vec![done(hops, Outcome::Loop)];
    }
    let Some((prefix, route)) = ctx.resolution.exchange.router_rib(router, &vrf, to) else {
        let domain = vrf.as_ref().map_or("the global table".to_owned(), |v| {
            format!("the routing domain of {v}")
        });
        here.why = format!("{router} has no route to {to} in {domain}");
        hops.push(here);
        let reason = here_reason(&hops);
        return vec![done(hops, Outcome::NoRoute { reason })];
    };
    here.route = Some(prefix);
    here.why = ctx.words(|| {
        format!(
            "longest match {prefix}, best of {} path(s) by local preference then shortest AS path{}",
            route.best.len() + route.others.len(),
            if route.best.len() > 1 {
                "; equal paths share the load"
            } else {
                ""
            }
        )
    });

    let mut out = Vec::new();
    for (mut hops, path) in branches(hops, &route.best) {
        let mut here = here.clone();
        match &path.next_hop {
            RouterNextHop::Site { site } => {
                hops.push(here);
                hops.push(ctx.hop(Place::Site { site: site.clone() }, "the destination's site"));
                let holds = design
                    .sites
                    .iter()
                    .find(|s| &s.id == site)
                    .is_some_and(|s| {
                        s.address_space
                            .iter()
                            .chain(&s.advertised)
                            .any(|p| p.contains(&to))
                    });
                out.push(if holds {
                    done(hops, Outcome::Delivered)
                } else {
                    let reason =
                        format!("site {site} advertises a route to {to} but holds no such address");
                    done(hops, Outcome::Dropped { reason })
                });
            }
            RouterNextHop::Router { router: next, .. } => {
                hops.push(here);
                out.push(Walk {
                    hops,
                    next: Next::Router(next.clone(), vrf.clone()),
                });
            }
            RouterNextHop::Circuit {
                circuit,
                link,
                peering: PeeringKind::AzurePrivatePeering,
            } => {
                hops.push(here);
                hops.push(ctx.hop(
                    Place::Circuit {
                        circuit: circuit.clone(),
                        link: *link,
                        peering: PeeringKind::AzurePrivatePeering,
                    },
                    ctx.words(|| format!("private peering over the {} connection", link.label())),
                ));
                out.push(Walk {
                    hops,
                    next: Next::Edge(circuit.clone()),
                });
            }
            RouterNextHop::Circuit {
                circuit,
                link,
                peering,
            } => {
                here.note = nat_note(ctx, circuit);
                hops.push(here);
                hops.push(ctx.hop(
                    Place::Circuit {
                        circuit: circuit.clone(),
                        link: *link,
                        peering: *peering,
                    },
                    format!("Microsoft peering over the {} connection", link.label()),
                ));
                let service = ctx
                    .resolution
                    .exchange
                    .msee
                    .get(circuit)
                    .and_then(|m| m.services.longest_match(to))
                    .map_or_else(|| "a Microsoft service".to_owned(), |(_, s)| s.clone());
                hops.push(ctx.hop(
                    Place::MicrosoftService { service },
                    "a service the route filter allows",
                ));
                out.push(done(hops, Outcome::MicrosoftService));
            }
            RouterNextHop::Vpn {
                connection,
                gateway,
            } => {
                hops.push(here);
                hops.push(ctx.hop(
                    Place::VpnTunnel {
                        connection: connection.clone(),
                    },
                    "through the VPN tunnel",
                ));
                hops.push(ctx.hop(
                    Place::Gateway {
                        gateway: gateway.clone(),
                    },
                    "the VPN gateway",
                ));
                let vnet = design
                    .gateways
                    .iter()
                    .find(|g| &g.id == gateway)
                    .map(|g| g.vnet.clone());
                out.push(match vnet {
                    Some(v) => Walk {
                        hops,
                        next: Next::Ingress(v),
                    },
                    None => done(
                        hops,
                        Outcome::Dropped {
                            reason: format!("gateway {gateway} is not in the design"),
                        },
                    ),
                });
            }
        }
    }
    out
}

/// Where the source must be translated before Microsoft peering: private
/// addresses are not accepted there, only the advertised public prefixes (§2.4).
fn nat_note(ctx: &Ctx<'_>, circuit: &Id) -> Option<String> {
    let from = ctx.packet.from;
    let public = ctx
        .design
        .circuits
        .iter()
        .find(|c| &c.id == circuit)
        .and_then(|c| c.peering(PeeringKind::MicrosoftPeering))
        .and_then(|p| p.microsoft.as_ref())
        .map(|m| m.advertised_public_prefixes.clone())
        .unwrap_or_default();
    if public.iter().any(|p| p.contains(&from)) {
        return None;
    }
    let to = if public.is_empty() {
        "a public prefix advertised over Microsoft peering (none is set)".to_owned()
    } else {
        public
            .iter()
            .map(|p| p.to_string())
            .collect::<Vec<_>>()
            .join(", ")
    };
    Some(format!(
        "NAT: translate the source {from} to {to} here, before Microsoft peering (§2.4)"
    ))
}

/// At Microsoft's edge, from on-premises: to a VNet through its gateway, or
/// over Global Reach to another circuit's on-premises side.
pub(super) fn from_edge(ctx: &Ctx<'_>, hops: Vec<Hop>, circuit: &Id) -> Vec<Walk> {
    let to = ctx.packet.to;
    let exchange = &ctx.resolution.exchange;
    if !exchange.msee.contains_key(circuit) {
        let reason = format!("circuit {circuit} is not in the design");
        return vec![done(hops, Outcome::Dropped { reason })];
    }
    let vnet = exchange.edge_vnets(circuit, to);
    let reach = exchange.edge_reach(circuit, to);
    let use_reach = match (&vnet, &reach) {
        (Some((v, _)), Some((r, _))) => r.prefix_len() > v.prefix_len(),
        (None, Some(_)) => true,
        _ => false,
    };
    if use_reach {
        let Some((_, peer)) = reach else {
            return Vec::new();
        };
        return over_global_reach(ctx, hops, circuit, peer);
    }
    let Some((_, gateways)) = vnet else {
        let reason = format!("Microsoft's edge of {circuit} has no route to {to}");
        return vec![done(hops, Outcome::NoRoute { reason })];
    };
    branches(hops, gateways)
        .map(|(mut hops, g)| {
            hops.push(ctx.hop(
                Place::Gateway { gateway: g.clone() },
                "the ExpressRoute gateway that advertises the prefix",
            ));
            match ctx.design.gateways.iter().find(|x| &x.id == g) {
                Some(gateway) => Walk {
                    hops,
                    next: Next::Ingress(gateway.vnet.clone()),
                },
                None => done(
                    hops,
                    Outcome::Dropped {
                        reason: format!("gateway {g} is not in the design"),
                    },
                ),
            }
        })
        .collect()
}

fn over_global_reach(ctx: &Ctx<'_>, mut hops: Vec<Hop>, from: &Id, peer: &Id) -> Vec<Walk> {
    let to = ctx.packet.to;
    hops.push(ctx.hop(
        Place::GlobalReach {
            from: from.clone(),
            to: peer.clone(),
        },
        "Global Reach to the other circuit's on-premises side",
    ));
    let learned = ctx
        .resolution
        .exchange
        .edge_learned(peer, to)
        .map(|(_, paths)| paths);
    let Some(paths) = learned else {
        let reason = format!("circuit {peer} learned no route to {to}");
        return vec![done(hops, Outcome::NoRoute { reason })];
    };
    let best = paths.iter().map(|p| p.as_path.len()).min().unwrap_or(0);
    let customer = ctx
        .design
        .circuits
        .iter()
        .find(|c| &c.id == peer)
        .map(|c| &c.customer);
    let shortest: Vec<_> = paths.iter().filter(|p| p.as_path.len() == best).collect();
    branches(hops, &shortest)
        .map(|(mut hops, p)| {
            hops.push(ctx.hop(
                Place::Circuit {
                    circuit: peer.clone(),
                    link: p.link,
                    peering: PeeringKind::AzurePrivatePeering,
                },
                ctx.words(|| format!("private peering over the {} connection", p.link.label())),
            ));
            let router = p
                .router
                .as_ref()
                .and_then(|r| ctx.design.routers.iter().find(|x| &x.id == r));
            match router {
                Some(r) => Walk {
                    hops,
                    next: Next::Router(r.id.clone(), router_domain(ctx.design, r, customer)),
                },
                None => done(
                    hops,
                    Outcome::NoRoute {
                        reason: "the connection ends on no router".into(),
                    },
                ),
            }
        })
        .collect()
}

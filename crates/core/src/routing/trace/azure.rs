//! The Azure side of a trace: subnets, appliances, gateways and the way
//! back in from a gateway.

use std::net::IpAddr;

use super::*;

/// Applies a subnet's NSG in one direction to the hop; a denial ends the path.
pub(super) fn guard(
    ctx: &Ctx<'_>,
    subnet: &Id,
    direction: Direction,
    hop: &mut Hop,
) -> Option<Outcome> {
    let verdict = nsg::verdict(ctx.design, ctx.resolution, subnet, direction, &ctx.packet)?;
    let denied = verdict.access == Access::Deny;
    let outcome = denied.then(|| Outcome::Denied {
        nsg: verdict.nsg.clone(),
        rule: verdict.rule.clone(),
    });
    hop.nsg.push(verdict);
    outcome
}

/// Arrives in a subnet: the inbound NSG, then delivery.
pub(super) fn arrive(ctx: &Ctx<'_>, mut hops: Vec<Hop>, vnet: &Vnet, subnet: &Subnet) -> Walk {
    let mut last = ctx.hop(subnet_place(vnet, subnet), "the destination's subnet");
    let denied = guard(ctx, &subnet.id, Direction::Inbound, &mut last);
    hops.push(last);
    done(hops, denied.unwrap_or(Outcome::Delivered))
}

pub(super) fn from_subnet(ctx: &Ctx<'_>, mut hops: Vec<Hop>, subnet_id: &Id) -> Vec<Walk> {
    let to = ctx.packet.to;
    let Some((vnet, subnet)) = subnet_of(ctx, subnet_id) else {
        let reason = format!("subnet {subnet_id} is not in the design");
        return vec![done(hops, Outcome::Dropped { reason })];
    };
    let place = subnet_place(vnet, subnet);
    let mut here = ctx.hop(place.clone(), "");
    if passed(&hops, &place) {
        hops.push(here);
        return vec![done(hops, Outcome::Loop)];
    }

    let Some(selected) = ctx.resolution.select(subnet_id.as_str(), to) else {
        here.why = format!("no effective route of {} matches {to}", subnet.name);
        hops.push(here);
        let reason = here_reason(&hops);
        return vec![done(hops, Outcome::NoRoute { reason })];
    };

    match selected {
        Selected::Gateway(prefix, choice) => {
            here.route = Some(prefix);
            here.why = ctx.words(|| format!(
                "longest match {prefix}, a gateway route; chosen {} (ExpressRoute over VPN, then highest weight, then shortest AS path{})",
                choice.best.iter().map(|p| describe_via(&p.via)).collect::<Vec<_>>().join(", "),
                if choice.best.len() > 1 { "; equal paths share the load" } else { "" },
            ));
            if let Some(denied) = guard(ctx, subnet_id, Direction::Outbound, &mut here) {
                hops.push(here);
                return vec![done(hops, denied)];
            }
            hops.push(here);
            branches(hops, &choice.best)
                .map(|(hops, path)| out_of_gateway(ctx, hops, &path.via))
                .collect()
        }
        Selected::Local(route) => {
            here.route = Some(route.prefix);
            let kind = match route.source {
                RouteSource::User => "a user route",
                RouteSource::VirtualNetworkGateway => "a gateway route",
                RouteSource::Default => "a system route",
            };
            here.why = ctx.words(|| {
                format!(
                    "longest match {}, {kind} to {}{}",
                    route.prefix,
                    route.next_hop_type.as_str(),
                    route
                        .next_hop_ips
                        .first()
                        .map(|ip| format!(" {ip}"))
                        .unwrap_or_default()
                )
            });
            if route.next_hop_type == NextHopType::None {
                hops.push(here);
                return vec![done(
                    hops,
                    Outcome::BlackHole {
                        prefix: route.prefix,
                    },
                )];
            }
            if let Some(denied) = guard(ctx, subnet_id, Direction::Outbound, &mut here) {
                hops.push(here);
                return vec![done(hops, denied)];
            }
            hops.push(here);
            vec![follow_local(
                ctx,
                hops,
                vnet,
                route.next_hop_type,
                route.next_hop_ips.first().copied(),
            )]
        }
    }
}

fn follow_local(
    ctx: &Ctx<'_>,
    hops: Vec<Hop>,
    vnet: &Vnet,
    next_hop: NextHopType,
    next_hop_ip: Option<IpAddr>,
) -> Walk {
    let design = ctx.design;
    let to = ctx.packet.to;
    match next_hop {
        NextHopType::VnetLocal => match subnet_holding(&[vnet], to) {
            Some((v, s)) => arrive(ctx, hops, v, s),
            None => {
                let reason = format!("no subnet of {} holds {to}", vnet.name);
                done(hops, Outcome::Dropped { reason })
            }
        },
        NextHopType::VNetPeering => {
            let peers = ctx.resolution.peers_holding(design, &vnet.id, to);
            match subnet_holding(&peers, to) {
                Some((v, s)) => arrive(ctx, hops, v, s),
                None => {
                    let reason = format!("no subnet of a peered VNet holds {to}");
                    done(hops, Outcome::Dropped { reason })
                }
            }
        }
        NextHopType::Internet => {
            let mut hops = hops;
            hops.push(ctx.hop(Place::Internet, "out to the internet"));
            done(hops, Outcome::Internet)
        }
        NextHopType::VirtualNetworkServiceEndpoint => {
            let mut hops = hops;
            let service = "a service endpoint".to_owned();
            hops.push(ctx.hop(
                Place::MicrosoftService { service },
                "over the service endpoint",
            ));
            done(hops, Outcome::MicrosoftService)
        }
        NextHopType::None => done(
            hops,
            Outcome::BlackHole {
                prefix: ipnet::IpNet::from(to),
            },
        ),
        NextHopType::VirtualAppliance => to_appliance(ctx, hops, next_hop_ip),
        NextHopType::VirtualNetworkGateway => {
            // A user route to a VPN gateway: the tunnels of the VNet's gateways.
            let vpn = ctx.design.vpn_connections.iter().find(|c| {
                design
                    .gateways
                    .iter()
                    .any(|g| g.id == c.gateway && g.vnet == vnet.id)
                    && !ctx.resolution.failures().is_vpn_down(&c.id)
            });
            match vpn {
                Some(c) => out_of_gateway(
                    ctx,
                    hops,
                    &GatewayVia::Vpn {
                        gateway: c.gateway.clone(),
                        connection: c.id.clone(),
                        router: c.router.clone(),
                    },
                ),
                None => {
                    let reason = format!("{} has no VPN tunnel that is up", vnet.name);
                    done(hops, Outcome::NoRoute { reason })
                }
            }
        }
    }
}

fn to_appliance(ctx: &Ctx<'_>, mut hops: Vec<Hop>, ip: Option<IpAddr>) -> Walk {
    let appliance = ip.and_then(|ip| ctx.design.appliances.iter().find(|a| a.ip == ip));
    let Some(appliance) = appliance else {
        let reason = match ip {
            Some(ip) => format!("no appliance has the next hop address {ip}"),
            None => "the user route has no next hop address".to_owned(),
        };
        return done(hops, Outcome::Dropped { reason });
    };
    let place = Place::Appliance {
        appliance: appliance.id.clone(),
    };
    let mut here = ctx.hop(
        place.clone(),
        ctx.words(|| format!("appliance {}", appliance.name)),
    );
    if hops.iter().any(|h| h.place == place) {
        hops.push(here);
        return done(hops, Outcome::Loop);
    }
    if let Some(denied) = guard(ctx, &appliance.subnet, Direction::Inbound, &mut here) {
        hops.push(here);
        return done(hops, denied);
    }
    hops.push(here);
    if !appliance.ip_forwarding {
        let reason = format!(
            "{} has IP forwarding off, so it drops forwarded traffic",
            appliance.name
        );
        return done(hops, Outcome::Dropped { reason });
    }
    Walk {
        hops,
        next: Next::Subnet(appliance.subnet.clone()),
    }
}

/// Out of Azure through a gateway: over a circuit's connection, or a tunnel.
pub(super) fn out_of_gateway(ctx: &Ctx<'_>, mut hops: Vec<Hop>, via: &GatewayVia) -> Walk {
    let design = ctx.design;
    match via {
        GatewayVia::ExpressRoute {
            gateway,
            circuit,
            link,
            router,
            ..
        } => {
            hops.push(ctx.hop(
                Place::Gateway {
                    gateway: gateway.clone(),
                },
                "the ExpressRoute gateway",
            ));
            hops.push(ctx.hop(
                Place::Circuit {
                    circuit: circuit.clone(),
                    link: *link,
                    peering: PeeringKind::AzurePrivatePeering,
                },
                ctx.words(|| format!("private peering over the {} connection", link.label())),
            ));
            let customer = design
                .circuits
                .iter()
                .find(|c| &c.id == circuit)
                .map(|c| &c.customer);
            let router = router
                .as_ref()
                .and_then(|r| design.routers.iter().find(|x| &x.id == r));
            match router {
                Some(r) => Walk {
                    hops,
                    next: Next::Router(r.id.clone(), router_domain(design, r, customer)),
                },
                None => {
                    let reason = format!(
                        "the {} connection of {circuit} ends on no router",
                        link.label()
                    );
                    done(hops, Outcome::NoRoute { reason })
                }
            }
        }
        GatewayVia::Vpn {
            gateway,
            connection,
            router,
        } => {
            hops.push(ctx.hop(
                Place::Gateway {
                    gateway: gateway.clone(),
                },
                "the VPN gateway",
            ));
            hops.push(ctx.hop(
                Place::VpnTunnel {
                    connection: connection.clone(),
                },
                "through the VPN tunnel",
            ));
            let customer = design
                .gateways
                .iter()
                .find(|g| &g.id == gateway)
                .and_then(|g| design.vnets.iter().find(|v| v.id == g.vnet))
                .and_then(|v| design.subscriptions.iter().find(|s| s.id == v.subscription))
                .map(|s| &s.customer);
            match design.routers.iter().find(|r| &r.id == router) {
                Some(r) => Walk {
                    hops,
                    next: Next::Router(r.id.clone(), router_domain(design, r, customer)),
                },
                None => {
                    let reason = format!("VPN connection {connection} ends on no router");
                    done(hops, Outcome::NoRoute { reason })
                }
            }
        }
    }
}

/// Out of a gateway into its VNet: the GatewaySubnet's routes apply, so a
/// user route there can send the packet through an appliance (§4.4).
pub(super) fn into_vnet(ctx: &Ctx<'_>, hops: Vec<Hop>, vnet_id: &Id) -> Vec<Walk> {
    let design = ctx.design;
    let Some(vnet) = design.vnets.iter().find(|v| &v.id == vnet_id) else {
        let reason = format!("VNet {vnet_id} is not in the design");
        return vec![done(hops, Outcome::Dropped { reason })];
    };
    if let Some(gateway_subnet) = vnet.subnets.iter().find(|s| s.is_gateway_subnet()) {
        return from_subnet(ctx, hops, &gateway_subnet.id);
    }
    // Without a GatewaySubnet in the design, the packet goes straight to
    // the VNet or the spoke that holds the address.
    let to = ctx.packet.to;
    let mut vnets: Vec<&Vnet> = vec![vnet];
    vnets.extend(ctx.resolution.peers_holding(design, vnet_id, to));
    match subnet_holding(&vnets, to) {
        Some((v, s)) => vec![arrive(ctx, hops, v, s)],
        None => {
            let reason = format!("no subnet behind the gateway holds {to}");
            vec![done(hops, Outcome::Dropped { reason })]
        }
    }
}

//! Following a packet hop by hop: through subnets and appliances, out of a
//! gateway, over a circuit's connection, across routers to a site, and back.
//!
//! Where routes share the load, the trace follows every path, so a trace is
//! a set of paths. A path ends where the packet arrives, leaves for the
//! internet or a Microsoft service, or is dropped: by a route with next hop
//! None, for want of a route, by a security rule, in a loop, or at the hop
//! limit.

use std::net::IpAddr;

use ipnet::IpNet;
use serde::{Deserialize, Serialize};

use super::exchange::domain_for;
use super::nsg::{self, Packet};
use super::resolve::{describe_via, Selected};
use super::table::{GatewayVia, RouteSource, RouterNextHop};
use super::{Link, Resolution};
use crate::model::{
    Access, Design, Direction, Id, NextHopType, PeeringKind, Protocol, Subnet, Vnet,
};

/// The most hops one path may take before the trace gives up on it.
pub const HOP_LIMIT: usize = 48;

/// The most paths one trace follows; equal-cost choices multiply them.
pub const PATH_LIMIT: usize = 64;

/// What to trace: a packet from one address to another.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TraceRequest {
    /// The source address: a host in a subnet, or on-premises.
    pub from: IpAddr,
    /// Where the source stands, a subnet or a site id, when address plans
    /// overlap; `None` finds the subnet or site that holds `from`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<Id>,
    /// The destination address.
    pub to: IpAddr,
    /// The protocol.
    pub protocol: Protocol,
    /// The destination port; ignored for protocols without ports.
    pub port: u16,
}

impl TraceRequest {
    /// A TCP packet from one address to another port of another address.
    pub fn tcp(from: IpAddr, to: IpAddr, port: u16) -> TraceRequest {
        TraceRequest {
            from,
            at: None,
            to,
            protocol: Protocol::Tcp,
            port,
        }
    }

    /// The same request with the source's subnet or site given.
    pub fn at(mut self, place: impl Into<Id>) -> TraceRequest {
        self.at = Some(place.into());
        self
    }
}

/// The result of a trace: every path the packet may take.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Trace {
    /// What was traced.
    pub request: TraceRequest,
    /// Each path, in a stable order.
    pub paths: Vec<TracePath>,
    /// Some equal-cost paths were left out past [`PATH_LIMIT`].
    pub truncated: bool,
}

impl Trace {
    /// Tells whether every path arrives, leaves for the internet or reaches
    /// a Microsoft service, and at least one path exists.
    pub fn is_delivered(&self) -> bool {
        !self.paths.is_empty() && self.paths.iter().all(|p| p.outcome.is_delivered())
    }
}

/// One path of a trace.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TracePath {
    /// The hops in order, the source first.
    pub hops: Vec<Hop>,
    /// How the path ends.
    pub outcome: Outcome,
}

/// One hop: where the packet is, the route it takes from there and why,
/// and any security verdict met on the way.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Hop {
    /// Where the packet is.
    pub place: Place,
    /// The prefix of the route chosen here, if a route was looked up.
    pub route: Option<IpNet>,
    /// Why the packet goes on the way it does, in words a customer reads.
    pub why: String,
    /// Security verdicts at this hop: outbound when leaving a subnet,
    /// inbound when entering one.
    pub nsg: Vec<NsgVerdict>,
    /// Anything else to know here, such as an address translation needed.
    pub note: Option<String>,
}

/// A place a packet passes.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Place {
    /// A subnet of a VNet.
    Subnet {
        /// The VNet.
        vnet: Id,
        /// The subnet.
        subnet: Id,
    },
    /// A network virtual appliance or firewall.
    Appliance {
        /// The appliance.
        appliance: Id,
    },
    /// A virtual network gateway.
    Gateway {
        /// The gateway.
        gateway: Id,
    },
    /// One connection of a circuit, through Microsoft's edge.
    Circuit {
        /// The circuit.
        circuit: Id,
        /// Which connection.
        link: Link,
        /// Which peering.
        peering: PeeringKind,
    },
    /// A Global Reach connection between two circuits.
    GlobalReach {
        /// The circuit the packet leaves.
        from: Id,
        /// The circuit the packet joins.
        to: Id,
    },
    /// A VPN tunnel.
    VpnTunnel {
        /// The VPN connection.
        connection: Id,
    },
    /// An on-premises router, in one routing domain.
    Router {
        /// The router.
        router: Id,
        /// The customer whose domain, or `None` for the global table.
        vrf: Option<Id>,
    },
    /// An on-premises site.
    Site {
        /// The site.
        site: Id,
    },
    /// The internet.
    Internet,
    /// A Microsoft service reached over Microsoft peering.
    MicrosoftService {
        /// The service's name.
        service: String,
    },
}

/// A network security group's verdict on the packet.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NsgVerdict {
    /// The network security group.
    pub nsg: Id,
    /// Inbound or outbound.
    pub direction: Direction,
    /// Allowed or denied.
    pub access: Access,
    /// The rule that decided: a custom rule's name or a default rule's.
    pub rule: String,
    /// The rule's priority.
    pub priority: u16,
}

/// How a path ends.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum Outcome {
    /// The packet arrived at the destination's subnet or site.
    Delivered,
    /// The packet left for the internet.
    Internet,
    /// The packet reached a Microsoft service over Microsoft peering.
    MicrosoftService,
    /// A route with next hop None dropped the packet.
    BlackHole {
        /// The route's prefix.
        prefix: IpNet,
    },
    /// No route matched the destination.
    NoRoute {
        /// What is missing, in words.
        reason: String,
    },
    /// A security rule denied the packet.
    Denied {
        /// The network security group.
        nsg: Id,
        /// The rule.
        rule: String,
    },
    /// The packet came back to a place it had passed.
    Loop,
    /// The path grew past [`HOP_LIMIT`] hops.
    HopLimit,
    /// Something else dropped the packet, such as an appliance without IP
    /// forwarding, or a source the design does not hold.
    Dropped {
        /// Why.
        reason: String,
    },
}

impl Outcome {
    /// Tells whether the packet got where it was going.
    pub fn is_delivered(&self) -> bool {
        matches!(
            self,
            Outcome::Delivered | Outcome::Internet | Outcome::MicrosoftService
        )
    }
}

/// Traces a packet through the design as resolved.
///
/// ```
/// use routecraft_core::routing::{resolve, trace, Failures, TraceRequest};
/// use routecraft_core::templates::connect_to;
/// let design = connect_to();
/// let routes = resolve(&design, &Failures::none());
/// let request = TraceRequest::tcp("10.20.1.10".parse().unwrap(), "10.120.4.10".parse().unwrap(), 443);
/// assert!(trace(&design, &routes, &request).is_delivered());
/// ```
pub fn trace(design: &Design, resolution: &Resolution, request: &TraceRequest) -> Trace {
    let ctx = Ctx {
        design,
        resolution,
        packet: Packet {
            from: request.from,
            to: request.to,
            protocol: request.protocol,
            port: request.port,
        },
    };
    let mut done: Vec<TracePath> = Vec::new();
    let mut pending: Vec<Walk> = vec![start(&ctx, request)];
    let mut truncated = false;

    // Walks advance one step at a time from an explicit stack, never by
    // recursion; each step adds a hop, so the hop limit bounds every walk.
    while let Some(walk) = pending.pop() {
        if let Next::Done(outcome) = walk.next {
            done.push(TracePath {
                hops: walk.hops,
                outcome,
            });
            continue;
        }
        if walk.hops.len() >= HOP_LIMIT {
            done.push(TracePath {
                hops: walk.hops,
                outcome: Outcome::HopLimit,
            });
            continue;
        }
        let mut branches = advance(&ctx, walk);
        // Paths are followed in order, so the stack takes them reversed.
        branches.reverse();
        for branch in branches {
            if done.len() + pending.len() >= PATH_LIMIT {
                truncated = true;
                break;
            }
            pending.push(branch);
        }
    }
    Trace {
        request: request.clone(),
        paths: done,
        truncated,
    }
}

struct Ctx<'a> {
    design: &'a Design,
    resolution: &'a Resolution,
    packet: Packet,
}

/// A path being followed: the hops so far and what comes next.
struct Walk {
    hops: Vec<Hop>,
    next: Next,
}

enum Next {
    /// A route lookup in a subnet's effective routes, leaving that subnet.
    Subnet(Id),
    /// A route lookup at a router in a routing domain.
    Router(Id, Option<Id>),
    /// Microsoft's edge of a circuit, reached from on-premises.
    Edge(Id),
    /// Out of a gateway into its VNet.
    Ingress(Id),
    Done(Outcome),
}

fn hop(place: Place, why: impl Into<String>) -> Hop {
    Hop {
        place,
        route: None,
        why: why.into(),
        nsg: Vec::new(),
        note: None,
    }
}

fn subnet_of<'d>(design: &'d Design, id: &Id) -> Option<(&'d Vnet, &'d Subnet)> {
    design
        .vnets
        .iter()
        .find_map(|v| v.subnets.iter().find(|s| &s.id == id).map(|s| (v, s)))
}

fn subnet_place(vnet: &Vnet, subnet: &Subnet) -> Place {
    Place::Subnet {
        vnet: vnet.id.clone(),
        subnet: subnet.id.clone(),
    }
}

/// The most specific subnet of the given VNets that holds the address.
fn subnet_holding<'d>(vnets: &[&'d Vnet], addr: IpAddr) -> Option<(&'d Vnet, &'d Subnet)> {
    vnets
        .iter()
        .flat_map(|v| v.subnets.iter().map(move |s| (*v, s)))
        .filter(|(_, s)| s.prefix.contains(&addr))
        .max_by_key(|(_, s)| s.prefix.prefix_len())
}

/// The first router of a site that is up: the one its hosts use.
fn site_router<'d>(ctx: &Ctx<'d>, site: &Id) -> Option<&'d crate::model::Router> {
    ctx.design
        .routers
        .iter()
        .find(|r| &r.site == site && !ctx.resolution.failures().is_router_down(&r.id))
}

fn router_domain(
    design: &Design,
    router: &crate::model::Router,
    customer: Option<&Id>,
) -> Option<Id> {
    match customer {
        Some(c) => domain_for(design, router, c)
            .unwrap_or_else(|| super::exchange::home_domain(design, router)),
        None => super::exchange::home_domain(design, router),
    }
}

fn done(hops: Vec<Hop>, outcome: Outcome) -> Walk {
    Walk {
        hops,
        next: Next::Done(outcome),
    }
}

/// Where the packet starts: the subnet or site that holds the source.
fn start(ctx: &Ctx<'_>, request: &TraceRequest) -> Walk {
    let design = ctx.design;
    let subnet = match &request.at {
        Some(at) => subnet_of(design, at),
        None => {
            let all: Vec<&Vnet> = design.vnets.iter().collect();
            subnet_holding(&all, request.from)
        }
    };
    if let Some((_, subnet)) = subnet {
        return Walk {
            hops: Vec::new(),
            next: Next::Subnet(subnet.id.clone()),
        };
    }

    let site = match &request.at {
        Some(at) => design.sites.iter().find(|s| &s.id == at),
        None => design
            .sites
            .iter()
            .find(|s| s.address_space.iter().any(|p| p.contains(&request.from))),
    };
    let Some(site) = site else {
        let reason = format!("no subnet or site of the design holds {}", request.from);
        return done(Vec::new(), Outcome::Dropped { reason });
    };
    let first = hop(
        Place::Site {
            site: site.id.clone(),
        },
        "the source's site",
    );
    match site_router(ctx, &site.id) {
        Some(router) => Walk {
            hops: vec![first],
            next: Next::Router(
                router.id.clone(),
                router_domain(design, router, site.customer.as_ref()),
            ),
        },
        None => done(
            vec![first],
            Outcome::NoRoute {
                reason: format!("site {} has no router that is up", site.id),
            },
        ),
    }
}

fn advance(ctx: &Ctx<'_>, walk: Walk) -> Vec<Walk> {
    let Walk { hops, next } = walk;
    match next {
        Next::Subnet(subnet) => from_subnet(ctx, hops, &subnet),
        Next::Router(router, vrf) => from_router(ctx, hops, &router, vrf),
        Next::Edge(circuit) => from_edge(ctx, hops, &circuit),
        Next::Ingress(vnet) => into_vnet(ctx, hops, &vnet),
        Next::Done(outcome) => vec![done(hops, outcome)],
    }
}

/// Tells whether the path already passed this place where routes are
/// looked up: going there again is a loop.
fn passed(hops: &[Hop], place: &Place) -> bool {
    hops.iter().any(|h| h.route.is_some() && &h.place == place)
}

/// Applies a subnet's NSG in one direction to the hop; a denial ends the path.
fn guard(ctx: &Ctx<'_>, subnet: &Id, direction: Direction, hop: &mut Hop) -> Option<Outcome> {
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
fn arrive(ctx: &Ctx<'_>, mut hops: Vec<Hop>, vnet: &Vnet, subnet: &Subnet) -> Walk {
    let mut last = hop(subnet_place(vnet, subnet), "the destination's subnet");
    let denied = guard(ctx, &subnet.id, Direction::Inbound, &mut last);
    hops.push(last);
    done(hops, denied.unwrap_or(Outcome::Delivered))
}

fn from_subnet(ctx: &Ctx<'_>, mut hops: Vec<Hop>, subnet_id: &Id) -> Vec<Walk> {
    let design = ctx.design;
    let to = ctx.packet.to;
    let Some((vnet, subnet)) = subnet_of(design, subnet_id) else {
        let reason = format!("subnet {subnet_id} is not in the design");
        return vec![done(hops, Outcome::Dropped { reason })];
    };
    let place = subnet_place(vnet, subnet);
    let mut here = hop(place.clone(), "");
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
            here.why = format!(
                "longest match {prefix}, a gateway route; chosen {} (ExpressRoute over VPN, then highest weight, then shortest AS path{})",
                choice.best.iter().map(|p| describe_via(&p.via)).collect::<Vec<_>>().join(", "),
                if choice.best.len() > 1 { "; equal paths share the load" } else { "" },
            );
            if let Some(denied) = guard(ctx, subnet_id, Direction::Outbound, &mut here) {
                hops.push(here);
                return vec![done(hops, denied)];
            }
            hops.push(here);
            choice
                .best
                .iter()
                .map(|path| out_of_gateway(ctx, hops.clone(), &path.via))
                .collect()
        }
        Selected::Local(route) => {
            here.route = Some(route.prefix);
            let kind = match route.source {
                RouteSource::User => "a user route",
                RouteSource::VirtualNetworkGateway => "a gateway route",
                RouteSource::Default => "a system route",
            };
            here.why = format!(
                "longest match {}, {kind} to {}{}",
                route.prefix,
                route.next_hop_type.as_str(),
                route
                    .next_hop_ips
                    .first()
                    .map(|ip| format!(" {ip}"))
                    .unwrap_or_default()
            );
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

/// The last hop's explanation, to carry into an outcome.
fn here_reason(hops: &[Hop]) -> String {
    hops.last().map(|h| h.why.clone()).unwrap_or_default()
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
            let peers: Vec<&Vnet> = super::resolve::peered_spaces(design, &vnet.id)
                .into_iter()
                .filter(|(_, p)| p.contains(&to))
                .filter_map(|(id, _)| design.vnets.iter().find(|v| v.id == id))
                .collect();
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
            hops.push(hop(Place::Internet, "out to the internet"));
            done(hops, Outcome::Internet)
        }
        NextHopType::VirtualNetworkServiceEndpoint => {
            let mut hops = hops;
            let service = "a service endpoint".to_owned();
            hops.push(hop(
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
    let mut here = hop(place.clone(), format!("appliance {}", appliance.name));
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
fn out_of_gateway(ctx: &Ctx<'_>, mut hops: Vec<Hop>, via: &GatewayVia) -> Walk {
    let design = ctx.design;
    match via {
        GatewayVia::ExpressRoute {
            gateway,
            circuit,
            link,
            router,
            ..
        } => {
            hops.push(hop(
                Place::Gateway {
                    gateway: gateway.clone(),
                },
                "the ExpressRoute gateway",
            ));
            hops.push(hop(
                Place::Circuit {
                    circuit: circuit.clone(),
                    link: *link,
                    peering: PeeringKind::AzurePrivatePeering,
                },
                format!("private peering over the {} connection", link.label()),
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
            hops.push(hop(
                Place::Gateway {
                    gateway: gateway.clone(),
                },
                "the VPN gateway",
            ));
            hops.push(hop(
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

fn from_router(ctx: &Ctx<'_>, mut hops: Vec<Hop>, router: &Id, vrf: Option<Id>) -> Vec<Walk> {
    let design = ctx.design;
    let to = ctx.packet.to;
    let place = Place::Router {
        router: router.clone(),
        vrf: vrf.clone(),
    };
    let mut here = hop(place.clone(), "");
    if passed(&hops, &place) {
        hops.push(here);
        return vec![done(hops, Outcome::Loop)];
    }
    let Some(route) = ctx
        .resolution
        .router_route(router.as_str(), vrf.as_ref(), to)
    else {
        let domain = vrf.as_ref().map_or("the global table".to_owned(), |v| {
            format!("the routing domain of {v}")
        });
        here.why = format!("{router} has no route to {to} in {domain}");
        hops.push(here);
        let reason = here_reason(&hops);
        return vec![done(hops, Outcome::NoRoute { reason })];
    };
    here.route = Some(route.prefix);
    here.why = format!(
        "longest match {}, best of {} path(s) by local preference then shortest AS path{}",
        route.prefix,
        route.paths.len() + route.other_paths.len(),
        if route.paths.len() > 1 {
            "; equal paths share the load"
        } else {
            ""
        }
    );

    let mut out = Vec::new();
    for path in &route.paths {
        let mut hops = hops.clone();
        let mut here = here.clone();
        match &path.next_hop {
            RouterNextHop::Site { site } => {
                hops.push(here);
                hops.push(hop(
                    Place::Site { site: site.clone() },
                    "the destination's site",
                ));
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
                hops.push(hop(
                    Place::Circuit {
                        circuit: circuit.clone(),
                        link: *link,
                        peering: PeeringKind::AzurePrivatePeering,
                    },
                    format!("private peering over the {} connection", link.label()),
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
                hops.push(hop(
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
                hops.push(hop(
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
                hops.push(hop(
                    Place::VpnTunnel {
                        connection: connection.clone(),
                    },
                    "through the VPN tunnel",
                ));
                hops.push(hop(
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
fn from_edge(ctx: &Ctx<'_>, hops: Vec<Hop>, circuit: &Id) -> Vec<Walk> {
    let to = ctx.packet.to;
    let Some(msee) = ctx.resolution.exchange.msee.get(circuit) else {
        let reason = format!("circuit {circuit} is not in the design");
        return vec![done(hops, Outcome::Dropped { reason })];
    };
    let vnet = msee.vnets.longest_match(to);
    let reach = msee.global_reach.longest_match(to);
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
    gateways
        .iter()
        .map(|g| {
            let mut hops = hops.clone();
            hops.push(hop(
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
    hops.push(hop(
        Place::GlobalReach {
            from: from.clone(),
            to: peer.clone(),
        },
        "Global Reach to the other circuit's on-premises side",
    ));
    let msee = ctx.resolution.exchange.msee.get(peer);
    let learned = msee.and_then(|m| {
        let (_, g) = m.learned_index.longest_match(to)?;
        m.learned.get(g)
    });
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
    paths
        .iter()
        .filter(|p| p.as_path.len() == best)
        .map(|p| {
            let mut hops = hops.clone();
            hops.push(hop(
                Place::Circuit {
                    circuit: peer.clone(),
                    link: p.link,
                    peering: PeeringKind::AzurePrivatePeering,
                },
                format!("private peering over the {} connection", p.link.label()),
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

/// Out of a gateway into its VNet: the GatewaySubnet's routes apply, so a
/// user route there can send the packet through an appliance (§4.4).
fn into_vnet(ctx: &Ctx<'_>, hops: Vec<Hop>, vnet_id: &Id) -> Vec<Walk> {
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
    for (id, space) in super::resolve::peered_spaces(design, vnet_id) {
        if space.contains(&to) {
            vnets.extend(design.vnets.iter().find(|v| v.id == id));
        }
    }
    match subnet_holding(&vnets, to) {
        Some((v, s)) => vec![arrive(ctx, hops, v, s)],
        None => {
            let reason = format!("no subnet behind the gateway holds {to}");
            vec![done(hops, Outcome::Dropped { reason })]
        }
    }
}

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

mod azure;
mod onprem;

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
    trace_with(design, resolution, request, false)
}

/// A trace for a verdict only, as a sweep of failures needs: the same
/// paths and outcomes as [`trace`], with the explanations of hops that
/// lead on left empty; an outcome's own reason is still written.
pub(crate) fn trace_lean(
    design: &Design,
    resolution: &Resolution,
    request: &TraceRequest,
) -> Trace {
    trace_with(design, resolution, request, true)
}

fn trace_with(
    design: &Design,
    resolution: &Resolution,
    request: &TraceRequest,
    lean: bool,
) -> Trace {
    let ctx = Ctx {
        design,
        resolution,
        lean,
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
    /// Leave out the explanations of hops that lead on.
    lean: bool,
    packet: Packet,
}

impl Ctx<'_> {
    /// A hop at a place, with its explanation unless the trace is lean:
    /// a lean trace does not even copy a fixed text.
    fn hop(&self, place: Place, why: impl Into<String>) -> Hop {
        Hop {
            place,
            route: None,
            why: if self.lean { String::new() } else { why.into() },
            nsg: Vec::new(),
            note: None,
        }
    }

    /// A hop's explanation, written unless the trace is lean.
    fn words(&self, text: impl FnOnce() -> String) -> String {
        if self.lean {
            String::new()
        } else {
            text()
        }
    }
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

/// The hops a path usually takes, from a subnet to a site or back, to
/// make room for at once rather than grow into.
const HOPS_EXPECTED: usize = 12;

/// A copy of the hops so far for one branch of an equal-cost choice, with
/// room for the hops the branch adds.
fn fork(hops: &[Hop]) -> Vec<Hop> {
    let mut copy = Vec::with_capacity(hops.len().max(HOPS_EXPECTED));
    copy.extend_from_slice(hops);
    copy
}

/// The hops so far for each branch of a choice: a copy for every branch
/// but the last, which takes them, since most choices have one branch.
fn branches<T>(hops: Vec<Hop>, choices: &[T]) -> impl Iterator<Item = (Vec<Hop>, &T)> {
    let last = choices.len().saturating_sub(1);
    let mut hops = Some(hops);
    choices.iter().enumerate().map(move |(i, choice)| {
        let mine = if i == last {
            hops.take().unwrap_or_default()
        } else {
            fork(hops.as_deref().unwrap_or_default())
        };
        (mine, choice)
    })
}

fn subnet_of<'d>(ctx: &Ctx<'d>, id: &Id) -> Option<(&'d Vnet, &'d Subnet)> {
    ctx.resolution.subnet_in(ctx.design, id.as_str())
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
pub(crate) fn site_router<'d>(
    design: &'d Design,
    resolution: &Resolution,
    site: &Id,
) -> Option<&'d crate::model::Router> {
    design
        .routers
        .iter()
        .find(|r| &r.site == site && !resolution.failures().is_router_down(&r.id))
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
        Some(at) => subnet_of(ctx, at),
        None => {
            let all: Vec<&Vnet> = design.vnets.iter().collect();
            subnet_holding(&all, request.from)
        }
    };
    if let Some((_, subnet)) = subnet {
        return Walk {
            hops: Vec::with_capacity(HOPS_EXPECTED),
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
    let first = ctx.hop(
        Place::Site {
            site: site.id.clone(),
        },
        "the source's site",
    );
    let mut hops = Vec::with_capacity(HOPS_EXPECTED);
    hops.push(first);
    match site_router(design, ctx.resolution, &site.id) {
        Some(router) => Walk {
            hops,
            next: Next::Router(
                router.id.clone(),
                router_domain(design, router, site.customer.as_ref()),
            ),
        },
        None => done(
            hops,
            Outcome::NoRoute {
                reason: format!("site {} has no router that is up", site.id),
            },
        ),
    }
}

fn advance(ctx: &Ctx<'_>, walk: Walk) -> Vec<Walk> {
    let Walk { hops, next } = walk;
    match next {
        Next::Subnet(subnet) => azure::from_subnet(ctx, hops, &subnet),
        Next::Router(router, vrf) => onprem::from_router(ctx, hops, &router, vrf),
        Next::Edge(circuit) => onprem::from_edge(ctx, hops, &circuit),
        Next::Ingress(vnet) => azure::into_vnet(ctx, hops, &vnet),
        Next::Done(outcome) => vec![done(hops, outcome)],
    }
}

/// Tells whether the path already passed this place where routes are
/// looked up: going there again is a loop.
fn passed(hops: &[Hop], place: &Place) -> bool {
    hops.iter().any(|h| h.route.is_some() && &h.place == place)
}

/// The last hop's explanation, to carry into an outcome.
fn here_reason(hops: &[Hop]) -> String {
    hops.last().map(|h| h.why.clone()).unwrap_or_default()
}

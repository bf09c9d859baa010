//! Route resolution: what every router, gateway and subnet learns, where a
//! packet goes, and what changes when something fails.
//!
//! Everything is computed from the design alone. [`resolve`] runs the route
//! exchange once per edit: on-premises prefixes travel between routers over
//! site links, within each customer's routing domain, into each circuit's
//! private peering and on to the ExpressRoute gateways; VNet address spaces
//! travel the other way; Global Reach joins the on-premises sides of two
//! circuits; Microsoft peering brings the services of its route filter. The
//! [`Resolution`] then answers for any subnet its effective routes, in
//! Azure's order and with Azure's states, and for any router the routes it
//! ends up with. [`trace`] follows a packet hop by hop with the network
//! security group verdicts, and [`what_if`] and [`single_failures`] compare
//! a design with parts of it down.
//!
//! Organization:
//! - [`resolve`] and [`Resolution`]: the route exchange and its results
//! - [`EffectiveTable`]: a subnet's effective routes read in place, the
//!   rows shared between subnets rather than copied into each
//! - the rows: [`EffectiveRoute`] with [`RouteSource`], [`RouteState`] and
//!   [`GatewayPath`]; [`RouterRoute`] with [`BgpPath`] and [`RouterNextHop`];
//!   [`Session`] for each BGP session of a circuit
//! - [`trace`]: [`TraceRequest`] in, [`Trace`] out, made of [`TracePath`]s of
//!   [`Hop`]s, each ending in an [`Outcome`]
//! - failures: [`FailureUnit`], [`Failures`], [`failure_units`]; [`what_if`]
//!   gives a [`WhatIf`], [`single_failures`] a [`FailureImpact`] per unit
//! - [`PrefixMap`]: the longest-prefix-match table underneath
//!
//! Modelling choices, each where Azure's documentation leaves a gap:
//! - A router carries the routing domains (VRFs) it lists, plus its site's
//!   own domain: the customer's for a customer site, the global table for a
//!   CSP site. A CSP site's prefixes are offered in every domain its routers
//!   carry, as shared services; a customer's never leave its own domain.
//! - Routers run BGP with the usual rules: a router drops a path that holds
//!   its own ASN, routers of one ASN do not pass on what they learned from
//!   each other, and the shortest AS path wins, with equal paths shared.
//!   VPN paths get a lower local preference than ExpressRoute (§4.7).
//! - Routes learned over Global Reach reach the other circuit's on-premises
//!   routers only, not the gateways linked to the circuit; VNets do not
//!   learn each other over a shared circuit (§4.8).
//! - A session's prefix count is taken over the on-premises routes alone.

mod exchange;
mod failures;
mod nsg;
mod prefix_map;
mod resolve;
mod shown;
mod sweep;
mod table;
mod trace;
mod whatif;

pub use failures::{failure_units, FailureUnit, Failures, Link};
pub use prefix_map::PrefixMap;
pub use resolve::{resolve, Resolution};
pub use shown::{EffectiveRows, EffectiveTable};
pub use table::{
    BgpPath, EffectiveRoute, GatewayPath, GatewayVia, RouteSource, RouteState, RouterNextHop,
    RouterRoute, Session,
};
pub(crate) use trace::trace_lean;
pub use trace::{
    trace, Hop, NsgVerdict, Outcome, Place, Trace, TracePath, TraceRequest, HOP_LIMIT, PATH_LIMIT,
};
pub use whatif::{
    single_failures, what_if, FailureImpact, FailureSweep, PrefixChange, Reachability,
    RouterChanges, SubnetChanges, TraceChange, WhatIf,
};

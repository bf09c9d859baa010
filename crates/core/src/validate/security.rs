//! Security posture: encryption, forced tunnelling and network security
//! group rules.

use std::collections::BTreeMap;

use super::context::Context;
use super::{list, Findings, RuleInfo, Severity};
use crate::facts;
use crate::model::*;

pub(super) const ENCRYPTION: RuleInfo = RuleInfo::new(
    "ER-ENCRYPTION",
    Severity::Error,
    "A customer that requires encryption has IPsec or MACsec on each of its circuits",
    "§7.1",
);
pub(super) const MACSEC_PROVIDER: RuleInfo = RuleInfo::new(
    "ER-MACSEC-PROVIDER",
    Severity::Error,
    "MACsec only on ExpressRoute Direct",
    "§7.2",
);
pub(super) const FORCED_TUNNEL_MISSING: RuleInfo = RuleInfo::new(
    "ER-FORCED-TUNNEL-MISSING",
    Severity::Error,
    "A customer that requires forced tunnelling has a site advertising a default route",
    "§4.5",
);
pub(super) const FORCED_TUNNEL_KMS: RuleInfo = RuleInfo::new(
    "ER-FORCED-TUNNEL-KMS",
    Severity::Warning,
    "Subnets under forced tunnelling keep a route to the internet for KMS activation and egress",
    "§4.5",
);
pub(super) const FORCED_TUNNEL_SERVICES: RuleInfo = RuleInfo::new(
    "ER-FORCED-TUNNEL-SERVICES",
    Severity::Info,
    "Under forced tunnelling, Azure services are reached on-premises unless service endpoints are on",
    "§4.5",
);
pub(super) const NSG_PRIORITY: RuleInfo = RuleInfo::new(
    "ER-NSG-PRIORITY",
    Severity::Error,
    "Custom NSG rules have priorities from 100 to 4096",
    "§6",
);
pub(super) const NSG_PRIORITY_DUPLICATE: RuleInfo = RuleInfo::new(
    "ER-NSG-PRIORITY-DUPLICATE",
    Severity::Error,
    "No two rules of an NSG share a priority and direction",
    "§6",
);
pub(super) const NSG_RULE_NAME: RuleInfo = RuleInfo::new(
    "ER-NSG-RULE-NAME",
    Severity::Error,
    "NSG rule names are at most 80 characters",
    "§6",
);
pub(super) const NSG_RULE_COUNT: RuleInfo = RuleInfo::new(
    "ER-NSG-RULE-COUNT",
    Severity::Error,
    "An NSG holds at most 1,000 rules",
    "§3.2",
);

pub(super) fn check(cx: &Context, out: &mut Findings) {
    for circuit in &cx.design.circuits {
        if circuit.macsec.is_some() && circuit.kind != CircuitKind::Direct {
            out.push(
                &MACSEC_PROVIDER,
                vec![circuit.id.clone()],
                format!(
                    "Circuit {} is a provider circuit with MACsec; MACsec exists only on \
                     ExpressRoute Direct ports.",
                    circuit.name
                ),
                "Use IPsec over private peering, or move the circuit to ExpressRoute Direct.",
            );
        }
    }
    for customer in &cx.design.customers {
        if customer.security.encryption_required {
            encryption(cx, customer, out);
        }
        if customer.security.forced_tunnelling {
            forced_tunnel_required(cx, customer, out);
        }
    }
    forced_tunnel_consequences(cx, out);
    for nsg in &cx.design.nsgs {
        nsg_rules(nsg, out);
    }
}

fn is_encrypted(cx: &Context, circuit: &Circuit) -> bool {
    if circuit.macsec.is_some() && circuit.kind == CircuitKind::Direct {
        return true;
    }
    let linked: Vec<&Vnet> = cx.linked_vnets(circuit.id.as_str());
    cx.design
        .vpn_connections
        .iter()
        .filter(|v| v.over_private_peering)
        .any(|vpn| {
            cx.gateways.get(vpn.gateway.as_str()).is_some_and(|g| {
                g.kind == GatewayKind::Vpn && linked.iter().any(|v| v.id == g.vnet)
            })
        })
}

fn encryption(cx: &Context, customer: &Customer, out: &mut Findings) {
    for circuit in cx
        .design
        .circuits
        .iter()
        .filter(|c| c.customer == customer.id)
    {
        if is_encrypted(cx, circuit) {
            continue;
        }
        out.push(
            &ENCRYPTION,
            vec![circuit.id.clone(), customer.id.clone()],
            format!(
                "{} requires traffic to be encrypted, but circuit {} has neither MACsec nor an \
                 IPsec tunnel over its private peering; ExpressRoute does not encrypt by default.",
                customer.name, circuit.name
            ),
            match circuit.kind {
                CircuitKind::Direct => {
                    "Turn MACsec on for the Direct port, or add a VPN gateway \
                    (VpnGw1AZ or larger) with a tunnel over private peering."
                }
                CircuitKind::Provider => {
                    "Add a VPN gateway (VpnGw1AZ or larger) beside the \
                    ExpressRoute gateway with a tunnel over private peering."
                }
            },
        );
    }
}

fn forced_tunnel_required(cx: &Context, customer: &Customer, out: &mut Findings) {
    let circuits: Vec<&Circuit> = cx
        .design
        .circuits
        .iter()
        .filter(|c| c.customer == customer.id)
        .collect();
    if circuits.is_empty() {
        return;
    }
    let advertised = circuits.iter().any(|c| {
        cx.domain(c.id.as_str())
            .iter()
            .any(|s| s.advertises_default_route)
    });
    if advertised {
        return;
    }
    out.push(
        &FORCED_TUNNEL_MISSING,
        vec![customer.id.clone()],
        format!(
            "{} requires forced tunnelling, but no site that reaches its circuits ({}) advertises \
             a default route, so Azure sends internet traffic straight out.",
            customer.name,
            list(circuits.iter().map(|c| c.name.as_str()))
        ),
        "Have the customer's edge site advertise 0.0.0.0/0 over private peering.",
    );
}

fn forced_tunnel_consequences(cx: &Context, out: &mut Findings) {
    let mut forced: BTreeMap<&str, &Vnet> = BTreeMap::new();
    for circuit in &cx.design.circuits {
        if cx
            .domain(circuit.id.as_str())
            .iter()
            .any(|s| s.advertises_default_route)
        {
            for vnet in cx.vnets_behind(circuit.id.as_str()) {
                forced.insert(vnet.id.as_str(), vnet);
            }
        }
    }
    for vnet in forced.values() {
        let mut no_internet = Vec::new();
        let mut no_endpoints = Vec::new();
        for subnet in vnet.subnets.iter().filter(|s| !s.is_gateway_subnet()) {
            let table = subnet
                .route_table
                .as_ref()
                .and_then(|t| cx.route_tables.get(t.as_str()));
            let overridden = table.is_some_and(|t| {
                !t.propagate_gateway_routes || t.routes.iter().any(|r| r.prefix.prefix_len() == 0)
            });
            if overridden {
                continue;
            }
            let internet =
                table.is_some_and(|t| t.routes.iter().any(|r| r.next_hop == NextHopType::Internet));
            if !internet {
                no_internet.push(subnet);
            }
            if subnet.service_endpoints.is_empty() {
                no_endpoints.push(subnet);
            }
        }
        let names = |s: &[&Subnet]| list(s.iter().map(|s| s.name.as_str()));
        let ids = |s: &[&Subnet]| {
            let mut ids = vec![vnet.id.clone()];
            ids.extend(s.iter().map(|s| s.id.clone()));
            ids
        };
        if !no_internet.is_empty() {
            out.push(
                &FORCED_TUNNEL_KMS,
                ids(&no_internet),
                format!(
                    "On-premises advertises a default route to VNet {}, so subnets {} send all \
                     internet traffic on-premises: Windows activation (KMS) fails and anything \
                     that must reach the internet directly has no path.",
                    vnet.name,
                    names(&no_internet)
                ),
                "Add user routes with next hop Internet for the KMS endpoint and any required \
                 internet egress, or provide that egress at the customer's edge.",
            );
        }
        if !no_endpoints.is_empty() {
            out.push(
                &FORCED_TUNNEL_SERVICES,
                ids(&no_endpoints),
                format!(
                    "Under forced tunnelling, subnets {} of VNet {} reach Azure services such as \
                     Storage and SQL through on-premises, since they have no service endpoints.",
                    names(&no_endpoints),
                    vnet.name
                ),
                "Turn on service endpoints for the services used, or add user routes for them.",
            );
        }
    }
}

fn nsg_rules(nsg: &Nsg, out: &mut Findings) {
    if nsg.rules.len() > facts::NSG_RULES_PER_NSG {
        out.push(
            &NSG_RULE_COUNT,
            vec![nsg.id.clone()],
            format!(
                "NSG {} has {} rules; an NSG holds at most {}.",
                nsg.name,
                nsg.rules.len(),
                facts::NSG_RULES_PER_NSG
            ),
            "Merge rules with prefixes, port ranges or service tags.",
        );
    }
    let mut taken: BTreeMap<(u16, bool), Vec<&NsgRule>> = BTreeMap::new();
    for rule in &nsg.rules {
        taken
            .entry((rule.priority, rule.direction == Direction::Inbound))
            .or_default()
            .push(rule);
        if !facts::NSG_CUSTOM_PRIORITY.contains(&rule.priority) {
            out.push(
                &NSG_PRIORITY,
                vec![rule.id.clone(), nsg.id.clone()],
                format!(
                    "Rule {} of NSG {} has priority {}; custom rules take {} to {}.",
                    rule.name,
                    nsg.name,
                    rule.priority,
                    facts::NSG_CUSTOM_PRIORITY.start(),
                    facts::NSG_CUSTOM_PRIORITY.end()
                ),
                "Choose a priority within the range; lower numbers win.",
            );
        }
        let length = rule.name.chars().count();
        if length > facts::NSG_RULE_NAME_MAX_CHARS {
            out.push(
                &NSG_RULE_NAME,
                vec![rule.id.clone(), nsg.id.clone()],
                format!(
                    "Rule {:.40}... of NSG {} has a name of {length} characters; Azure allows {}.",
                    rule.name,
                    nsg.name,
                    facts::NSG_RULE_NAME_MAX_CHARS
                ),
                "Shorten the rule's name.",
            );
        }
    }
    for ((priority, inbound), rules) in taken.into_iter().filter(|(_, r)| r.len() > 1) {
        let mut ids: Vec<Id> = rules.iter().map(|r| r.id.clone()).collect();
        ids.push(nsg.id.clone());
        out.push(
            &NSG_PRIORITY_DUPLICATE,
            ids,
            format!(
                "Rules {} of NSG {} share priority {priority} {}; each direction needs distinct priorities.",
                list(rules.iter().map(|r| r.name.as_str())),
                nsg.name,
                if inbound { "inbound" } else { "outbound" }
            ),
            "Give each rule its own priority.",
        );
    }
}

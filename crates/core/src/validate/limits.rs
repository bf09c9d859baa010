//! Prefix limits in both directions: what on-premises advertises into
//! private peering, and what Azure advertises back per connection (§2.7).

use std::collections::{BTreeMap, BTreeSet};

use ipnet::IpNet;

use super::addressing::range;
use super::context::Context;
use super::{Findings, RuleInfo, Severity};
use crate::facts;
use crate::model::*;

pub(super) const ONPREM_PREFIXES: RuleInfo = RuleInfo::new(
    "ER-ONPREM-PREFIXES",
    Severity::Error,
    "IPv4 prefixes advertised from on-premises into private peering stay within the tier's limit",
    "§2.7",
);
pub(super) const ONPREM_IPV6_PREFIXES: RuleInfo = RuleInfo::new(
    "ER-ONPREM-IPV6-PREFIXES",
    Severity::Error,
    "IPv6 prefixes advertised from on-premises into private peering stay within the limit",
    "§2.7",
);
pub(super) const GATEWAY_ROUTES: RuleInfo = RuleInfo::new(
    "ER-GATEWAY-ROUTES",
    Severity::Error,
    "Routes a gateway learns from all its circuits stay within its SKU's limit",
    "§3.4",
);
pub(super) const VNET_PREFIXES: RuleInfo = RuleInfo::new(
    "ER-VNET-PREFIXES",
    Severity::Error,
    "Address spaces advertised per connection, gateway-transit spokes included, stay within the limit",
    "§2.7",
);
pub(super) const VNET_PREFIXES_AT_CREATION: RuleInfo = RuleInfo::new(
    "ER-VNET-PREFIXES-AT-CREATION",
    Severity::Error,
    "A new connection starts with no more address spaces than Azure accepts at creation",
    "§2.7",
);

/// A prefix as (is IPv6, network address, length): sorting and comparing
/// integers keeps the 10,000 prefixes Premium allows cheap.
type Prefix = (bool, u128, u8);

pub(super) fn check(cx: &Context, out: &mut Findings) {
    // Circuits that end in the same routing domain receive the same
    // prefixes, so each domain's set is built once.
    let mut by_domain: BTreeMap<Vec<&str>, Vec<Prefix>> = BTreeMap::new();
    for circuit in &cx.design.circuits {
        by_domain
            .entry(domain_key(cx, circuit))
            .or_insert_with(|| onprem_prefixes(cx, circuit));
    }
    let advertised: BTreeMap<&str, &Vec<Prefix>> = cx
        .design
        .circuits
        .iter()
        .filter_map(|c| Some((c.id.as_str(), by_domain.get(&domain_key(cx, c))?)))
        .collect();

    for circuit in &cx.design.circuits {
        let Some(peering) = circuit.peering(PeeringKind::AzurePrivatePeering) else {
            continue;
        };
        let empty = Vec::new();
        let prefixes = advertised
            .get(circuit.id.as_str())
            .copied()
            .unwrap_or(&empty);
        let v4 = prefixes.iter().filter(|(v6, _, _)| !v6).count();
        let v6 = prefixes.len() - v4;
        let limit = facts::private_peering_route_limit(circuit.tier) as usize;
        if v4 > limit {
            out.push(
                &ONPREM_PREFIXES,
                vec![circuit.id.clone(), peering.id.clone()],
                format!(
                    "On-premises advertises {v4} IPv4 prefixes into the private peering of {} \
                     circuit {}; above {limit} Azure drops the BGP session, and the circuit \
                     carries nothing until the count falls again.",
                    circuit.tier.as_str(),
                    circuit.name
                ),
                if circuit.tier == Tier::Premium {
                    "Summarise the on-premises prefixes on the edge routers."
                } else {
                    "Summarise the on-premises prefixes, or upgrade the circuit to Premium."
                },
            );
        }
        let limit6 = facts::PRIVATE_PEERING_IPV6_ROUTE_LIMIT as usize;
        if peering.ipv6.is_some() && v6 > limit6 {
            out.push(
                &ONPREM_IPV6_PREFIXES,
                vec![circuit.id.clone(), peering.id.clone()],
                format!(
                    "On-premises advertises {v6} IPv6 prefixes into the private peering of \
                     circuit {}; above {limit6} Azure drops the BGP session.",
                    circuit.name
                ),
                "Summarise the on-premises IPv6 prefixes.",
            );
        }
    }

    for gateway in &cx.design.gateways {
        gateway_routes(cx, gateway, &advertised, out);
    }
    for connection in &cx.design.connections {
        vnet_prefixes(cx, connection, out);
    }
}

/// The sites of a circuit's routing domain, as a key.
fn domain_key<'a>(cx: &Context<'a>, circuit: &Circuit) -> Vec<&'a str> {
    let mut key: Vec<&str> = cx
        .domain(circuit.id.as_str())
        .iter()
        .map(|s| s.id.as_str())
        .collect();
    key.sort_unstable();
    key
}

/// The prefixes on-premises advertises into a circuit's private peering:
/// every site of its routing domain, and a default route where one is sent,
/// sorted and each once.
fn onprem_prefixes(cx: &Context, circuit: &Circuit) -> Vec<Prefix> {
    let key = |net: &IpNet| {
        let (v6, start, _) = range(net);
        (v6, start, net.prefix_len())
    };
    let mut prefixes = Vec::new();
    for site in cx.domain(circuit.id.as_str()) {
        prefixes.extend(site.advertised.iter().map(key));
        if site.advertises_default_route {
            prefixes.push(key(&IpNet::V4(Default::default())));
        }
    }
    prefixes.sort_unstable();
    prefixes.dedup();
    prefixes
}

fn gateway_routes(
    cx: &Context,
    gateway: &Gateway,
    advertised: &BTreeMap<&str, &Vec<Prefix>>,
    out: &mut Findings,
) {
    let Some(sku) = facts::gateway_sku_facts(gateway.sku, gateway.scale_units.unwrap_or(1)) else {
        return;
    };
    let circuits: BTreeSet<&str> = cx
        .connections_of_gateway(gateway.id.as_str())
        .iter()
        .map(|c| c.circuit.as_str())
        .collect();
    let mut sets: Vec<&Vec<Prefix>> = circuits
        .iter()
        .filter_map(|c| advertised.get(c).copied())
        .collect();
    sets.dedup_by(|a, b| std::ptr::eq(*a, *b));
    // Circuits of one customer usually carry the same routes, so the union
    // is built only when there is more than one set to join.
    let learned = match sets.as_slice() {
        [] => 0,
        [one] => one.len(),
        many => {
            let mut all: Vec<Prefix> = many.iter().flat_map(|s| s.iter().copied()).collect();
            all.sort_unstable();
            all.dedup();
            all.len()
        }
    };
    if learned > sku.max_routes_learned as usize {
        out.push(
            &GATEWAY_ROUTES,
            vec![gateway.id.clone()],
            format!(
                "Gateway {} ({}) learns {} routes from on-premises over its circuits; the SKU \
                 handles at most {}.",
                gateway.name,
                gateway.sku.as_str(),
                learned,
                sku.max_routes_learned
            ),
            "Summarise the on-premises prefixes, or choose a larger gateway SKU.",
        );
    }
}

fn vnet_prefixes(cx: &Context, connection: &Connection, out: &mut Findings) {
    let Some(hub) = cx
        .gateways
        .get(connection.gateway.as_str())
        .and_then(|g| cx.vnet_of_gateway(g))
    else {
        return;
    };
    let spokes = cx.spokes_of(hub.id.as_str());
    let spaces = || {
        std::iter::once(hub)
            .chain(spokes.iter().copied())
            .flat_map(|v| v.address_space.iter())
    };
    let v4 = spaces().filter(|n| matches!(n, IpNet::V4(_))).count();
    let v6 = spaces().count() - v4;
    let what = format!(
        "Connection {} advertises VNet {} and {} gateway-transit spokes",
        connection.name,
        hub.name,
        spokes.len()
    );

    let limit = facts::CONNECTION_ADVERTISED_LIMIT as usize;
    let limit6 = facts::CONNECTION_ADVERTISED_IPV6_LIMIT as usize;
    if v4 > limit || v6 > limit6 {
        out.push(
            &VNET_PREFIXES,
            vec![connection.id.clone(), hub.id.clone()],
            format!(
                "{what}: {v4} IPv4 and {v6} IPv6 address spaces, above the {limit} IPv4 and \
                 {limit6} IPv6 Azure allows; the connection goes down, and with it every spoke."
            ),
            "Give VNets fewer, larger address spaces, or move spokes to another hub.",
        );
        return;
    }

    let deployed = cx
        .design
        .baseline
        .as_deref()
        .is_some_and(|b| b.connections.iter().any(|c| c.id == connection.id));
    let at_creation = facts::CONNECTION_CREATION_LIMIT as usize;
    if !deployed && v4 > at_creation {
        out.push(
            &VNET_PREFIXES_AT_CREATION,
            vec![connection.id.clone(), hub.id.clone()],
            format!(
                "{what}: {v4} IPv4 address spaces; Azure creates a connection only with \
                 {at_creation} or fewer, and lets it grow to {limit} afterwards."
            ),
            "Create the connection before adding the remaining spokes or address spaces.",
        );
    }
}

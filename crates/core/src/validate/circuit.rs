//! Circuit rules: bandwidths, Direct ports, the Local family, where the two
//! connections end, who uses the circuit and its provider state.

use std::collections::{BTreeMap, BTreeSet};

use super::context::Context;
use super::{list, Findings, RuleInfo, Severity};
use crate::facts;
use crate::model::*;

pub(super) const BANDWIDTH: RuleInfo = RuleInfo::new(
    "ER-BANDWIDTH",
    Severity::Error,
    "A circuit's bandwidth is one Azure offers for its kind and port",
    "§1.1",
);
pub(super) const DIRECT_PORT: RuleInfo = RuleInfo::new(
    "ER-DIRECT-PORT",
    Severity::Error,
    "A Direct circuit stands on a port pair of a real speed at its own peering location",
    "§1.1",
);
pub(super) const DIRECT_OVERSUBSCRIBED: RuleInfo = RuleInfo::new(
    "ER-DIRECT-OVERSUBSCRIBED",
    Severity::Error,
    "The circuits on a Direct port pair fit its subscribed bandwidth",
    "§1.1",
);
pub(super) const LOCAL_FAMILY: RuleInfo = RuleInfo::new(
    "ER-LOCAL-FAMILY",
    Severity::Error,
    "An ExpressRoute Local circuit is UnlimitedData",
    "§1.2",
);
pub(super) const CIRCUIT_PAIR: RuleInfo = RuleInfo::new(
    "ER-CIRCUIT-PAIR",
    Severity::Error,
    "A circuit's primary and secondary connections end on two different routers",
    "§1.4",
);
pub(super) const CIRCUIT_TERMINATION: RuleInfo = RuleInfo::new(
    "ER-CIRCUIT-TERMINATION",
    Severity::Error,
    "A circuit's primary and secondary connections both end on a router",
    "§1.4",
);
pub(super) const CIRCUIT_SAME_SITE: RuleInfo = RuleInfo::new(
    "ER-CIRCUIT-SAME-SITE",
    Severity::Warning,
    "A circuit's two routers stand in different sites",
    "§1.4",
);
pub(super) const ONE_CUSTOMER: RuleInfo = RuleInfo::new(
    "ER-CIRCUIT-ONE-CUSTOMER",
    Severity::Error,
    "A circuit serves exactly one customer",
    "§3.8",
);
pub(super) const PROVIDER_NOT_PROVISIONED: RuleInfo = RuleInfo::new(
    "ER-PROVIDER-NOT-PROVISIONED",
    Severity::Info,
    "Peerings wait until the provider has provisioned the circuit",
    "§1.5",
);
pub(super) const PROVIDER_DEPROVISIONING: RuleInfo = RuleInfo::new(
    "ER-PROVIDER-DEPROVISIONING",
    Severity::Warning,
    "A circuit being deprovisioned still carries peerings or connections",
    "§1.5",
);

pub(super) fn check(cx: &Context, out: &mut Findings) {
    for circuit in &cx.design.circuits {
        bandwidth(cx, circuit, out);
        local_family(circuit, out);
        terminations(cx, circuit, out);
        one_customer(cx, circuit, out);
        provider_state(cx, circuit, out);
    }
    direct_ports(cx, out);
}

pub(super) fn mbps(value: u32) -> String {
    if value >= 1000 && value.is_multiple_of(1000) {
        format!("{} Gbps", value / 1000)
    } else {
        format!("{value} Mbps")
    }
}

fn bandwidth(cx: &Context, circuit: &Circuit, out: &mut Findings) {
    let have = circuit.bandwidth_mbps;
    let allowed: Vec<u32> = match circuit.kind {
        CircuitKind::Provider => facts::PROVIDER_BANDWIDTHS_MBPS.to_vec(),
        CircuitKind::Direct => {
            let Some(port) = port_of(cx, circuit) else {
                return;
            };
            facts::direct_circuit_sizes_gbps(port.port_speed_gbps)
                .iter()
                .map(|g| g.saturating_mul(1000))
                .collect()
        }
    };
    if allowed.is_empty() || allowed.contains(&have) {
        return;
    }
    let kind = match circuit.kind {
        CircuitKind::Provider => "a provider circuit".to_owned(),
        CircuitKind::Direct => "a circuit on this Direct port pair".to_owned(),
    };
    let next = allowed.iter().find(|a| **a > have).or(allowed.last());
    out.push(
        &BANDWIDTH,
        vec![circuit.id.clone()],
        format!(
            "Circuit {} is set to {}, but {kind} is offered only at {}.",
            circuit.name,
            mbps(have),
            list(allowed.iter().map(|a| mbps(*a)))
        ),
        format!(
            "Choose an offered bandwidth{}.",
            next.map(|n| format!(", such as {}", mbps(*n)))
                .unwrap_or_default()
        ),
    );
}

fn port_of<'a>(cx: &Context<'a>, circuit: &Circuit) -> Option<&'a DirectPort> {
    let id = circuit.direct_port.as_ref()?;
    cx.direct_ports.get(id.as_str()).copied()
}

fn direct_ports(cx: &Context, out: &mut Findings) {
    let mut on_port: BTreeMap<&str, Vec<&Circuit>> = BTreeMap::new();
    for circuit in cx
        .design
        .circuits
        .iter()
        .filter(|c| c.kind == CircuitKind::Direct)
    {
        let Some(port) = port_of(cx, circuit) else {
            out.push(
                &DIRECT_PORT,
                vec![circuit.id.clone()],
                format!(
                    "Circuit {} is an ExpressRoute Direct circuit but stands on no port pair.",
                    circuit.name
                ),
                "Add the ExpressRoute Direct port pair and connect the circuit to it.",
            );
            continue;
        };
        on_port.entry(port.id.as_str()).or_default().push(circuit);
        if !port
            .peering_location
            .eq_ignore_ascii_case(&circuit.peering_location)
        {
            out.push(
                &DIRECT_PORT,
                vec![circuit.id.clone(), port.id.clone()],
                format!(
                    "Circuit {} is at {}, but its port pair {} is at {}.",
                    circuit.name, circuit.peering_location, port.name, port.peering_location
                ),
                "Give the circuit the peering location of its port pair.",
            );
        }
    }

    for port in &cx.design.direct_ports {
        if !facts::DIRECT_PORT_SPEEDS_GBPS.contains(&port.port_speed_gbps) {
            out.push(
                &DIRECT_PORT,
                vec![port.id.clone()],
                format!(
                    "Port pair {} is {} Gbps per port; ExpressRoute Direct ports are {} Gbps.",
                    port.name,
                    port.port_speed_gbps,
                    list(facts::DIRECT_PORT_SPEEDS_GBPS)
                ),
                "Choose a port speed Azure offers.",
            );
            continue;
        }
        let circuits = on_port.get(port.id.as_str()).map_or(&[][..], Vec::as_slice);
        let total: u64 = circuits.iter().map(|c| u64::from(c.bandwidth_mbps)).sum();
        let subscribed = u64::from(facts::direct_subscribed_gbps(port.port_speed_gbps)) * 1000;
        if total > subscribed {
            let mut elements = vec![port.id.clone()];
            elements.extend(circuits.iter().map(|c| c.id.clone()));
            out.push(
                &DIRECT_OVERSUBSCRIBED,
                elements,
                format!(
                    "The circuits on port pair {} ({}) add up to {} Mbps, more than its subscribed {} Mbps.",
                    port.name,
                    list(circuits.iter().map(|c| c.name.as_str())),
                    total,
                    subscribed
                ),
                "Reduce the circuits' bandwidth or move a circuit to another port pair.",
            );
        }
    }
}

fn local_family(circuit: &Circuit, out: &mut Findings) {
    if circuit.tier == Tier::Local && circuit.family != facts::LOCAL_FAMILY {
        out.push(
            &LOCAL_FAMILY,
            vec![circuit.id.clone()],
            format!(
                "Circuit {} is ExpressRoute Local with {}; Local circuits come only as {} \
                 (inferred from Azure's upgrade rules).",
                circuit.name,
                circuit.family.as_str(),
                facts::LOCAL_FAMILY.as_str()
            ),
            format!(
                "Set the billing family to {}.",
                facts::LOCAL_FAMILY.as_str()
            ),
        );
    }
}

fn terminations(cx: &Context, circuit: &Circuit, out: &mut Findings) {
    let router = |r: &Option<Id>| r.as_ref().and_then(|r| cx.routers.get(r.as_str()).copied());
    let primary = router(&circuit.primary_router);
    let secondary = router(&circuit.secondary_router);

    for (end, found) in [("primary", primary), ("secondary", secondary)] {
        if found.is_none() {
            out.push(
                &CIRCUIT_TERMINATION,
                vec![circuit.id.clone()],
                format!(
                    "The {end} connection of circuit {} ends on no router, so its BGP session \
                     cannot come up and the circuit has no SLA.",
                    circuit.name
                ),
                format!("Connect the circuit's {end} connection to a router."),
            );
        }
    }

    let (Some(primary), Some(secondary)) = (primary, secondary) else {
        return;
    };
    if primary.id == secondary.id {
        out.push(
            &CIRCUIT_PAIR,
            vec![circuit.id.clone(), primary.id.clone()],
            format!(
                "Both connections of circuit {} end on router {}; a CSP must terminate each \
                 connection on a different router.",
                circuit.name, primary.name
            ),
            "End the secondary connection on a second router.",
        );
    } else if primary.site == secondary.site {
        out.push(
            &CIRCUIT_SAME_SITE,
            vec![circuit.id.clone(), primary.id.clone(), secondary.id.clone()],
            format!(
                "Both routers of circuit {} ({} and {}) stand in site {}; losing that site \
                 takes down both connections.",
                circuit.name,
                primary.name,
                secondary.name,
                cx.name(&primary.site)
            ),
            "Put the secondary router in another site.",
        );
    }
}

fn one_customer(cx: &Context, circuit: &Circuit, out: &mut Findings) {
    let mut users: Vec<(Option<&Id>, &Id)> = Vec::new();
    users.push((
        cx.customer_id_of_subscription(&circuit.subscription),
        &circuit.subscription,
    ));
    for connection in cx.connections_of_circuit(circuit.id.as_str()) {
        let vnet = cx
            .gateways
            .get(connection.gateway.as_str())
            .and_then(|g| cx.vnet_of_gateway(g));
        let customer = vnet.and_then(|v| cx.customer_id_of_subscription(&v.subscription));
        users.push((customer, &connection.id));
    }
    for auth in &circuit.authorizations {
        users.push((cx.customer_id_of_subscription(&auth.subscription), &auth.id));
    }
    for gr in &circuit.global_reach {
        let peer = cx
            .circuits
            .get(gr.peer_circuit.as_str())
            .map(|p| &p.customer);
        users.push((peer, &gr.id));
    }

    let mut others: BTreeSet<&Id> = BTreeSet::new();
    let mut evidence: Vec<Id> = Vec::new();
    for (customer, element) in users {
        if let Some(c) = customer.filter(|c| **c != circuit.customer) {
            others.insert(c);
            evidence.push(element.clone());
        }
    }

    if others.is_empty() {
        return;
    }
    let mut elements = vec![circuit.id.clone()];
    elements.extend(evidence.iter().cloned());
    out.push(
        &ONE_CUSTOMER,
        elements,
        format!(
            "Circuit {} belongs to {} but is also used by {} (through {}); in both CSP models a \
             circuit serves a single customer and is never shared.",
            circuit.name,
            cx.name(&circuit.customer),
            list(others.iter().map(|c| cx.name(c))),
            list(evidence.iter())
        ),
        "Give each customer its own circuit and link only that customer's subscriptions to it.",
    );
}

fn provider_state(cx: &Context, circuit: &Circuit, out: &mut Findings) {
    if circuit.kind != CircuitKind::Provider {
        return;
    }
    let state = circuit.provider_state;
    let connections = cx.connections_of_circuit(circuit.id.as_str());
    match state {
        ProviderState::NotProvisioned | ProviderState::Provisioning
            if !circuit.peerings.is_empty() =>
        {
            out.push(
                &PROVIDER_NOT_PROVISIONED,
                vec![circuit.id.clone()],
                format!(
                    "Circuit {} is {:?} at the provider {}; its {} can be configured only once \
                     the provider reports Provisioned.",
                    circuit.name,
                    state,
                    if circuit.provider.is_empty() { "(none named)" } else { &circuit.provider },
                    list(circuit.peerings.iter().map(|p| p.kind.label()))
                ),
                "Hand the service key to the provider and configure the peerings after provisioning.",
            );
        }
        ProviderState::Deprovisioning
            if !circuit.peerings.is_empty() || !connections.is_empty() =>
        {
            out.push(
                &PROVIDER_DEPROVISIONING,
                vec![circuit.id.clone()],
                format!(
                    "Circuit {} is being deprovisioned by its provider but still carries {} \
                     peerings and {} connections, which will lose connectivity.",
                    circuit.name,
                    circuit.peerings.len(),
                    connections.len()
                ),
                "Move the connections to another circuit before the provider finishes, or ask \
                 the provider to provision the circuit again.",
            );
        }
        _ => {}
    }
}

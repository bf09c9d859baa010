//! Circuit rules: bandwidths, tiers and families, where the two connections
//! end, who uses the circuit, and how many VNets it links and where.

use std::collections::{BTreeMap, BTreeSet};

use super::context::Context;
use super::{list, Findings, RuleInfo, Severity};
use crate::facts;
use crate::model::*;

const fn rule(
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

pub(super) const BANDWIDTH: RuleInfo = rule(
    "ER-BANDWIDTH",
    Severity::Error,
    "A circuit's bandwidth is one Azure offers for its kind and port",
    "§1.1",
);
pub(super) const DIRECT_PORT: RuleInfo = rule(
    "ER-DIRECT-PORT",
    Severity::Error,
    "A Direct circuit stands on a port pair of a real speed at its own peering location",
    "§1.1",
);
pub(super) const DIRECT_OVERSUBSCRIBED: RuleInfo = rule(
    "ER-DIRECT-OVERSUBSCRIBED",
    Severity::Error,
    "The circuits on a Direct port pair fit its subscribed bandwidth",
    "§1.1",
);
pub(super) const LOCAL_FAMILY: RuleInfo = rule(
    "ER-LOCAL-FAMILY",
    Severity::Error,
    "An ExpressRoute Local circuit is UnlimitedData",
    "§1.2",
);
pub(super) const LOCAL_GLOBAL_REACH: RuleInfo = rule(
    "ER-LOCAL-GLOBAL-REACH",
    Severity::Error,
    "ExpressRoute Local has no Global Reach",
    "§3.6",
);
pub(super) const LOCAL_REGION: RuleInfo = rule(
    "ER-LOCAL-REGION",
    Severity::Error,
    "An ExpressRoute Local circuit reaches only the local region of its peering location",
    "§3.7",
);
pub(super) const PLACE_UNKNOWN: RuleInfo = rule(
    "ER-PLACE-UNKNOWN",
    Severity::Info,
    "A region or peering location Routecraft does not know cannot be checked",
    "§3.7",
);
pub(super) const CIRCUIT_PAIR: RuleInfo = rule(
    "ER-CIRCUIT-PAIR",
    Severity::Error,
    "A circuit's primary and secondary connections end on two different routers",
    "§1.4",
);
pub(super) const CIRCUIT_TERMINATION: RuleInfo = rule(
    "ER-CIRCUIT-TERMINATION",
    Severity::Error,
    "A circuit's primary and secondary connections both end on a router",
    "§1.4",
);
pub(super) const CIRCUIT_SAME_SITE: RuleInfo = rule(
    "ER-CIRCUIT-SAME-SITE",
    Severity::Warning,
    "A circuit's two routers stand in different sites",
    "§1.4",
);
pub(super) const ONE_CUSTOMER: RuleInfo = rule(
    "ER-CIRCUIT-ONE-CUSTOMER",
    Severity::Error,
    "A circuit serves exactly one customer",
    "§3.8",
);
pub(super) const VNET_LINKS: RuleInfo = rule(
    "ER-VNET-LINKS",
    Severity::Error,
    "VNet links and Global Reach connections on a circuit stay within its tier's limit",
    "§3.1",
);
pub(super) const GEOGRAPHY: RuleInfo = rule(
    "ER-GEOGRAPHY",
    Severity::Error,
    "A Standard circuit links only VNets of its own geopolitical region",
    "§3.1",
);
pub(super) const GLOBAL_REACH: RuleInfo = rule(
    "ER-GLOBAL-REACH",
    Severity::Error,
    "Global Reach joins private peerings of two circuits at different locations with a /29",
    "§3.6",
);
pub(super) const PROVIDER_NOT_PROVISIONED: RuleInfo = rule(
    "ER-PROVIDER-NOT-PROVISIONED",
    Severity::Info,
    "Peerings wait until the provider has provisioned the circuit",
    "§1.5",
);
pub(super) const PROVIDER_DEPROVISIONING: RuleInfo = rule(
    "ER-PROVIDER-DEPROVISIONING",
    Severity::Warning,
    "A circuit being deprovisioned still carries peerings or connections",
    "§1.5",
);

pub(super) fn check(cx: &Context, out: &mut Findings) {
    let partners = global_reach_partners(cx);
    for circuit in &cx.design.circuits {
        bandwidth(cx, circuit, out);
        local(cx, circuit, out);
        terminations(cx, circuit, out);
        one_customer(cx, circuit, out);
        links(cx, circuit, partners.get(circuit.id.as_str()), out);
        geography(cx, circuit, out);
        global_reach(cx, circuit, out);
        provider_state(cx, circuit, out);
    }
    direct_ports(cx, out);
}

fn mbps(value: u32) -> String {
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

fn local(cx: &Context, circuit: &Circuit, out: &mut Findings) {
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

    for gr in &circuit.global_reach {
        let peer = cx.circuits.get(gr.peer_circuit.as_str());
        let local_side = if circuit.tier == Tier::Local {
            Some(circuit)
        } else {
            peer.copied().filter(|p| p.tier == Tier::Local)
        };
        if let Some(local) = local_side {
            out.push(
                &LOCAL_GLOBAL_REACH,
                vec![circuit.id.clone(), gr.id.clone()],
                format!(
                    "Circuit {} has a Global Reach connection, but {} is ExpressRoute Local, \
                     which does not offer Global Reach.",
                    circuit.name, local.name
                ),
                "Upgrade the Local circuit to Standard or Premium, or remove the Global Reach connection.",
            );
        }
    }

    if circuit.tier != Tier::Local {
        return;
    }
    let Some(location) = facts::peering_location(&circuit.peering_location) else {
        out.push(
            &PLACE_UNKNOWN,
            vec![circuit.id.clone()],
            format!(
                "Routecraft does not know peering location {:?} of circuit {}, so it cannot tell \
                 which region ExpressRoute Local reaches from there.",
                circuit.peering_location, circuit.name
            ),
            "Check Azure's list of peering locations for the Local region.",
        );
        return;
    };
    let Some(local_region) = location.local_region else {
        out.push(
            &LOCAL_REGION,
            vec![circuit.id.clone()],
            format!(
                "Circuit {} is ExpressRoute Local at {}, where Local is not offered.",
                circuit.name, location.name
            ),
            "Choose Standard, or a peering location that offers Local.",
        );
        return;
    };
    for vnet in cx.vnets_behind(circuit.id.as_str()) {
        if !vnet.region.eq_ignore_ascii_case(local_region) {
            out.push(
                &LOCAL_REGION,
                vec![circuit.id.clone(), vnet.id.clone()],
                format!(
                    "VNet {} is in {}, but ExpressRoute Local circuit {} at {} reaches only {}.",
                    vnet.name, vnet.region, circuit.name, location.name, local_region
                ),
                format!("Move the VNet to {local_region} or make the circuit Standard."),
            );
        }
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

/// For each circuit, the circuits it has a Global Reach connection with,
/// in either direction.
fn global_reach_partners<'a>(cx: &Context<'a>) -> BTreeMap<&'a str, BTreeSet<&'a str>> {
    let mut partners: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for circuit in &cx.design.circuits {
        for gr in &circuit.global_reach {
            if gr.peer_circuit == circuit.id || !cx.circuits.contains_key(gr.peer_circuit.as_str())
            {
                continue;
            }
            partners
                .entry(circuit.id.as_str())
                .or_default()
                .insert(gr.peer_circuit.as_str());
            partners
                .entry(gr.peer_circuit.as_str())
                .or_default()
                .insert(circuit.id.as_str());
        }
    }
    partners
}

fn links(cx: &Context, circuit: &Circuit, partners: Option<&BTreeSet<&str>>, out: &mut Findings) {
    let connections = cx.connections_of_circuit(circuit.id.as_str()).len();
    let reach = partners.map_or(0, BTreeSet::len);
    let used = connections.saturating_add(reach);
    let limit = facts::vnet_link_limit(circuit.tier, circuit.bandwidth_mbps);
    if used <= limit as usize {
        return;
    }
    out.push(
        &VNET_LINKS,
        vec![circuit.id.clone()],
        format!(
            "Circuit {} has {connections} VNet links and {reach} Global Reach connections, {used} \
             in all; a {} {} circuit allows {limit}.",
            circuit.name,
            mbps(circuit.bandwidth_mbps),
            circuit.tier.as_str()
        ),
        if circuit.tier == Tier::Premium {
            "Split the VNets over a second circuit, or link spokes through a hub's gateway."
        } else {
            "Upgrade the circuit to Premium, or link spokes through a hub's gateway."
        },
    );
}

fn geography(cx: &Context, circuit: &Circuit, out: &mut Findings) {
    if circuit.tier != Tier::Standard {
        return;
    }
    let Some(location) = facts::peering_location(&circuit.peering_location) else {
        out.push(
            &PLACE_UNKNOWN,
            vec![circuit.id.clone()],
            format!(
                "Routecraft does not know peering location {:?} of circuit {}, so it cannot check \
                 that its VNets are in the same geopolitical region.",
                circuit.peering_location, circuit.name
            ),
            "Check the geopolitical region of the peering location by hand.",
        );
        return;
    };
    for vnet in cx.linked_vnets(circuit.id.as_str()) {
        match facts::region(&vnet.region) {
            Some(region) if region.geography != location.geography => out.push(
                &GEOGRAPHY,
                vec![circuit.id.clone(), vnet.id.clone()],
                format!(
                    "VNet {} is in {} ({}), but Standard circuit {} at {} reaches only {}.",
                    vnet.name,
                    region.display,
                    region.geography,
                    circuit.name,
                    location.name,
                    location.geography
                ),
                "Upgrade the circuit to Premium, or link the VNet to a circuit in its own geography.",
            ),
            Some(_) => {}
            None => out.push(
                &PLACE_UNKNOWN,
                vec![vnet.id.clone(), circuit.id.clone()],
                format!(
                    "Routecraft does not know region {:?} of VNet {}, so it cannot check that \
                     Standard circuit {} reaches it.",
                    vnet.region, vnet.name, circuit.name
                ),
                "Check the region's geopolitical region by hand, or use its ARM name.",
            ),
        }
    }
}

fn global_reach(cx: &Context, circuit: &Circuit, out: &mut Findings) {
    for gr in &circuit.global_reach {
        let Some(peer) = cx.circuits.get(gr.peer_circuit.as_str()).copied() else {
            continue;
        };
        let elements = vec![circuit.id.clone(), gr.id.clone(), peer.id.clone()];
        let mut problems = Vec::new();
        if peer.id == circuit.id {
            problems.push("it connects the circuit to itself".to_owned());
        } else if peer
            .peering_location
            .eq_ignore_ascii_case(&circuit.peering_location)
        {
            problems.push(format!(
                "both circuits are at {}, and Global Reach needs different peering locations",
                circuit.peering_location
            ));
        }
        let geo = |c: &Circuit| facts::peering_location(&c.peering_location).map(|l| l.geography);
        if let (Some(a), Some(b)) = (geo(circuit), geo(peer)) {
            if a != b && !(circuit.tier == Tier::Premium && peer.tier == Tier::Premium) {
                problems.push(format!(
                    "the circuits are in {a} and {b}, and crossing geopolitical regions needs \
                     Premium on both"
                ));
            }
        }
        if gr.address_prefix.prefix_len() != facts::GLOBAL_REACH_PREFIX_V4 {
            problems.push(format!(
                "its address prefix {} is not a /{}",
                gr.address_prefix,
                facts::GLOBAL_REACH_PREFIX_V4
            ));
        }
        for c in [circuit, peer] {
            if c.peering(PeeringKind::AzurePrivatePeering).is_none() {
                problems.push(format!("circuit {} has no private peering", c.name));
            }
        }
        problems.dedup();
        if problems.is_empty() {
            continue;
        }
        out.push(
            &GLOBAL_REACH,
            elements,
            format!(
                "Global Reach from {} to {} will not work: {}.",
                circuit.name,
                peer.name,
                problems.join("; ")
            ),
            "Connect private peerings of circuits at different locations, with a /29 and \
             Premium on both when they are in different geopolitical regions.",
        );
    }
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

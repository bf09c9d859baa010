//! Where a circuit reaches: how many VNets it links, in which regions,
//! what ExpressRoute Local allows, and Global Reach between circuits.

use std::collections::{BTreeMap, BTreeSet};

use super::circuit::mbps;
use super::context::Context;
use super::{Findings, RuleInfo, Severity};
use crate::facts;
use crate::model::*;

pub(super) const LOCAL_GLOBAL_REACH: RuleInfo = RuleInfo::new(
    "ER-LOCAL-GLOBAL-REACH",
    Severity::Error,
    "ExpressRoute Local has no Global Reach",
    "§3.6",
);

pub(super) const LOCAL_REGION: RuleInfo = RuleInfo::new(
    "ER-LOCAL-REGION",
    Severity::Error,
    "An ExpressRoute Local circuit reaches only the local region of its peering location",
    "§3.7",
);

pub(super) const PLACE_UNKNOWN: RuleInfo = RuleInfo::new(
    "ER-PLACE-UNKNOWN",
    Severity::Info,
    "A region or peering location Routecraft does not know cannot be checked",
    "§3.7",
);

pub(super) const VNET_LINKS: RuleInfo = RuleInfo::new(
    "ER-VNET-LINKS",
    Severity::Error,
    "VNet links and Global Reach connections on a circuit stay within its tier's limit",
    "§3.1",
);

pub(super) const GEOGRAPHY: RuleInfo = RuleInfo::new(
    "ER-GEOGRAPHY",
    Severity::Error,
    "A Standard circuit links only VNets of its own geopolitical region",
    "§3.1",
);

pub(super) const GLOBAL_REACH: RuleInfo = RuleInfo::new(
    "ER-GLOBAL-REACH",
    Severity::Error,
    "Global Reach joins private peerings of two circuits at different locations with a /29",
    "§3.6",
);

pub(super) fn check(cx: &Context, out: &mut Findings) {
    let partners = global_reach_partners(cx);
    for circuit in &cx.design.circuits {
        local(cx, circuit, out);
        links(cx, circuit, partners.get(circuit.id.as_str()), out);
        geography(cx, circuit, out);
        global_reach(cx, circuit, out);
    }
}

fn local(cx: &Context, circuit: &Circuit, out: &mut Findings) {
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

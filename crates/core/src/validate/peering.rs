//! Peering rules: link subnets, VLANs, ASNs, and what Microsoft peering
//! needs beyond private peering.

use std::collections::BTreeMap;

use ipnet::IpNet;

use super::addressing::Cover;
use super::context::Context;
use super::{list, Findings, RuleInfo, Severity};
use crate::facts::{self, AsnReservation};
use crate::model::*;

pub(super) const PREFIX_SIZE: RuleInfo = RuleInfo::new(
    "ER-PEERING-PREFIX-SIZE",
    Severity::Error,
    "Peering link subnets are /30 (IPv6 /126) network prefixes",
    "§2.2",
);
pub(super) const PREFIX_OVERLAP: RuleInfo = RuleInfo::new(
    "ER-PEERING-PREFIX-OVERLAP",
    Severity::Error,
    "Primary and secondary link subnets are distinct and overlap no VNet address space",
    "§2.2",
);
pub(super) const DUPLICATE_KIND: RuleInfo = RuleInfo::new(
    "ER-PEERING-DUPLICATE",
    Severity::Error,
    "A circuit has at most one peering of each kind",
    "§2.1",
);
pub(super) const VLAN_DUPLICATE: RuleInfo = RuleInfo::new(
    "ER-VLAN-DUPLICATE",
    Severity::Error,
    "VLAN IDs are unique per circuit, and per port pair on Direct with Dot1Q",
    "§2.2",
);
pub(super) const VLAN_RANGE: RuleInfo = RuleInfo::new(
    "ER-VLAN-RANGE",
    Severity::Error,
    "VLAN IDs are valid 802.1Q IDs",
    "§2.2",
);
pub(super) const PEER_ASN_RESERVED: RuleInfo = RuleInfo::new(
    "ER-PEER-ASN-RESERVED",
    Severity::Error,
    "A peer ASN is not reserved by Microsoft or IANA",
    "§2.3",
);
pub(super) const MS_PRIVATE_ASN: RuleInfo = RuleInfo::new(
    "ER-MS-PEERING-PRIVATE-ASN",
    Severity::Info,
    "Microsoft peering with a private ASN needs manual validation",
    "§2.3",
);
pub(super) const MS_PUBLIC_ADDRESSES: RuleInfo = RuleInfo::new(
    "ER-MS-PEERING-PUBLIC-ADDRESSES",
    Severity::Error,
    "Microsoft peering uses only public addresses, for its link subnets and advertised prefixes",
    "§2.4",
);
pub(super) const MS_DOCUMENTATION_RANGE: RuleInfo = RuleInfo::new(
    "ER-MS-PEERING-DOCUMENTATION-RANGE",
    Severity::Info,
    "Documentation ranges on Microsoft peering are placeholders for registered prefixes",
    "§2.4",
);
pub(super) const MS_ROUTE_FILTER: RuleInfo = RuleInfo::new(
    "ER-MS-PEERING-ROUTE-FILTER",
    Severity::Error,
    "Microsoft peering has a route filter that allows at least one community",
    "§2.5",
);
pub(super) const MS_PREFIX_COUNT: RuleInfo = RuleInfo::new(
    "ER-MS-PEERING-PREFIX-COUNT",
    Severity::Error,
    "Prefixes advertised over Microsoft peering stay within the per-session limit",
    "§2.7",
);
pub(super) const ROUTE_FILTER_COMMUNITY: RuleInfo = RuleInfo::new(
    "ER-ROUTE-FILTER-COMMUNITY",
    Severity::Warning,
    "A route filter allows only known service and regional communities",
    "§2.6",
);
pub(super) const M365_AUTHORIZATION: RuleInfo = RuleInfo::new(
    "ER-M365-AUTHORIZATION",
    Severity::Info,
    "Microsoft 365 communities need Microsoft's authorization",
    "§2.5",
);
pub(super) const M365_PREMIUM: RuleInfo = RuleInfo::new(
    "ER-M365-PREMIUM",
    Severity::Warning,
    "Microsoft 365 over ExpressRoute needs the Premium add-on",
    "§1.2",
);
pub(super) const PUBLIC_PEERING: RuleInfo = RuleInfo::new(
    "ER-PUBLIC-PEERING",
    Severity::Error,
    "Public peering is deprecated and not available to new circuits",
    "§2.1",
);
pub(super) const SEPARATION: RuleInfo = RuleInfo::new(
    "ER-PEERING-SEPARATION",
    Severity::Error,
    "Private and Microsoft peering are on separate circuits when the customer asks for it",
    "§2.1",
);

pub(super) fn check(cx: &Context, out: &mut Findings) {
    for circuit in &cx.design.circuits {
        let vnet_space = vnet_space(cx, circuit);
        let cover = Cover::new(vnet_space.iter().map(|(n, _)| n));
        for peering in &circuit.peerings {
            link_subnets(circuit, peering, (&vnet_space, &cover), out);
            asn(circuit, peering, out);
            if peering.kind == PeeringKind::MicrosoftPeering {
                microsoft(circuit, peering, out);
            }
            if peering.kind == PeeringKind::AzurePublicPeering {
                out.push(
                    &PUBLIC_PEERING,
                    vec![peering.id.clone(), circuit.id.clone()],
                    format!(
                        "Circuit {} has public peering, which Azure has retired and no longer \
                         offers to new circuits.",
                        circuit.name
                    ),
                    "Reach Azure public services through Microsoft peering instead.",
                );
            }
        }
        duplicates(circuit, out);
        separation(cx, circuit, out);
    }
    vlans(cx, out);
}

/// The VNet address ranges a circuit's link subnets must stay clear of:
/// those of its customer's VNets and of every VNet linked to it.
fn vnet_space<'a>(cx: &Context<'a>, circuit: &Circuit) -> Vec<(IpNet, &'a Vnet)> {
    let linked = cx.linked_vnets(circuit.id.as_str());
    cx.design
        .vnets
        .iter()
        .filter(|v| {
            cx.customer_id_of_subscription(&v.subscription) == Some(&circuit.customer)
                || linked.iter().any(|l| l.id == v.id)
        })
        .flat_map(|v| v.address_space.iter().map(move |n| (*n, v)))
        .collect()
}

fn link_subnets(
    circuit: &Circuit,
    peering: &Peering,
    (vnet_space, cover): (&[(IpNet, &Vnet)], &Cover),
    out: &mut Findings,
) {
    let what = format!("The {} of circuit {}", peering.kind.label(), circuit.name);
    let v4 = [peering.primary_prefix, peering.secondary_prefix].map(IpNet::V4);
    let v6 = peering
        .ipv6
        .map(|v| [v.primary_prefix, v.secondary_prefix].map(IpNet::V6));

    let mut sets = vec![(v4, facts::PEERING_LINK_PREFIX_V4)];
    sets.extend(v6.map(|p| (p, facts::PEERING_LINK_PREFIX_V6)));
    for (pair, len) in &sets {
        for (side, net) in ["primary", "secondary"].iter().zip(pair) {
            if net.prefix_len() != *len || net.trunc() != *net {
                out.push(
                    &PREFIX_SIZE,
                    vec![peering.id.clone(), circuit.id.clone()],
                    format!("{what} has {side} link subnet {net}; each link needs a /{len} network prefix."),
                    format!("Use a /{len} such as {}/{len}.", net.trunc().network()),
                );
            }
        }
        let [primary, secondary] = pair;
        if primary.contains(&secondary.network()) || secondary.contains(&primary.network()) {
            out.push(
                &PREFIX_OVERLAP,
                vec![peering.id.clone(), circuit.id.clone()],
                format!("{what} uses {primary} and {secondary}, which overlap; the two links need distinct subnets."),
                "Split a /29 into two /30s: the first for the primary link, the second for the secondary.",
            );
        }
        for net in pair.iter().filter(|n| cover.touches(n)) {
            for (space, vnet) in vnet_space {
                if space.contains(&net.network()) || net.contains(&space.network()) {
                    out.push(
                        &PREFIX_OVERLAP,
                        vec![peering.id.clone(), vnet.id.clone()],
                        format!(
                            "{what} uses {net}, which overlaps address space {space} of VNet {}.",
                            vnet.name
                        ),
                        "Take the link subnets from a range that no VNet uses.",
                    );
                }
            }
        }
    }
}

fn asn(circuit: &Circuit, peering: &Peering, out: &mut Findings) {
    let customer_asn = peering.microsoft.as_ref().and_then(|m| m.customer_asn);
    for (role, asn) in [
        ("peer ASN", Some(peering.peer_asn)),
        ("customer ASN", customer_asn),
    ] {
        let Some(asn) = asn else { continue };
        if let Some(reason) = facts::asn_reservation(asn) {
            let by = match reason {
                AsnReservation::Microsoft => "Microsoft's own ASNs",
                AsnReservation::AzureInternal => "the ASNs Azure reserves for internal use",
                AsnReservation::Iana => "the ASNs reserved by IANA",
            };
            out.push(
                &PEER_ASN_RESERVED,
                vec![peering.id.clone(), circuit.id.clone()],
                format!(
                    "The {} of circuit {} uses {role} {asn}, one of {by}.",
                    peering.kind.label(),
                    circuit.name
                ),
                "Use the customer's or CSP's own public ASN, or a private ASN outside 65515-65520.",
            );
        } else if peering.kind == PeeringKind::MicrosoftPeering && facts::is_private_asn(asn) {
            out.push(
                &MS_PRIVATE_ASN,
                vec![peering.id.clone(), circuit.id.clone()],
                format!(
                    "The Microsoft peering of circuit {} uses private {role} {asn}; Microsoft \
                     validates it by hand, and private ASNs are stripped so prepending them has no effect.",
                    circuit.name
                ),
                "Expect a support case with proof of the prefixes, or peer with a public ASN.",
            );
        }
    }
}

fn microsoft(circuit: &Circuit, peering: &Peering, out: &mut Findings) {
    let config = peering.microsoft.clone().unwrap_or_default();
    let elements = vec![peering.id.clone(), circuit.id.clone()];

    let links = [peering.primary_prefix, peering.secondary_prefix].map(IpNet::V4);
    let v6 = peering
        .ipv6
        .map(|v| [v.primary_prefix, v.secondary_prefix].map(IpNet::V6));
    let all = links
        .iter()
        .chain(v6.iter().flatten())
        .map(|n| ("link subnet", n))
        .chain(
            config
                .advertised_public_prefixes
                .iter()
                .map(|n| ("advertised prefix", n)),
        );
    let (mut bad, mut examples) = (Vec::new(), Vec::new());
    for (role, net) in all {
        match facts::non_public_range(net) {
            Some(range) if range.documentation => examples.push(format!("{role} {net}")),
            Some(range) => bad.push(format!("{role} {net} ({})", range.purpose)),
            None => {}
        }
    }
    if !bad.is_empty() {
        out.push(
            &MS_PUBLIC_ADDRESSES,
            elements.clone(),
            format!(
                "The Microsoft peering of circuit {} uses addresses that are not public: {}.",
                circuit.name,
                list(&bad)
            ),
            "Use public prefixes registered to the customer or the CSP, and NAT private \
             addresses to them.",
        );
    }
    if !examples.is_empty() {
        out.push(
            &MS_DOCUMENTATION_RANGE,
            elements.clone(),
            format!(
                "The Microsoft peering of circuit {} uses documentation addresses as \
                 placeholders: {}.",
                circuit.name,
                list(&examples)
            ),
            "Replace them with the customer's or CSP's registered public prefixes before deploying.",
        );
    }

    let count = config.advertised_public_prefixes.len();
    if count > facts::MICROSOFT_PEERING_ROUTE_LIMIT as usize {
        out.push(
            &MS_PREFIX_COUNT,
            elements.clone(),
            format!(
                "The Microsoft peering of circuit {} advertises {count} prefixes; above {} per \
                 BGP session Azure drops the session.",
                circuit.name,
                facts::MICROSOFT_PEERING_ROUTE_LIMIT
            ),
            "Aggregate the public prefixes.",
        );
    }

    route_filter(circuit, config.route_filter.as_ref(), elements, out);
}

fn route_filter(
    circuit: &Circuit,
    filter: Option<&RouteFilter>,
    mut elements: Vec<Id>,
    out: &mut Findings,
) {
    let Some(filter) = filter.filter(|f| !f.communities.is_empty()) else {
        out.push(
            &MS_ROUTE_FILTER,
            elements,
            format!(
                "The Microsoft peering of circuit {} has no route filter allowing any community, \
                 so it receives no Microsoft prefixes at all.",
                circuit.name
            ),
            "Attach a route filter that allows the communities of the services the customer uses.",
        );
        return;
    };
    elements.insert(0, filter.id.clone());

    let unknown: Vec<&String> = filter
        .communities
        .iter()
        .filter(|c| !facts::is_route_filter_community(c))
        .collect();
    if !unknown.is_empty() {
        out.push(
            &ROUTE_FILTER_COMMUNITY,
            elements.clone(),
            format!(
                "Route filter {} allows {}, which {} no service or regional community Routecraft knows.",
                filter.name,
                list(&unknown),
                if unknown.len() == 1 { "is" } else { "are" }
            ),
            "Check the values against Get-AzBgpServiceCommunity.",
        );
    }

    let m365: Vec<&str> = filter
        .communities
        .iter()
        .filter_map(|c| facts::service_community(c))
        .filter(|s| s.needs_authorization)
        .map(|s| s.service)
        .collect();
    if m365.is_empty() {
        return;
    }
    out.push(
        &M365_AUTHORIZATION,
        elements.clone(),
        format!(
            "Route filter {} allows {}, which Microsoft must authorize for the customer first.",
            filter.name,
            list(&m365)
        ),
        "Ask Microsoft for authorization of Microsoft 365 over ExpressRoute.",
    );
    if circuit.tier != Tier::Premium {
        out.push(
            &M365_PREMIUM,
            elements,
            format!(
                "Circuit {} is {} but its route filter allows Microsoft 365 services ({}); \
                 Microsoft 365 over ExpressRoute needs the Premium add-on.",
                circuit.name,
                circuit.tier.as_str(),
                list(&m365)
            ),
            "Upgrade the circuit to Premium, or reach Microsoft 365 over the internet.",
        );
    }
}

fn duplicates(circuit: &Circuit, out: &mut Findings) {
    for kind in PeeringKind::ALL {
        let same: Vec<Id> = circuit
            .peerings
            .iter()
            .filter(|p| p.kind == kind)
            .map(|p| p.id.clone())
            .collect();
        if same.len() > 1 {
            let mut elements = vec![circuit.id.clone()];
            elements.extend(same.iter().cloned());
            out.push(
                &DUPLICATE_KIND,
                elements,
                format!(
                    "Circuit {} has {} {}s; a circuit has one of each kind.",
                    circuit.name,
                    same.len(),
                    kind.label()
                ),
                "Remove the extra peering.",
            );
        }
    }
}

fn vlans(cx: &Context, out: &mut Findings) {
    let mut groups: BTreeMap<(String, u16), Vec<(&Circuit, &Peering)>> = BTreeMap::new();
    for circuit in &cx.design.circuits {
        let port = circuit
            .direct_port
            .as_ref()
            .and_then(|p| cx.direct_ports.get(p.as_str()))
            .filter(|p| {
                circuit.kind == CircuitKind::Direct && p.encapsulation == Encapsulation::Dot1Q
            });
        let scope = match port {
            Some(p) => format!("port {}", p.id),
            None => format!("circuit {}", circuit.id),
        };
        for peering in &circuit.peerings {
            groups
                .entry((scope.clone(), peering.vlan_id))
                .or_default()
                .push((circuit, peering));
            if !facts::VLAN_ID_RANGE.contains(&peering.vlan_id) {
                out.push(
                    &VLAN_RANGE,
                    vec![peering.id.clone(), circuit.id.clone()],
                    format!(
                        "The {} of circuit {} uses VLAN {}; Routecraft takes 802.1Q's {} to {} as \
                         the valid range, since Azure does not document one.",
                        peering.kind.label(),
                        circuit.name,
                        peering.vlan_id,
                        facts::VLAN_ID_RANGE.start(),
                        facts::VLAN_ID_RANGE.end()
                    ),
                    "Choose a VLAN ID within the range.",
                );
            }
        }
    }
    for ((scope, vlan), users) in groups.into_iter().filter(|(_, u)| u.len() > 1) {
        let on_port = scope.starts_with("port ");
        out.push(
            &VLAN_DUPLICATE,
            users.iter().map(|(_, p)| p.id.clone()).collect(),
            format!(
                "VLAN {vlan} is used by {} peerings ({}); {}",
                users.len(),
                list(
                    users
                        .iter()
                        .map(|(c, p)| format!("{} {}", c.name, p.kind.label()))
                ),
                if on_port {
                    "with Dot1Q tagging a VLAN ID is unique across the whole Direct port pair."
                } else {
                    "each peering of a circuit needs its own VLAN ID."
                }
            ),
            "Give each peering its own VLAN ID.",
        );
    }
}

fn separation(cx: &Context, circuit: &Circuit, out: &mut Findings) {
    let Some(customer) = cx.customers.get(circuit.customer.as_str()) else {
        return;
    };
    let private = circuit.peering(PeeringKind::AzurePrivatePeering);
    let microsoft = circuit.peering(PeeringKind::MicrosoftPeering);
    if let (true, Some(private), Some(microsoft)) = (
        customer.security.separate_microsoft_peering,
        private,
        microsoft,
    ) {
        out.push(
            &SEPARATION,
            vec![circuit.id.clone(), private.id.clone(), microsoft.id.clone()],
            format!(
                "Circuit {} carries both private and Microsoft peering, but {}'s security posture \
                 asks to keep Microsoft peering on a separate circuit.",
                circuit.name, customer.name
            ),
            "Move Microsoft peering to a circuit of its own, ending on the customer's DMZ routers.",
        );
    }
}

//! IPsec over ExpressRoute private peering: a VPN gateway beside the
//! ExpressRoute gateway, on a SKU that supports it, with prefixes that make
//! the tunnel the preferred path (§7.3).

use std::collections::BTreeSet;

use ipnet::IpNet;

use super::context::Context;
use super::{list, Findings, RuleInfo, Severity};
use crate::facts;
use crate::model::*;

pub(super) const IPSEC_SKU: RuleInfo = RuleInfo::new(
    "ER-IPSEC-SKU",
    Severity::Error,
    "IPsec over private peering runs on a VpnGw1AZ to VpnGw5AZ gateway",
    "§7.3",
);
pub(super) const IPSEC_ERGWSCALE: RuleInfo = RuleInfo::new(
    "ER-IPSEC-ERGWSCALE",
    Severity::Error,
    "IPsec over private peering is not supported beside an ErGwScale gateway",
    "§7.3",
);
pub(super) const IPSEC_PREREQUISITES: RuleInfo = RuleInfo::new(
    "ER-IPSEC-PREREQUISITES",
    Severity::Error,
    "IPsec over private peering needs gateway private IPs and a linked ExpressRoute gateway",
    "§7.3",
);

pub(super) const IPSEC_PREFIXES: RuleInfo = RuleInfo::new(
    "ER-IPSEC-PREFIXES",
    Severity::Warning,
    "Prefixes through an IPsec tunnel over private peering are more specific than those over ExpressRoute",
    "§7.3",
);

pub(super) fn check(cx: &Context, out: &mut Findings) {
    for vpn in cx.design.vpn_connections.iter() {
        let Some(gateway) = cx.gateways.get(vpn.gateway.as_str()).copied() else {
            continue;
        };
        if gateway.kind != GatewayKind::Vpn {
            out.push(
                &super::gateway::CONNECTION_GATEWAY,
                vec![vpn.id.clone(), gateway.id.clone()],
                format!(
                    "VPN connection {} ends on {}, which is not a VPN gateway.",
                    vpn.name, gateway.name
                ),
                "End the tunnel on the VNet's VPN gateway.",
            );
            continue;
        }
        if !vpn.over_private_peering {
            continue;
        }
        if !facts::IPSEC_OVER_PRIVATE_PEERING_SKUS.contains(&gateway.sku) {
            out.push(
                &IPSEC_SKU,
                vec![vpn.id.clone(), gateway.id.clone()],
                format!(
                    "VPN connection {} runs IPsec over private peering on gateway {} ({}); only \
                     {} support it.",
                    vpn.name,
                    gateway.name,
                    gateway.sku.as_str(),
                    list(
                        facts::IPSEC_OVER_PRIVATE_PEERING_SKUS
                            .iter()
                            .map(|s| s.as_str())
                    )
                ),
                "Choose a zone-redundant VpnGw AZ SKU with a Standard public IP.",
            );
        }

        let er: Vec<&Gateway> = cx
            .gateways_in(gateway.vnet.as_str())
            .iter()
            .copied()
            .filter(|g| g.kind == GatewayKind::ExpressRoute)
            .collect();
        for scale in er.iter().filter(|g| g.sku == GatewaySku::ErGwScale) {
            out.push(
                &IPSEC_ERGWSCALE,
                vec![vpn.id.clone(), scale.id.clone()],
                format!(
                    "VPN connection {} runs IPsec over private peering beside ErGwScale gateway \
                     {}, which does not support it.",
                    vpn.name, scale.name
                ),
                "Use an ErGw1AZ to ErGw3AZ gateway for the ExpressRoute side.",
            );
        }
        let linked = er.iter().any(|g| {
            cx.connections_of_gateway(g.id.as_str())
                .iter()
                .filter_map(|c| cx.circuits.get(c.circuit.as_str()))
                .any(|c| c.peering(PeeringKind::AzurePrivatePeering).is_some())
        });
        let mut missing = Vec::new();
        if !linked {
            missing.push(
                "an ExpressRoute gateway in the same VNet linked to a circuit with private peering",
            );
        }
        if !gateway.private_ip_enabled {
            missing.push("gateway private IPs turned on for the VPN gateway");
        }
        prefixes(cx, vpn, &er, out);
        if !missing.is_empty() {
            out.push(
                &IPSEC_PREREQUISITES,
                vec![vpn.id.clone(), gateway.id.clone()],
                format!(
                    "VPN connection {} runs IPsec over private peering but lacks {}.",
                    vpn.name,
                    list(&missing)
                ),
                "Add what is missing so the tunnel can reach the gateway's private address.",
            );
        }
    }
}

/// Warns about tunnel prefixes that on-premises also advertises, exactly,
/// over the ExpressRoute circuits of the same VNet: Azure then prefers the
/// plain ExpressRoute path and the traffic goes unencrypted.
fn prefixes(cx: &Context, vpn: &VpnConnection, er: &[&Gateway], out: &mut Findings) {
    let mut over_er: BTreeSet<IpNet> = BTreeSet::new();
    for gateway in er {
        for connection in cx.connections_of_gateway(gateway.id.as_str()) {
            for site in cx.domain(connection.circuit.as_str()) {
                over_er.extend(site.advertised.iter().map(IpNet::trunc));
            }
        }
    }
    let same: Vec<IpNet> = vpn
        .remote_prefixes
        .iter()
        .map(IpNet::trunc)
        .filter(|p| over_er.contains(p))
        .collect();
    if same.is_empty() {
        return;
    }
    out.push(
        &IPSEC_PREFIXES,
        vec![vpn.id.clone()],
        format!(
            "VPN connection {} carries {}, which on-premises also advertises over ExpressRoute; \
             with equal prefixes Azure takes the ExpressRoute path and the traffic is not encrypted.",
            vpn.name,
            list(&same)
        ),
        "Advertise more specific prefixes through the tunnel than over ExpressRoute.",
    );
}

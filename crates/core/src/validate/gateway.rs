//! Gateway rules: one of each type per VNet in a sound GatewaySubnet, SKUs
//! that fit their kind and circuits, and connections with their
//! authorizations.

use std::collections::{BTreeMap, BTreeSet};

use ipnet::IpNet;

use super::context::Context;
use super::{list, Findings, RuleInfo, Severity};
use crate::facts;
use crate::model::*;

pub(super) const PER_VNET: RuleInfo = RuleInfo::new(
    "ER-GATEWAY-PER-VNET",
    Severity::Error,
    "A VNet has at most one ExpressRoute gateway and one VPN gateway",
    "§3.2",
);
pub(super) const SUBNET_MISSING: RuleInfo = RuleInfo::new(
    "ER-GATEWAY-SUBNET-MISSING",
    Severity::Error,
    "A VNet with a gateway has a subnet named GatewaySubnet",
    "§3.5",
);
pub(super) const SUBNET_MIN: RuleInfo = RuleInfo::new(
    "ER-GATEWAY-SUBNET-MIN",
    Severity::Error,
    "GatewaySubnet is at least /29, and /26 for a gateway with more than 8 circuits",
    "§3.5",
);
pub(super) const SUBNET_SIZE: RuleInfo = RuleInfo::new(
    "ER-GATEWAY-SUBNET-SIZE",
    Severity::Warning,
    "GatewaySubnet is /27 or larger, and /26 where the SKU takes 16 circuits",
    "§3.5",
);
pub(super) const SUBNET_CONTENTS: RuleInfo = RuleInfo::new(
    "ER-GATEWAY-SUBNET-CONTENTS",
    Severity::Error,
    "Nothing but gateways stands in GatewaySubnet",
    "§3.5",
);
pub(super) const SUBNET_NSG: RuleInfo = RuleInfo::new(
    "ER-GATEWAY-SUBNET-NSG",
    Severity::Error,
    "GatewaySubnet has no network security group",
    "§3.5",
);
pub(super) const SUBNET_DEFAULT_ROUTE: RuleInfo = RuleInfo::new(
    "ER-GATEWAY-SUBNET-DEFAULT-ROUTE",
    Severity::Error,
    "GatewaySubnet's route table has no 0.0.0.0/0 route",
    "§3.5",
);
pub(super) const SUBNET_PROPAGATION: RuleInfo = RuleInfo::new(
    "ER-GATEWAY-SUBNET-PROPAGATION",
    Severity::Error,
    "GatewaySubnet keeps gateway route propagation on",
    "§4.6",
);
pub(super) const SKU_KIND: RuleInfo = RuleInfo::new(
    "ER-GATEWAY-SKU-KIND",
    Severity::Error,
    "A gateway's SKU belongs to its type",
    "§3.4",
);
pub(super) const SCALE_UNITS: RuleInfo = RuleInfo::new(
    "ER-GATEWAY-SCALE-UNITS",
    Severity::Error,
    "An ErGwScale gateway has between 1 and 40 scale units",
    "§3.4",
);
pub(super) const CONNECTION_GATEWAY: RuleInfo = RuleInfo::new(
    "ER-CONNECTION-GATEWAY",
    Severity::Error,
    "Circuits connect to ExpressRoute gateways, and VPN tunnels to VPN gateways",
    "§3.2",
);
pub(super) const CIRCUITS: RuleInfo = RuleInfo::new(
    "ER-GATEWAY-CIRCUITS",
    Severity::Error,
    "Circuits on a gateway stay within its SKU's limit",
    "§3.2",
);
pub(super) const CIRCUITS_PER_LOCATION: RuleInfo = RuleInfo::new(
    "ER-GATEWAY-CIRCUITS-PER-LOCATION",
    Severity::Error,
    "A VNet links at most 4 circuits from one peering location",
    "§3.2",
);
pub(super) const FAST_PATH: RuleInfo = RuleInfo::new(
    "ER-FASTPATH",
    Severity::Error,
    "FastPath only on gateway SKUs that support it",
    "§3.4",
);
pub(super) const ROUTING_WEIGHT: RuleInfo = RuleInfo::new(
    "ER-ROUTING-WEIGHT",
    Severity::Error,
    "A connection's routing weight is within 0 to 32000",
    "§4.7",
);
pub(super) const AUTHORIZATION: RuleInfo = RuleInfo::new(
    "ER-CONNECTION-AUTHORIZATION",
    Severity::Error,
    "A gateway in another subscription than the circuit redeems an authorization for its subscription",
    "§3.8",
);
pub(super) const AUTHORIZATION_REUSED: RuleInfo = RuleInfo::new(
    "ER-AUTHORIZATION-REUSED",
    Severity::Error,
    "An authorization is redeemed by one connection only",
    "§3.8",
);
pub(super) const COEXIST: RuleInfo = RuleInfo::new(
    "ER-COEXIST",
    Severity::Error,
    "Coexisting ExpressRoute and VPN gateways use non-Basic SKUs and a /27 or larger GatewaySubnet",
    "§3.5",
);
pub(super) fn check(cx: &Context, out: &mut Findings) {
    for gateway in &cx.design.gateways {
        sku(gateway, out);
        circuits(cx, gateway, out);
    }
    for vnet in &cx.design.vnets {
        per_vnet(cx, vnet, out);
        gateway_subnet(cx, vnet, out);
    }
    connections(cx, out);
    appliances(cx, out);
}

fn gw_kind(kind: GatewayKind) -> &'static str {
    match kind {
        GatewayKind::ExpressRoute => "ExpressRoute",
        GatewayKind::Vpn => "VPN",
    }
}

fn sku(gateway: &Gateway, out: &mut Findings) {
    let er = gateway.kind == GatewayKind::ExpressRoute;
    if er != gateway.sku.is_express_route() {
        out.push(
            &SKU_KIND,
            vec![gateway.id.clone()],
            format!(
                "Gateway {} is an {} gateway with SKU {}, which is a{} SKU.",
                gateway.name,
                gw_kind(gateway.kind),
                gateway.sku.as_str(),
                if er { " VPN" } else { "n ExpressRoute" }
            ),
            format!("Choose an {} SKU.", gw_kind(gateway.kind)),
        );
    }
    let units = gateway.scale_units;
    if gateway.sku == GatewaySku::ErGwScale
        && !units.is_some_and(|u| facts::ERGW_SCALE_UNITS.contains(&u))
    {
        out.push(
            &SCALE_UNITS,
            vec![gateway.id.clone()],
            format!(
                "Gateway {} is ErGwScale with {} scale units; it takes {} to {}.",
                gateway.name,
                units.map_or("no".to_owned(), |u| u.to_string()),
                facts::ERGW_SCALE_UNITS.start(),
                facts::ERGW_SCALE_UNITS.end()
            ),
            "Set the scale units within the range.",
        );
    }
}

fn per_vnet(cx: &Context, vnet: &Vnet, out: &mut Findings) {
    for kind in [GatewayKind::ExpressRoute, GatewayKind::Vpn] {
        let same: Vec<&Gateway> = cx
            .gateways_in(vnet.id.as_str())
            .iter()
            .copied()
            .filter(|g| g.kind == kind)
            .collect();
        if same.len() > 1 {
            let mut elements = vec![vnet.id.clone()];
            elements.extend(same.iter().map(|g| g.id.clone()));
            out.push(
                &PER_VNET,
                elements,
                format!(
                    "VNet {} has {} {} gateways ({}); a VNet has one of each type.",
                    vnet.name,
                    same.len(),
                    gw_kind(kind),
                    list(same.iter().map(|g| g.name.as_str()))
                ),
                "Keep one gateway and connect every circuit to it.",
            );
        }
    }
}

fn gateway_subnet(cx: &Context, vnet: &Vnet, out: &mut Findings) {
    let gateways = cx.gateways_in(vnet.id.as_str());
    let subnet = vnet.subnets.iter().find(|s| s.is_gateway_subnet());

    let Some(subnet) = subnet else {
        if !gateways.is_empty() {
            out.push(
                &SUBNET_MISSING,
                vec![vnet.id.clone()],
                format!(
                    "VNet {} has gateway {} but no subnet named {}.",
                    vnet.name,
                    list(gateways.iter().map(|g| g.name.as_str())),
                    facts::GATEWAY_SUBNET_NAME
                ),
                format!(
                    "Add a /{} subnet named exactly {}.",
                    facts::GATEWAY_SUBNET_RECOMMENDED_PREFIX,
                    facts::GATEWAY_SUBNET_NAME
                ),
            );
        }
        return;
    };
    let ids = vec![subnet.id.clone(), vnet.id.clone()];
    let name = format!("{}/{}", vnet.name, subnet.name);

    if let Some(nsg) = subnet
        .nsg
        .as_ref()
        .filter(|n| cx.nsgs.contains_key(n.as_str()))
    {
        out.push(
            &SUBNET_NSG,
            vec![subnet.id.clone(), nsg.clone()],
            format!(
                "{name} has network security group {}; Azure blocks gateways behind an NSG.",
                cx.name(nsg)
            ),
            "Remove the NSG from GatewaySubnet and filter in the workload subnets instead.",
        );
    }
    if let Some(table) = subnet
        .route_table
        .as_ref()
        .and_then(|t| cx.route_tables.get(t.as_str()))
    {
        for route in table.routes.iter().filter(|r| r.prefix.prefix_len() == 0) {
            out.push(
                &SUBNET_DEFAULT_ROUTE,
                vec![subnet.id.clone(), route.id.clone()],
                format!(
                    "Route table {} on {name} sends {} to {}; a default route on GatewaySubnet \
                     stops the gateway from working.",
                    table.name,
                    route.prefix,
                    route.next_hop.as_str()
                ),
                "Remove the default route from GatewaySubnet's table; more specific routes are fine.",
            );
        }
        if !table.propagate_gateway_routes {
            out.push(
                &SUBNET_PROPAGATION,
                vec![subnet.id.clone(), table.id.clone()],
                format!(
                    "Route table {} on {name} turns gateway route propagation off, so the \
                     gateway does not function.",
                    table.name
                ),
                "Turn \"propagate gateway routes\" back on for GatewaySubnet's table.",
            );
        }
    }

    let IpNet::V4(prefix) = subnet.prefix else {
        return;
    };
    if gateways.is_empty() {
        return;
    }
    let len = prefix.prefix_len();
    let circuits = gateways
        .iter()
        .filter(|g| g.kind == GatewayKind::ExpressRoute)
        .map(|g| distinct_circuits(cx, g).len())
        .max()
        .unwrap_or(0);
    let takes_16 = gateways.iter().any(|g| {
        facts::gateway_sku_facts(g.sku, g.scale_units.unwrap_or(1))
            .is_some_and(|f| f.max_circuits >= 16)
    });
    let coexist = [GatewayKind::ExpressRoute, GatewayKind::Vpn]
        .iter()
        .all(|k| gateways.iter().any(|g| g.kind == *k));

    if len > facts::GATEWAY_SUBNET_MIN_PREFIX {
        out.push(
            &SUBNET_MIN,
            ids,
            format!(
                "{name} is a /{len}; Azure needs at least a /{}.",
                facts::GATEWAY_SUBNET_MIN_PREFIX
            ),
            format!(
                "Make GatewaySubnet a /{}.",
                facts::GATEWAY_SUBNET_RECOMMENDED_PREFIX
            ),
        );
    } else if circuits > facts::GATEWAY_SUBNET_26_ABOVE_CIRCUITS
        && len > facts::GATEWAY_SUBNET_FOR_16_CIRCUITS
    {
        out.push(
            &SUBNET_MIN,
            ids,
            format!(
                "{name} is a /{len} but its gateway has {circuits} circuits; that many needs a /{}.",
                facts::GATEWAY_SUBNET_FOR_16_CIRCUITS
            ),
            format!("Make GatewaySubnet a /{}.", facts::GATEWAY_SUBNET_FOR_16_CIRCUITS),
        );
    } else if coexist && len > facts::GATEWAY_SUBNET_RECOMMENDED_PREFIX {
        out.push(
            &COEXIST,
            ids,
            format!(
                "{name} is a /{len}; an ExpressRoute and a VPN gateway side by side need a /{} or \
                 larger, and Azure requires deleting and re-creating a smaller one.",
                facts::GATEWAY_SUBNET_RECOMMENDED_PREFIX
            ),
            format!(
                "Make GatewaySubnet a /{}.",
                facts::GATEWAY_SUBNET_RECOMMENDED_PREFIX
            ),
        );
    } else if len > facts::GATEWAY_SUBNET_RECOMMENDED_PREFIX
        || (takes_16 && len > facts::GATEWAY_SUBNET_FOR_16_CIRCUITS)
    {
        let want = if takes_16 {
            facts::GATEWAY_SUBNET_FOR_16_CIRCUITS
        } else {
            facts::GATEWAY_SUBNET_RECOMMENDED_PREFIX
        };
        out.push(
            &SUBNET_SIZE,
            ids,
            format!(
                "{name} is a /{len}; Azure recommends a /{want} or larger so the gateway can grow \
                 without re-creating the subnet."
            ),
            format!("Make GatewaySubnet a /{want}."),
        );
    }

    for vpn in gateways
        .iter()
        .filter(|g| g.kind == GatewayKind::Vpn && g.sku == GatewaySku::Basic)
    {
        if coexist {
            out.push(
                &COEXIST,
                vec![vpn.id.clone(), vnet.id.clone()],
                format!(
                    "VPN gateway {} is Basic, but it stands beside an ExpressRoute gateway in VNet \
                     {}; coexistence needs non-Basic SKUs.",
                    vpn.name, vnet.name
                ),
                "Choose VpnGw1 or larger.",
            );
        }
    }
}

/// The circuits a gateway connects to, each once.
fn distinct_circuits<'a>(cx: &Context<'a>, gateway: &Gateway) -> Vec<&'a Circuit> {
    let mut seen = BTreeSet::new();
    cx.connections_of_gateway(gateway.id.as_str())
        .iter()
        .filter_map(|c| cx.circuits.get(c.circuit.as_str()).copied())
        .filter(|c| seen.insert(c.id.as_str()))
        .collect()
}

fn circuits(cx: &Context, gateway: &Gateway, out: &mut Findings) {
    let Some(sku) = facts::gateway_sku_facts(gateway.sku, gateway.scale_units.unwrap_or(1)) else {
        return;
    };
    let circuits = distinct_circuits(cx, gateway);
    if circuits.len() > sku.max_circuits as usize {
        out.push(
            &CIRCUITS,
            vec![gateway.id.clone()],
            format!(
                "Gateway {} ({}) connects {} circuits; the SKU takes at most {}.",
                gateway.name,
                gateway.sku.as_str(),
                circuits.len(),
                sku.max_circuits
            ),
            "Choose a larger gateway SKU, or remove a circuit.",
        );
    }

    let mut by_location: BTreeMap<String, Vec<&Circuit>> = BTreeMap::new();
    for circuit in circuits {
        by_location
            .entry(circuit.peering_location.to_lowercase())
            .or_default()
            .push(circuit);
    }
    let limit = facts::CIRCUITS_PER_LOCATION_PER_VNET as usize;
    for same in by_location.values().filter(|c| c.len() > limit) {
        let mut elements = vec![gateway.id.clone()];
        elements.extend(same.iter().map(|c| c.id.clone()));
        out.push(
            &CIRCUITS_PER_LOCATION,
            elements,
            format!(
                "Gateway {} links {} circuits from peering location {} ({}); a VNet takes at most \
                 {limit} from one location.",
                gateway.name,
                same.len(),
                same.first().map_or("", |c| c.peering_location.as_str()),
                list(same.iter().map(|c| c.name.as_str()))
            ),
            "Move a circuit to another peering location.",
        );
    }
}

fn connections(cx: &Context, out: &mut Findings) {
    let mut redeemed: BTreeMap<&Id, Vec<&Connection>> = BTreeMap::new();
    for connection in &cx.design.connections {
        let gateway = cx.gateways.get(connection.gateway.as_str()).copied();
        if let Some(g) = gateway.filter(|g| g.kind != GatewayKind::ExpressRoute) {
            out.push(
                &CONNECTION_GATEWAY,
                vec![connection.id.clone(), g.id.clone()],
                format!(
                    "Connection {} links a circuit to {}, which is a VPN gateway.",
                    connection.name, g.name
                ),
                "Connect the circuit to the VNet's ExpressRoute gateway.",
            );
        }
        if connection.routing_weight > facts::ROUTING_WEIGHT_MAX {
            out.push(
                &ROUTING_WEIGHT,
                vec![connection.id.clone()],
                format!(
                    "Connection {} has routing weight {}; Azure accepts 0 to {}.",
                    connection.name,
                    connection.routing_weight,
                    facts::ROUTING_WEIGHT_MAX
                ),
                format!("Set a weight of at most {}.", facts::ROUTING_WEIGHT_MAX),
            );
        }
        if let Some(auth) = &connection.authorization {
            redeemed.entry(auth).or_default().push(connection);
        }

        let Some(gateway) = gateway else { continue };
        if let Some(sku) = facts::gateway_sku_facts(gateway.sku, gateway.scale_units.unwrap_or(1)) {
            if connection.fast_path && !sku.fast_path {
                out.push(
                    &FAST_PATH,
                    vec![connection.id.clone(), gateway.id.clone()],
                    format!(
                        "Connection {} turns FastPath on, but gateway {} is {}{}; FastPath needs \
                         UltraPerformance, ErGw3AZ or ErGwScale with at least 10 scale units.",
                        connection.name,
                        gateway.name,
                        gateway.sku.as_str(),
                        gateway
                            .scale_units
                            .map(|u| format!(" with {u} scale units"))
                            .unwrap_or_default()
                    ),
                    "Turn FastPath off, or choose a gateway SKU that supports it.",
                );
            }
        }
        authorization(cx, connection, gateway, out);
    }

    for (auth, users) in redeemed.into_iter().filter(|(_, u)| u.len() > 1) {
        let mut elements = vec![auth.clone()];
        elements.extend(users.iter().map(|c| c.id.clone()));
        out.push(
            &AUTHORIZATION_REUSED,
            elements,
            format!(
                "Authorization {auth} is redeemed by {} connections ({}); each authorization key \
                 serves one connection.",
                users.len(),
                list(users.iter().map(|c| c.name.as_str()))
            ),
            "Create one authorization per connection.",
        );
    }
}

fn authorization(cx: &Context, connection: &Connection, gateway: &Gateway, out: &mut Findings) {
    let (Some(vnet), Some(circuit)) = (
        cx.vnet_of_gateway(gateway),
        cx.circuits.get(connection.circuit.as_str()),
    ) else {
        return;
    };
    if vnet.subscription == circuit.subscription {
        return;
    }
    let redeemed = connection
        .authorization
        .as_ref()
        .and_then(|a| circuit.authorizations.iter().find(|x| x.id == *a));
    if redeemed.is_some_and(|a| a.subscription == vnet.subscription) {
        return;
    }
    out.push(
        &AUTHORIZATION,
        vec![connection.id.clone(), circuit.id.clone()],
        format!(
            "Connection {} links gateway {} in subscription {} to circuit {} in subscription {}, \
             without an authorization of the circuit for {}.",
            connection.name,
            gateway.name,
            cx.name(&vnet.subscription),
            circuit.name,
            cx.name(&circuit.subscription),
            cx.name(&vnet.subscription)
        ),
        "Create an authorization on the circuit for the gateway's subscription and redeem it \
         in the connection.",
    );
}

fn appliances(cx: &Context, out: &mut Findings) {
    if cx.design.appliances.is_empty() {
        return;
    }
    let subnets: BTreeMap<&Id, (&Vnet, &Subnet)> = cx
        .design
        .vnets
        .iter()
        .flat_map(|v| v.subnets.iter().map(move |s| (&s.id, (v, s))))
        .collect();
    for appliance in &cx.design.appliances {
        let subnet = subnets.get(&appliance.subnet).copied();
        if let Some((vnet, subnet)) = subnet.filter(|(_, s)| s.is_gateway_subnet()) {
            out.push(
                &SUBNET_CONTENTS,
                vec![appliance.id.clone(), subnet.id.clone()],
                format!(
                    "Appliance {} stands in {}/{}; nothing but gateways may be deployed there.",
                    appliance.name, vnet.name, subnet.name
                ),
                "Put the appliance in a subnet of its own.",
            );
        }
    }
}

//! Peerings with their route filters, and Global Reach connections.

use super::ir::{fields, Arm, Resource, Tf, Value};
use super::naming::resource_name;
use super::plan::{arm_top, tf_top, Builder, NETWORK_API};
use crate::model::*;

fn route_filter(b: &mut Builder<'_>, filter: &RouteFilter, g: usize) -> String {
    let name = resource_name(&filter.name, filter.id.as_str());
    let key = b.symbols.make("filter", filter.id.as_str());
    let rule_arm = Value::Obj(fields([
        ("name", Value::str("allow-communities")),
        (
            "properties",
            Value::Obj(fields([
                ("access", Value::str("Allow")),
                ("routeFilterRuleType", Value::str("Community")),
                ("communities", Value::strs(&filter.communities)),
            ])),
        ),
    ]));
    let props = fields([("rules", Value::List(vec![rule_arm]))]);
    let mut args = tf_top(&name);
    args.push((
        "rule".into(),
        Value::Block(fields([
            ("name", Value::str("allow-communities")),
            ("access", Value::str("Allow")),
            ("rule_type", Value::str("Community")),
            ("communities", Value::strs(&filter.communities)),
        ])),
    ));
    let arm = arm_top("Microsoft.Network/routeFilters", &name, props);
    let tf = Tf {
        kind: "azurerm_route_filter",
        args,
    };
    b.add(
        Some((&filter.id, &name)),
        Resource::new(key.clone(), g, arm, tf),
    );
    key
}

/// Adds a peering, after its route filter if it has one, and returns its key.
pub(crate) fn peering(
    b: &mut Builder<'_>,
    c: &Circuit,
    p: &Peering,
    circuit_key: &str,
    circuit_name: &str,
    g: usize,
    previous: Option<String>,
) -> String {
    let ms = p.microsoft.as_ref();
    let filter = ms
        .and_then(|m| m.route_filter.as_ref())
        .map(|f| route_filter(b, f, g));
    let key = b.symbols.make("peering", p.id.as_str());
    let state = if p.enabled { "Enabled" } else { "Disabled" };

    let mut props = fields([
        ("peeringType", Value::str(p.kind.as_str())),
        ("peerASN", Value::Int(i64::from(p.peer_asn))),
        (
            "primaryPeerAddressPrefix",
            Value::str(p.primary_prefix.to_string()),
        ),
        (
            "secondaryPeerAddressPrefix",
            Value::str(p.secondary_prefix.to_string()),
        ),
        ("vlanId", Value::Int(i64::from(p.vlan_id))),
        ("state", Value::str(state)),
    ]);
    let mut args = fields([
        ("peering_type", Value::str(p.kind.as_str())),
        (
            "express_route_circuit_name",
            Value::Name(circuit_key.to_owned()),
        ),
        ("resource_group_name", Value::GroupName),
        ("peer_asn", Value::Int(i64::from(p.peer_asn))),
        (
            "primary_peer_address_prefix",
            Value::str(p.primary_prefix.to_string()),
        ),
        (
            "secondary_peer_address_prefix",
            Value::str(p.secondary_prefix.to_string()),
        ),
        ("ipv4_enabled", Value::Bool(p.enabled)),
        ("vlan_id", Value::Int(i64::from(p.vlan_id))),
    ]);

    if let Some(secret) = &p.md5_key_ref {
        let param = b.symbols.make("md5_key", p.id.as_str());
        let what = format!(
            "BGP MD5 key of {} on circuit {} (kept in the secret store as {})",
            p.kind.label(),
            c.name,
            secret
        );
        b.plan.add_param(&param, &what, true);
        props.push(("sharedKey".into(), Value::Param(param.clone())));
        args.push(("shared_key".into(), Value::Param(param)));
    }

    let (v4, v6): (Vec<_>, Vec<_>) = ms
        .map(|m| m.advertised_public_prefixes.clone())
        .unwrap_or_default()
        .into_iter()
        .partition(|n| n.addr().is_ipv4());
    if let Some(m) = ms {
        let mut config = fields([("advertisedPublicPrefixes", Value::strs(&v4))]);
        let mut block = fields([("advertised_public_prefixes", Value::strs(&v4))]);
        if let Some(asn) = m.customer_asn {
            config.push(("customerASN".into(), Value::Int(i64::from(asn))));
            block.push(("customer_asn".into(), Value::Int(i64::from(asn))));
        }
        if let Some(registry) = m.routing_registry {
            config.push(("routingRegistryName".into(), Value::str(registry.as_str())));
            block.push((
                "routing_registry_name".into(),
                Value::str(registry.as_str()),
            ));
        }
        props.push(("microsoftPeeringConfig".into(), Value::Obj(config)));
        args.push(("microsoft_peering_config".into(), Value::Block(block)));
    }
    if let Some(f) = &filter {
        props.push(("routeFilter".into(), Value::id_ref(f)));
        args.push(("route_filter_id".into(), Value::Id(f.clone())));
    }
    if let Some(v6net) = &p.ipv6 {
        let mut config = fields([
            (
                "primaryPeerAddressPrefix",
                Value::str(v6net.primary_prefix.to_string()),
            ),
            (
                "secondaryPeerAddressPrefix",
                Value::str(v6net.secondary_prefix.to_string()),
            ),
            ("state", Value::str(state)),
        ]);
        let mut block = fields([
            (
                "primary_peer_address_prefix",
                Value::str(v6net.primary_prefix.to_string()),
            ),
            (
                "secondary_peer_address_prefix",
                Value::str(v6net.secondary_prefix.to_string()),
            ),
            ("enabled", Value::Bool(p.enabled)),
        ]);
        if ms.is_some() {
            let prefixes = Value::strs(&v6);
            let inner = fields([("advertisedPublicPrefixes", prefixes.clone())]);
            config.push(("microsoftPeeringConfig".into(), Value::Obj(inner)));
            let inner = fields([("advertised_public_prefixes", prefixes)]);
            block.push(("microsoft_peering".into(), Value::Block(inner)));
            if let Some(f) = &filter {
                config.push(("routeFilter".into(), Value::id_ref(f)));
                block.push(("route_filter_id".into(), Value::Id(f.clone())));
            }
        }
        props.push(("ipv6PeeringConfig".into(), Value::Obj(config)));
        args.push(("ipv6".into(), Value::Block(block)));
    }

    let arm = Arm {
        kind: "Microsoft.Network/expressRouteCircuits/peerings",
        api: NETWORK_API,
        name: vec![circuit_name.to_owned(), p.kind.as_str().to_owned()],
        parent: Some(circuit_key.to_owned()),
        location: None,
        sku: None,
        properties: props,
    };
    let tf = Tf {
        kind: "azurerm_express_route_circuit_peering",
        args,
    };
    let depends = previous.into_iter().collect();
    let r = Resource {
        key: key.clone(),
        group: g,
        arm: Some(arm),
        tf: Some(tf),
        depends,
    };
    b.add(Some((&p.id, p.kind.as_str())), r);
    key
}

/// Adds a Global Reach connection between two circuits' private peerings.
pub(crate) fn global_reach(b: &mut Builder<'_>, c: &Circuit, reach: &GlobalReach) {
    let private = |circuit: &Circuit| {
        circuit
            .peering(PeeringKind::AzurePrivatePeering)
            .and_then(|p| b.key(&p.id))
    };
    let peer = b
        .design
        .circuits
        .iter()
        .find(|o| o.id == reach.peer_circuit);
    let (Some(own), Some(other)) = (private(c), peer.and_then(private)) else {
        b.plan.skipped.push(format!(
            "Global Reach {}: both circuits need a private peering",
            reach.id
        ));
        return;
    };
    let g = b.group(&c.subscription);
    let circuit_name = b.names.get(&c.id).cloned().unwrap_or_default();
    let name = resource_name("", reach.id.as_str());
    let key = b.symbols.make("reach", reach.id.as_str());
    let prefix = reach.address_prefix.to_string();
    let arm = Arm {
        kind: "Microsoft.Network/expressRouteCircuits/peerings/connections",
        api: NETWORK_API,
        name: vec![
            circuit_name,
            PeeringKind::AzurePrivatePeering.as_str().to_owned(),
            name.clone(),
        ],
        parent: Some(own.clone()),
        location: None,
        sku: None,
        properties: fields([
            ("expressRouteCircuitPeering", Value::id_ref(&own)),
            ("peerExpressRouteCircuitPeering", Value::id_ref(&other)),
            ("addressPrefix", Value::str(&prefix)),
        ]),
    };
    let tf = Tf {
        kind: "azurerm_express_route_circuit_connection",
        args: fields([
            ("name", Value::str(&name)),
            ("peering_id", Value::Id(own)),
            ("peer_peering_id", Value::Id(other)),
            ("address_prefix_ipv4", Value::str(&prefix)),
        ]),
    };
    let r = Resource {
        key,
        group: g,
        arm: Some(arm),
        tf: Some(tf),
        depends: Vec::new(),
    };
    b.add(Some((&reach.id, &name)), r);
}

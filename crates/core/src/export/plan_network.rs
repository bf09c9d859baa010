//! Virtual networks with their subnets, route tables and NSGs; what joins
//! them to each other and to on-premises is in `plan_links`.

use super::ir::{fields, Arm, Resource, Tf, Value};
use super::naming::resource_name;
use super::plan::{arm_top, tf_top, Builder, NETWORK_API};
use crate::model::*;

/// The subscription of the VNet holding the first subnet that uses `id`
/// through `pick`, else the design's first subscription.
fn owner(b: &Builder<'_>, pick: impl Fn(&Subnet) -> Option<&Id>, id: &Id) -> Id {
    b.design
        .vnets
        .iter()
        .find(|v| v.subnets.iter().any(|s| pick(s) == Some(id)))
        .map(|v| v.subscription.clone())
        .or_else(|| b.design.subscriptions.first().map(|s| s.id.clone()))
        .unwrap_or_else(|| Id::new("subscription"))
}

pub(crate) fn with_location(mut args: Vec<(String, Value)>, region: &str) -> Vec<(String, Value)> {
    for (k, v) in &mut args {
        if k == "location" {
            *v = Value::str(region);
        }
    }
    args
}

pub(crate) fn located(mut arm: Arm, region: &str) -> Arm {
    arm.location = Some(Value::str(region));
    arm
}

/// Both forms of a resource that lives in a region: ARM's top-level
/// resource of type `arm_kind` located in `region`, and azurerm's
/// `tf_kind` with its arguments.
pub(crate) fn regional(
    arm_kind: &'static str,
    name: &str,
    props: Vec<(String, Value)>,
    region: &str,
    tf_kind: &'static str,
    args: Vec<(String, Value)>,
) -> (Arm, Tf) {
    let arm = located(arm_top(arm_kind, name, props), region);
    (
        arm,
        Tf {
            kind: tf_kind,
            args,
        },
    )
}

/// Adds every network resource of the design.
pub(crate) fn network(b: &mut Builder<'_>) {
    route_tables(b);
    nsgs(b);
    vnets(b);
    super::plan_links::gateways(b);
    super::plan_links::vnet_peerings(b);
    super::plan_links::connections(b);
    super::plan_links::vpns(b);
}

fn route_tables(b: &mut Builder<'_>) {
    for t in &b.design.route_tables {
        let sub = owner(b, |s| s.route_table.as_ref(), &t.id);
        let g = b.group(&sub);
        let name = resource_name(&t.name, t.id.as_str());
        let key = b.symbols.make("rt", t.id.as_str());
        let mut routes_arm = Vec::new();
        let mut args = with_location(tf_top(&name), &t.region);
        args.push((
            "bgp_route_propagation_enabled".into(),
            Value::Bool(t.propagate_gateway_routes),
        ));
        for r in &t.routes {
            let rname = resource_name(&r.name, r.id.as_str());
            let mut p = fields([
                ("addressPrefix", Value::str(r.prefix.to_string())),
                ("nextHopType", Value::str(r.next_hop.as_str())),
            ]);
            let mut block = fields([
                ("name", Value::str(&rname)),
                ("address_prefix", Value::str(r.prefix.to_string())),
                ("next_hop_type", Value::str(r.next_hop.as_str())),
            ]);
            if let Some(ip) = r.next_hop_ip {
                p.push(("nextHopIpAddress".into(), Value::str(ip.to_string())));
                block.push(("next_hop_in_ip_address".into(), Value::str(ip.to_string())));
            }
            let route = fields([("name", Value::str(&rname)), ("properties", Value::Obj(p))]);
            routes_arm.push(Value::Obj(route));
            args.push(("route".into(), Value::Block(block)));
        }
        let props = fields([
            (
                "disableBgpRoutePropagation",
                Value::Bool(!t.propagate_gateway_routes),
            ),
            ("routes", Value::List(routes_arm)),
        ]);
        let (arm, tf) = regional(
            "Microsoft.Network/routeTables",
            &name,
            props,
            &t.region,
            "azurerm_route_table",
            args,
        );
        b.add(Some((&t.id, &name)), Resource::new(key, g, arm, tf));
    }
}

fn nsgs(b: &mut Builder<'_>) {
    for n in &b.design.nsgs {
        let sub = owner(b, |s| s.nsg.as_ref(), &n.id);
        let g = b.group(&sub);
        let name = resource_name(&n.name, n.id.as_str());
        let key = b.symbols.make("nsg", n.id.as_str());
        let mut rules = Vec::new();
        let mut args = with_location(tf_top(&name), &n.region);
        for rule in &n.rules {
            let rname = resource_name(&rule.name, rule.id.as_str());
            let direction = match rule.direction {
                Direction::Inbound => "Inbound",
                Direction::Outbound => "Outbound",
            };
            let access = match rule.access {
                Access::Allow => "Allow",
                Access::Deny => "Deny",
            };
            let ports: Vec<&str> = rule.destination_ports.split(',').map(str::trim).collect();
            let mut p = fields([
                ("priority", Value::Int(i64::from(rule.priority))),
                ("direction", Value::str(direction)),
                ("access", Value::str(access)),
                ("protocol", Value::str(rule.protocol.as_str())),
                ("sourceAddressPrefix", Value::str(&rule.source)),
                ("sourcePortRange", Value::str(&rule.source_ports)),
                ("destinationAddressPrefix", Value::str(&rule.destination)),
            ]);
            let mut block = fields([
                ("name", Value::str(&rname)),
                ("priority", Value::Int(i64::from(rule.priority))),
                ("direction", Value::str(direction)),
                ("access", Value::str(access)),
                ("protocol", Value::str(rule.protocol.as_str())),
                ("source_address_prefix", Value::str(&rule.source)),
                ("source_port_range", Value::str(&rule.source_ports)),
                ("destination_address_prefix", Value::str(&rule.destination)),
            ]);
            if let [one] = ports.as_slice() {
                p.push(("destinationPortRange".into(), Value::str(*one)));
                block.push(("destination_port_range".into(), Value::str(*one)));
            } else {
                p.push(("destinationPortRanges".into(), Value::strs(&ports)));
                block.push(("destination_port_ranges".into(), Value::strs(&ports)));
            }
            rules.push(Value::Obj(fields([
                ("name", Value::str(&rname)),
                ("properties", Value::Obj(p)),
            ])));
            args.push(("security_rule".into(), Value::Block(block)));
        }
        let props = fields([("securityRules", Value::List(rules))]);
        let (arm, tf) = regional(
            "Microsoft.Network/networkSecurityGroups",
            &name,
            props,
            &n.region,
            "azurerm_network_security_group",
            args,
        );
        b.add(Some((&n.id, &name)), Resource::new(key, g, arm, tf));
    }
}

fn vnets(b: &mut Builder<'_>) {
    for v in &b.design.vnets {
        let g = b.group(&v.subscription);
        let name = resource_name(&v.name, v.id.as_str());
        let key = b.symbols.make("vnet", v.id.as_str());
        let space = Value::strs(&v.address_space);
        let props = fields([(
            "addressSpace",
            Value::Obj(fields([("addressPrefixes", space.clone())])),
        )]);
        let mut args = with_location(tf_top(&name), &v.region);
        args.push(("address_space".into(), space));
        let (arm, tf) = regional(
            "Microsoft.Network/virtualNetworks",
            &name,
            props,
            &v.region,
            "azurerm_virtual_network",
            args,
        );
        b.add(Some((&v.id, &name)), Resource::new(key.clone(), g, arm, tf));
        let mut previous: Option<String> = None;
        for s in &v.subnets {
            previous = Some(subnet(b, s, &key, &name, g, previous));
        }
    }
}

/// Adds a subnet; subnets of one VNet are created one after another, as
/// Azure refuses concurrent changes to one VNet.
fn subnet(
    b: &mut Builder<'_>,
    s: &Subnet,
    vnet_key: &str,
    vnet_name: &str,
    g: usize,
    previous: Option<String>,
) -> String {
    let name = resource_name(&s.name, s.id.as_str());
    let key = b.symbols.make("snet", s.id.as_str());
    let mut props = fields([("addressPrefix", Value::str(s.prefix.to_string()))]);
    let nsg = s.nsg.as_ref().and_then(|n| b.key(n));
    let table = s.route_table.as_ref().and_then(|t| b.key(t));
    if let Some(n) = &nsg {
        props.push(("networkSecurityGroup".into(), Value::id_ref(n)));
    }
    if let Some(t) = &table {
        props.push(("routeTable".into(), Value::id_ref(t)));
    }
    let endpoints: Vec<Value> = s
        .service_endpoints
        .iter()
        .map(|e| Value::Obj(fields([("service", Value::str(e))])))
        .collect();
    let mut args = fields([
        ("name", Value::str(&name)),
        ("resource_group_name", Value::GroupName),
        ("virtual_network_name", Value::Name(vnet_key.to_owned())),
        ("address_prefixes", Value::strs(&[s.prefix])),
    ]);
    if !endpoints.is_empty() {
        props.push(("serviceEndpoints".into(), Value::List(endpoints)));
        args.push((
            "service_endpoints".into(),
            Value::strs(&s.service_endpoints),
        ));
    }
    let arm = Arm {
        kind: "Microsoft.Network/virtualNetworks/subnets",
        api: NETWORK_API,
        name: vec![vnet_name.to_owned(), name.clone()],
        parent: Some(vnet_key.to_owned()),
        location: None,
        sku: None,
        properties: props,
    };
    let tf = Tf {
        kind: "azurerm_subnet",
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
    b.add(Some((&s.id, &name)), r);

    let associations = [
        (
            nsg,
            "nsg_assoc",
            "azurerm_subnet_network_security_group_association",
            "network_security_group_id",
        ),
        (
            table,
            "rt_assoc",
            "azurerm_subnet_route_table_association",
            "route_table_id",
        ),
    ];
    for (target, prefix, kind, arg) in associations {
        let Some(target) = target else { continue };
        let akey = b.symbols.make(prefix, s.id.as_str());
        let args = fields([
            ("subnet_id", Value::Id(key.clone())),
            (arg, Value::Id(target)),
        ]);
        let tf = Tf { kind, args };
        let r = Resource {
            key: akey,
            group: g,
            arm: None,
            tf: Some(tf),
            depends: Vec::new(),
        };
        b.add(None, r);
    }
    key
}

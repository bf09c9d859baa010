//! Builds the intermediate description from a design: resource groups,
//! ExpressRoute resources, then (in `plan_network`) the virtual networks.

use std::collections::BTreeMap;

use super::ir::{fields, Arm, Group, Plan, Resource, Tf, Value};
use super::naming::{group_name, resource_name, Symbols};
use crate::model::*;

/// The Microsoft.Network API version every resource uses (the facts' SPEC).
pub(crate) const NETWORK_API: &str = "2023-11-01";

/// Builder state: the plan so far, symbol names, and what each element
/// became, so that later resources can reference earlier ones.
pub(crate) struct Builder<'a> {
    pub design: &'a Design,
    pub plan: Plan,
    pub symbols: Symbols,
    /// Element id to the key of the resource it became.
    pub keys: BTreeMap<Id, String>,
    /// Element id to its Azure name.
    pub names: BTreeMap<Id, String>,
}

impl<'a> Builder<'a> {
    /// The index of the resource group of a subscription, made on first use.
    pub fn group(&mut self, subscription: &Id) -> usize {
        if let Some(i) = self
            .plan
            .groups
            .iter()
            .position(|g| g.subscription == *subscription)
        {
            return i;
        }
        let name = self
            .design
            .subscriptions
            .iter()
            .find(|s| s.id == *subscription)
            .map_or_else(|| subscription.to_string(), |s| s.name.clone());
        let location = self
            .design
            .vnets
            .iter()
            .find(|v| v.subscription == *subscription)
            .or_else(|| self.design.vnets.first())
            .map_or("westeurope".to_owned(), |v| {
                resource_name(&v.region, "westeurope")
            });
        let key = self.symbols.make("rg", subscription.as_str());
        let dir = resource_name(subscription.as_str(), "subscription");
        self.plan.groups.push(Group {
            key,
            name: group_name(&name, subscription.as_str()),
            subscription: subscription.clone(),
            subscription_name: name,
            dir,
            location,
        });
        self.plan.groups.len() - 1
    }

    /// Adds a resource and records which element it stands for.
    pub fn add(&mut self, element: Option<(&Id, &str)>, resource: Resource) {
        if let Some((id, name)) = element {
            self.keys
                .entry(id.clone())
                .or_insert_with(|| resource.key.clone());
            self.names
                .entry(id.clone())
                .or_insert_with(|| name.to_owned());
        }
        self.plan.resources.push(resource);
    }

    /// The key of the resource an element became, if it became one.
    pub fn key(&self, id: &Id) -> Option<String> {
        self.keys.get(id).cloned()
    }
}

/// The common Terraform arguments of a top-level resource.
pub(crate) fn tf_top(name: &str) -> Vec<(String, Value)> {
    fields([
        ("name", Value::str(name)),
        ("resource_group_name", Value::GroupName),
        ("location", Value::Location),
    ])
}

/// The ARM view of a top-level resource.
pub(crate) fn arm_top(kind: &'static str, name: &str, props: Vec<(String, Value)>) -> Arm {
    Arm {
        kind,
        api: NETWORK_API,
        name: vec![name.to_owned()],
        parent: None,
        location: Some(Value::Location),
        sku: None,
        properties: props,
    }
}

/// Builds the whole plan.
pub(crate) fn plan(design: &Design) -> Plan {
    let mut b = Builder {
        design,
        plan: Plan::default(),
        symbols: Symbols::default(),
        keys: BTreeMap::new(),
        names: BTreeMap::new(),
    };
    for s in &design.subscriptions {
        b.group(&s.id);
    }
    for g in 0..b.plan.groups.len() {
        let Some(group) = b.plan.groups.get(g).cloned() else {
            continue;
        };
        let tf = Tf {
            kind: "azurerm_resource_group",
            args: fields([
                ("name", Value::str(&group.name)),
                ("location", Value::str(&group.location)),
            ]),
        };
        let key = group.key.clone();
        b.add(
            None,
            Resource {
                key,
                group: g,
                arm: None,
                tf: Some(tf),
                depends: Vec::new(),
            },
        );
    }
    ports(&mut b);
    circuits(&mut b);
    super::plan_network::network(&mut b);
    b.plan
}

fn ports(b: &mut Builder<'_>) {
    for port in &b.design.direct_ports {
        let g = b.group(&port.subscription);
        let name = resource_name(&port.name, port.id.as_str());
        let key = b.symbols.make("port", port.id.as_str());
        let encapsulation = match port.encapsulation {
            Encapsulation::Dot1Q => "Dot1Q",
            Encapsulation::QinQ => "QinQ",
        };
        let props = fields([
            ("peeringLocation", Value::str(&port.peering_location)),
            (
                "bandwidthInGbps",
                Value::Int(i64::from(port.port_speed_gbps)),
            ),
            ("encapsulation", Value::str(encapsulation)),
        ]);
        let mut args = tf_top(&name);
        args.extend(fields([
            ("peering_location", Value::str(&port.peering_location)),
            (
                "bandwidth_in_gbps",
                Value::Int(i64::from(port.port_speed_gbps)),
            ),
            ("encapsulation", Value::str(encapsulation)),
        ]));
        let arm = arm_top("Microsoft.Network/expressRoutePorts", &name, props);
        let tf = Tf {
            kind: "azurerm_express_route_port",
            args,
        };
        b.add(Some((&port.id, &name)), Resource::new(key, g, arm, tf));
    }
}

fn circuits(b: &mut Builder<'_>) {
    for c in &b.design.circuits {
        let g = b.group(&c.subscription);
        let name = resource_name(&c.name, c.id.as_str());
        let key = b.symbols.make("er", c.id.as_str());
        let sku_name = format!("{}_{}", c.tier.as_str(), c.family.as_str());
        let sku = Value::Obj(fields([
            ("name", Value::str(&sku_name)),
            ("tier", Value::str(c.tier.as_str())),
            ("family", Value::str(c.family.as_str())),
        ]));
        let mut args = tf_top(&name);
        let mut props = fields([("allowClassicOperations", Value::Bool(false))]);
        let port = c.direct_port.as_ref().and_then(|p| b.key(p));
        match (c.kind, port) {
            (CircuitKind::Direct, Some(port)) => {
                let gbps = i64::from(c.bandwidth_mbps / 1000);
                props.push(("expressRoutePort".into(), Value::id_ref(&port)));
                props.push(("bandwidthInGbps".into(), Value::Int(gbps)));
                args.push(("express_route_port_id".into(), Value::Id(port)));
                args.push(("bandwidth_in_gbps".into(), Value::Int(gbps)));
            }
            _ => {
                let provider = Value::Obj(fields([
                    ("serviceProviderName", Value::str(&c.provider)),
                    ("peeringLocation", Value::str(&c.peering_location)),
                    ("bandwidthInMbps", Value::Int(i64::from(c.bandwidth_mbps))),
                ]));
                props.push(("serviceProviderProperties".into(), provider));
                args.extend(fields([
                    ("service_provider_name", Value::str(&c.provider)),
                    ("peering_location", Value::str(&c.peering_location)),
                    ("bandwidth_in_mbps", Value::Int(i64::from(c.bandwidth_mbps))),
                ]));
            }
        }
        args.push((
            "sku".into(),
            Value::Block(fields([
                ("tier", Value::str(c.tier.as_str())),
                ("family", Value::str(c.family.as_str())),
            ])),
        ));
        args.push(("allow_classic_operations".into(), Value::Bool(false)));
        let mut arm = arm_top("Microsoft.Network/expressRouteCircuits", &name, props);
        arm.sku = Some(sku);
        let tf = Tf {
            kind: "azurerm_express_route_circuit",
            args,
        };
        b.add(Some((&c.id, &name)), Resource::new(key.clone(), g, arm, tf));

        // Azure changes one peering of a circuit at a time.
        let mut previous = None;
        for p in &c.peerings {
            previous = Some(super::plan_peering::peering(
                b, c, p, &key, &name, g, previous,
            ));
        }
        for a in &c.authorizations {
            let aname = resource_name(&a.name, a.id.as_str());
            let akey = b.symbols.make("auth", a.id.as_str());
            let arm = Arm {
                kind: "Microsoft.Network/expressRouteCircuits/authorizations",
                api: NETWORK_API,
                name: vec![name.clone(), aname.clone()],
                parent: Some(key.clone()),
                location: None,
                sku: None,
                properties: Vec::new(),
            };
            let tf = Tf {
                kind: "azurerm_express_route_circuit_authorization",
                args: fields([
                    ("name", Value::str(&aname)),
                    ("express_route_circuit_name", Value::Name(key.clone())),
                    ("resource_group_name", Value::GroupName),
                ]),
            };
            let r = Resource {
                key: akey,
                group: g,
                arm: Some(arm),
                tf: Some(tf),
                depends: Vec::new(),
            };
            b.add(Some((&a.id, &aname)), r);
        }
    }
    // Global Reach after every circuit, since it joins two of them.
    for c in &b.design.circuits {
        for reach in &c.global_reach {
            super::plan_peering::global_reach(b, c, reach);
        }
    }
}

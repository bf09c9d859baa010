//! What joins networks: gateways with their public IPs, VNet peerings,
//! ExpressRoute connections and site-to-site VPNs.

use super::ir::{fields, Arm, Resource, Tf, Value};
use super::naming::resource_name;
use super::plan::{arm_top, tf_top, Builder, NETWORK_API};
use super::plan_network::{located, regional, with_location};
use crate::model::*;

pub(crate) fn gateways(b: &mut Builder<'_>) {
    for gw in &b.design.gateways {
        let vnet = b.design.vnets.iter().find(|v| v.id == gw.vnet);
        let subnet = vnet.and_then(|v| v.subnets.iter().find(|s| s.is_gateway_subnet()));
        let (Some(vnet), Some(subnet_key)) = (vnet, subnet.and_then(|s| b.key(&s.id))) else {
            let why = format!("gateway {}: its VNet has no GatewaySubnet", gw.name);
            b.plan.skipped.push(why);
            continue;
        };
        let g = b.group(&vnet.subscription);
        let name = resource_name(&gw.name, gw.id.as_str());
        let pip_name = format!("{name}-pip");
        let pip = b.symbols.make("pip", gw.id.as_str());
        let sku = Value::Obj(fields([
            ("name", Value::str("Standard")),
            ("tier", Value::str("Regional")),
        ]));
        let props = fields([
            ("publicIPAllocationMethod", Value::str("Static")),
            ("publicIPAddressVersion", Value::str("IPv4")),
        ]);
        let mut arm = located(
            arm_top("Microsoft.Network/publicIPAddresses", &pip_name, props),
            &vnet.region,
        );
        arm.sku = Some(sku);
        let mut args = with_location(tf_top(&pip_name), &vnet.region);
        args.extend(fields([
            ("allocation_method", Value::str("Static")),
            ("sku", Value::str("Standard")),
        ]));
        let tf = Tf {
            kind: "azurerm_public_ip",
            args,
        };
        b.add(None, Resource::new(pip.clone(), g, arm, tf));

        let key = b.symbols.make("gw", gw.id.as_str());
        let kind = match gw.kind {
            GatewayKind::ExpressRoute => "ExpressRoute",
            GatewayKind::Vpn => "Vpn",
        };
        let ip_config = fields([
            ("name", Value::str("default")),
            (
                "properties",
                Value::Obj(fields([
                    ("privateIPAllocationMethod", Value::str("Dynamic")),
                    ("subnet", Value::id_ref(&subnet_key)),
                    ("publicIPAddress", Value::id_ref(&pip)),
                ])),
            ),
        ]);
        let sku = gw.sku.as_str();
        let mut props = fields([
            ("gatewayType", Value::str(kind)),
            (
                "sku",
                Value::Obj(fields([
                    ("name", Value::str(sku)),
                    ("tier", Value::str(sku)),
                ])),
            ),
            ("ipConfigurations", Value::List(vec![Value::Obj(ip_config)])),
        ]);
        let mut args = with_location(tf_top(&name), &vnet.region);
        args.extend(fields([
            ("type", Value::str(kind)),
            ("sku", Value::str(sku)),
        ]));
        if gw.kind == GatewayKind::Vpn {
            let asn = i64::from(gw.asn.unwrap_or(crate::facts::AZURE_GATEWAY_ASN));
            props.extend(fields([
                ("vpnType", Value::str("RouteBased")),
                ("activeActive", Value::Bool(false)),
                ("enableBgp", Value::Bool(gw.asn.is_some())),
                (
                    "bgpSettings",
                    Value::Obj(fields([("asn", Value::Int(asn))])),
                ),
                ("enablePrivateIpAddress", Value::Bool(gw.private_ip_enabled)),
            ]));
            args.extend(fields([
                ("vpn_type", Value::str("RouteBased")),
                ("active_active", Value::Bool(false)),
                ("bgp_enabled", Value::Bool(gw.asn.is_some())),
                (
                    "private_ip_address_enabled",
                    Value::Bool(gw.private_ip_enabled),
                ),
                (
                    "bgp_settings",
                    Value::Block(fields([("asn", Value::Int(asn))])),
                ),
            ]));
        }
        args.push((
            "ip_configuration".into(),
            Value::Block(fields([
                ("name", Value::str("default")),
                ("public_ip_address_id", Value::Id(pip)),
                ("private_ip_address_allocation", Value::str("Dynamic")),
                ("subnet_id", Value::Id(subnet_key)),
            ])),
        ));
        let (arm, tf) = regional(
            "Microsoft.Network/virtualNetworkGateways",
            &name,
            props,
            &vnet.region,
            "azurerm_virtual_network_gateway",
            args,
        );
        b.add(Some((&gw.id, &name)), Resource::new(key, g, arm, tf));
    }
}

pub(crate) fn vnet_peerings(b: &mut Builder<'_>) {
    for p in &b.design.vnet_peerings {
        let local = b.design.vnets.iter().find(|v| v.id == p.local);
        let remote = b.design.vnets.iter().find(|v| v.id == p.remote);
        let (Some(local), Some(remote)) = (local, remote) else {
            b.plan
                .skipped
                .push(format!("VNet peering {}: a VNet is missing", p.id));
            continue;
        };
        let hub_gateways: Vec<String> = b
            .design
            .gateways
            .iter()
            .filter(|g| g.vnet == remote.id)
            .filter_map(|g| b.key(&g.id))
            .collect();
        // The hub's side first, allowing transit; then the spoke's, which
        // may use the hub's gateways only once they exist.
        let hub_side = one_side(
            b,
            p,
            remote,
            local,
            (p.allow_gateway_transit, false),
            Vec::new(),
        );
        let mut wait = hub_gateways;
        wait.extend(hub_side);
        one_side(b, p, local, remote, (false, p.use_remote_gateways), wait);
    }
}

fn one_side(
    b: &mut Builder<'_>,
    p: &VnetPeering,
    from: &Vnet,
    to: &Vnet,
    (transit, use_remote): (bool, bool),
    depends: Vec<String>,
) -> Option<String> {
    let (Some(from_key), Some(to_key)) = (b.key(&from.id), b.key(&to.id)) else {
        return None;
    };
    let g = b.group(&from.subscription);
    let from_name = b.names.get(&from.id).cloned().unwrap_or_default();
    let to_name = b.names.get(&to.id).cloned().unwrap_or_default();
    let name = format!("{from_name}-to-{to_name}");
    let key = b.symbols.make("peer", &format!("{}-{}", p.id, from.id));
    let flags = [
        (
            "allowVirtualNetworkAccess",
            "allow_virtual_network_access",
            true,
        ),
        (
            "allowForwardedTraffic",
            "allow_forwarded_traffic",
            p.allow_forwarded_traffic,
        ),
        ("allowGatewayTransit", "allow_gateway_transit", transit),
        ("useRemoteGateways", "use_remote_gateways", use_remote),
    ];
    let mut props = fields([("remoteVirtualNetwork", Value::id_ref(&to_key))]);
    let mut args = fields([
        ("name", Value::str(&name)),
        ("resource_group_name", Value::GroupName),
        ("virtual_network_name", Value::Name(from_key.clone())),
        ("remote_virtual_network_id", Value::Id(to_key)),
    ]);
    for (arm_name, tf_name, value) in flags {
        props.push((arm_name.into(), Value::Bool(value)));
        args.push((tf_name.into(), Value::Bool(value)));
    }
    let arm = Arm {
        kind: "Microsoft.Network/virtualNetworks/virtualNetworkPeerings",
        api: NETWORK_API,
        name: vec![from_name, name],
        parent: Some(from_key),
        location: None,
        sku: None,
        properties: props,
    };
    let tf = Tf {
        kind: "azurerm_virtual_network_peering",
        args,
    };
    let r = Resource {
        key: key.clone(),
        group: g,
        arm: Some(arm),
        tf: Some(tf),
        depends,
    };
    b.add(None, r);
    Some(key)
}

pub(crate) fn connections(b: &mut Builder<'_>) {
    for c in &b.design.connections {
        let gateway = b.design.gateways.iter().find(|g| g.id == c.gateway);
        let vnet = gateway.and_then(|g| b.design.vnets.iter().find(|v| v.id == g.vnet));
        let circuit = b.design.circuits.iter().find(|x| x.id == c.circuit);
        let (Some(vnet), Some(gw_key), Some(circuit), Some(er_key)) =
            (vnet, b.key(&c.gateway), circuit, b.key(&c.circuit))
        else {
            b.plan.skipped.push(format!(
                "connection {}: its gateway or circuit is missing",
                c.name
            ));
            continue;
        };
        let g = b.group(&vnet.subscription);
        let name = resource_name(&c.name, c.id.as_str());
        let key = b.symbols.make("conn", c.id.as_str());
        let mut props = fields([
            ("connectionType", Value::str("ExpressRoute")),
            ("virtualNetworkGateway1", Value::id_ref(&gw_key)),
            ("peer", Value::id_ref(&er_key)),
            ("routingWeight", Value::Int(i64::from(c.routing_weight))),
            ("expressRouteGatewayBypass", Value::Bool(c.fast_path)),
        ]);
        let mut args = with_location(tf_top(&name), &vnet.region);
        args.extend(fields([
            ("type", Value::str("ExpressRoute")),
            ("virtual_network_gateway_id", Value::Id(gw_key)),
            ("express_route_circuit_id", Value::Id(er_key)),
            ("routing_weight", Value::Int(i64::from(c.routing_weight))),
            ("express_route_gateway_bypass", Value::Bool(c.fast_path)),
        ]));
        // Peerings before links: the connection waits for the private peering.
        let mut depends: Vec<String> = circuit
            .peering(PeeringKind::AzurePrivatePeering)
            .and_then(|p| b.key(&p.id))
            .into_iter()
            .collect();
        if let Some(auth) = &c.authorization {
            let param = b.symbols.make("auth_key", c.id.as_str());
            let what = format!(
                "authorization key of circuit {} redeemed by connection {}",
                circuit.name, c.name
            );
            b.plan.add_param(&param, &what, true);
            props.push(("authorizationKey".into(), Value::Param(param.clone())));
            args.push(("authorization_key".into(), Value::Param(param)));
            depends.extend(b.key(auth));
        }
        let (arm, tf) = regional(
            "Microsoft.Network/connections",
            &name,
            props,
            &vnet.region,
            "azurerm_virtual_network_gateway_connection",
            args,
        );
        let r = Resource {
            key,
            group: g,
            arm: Some(arm),
            tf: Some(tf),
            depends,
        };
        b.add(Some((&c.id, &name)), r);
    }
}

pub(crate) fn vpns(b: &mut Builder<'_>) {
    for v in &b.design.vpn_connections {
        let gateway = b.design.gateways.iter().find(|g| g.id == v.gateway);
        let vnet = gateway.and_then(|g| b.design.vnets.iter().find(|n| n.id == g.vnet));
        let router = b.design.routers.iter().find(|r| r.id == v.router);
        let (Some(vnet), Some(gw_key), Some(router)) = (vnet, b.key(&v.gateway), router) else {
            b.plan.skipped.push(format!(
                "VPN connection {}: its gateway or router is missing",
                v.name
            ));
            continue;
        };
        let g = b.group(&vnet.subscription);
        let lng_name = format!("lng-{}", resource_name(&router.name, router.id.as_str()));
        let lng = b.symbols.make("lng", v.id.as_str());
        let address = b.symbols.make("peer_address", v.id.as_str());
        let what = format!("address of router {} that the tunnel ends on", router.name);
        b.plan.add_param(&address, &what, false);
        let space = Value::strs(&v.remote_prefixes);
        let mut props = fields([
            ("gatewayIpAddress", Value::Param(address.clone())),
            (
                "localNetworkAddressSpace",
                Value::Obj(fields([("addressPrefixes", space.clone())])),
            ),
        ]);
        let mut args = with_location(tf_top(&lng_name), &vnet.region);
        args.extend(fields([
            ("gateway_address", Value::Param(address)),
            ("address_space", space),
        ]));
        if v.bgp {
            let peer = b.symbols.make("bgp_peer_address", v.id.as_str());
            let what = format!("BGP peering address of router {}", router.name);
            b.plan.add_param(&peer, &what, false);
            let asn = Value::Int(i64::from(router.asn));
            props.push((
                "bgpSettings".into(),
                Value::Obj(fields([
                    ("asn", asn.clone()),
                    ("bgpPeeringAddress", Value::Param(peer.clone())),
                ])),
            ));
            args.push((
                "bgp_settings".into(),
                Value::Block(fields([
                    ("asn", asn),
                    ("bgp_peering_address", Value::Param(peer)),
                ])),
            ));
        }
        let (arm, tf) = regional(
            "Microsoft.Network/localNetworkGateways",
            &lng_name,
            props,
            &vnet.region,
            "azurerm_local_network_gateway",
            args,
        );
        b.add(None, Resource::new(lng.clone(), g, arm, tf));

        let name = resource_name(&v.name, v.id.as_str());
        let key = b.symbols.make("vpn", v.id.as_str());
        let secret = b.symbols.make("vpn_shared_key", v.id.as_str());
        let reference = v
            .shared_key_ref
            .as_deref()
            .unwrap_or("not named in the design");
        let what = format!(
            "pre-shared key of VPN connection {} (secret {reference})",
            v.name
        );
        b.plan.add_param(&secret, &what, true);
        let props = fields([
            ("connectionType", Value::str("IPsec")),
            ("virtualNetworkGateway1", Value::id_ref(&gw_key)),
            ("localNetworkGateway2", Value::id_ref(&lng)),
            ("sharedKey", Value::Param(secret.clone())),
            ("enableBgp", Value::Bool(v.bgp)),
            (
                "useLocalAzureIpAddress",
                Value::Bool(v.over_private_peering),
            ),
        ]);
        let mut args = with_location(tf_top(&name), &vnet.region);
        args.extend(fields([
            ("type", Value::str("IPsec")),
            ("virtual_network_gateway_id", Value::Id(gw_key)),
            ("local_network_gateway_id", Value::Id(lng)),
            ("shared_key", Value::Param(secret)),
            ("bgp_enabled", Value::Bool(v.bgp)),
            (
                "local_azure_ip_address_enabled",
                Value::Bool(v.over_private_peering),
            ),
        ]));
        let (arm, tf) = regional(
            "Microsoft.Network/connections",
            &name,
            props,
            &vnet.region,
            "azurerm_virtual_network_gateway_connection",
            args,
        );
        b.add(Some((&v.id, &name)), Resource::new(key, g, arm, tf));
    }
}

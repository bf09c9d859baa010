//! What dragging from one element to another means, by their kinds.

use ipnet::Ipv4Net;

use super::EditError;
use crate::model::*;

/// Connects `from` to `to` in the one way their kinds allow, in either order.
pub(super) fn connect(d: &mut Design, from: &Id, to: &Id) -> Result<(), EditError> {
    let kind_of = |id: &Id| {
        d.find(id.as_str())
            .map(|e| e.kind())
            .ok_or_else(|| EditError::UnknownElement(id.clone()))
    };
    let (a, b) = (kind_of(from)?, kind_of(to)?);
    if from == to {
        return Err(refuse(a, b, "an element cannot be connected to itself"));
    }
    use ElementKind as K;
    match (a, b) {
        (K::Circuit, K::Router) => terminate(d, from, to),
        (K::Router, K::Circuit) => terminate(d, to, from),
        (K::Gateway, K::Circuit) => link_gateway(d, from, to),
        (K::Circuit, K::Gateway) => link_gateway(d, to, from),
        (K::Gateway, K::Router) => vpn(d, from, to),
        (K::Router, K::Gateway) => vpn(d, to, from),
        (K::Gateway, K::Vnet) => set_gateway_vnet(d, from, to),
        (K::Vnet, K::Gateway) => set_gateway_vnet(d, to, from),
        (K::Router, K::Router) => link_routers(d, from, to),
        (K::Router, K::Site) => set_router_site(d, from, to),
        (K::Site, K::Router) => set_router_site(d, to, from),
        (K::Vnet, K::Vnet) => peer_vnets(d, from, to),
        (K::Circuit, K::Circuit) => global_reach(d, from, to),
        (K::Subnet, K::RouteTable) | (K::RouteTable, K::Subnet) => {
            let (subnet, table) = if a == K::Subnet {
                (from, to)
            } else {
                (to, from)
            };
            associate(d, subnet, |s| s.route_table = Some(table.clone()))
        }
        (K::Subnet, K::Nsg) | (K::Nsg, K::Subnet) => {
            let (subnet, nsg) = if a == K::Subnet {
                (from, to)
            } else {
                (to, from)
            };
            associate(d, subnet, |s| s.nsg = Some(nsg.clone()))
        }
        (K::Appliance, K::Subnet) | (K::Subnet, K::Appliance) => {
            let (appliance, subnet) = if a == K::Appliance {
                (from, to)
            } else {
                (to, from)
            };
            for e in d.appliances.iter_mut().filter(|e| &e.id == appliance) {
                e.subnet = subnet.clone();
            }
            Ok(())
        }
        _ => Err(refuse(a, b, hint(a))),
    }
}

fn refuse(from: ElementKind, to: ElementKind, reason: &str) -> EditError {
    EditError::CannotConnect {
        from,
        to,
        reason: reason.to_owned(),
    }
}

fn hint(kind: ElementKind) -> &'static str {
    use ElementKind as K;
    match kind {
        K::Circuit => "a circuit connects to the routers its two connections end on, to an ExpressRoute gateway, or to another circuit for Global Reach",
        K::Router => "a router connects to a circuit, another router, its site, or a VPN gateway",
        K::Gateway => "a gateway connects to a circuit (ExpressRoute), a router (VPN) or the VNet it stands in",
        K::Vnet => "a VNet connects to another VNet (peering) or to its gateway",
        K::Subnet => "a subnet connects to a route table, a network security group or an appliance",
        _ => "try connecting a circuit, router, gateway, VNet or subnet",
    }
}

fn terminate(d: &mut Design, circuit: &Id, router: &Id) -> Result<(), EditError> {
    let c = d
        .circuits
        .iter_mut()
        .find(|c| &c.id == circuit)
        .expect("kind checked by caller");
    if c.primary_router.as_ref() == Some(router) || c.secondary_router.as_ref() == Some(router) {
        return Err(refuse(
            ElementKind::Circuit,
            ElementKind::Router,
            "one of this circuit's connections already ends on that router; the other must end on a different router",
        ));
    }
    if c.primary_router.is_none() {
        c.primary_router = Some(router.clone());
    } else if c.secondary_router.is_none() {
        c.secondary_router = Some(router.clone());
    } else {
        return Err(refuse(
            ElementKind::Circuit,
            ElementKind::Router,
            "both the primary and the secondary connection already end on routers; change one in the inspector",
        ));
    }
    Ok(())
}

fn link_gateway(d: &mut Design, gateway: &Id, circuit: &Id) -> Result<(), EditError> {
    let g = d
        .gateways
        .iter()
        .find(|g| &g.id == gateway)
        .expect("kind checked by caller");
    if g.kind != GatewayKind::ExpressRoute {
        return Err(refuse(
            ElementKind::Gateway,
            ElementKind::Circuit,
            "only an ExpressRoute gateway links to a circuit; a VPN gateway connects to a router",
        ));
    }
    if d.connections
        .iter()
        .any(|c| &c.gateway == gateway && &c.circuit == circuit)
    {
        return Err(refuse(
            ElementKind::Gateway,
            ElementKind::Circuit,
            "they are already connected",
        ));
    }
    let name = format!("{}-to-{}", g.name, circuit_name(d, circuit));
    let id = d.fresh_id("connection");
    d.connections.push(Connection {
        id,
        name,
        gateway: gateway.clone(),
        circuit: circuit.clone(),
        routing_weight: 0,
        fast_path: false,
        authorization: None,
    });
    Ok(())
}

fn circuit_name(d: &Design, id: &Id) -> String {
    d.circuits
        .iter()
        .find(|c| &c.id == id)
        .map_or_else(|| id.to_string(), |c| c.name.clone())
}

fn vpn(d: &mut Design, gateway: &Id, router: &Id) -> Result<(), EditError> {
    let g = d
        .gateways
        .iter()
        .find(|g| &g.id == gateway)
        .expect("kind checked by caller");
    if g.kind != GatewayKind::Vpn {
        return Err(refuse(
            ElementKind::Gateway,
            ElementKind::Router,
            "an ExpressRoute gateway reaches routers through a circuit; connect it to the circuit",
        ));
    }
    let name = format!("{}-to-{}", g.name, router);
    let id = d.fresh_id("vpn");
    d.vpn_connections.push(VpnConnection {
        id,
        name,
        gateway: gateway.clone(),
        router: router.clone(),
        over_private_peering: false,
        remote_prefixes: Vec::new(),
        bgp: true,
        shared_key_ref: None,
    });
    Ok(())
}

fn set_gateway_vnet(d: &mut Design, gateway: &Id, vnet: &Id) -> Result<(), EditError> {
    for g in d.gateways.iter_mut().filter(|g| &g.id == gateway) {
        g.vnet = vnet.clone();
    }
    Ok(())
}

fn link_routers(d: &mut Design, a: &Id, b: &Id) -> Result<(), EditError> {
    let exists = d
        .links
        .iter()
        .any(|l| (&l.a == a && &l.b == b) || (&l.a == b && &l.b == a));
    if exists {
        return Err(refuse(
            ElementKind::Router,
            ElementKind::Router,
            "they are already linked",
        ));
    }
    // A link into a customer's site carries that customer's routing domain.
    let customer = [a, b].into_iter().find_map(|r| {
        let router = d.routers.iter().find(|x| &x.id == r)?;
        d.sites
            .iter()
            .find(|s| s.id == router.site)?
            .customer
            .clone()
    });
    let id = d.fresh_id("link");
    d.links.push(SiteLink {
        id,
        name: String::new(),
        a: a.clone(),
        b: b.clone(),
        customer,
        bandwidth_mbps: None,
    });
    Ok(())
}

fn set_router_site(d: &mut Design, router: &Id, site: &Id) -> Result<(), EditError> {
    for r in d.routers.iter_mut().filter(|r| &r.id == router) {
        r.site = site.clone();
    }
    Ok(())
}

fn peer_vnets(d: &mut Design, local: &Id, remote: &Id) -> Result<(), EditError> {
    let exists = d.vnet_peerings.iter().any(|p| {
        (&p.local == local && &p.remote == remote) || (&p.local == remote && &p.remote == local)
    });
    if exists {
        return Err(refuse(
            ElementKind::Vnet,
            ElementKind::Vnet,
            "they are already peered",
        ));
    }
    // Dragging from a spoke to a hub that has a gateway is the usual case:
    // the spoke uses the hub's gateway.
    let remote_has_gateway = d.gateways.iter().any(|g| &g.vnet == remote);
    let local_has_gateway = d.gateways.iter().any(|g| &g.vnet == local);
    let transit = remote_has_gateway && !local_has_gateway;
    let id = d.fresh_id("vnet-peering");
    d.vnet_peerings.push(VnetPeering {
        id,
        local: local.clone(),
        remote: remote.clone(),
        allow_gateway_transit: transit,
        use_remote_gateways: transit,
        allow_forwarded_traffic: true,
    });
    Ok(())
}

fn global_reach(d: &mut Design, a: &Id, b: &Id) -> Result<(), EditError> {
    let exists = d.circuits.iter().any(|c| {
        (&c.id == a && c.global_reach.iter().any(|g| &g.peer_circuit == b))
            || (&c.id == b && c.global_reach.iter().any(|g| &g.peer_circuit == a))
    });
    if exists {
        return Err(refuse(
            ElementKind::Circuit,
            ElementKind::Circuit,
            "they are already connected by Global Reach",
        ));
    }
    let used: Vec<Ipv4Net> = d
        .circuits
        .iter()
        .flat_map(|c| c.global_reach.iter().map(|g| g.address_prefix))
        .collect();
    // A /29 from a range set aside for Global Reach in new designs; the
    // user changes it in the inspector to one of the customer's own.
    let pool: Ipv4Net = "192.168.255.0/24".parse().expect("a literal prefix");
    let address_prefix = pool
        .subnets(crate::facts::GLOBAL_REACH_PREFIX_V4)
        .expect("/29 is longer than /24")
        .find(|p| !used.iter().any(|u| u.contains(p) || p.contains(u)))
        .ok_or_else(|| {
            refuse(
                ElementKind::Circuit,
                ElementKind::Circuit,
                "no free /29 is left in 192.168.255.0/24",
            )
        })?;
    let id = d.fresh_id("global-reach");
    let c = d
        .circuits
        .iter_mut()
        .find(|c| &c.id == a)
        .expect("kind checked by caller");
    c.global_reach.push(GlobalReach {
        id,
        peer_circuit: b.clone(),
        address_prefix,
    });
    Ok(())
}

fn associate(d: &mut Design, subnet: &Id, set: impl Fn(&mut Subnet)) -> Result<(), EditError> {
    for s in d
        .vnets
        .iter_mut()
        .flat_map(|v| v.subnets.iter_mut())
        .filter(|s| &s.id == subnet)
    {
        set(s);
    }
    Ok(())
}

//! A small builder of designs for the routing tests: one customer, sites
//! with routers, circuits, VNets with gateways, and helpers that read the
//! resulting tables as short strings.
#![allow(dead_code)]

use std::net::IpAddr;

use ipnet::IpNet;
use routecraft_core::model::*;
use routecraft_core::routing::*;

pub(crate) fn net(text: &str) -> IpNet {
    text.parse().expect("test prefixes are literals")
}

pub(crate) fn ip(text: &str) -> IpAddr {
    text.parse().expect("test addresses are literals")
}

/// A design under construction, owned by customer `c`.
pub(crate) struct Lab {
    pub(crate) design: Design,
}

impl Default for Lab {
    fn default() -> Lab {
        Lab::new()
    }
}

impl Lab {
    pub(crate) fn new() -> Lab {
        let mut design = Design::blank("lab", CspModel::ConnectTo);
        design.customers[0].id = Id::new("c");
        design.subscriptions[0].customer = Id::new("c");
        design.subscriptions[0].id = Id::new("sub");
        Lab { design }
    }

    /// A customer site advertising its address space, with one router.
    pub(crate) fn site(mut self, id: &str, space: &[&str], asn: u32) -> Lab {
        let prefixes: Vec<IpNet> = space.iter().map(|p| net(p)).collect();
        self.design.sites.push(Site {
            id: id.into(),
            name: id.into(),
            kind: SiteKind::CustomerDatacenter,
            customer: Some("c".into()),
            address_space: prefixes.clone(),
            advertised: prefixes,
            advertises_default_route: false,
        });
        self.router(&format!("{id}-rtr"), id, asn)
    }

    pub(crate) fn router(mut self, id: &str, site: &str, asn: u32) -> Lab {
        self.design.routers.push(Router {
            id: id.into(),
            name: id.into(),
            site: site.into(),
            asn,
            vrfs: Vec::new(),
        });
        self
    }

    pub(crate) fn link(mut self, id: &str, a: &str, b: &str) -> Lab {
        self.design.links.push(SiteLink {
            id: id.into(),
            name: String::new(),
            a: a.into(),
            b: b.into(),
            customer: Some("c".into()),
            bandwidth_mbps: None,
        });
        self
    }

    /// A Standard circuit with private peering, ending on two routers.
    pub(crate) fn circuit(mut self, id: &str, primary: &str, secondary: &str, asn: u32) -> Lab {
        let n = self.design.circuits.len() as u8;
        let peering = Peering {
            id: format!("{id}-private").as_str().into(),
            kind: PeeringKind::AzurePrivatePeering,
            peer_asn: asn,
            primary_prefix: format!("192.168.{n}.0/30").parse().unwrap(),
            secondary_prefix: format!("192.168.{n}.4/30").parse().unwrap(),
            ipv6: None,
            vlan_id: 100,
            md5_key_ref: None,
            as_path_prepend: 0,
            enabled: true,
            microsoft: None,
        };
        self.design.circuits.push(Circuit {
            id: id.into(),
            name: id.into(),
            customer: "c".into(),
            subscription: "sub".into(),
            kind: CircuitKind::Provider,
            provider: "Equinix".into(),
            peering_location: format!("Place{n}"),
            direct_port: None,
            bandwidth_mbps: 1000,
            tier: Tier::Standard,
            family: Family::MeteredData,
            primary_router: Some(primary.into()),
            secondary_router: Some(secondary.into()),
            provider_state: ProviderState::Provisioned,
            peerings: vec![peering],
            authorizations: Vec::new(),
            global_reach: Vec::new(),
            macsec: None,
        });
        self
    }

    /// A VNet with a GatewaySubnet at the start of its space and the given
    /// workload subnets.
    pub(crate) fn vnet(mut self, id: &str, space: &str, subnets: &[(&str, &str)]) -> Lab {
        self.design.vnets.push(Vnet {
            id: id.into(),
            name: id.into(),
            subscription: "sub".into(),
            region: "westeurope".into(),
            address_space: vec![net(space)],
            subnets: subnets
                .iter()
                .map(|(name, prefix)| Subnet {
                    id: format!("{id}-{name}").as_str().into(),
                    name: (*name).into(),
                    prefix: net(prefix),
                    route_table: None,
                    nsg: None,
                    service_endpoints: Vec::new(),
                })
                .collect(),
        });
        self
    }

    pub(crate) fn gateway(mut self, id: &str, vnet: &str, kind: GatewayKind) -> Lab {
        self.design.gateways.push(Gateway {
            id: id.into(),
            name: id.into(),
            vnet: vnet.into(),
            kind,
            sku: if kind == GatewayKind::Vpn {
                GatewaySku::VpnGw1
            } else {
                GatewaySku::ErGw1Az
            },
            scale_units: None,
            asn: None,
            private_ip_enabled: false,
        });
        self
    }

    pub(crate) fn connect(mut self, gateway: &str, circuit: &str, weight: u16) -> Lab {
        self.design.connections.push(Connection {
            id: format!("{gateway}-{circuit}").as_str().into(),
            name: String::new(),
            gateway: gateway.into(),
            circuit: circuit.into(),
            routing_weight: weight,
            fast_path: false,
            authorization: None,
        });
        self
    }

    pub(crate) fn vpn(mut self, id: &str, gateway: &str, router: &str, prefixes: &[&str]) -> Lab {
        self.design.vpn_connections.push(VpnConnection {
            id: id.into(),
            name: id.into(),
            gateway: gateway.into(),
            router: router.into(),
            over_private_peering: false,
            remote_prefixes: prefixes.iter().map(|p| net(p)).collect(),
            bgp: false,
            shared_key_ref: None,
        });
        self
    }

    pub(crate) fn spoke_of(mut self, spoke: &str, hub: &str) -> Lab {
        self.design.vnet_peerings.push(VnetPeering {
            id: format!("{spoke}-to-{hub}").as_str().into(),
            local: spoke.into(),
            remote: hub.into(),
            allow_gateway_transit: true,
            use_remote_gateways: true,
            allow_forwarded_traffic: true,
        });
        self
    }

    /// Adds a user route to the subnet's route table, making one if needed.
    pub(crate) fn udr(
        mut self,
        subnet: &str,
        prefix: &str,
        hop: NextHopType,
        next: Option<&str>,
    ) -> Lab {
        let table = format!("{subnet}-rt");
        if !self
            .design
            .route_tables
            .iter()
            .any(|t| t.id == table.as_str())
        {
            self.design.route_tables.push(RouteTable {
                id: table.as_str().into(),
                name: table.clone(),
                region: "westeurope".into(),
                propagate_gateway_routes: true,
                routes: Vec::new(),
            });
        }
        let t = self
            .design
            .route_tables
            .iter_mut()
            .find(|t| t.id == table.as_str())
            .unwrap();
        let n = t.routes.len();
        t.routes.push(Route {
            id: format!("{table}-{n}").as_str().into(),
            name: format!("r{n}"),
            prefix: net(prefix),
            next_hop: hop,
            next_hop_ip: next.map(ip),
        });
        self.subnet_mut(subnet).route_table = Some(table.as_str().into());
        self
    }

    pub(crate) fn appliance(mut self, id: &str, subnet: &str, address: &str) -> Lab {
        self.design.appliances.push(Appliance {
            id: id.into(),
            name: id.into(),
            subnet: subnet.into(),
            ip: ip(address),
            kind: ApplianceKind::Nva,
            ip_forwarding: true,
        });
        self
    }

    /// Adds a custom rule to the subnet's NSG, making one if needed.
    pub(crate) fn rule(
        mut self,
        subnet: &str,
        priority: u16,
        direction: Direction,
        access: Access,
        ports: &str,
    ) -> Lab {
        let nsg = format!("{subnet}-nsg");
        if !self.design.nsgs.iter().any(|n| n.id == nsg.as_str()) {
            self.design.nsgs.push(Nsg {
                id: nsg.as_str().into(),
                name: nsg.clone(),
                region: "westeurope".into(),
                rules: Vec::new(),
            });
        }
        let n = self
            .design
            .nsgs
            .iter_mut()
            .find(|n| n.id == nsg.as_str())
            .unwrap();
        let k = n.rules.len();
        n.rules.push(NsgRule {
            id: format!("{nsg}-{k}").as_str().into(),
            name: format!("rule-{priority}"),
            priority,
            direction,
            access,
            protocol: Protocol::Tcp,
            source: "*".into(),
            source_ports: "*".into(),
            destination: "*".into(),
            destination_ports: ports.into(),
        });
        self.subnet_mut(subnet).nsg = Some(nsg.as_str().into());
        self
    }

    pub(crate) fn subnet_mut(&mut self, id: &str) -> &mut Subnet {
        self.design
            .vnets
            .iter_mut()
            .flat_map(|v| v.subnets.iter_mut())
            .find(|s| s.id == id)
            .expect("the subnet was added before")
    }

    pub(crate) fn circuit_mut(&mut self, id: &str) -> &mut Circuit {
        self.design
            .circuits
            .iter_mut()
            .find(|c| c.id == id)
            .expect("the circuit was added before")
    }

    pub(crate) fn site_mut(&mut self, id: &str) -> &mut Site {
        self.design
            .sites
            .iter_mut()
            .find(|s| s.id == id)
            .expect("the site was added before")
    }

    pub(crate) fn with(mut self, change: impl FnOnce(&mut Lab)) -> Lab {
        change(&mut self);
        self
    }
}

/// The classic lab: site `dc` (10.50.0.0/16) with router `dc-rtr` (AS
/// 65001) on both ends of circuit `er1`, a hub 10.1.0.0/16 with an
/// ExpressRoute gateway and a workload subnet `hub-app`.
pub(crate) fn lab() -> Lab {
    Lab::new()
        .site("dc", &["10.50.0.0/16"], 65001)
        .circuit("er1", "dc-rtr", "dc-rtr", 65001)
        .vnet(
            "hub",
            "10.1.0.0/16",
            &[("GatewaySubnet", "10.1.0.0/27"), ("app", "10.1.1.0/24")],
        )
        .gateway("ergw", "hub", GatewayKind::ExpressRoute)
        .connect("ergw", "er1", 0)
}

/// A route as a short line: `source state prefix next-hop-type ips`.
pub(crate) fn line(route: &EffectiveRoute) -> String {
    let ips: Vec<String> = route.next_hop_ips.iter().map(|i| i.to_string()).collect();
    format!(
        "{:?} {:?} {} {} {}",
        route.source,
        route.state,
        route.prefix,
        route.next_hop_type.as_str(),
        ips.join(",")
    )
    .trim_end()
    .to_owned()
}

/// The effective routes of a subnet, one line each.
pub(crate) fn table(design: &Design, subnet: &str) -> Vec<String> {
    resolve(design, &Failures::none())
        .effective_routes(subnet)
        .expect("the subnet exists")
        .iter()
        .map(line)
        .collect()
}

/// The route a subnet uses for an address, as a line.
pub(crate) fn route_for(design: &Design, subnet: &str, addr: &str) -> String {
    resolve(design, &Failures::none())
        .effective_route(subnet, ip(addr))
        .map(|r| line(&r))
        .unwrap_or_else(|| "no route".to_owned())
}

/// The circuits and links of a subnet's route to an address.
pub(crate) fn ways(design: &Design, subnet: &str, addr: &str) -> Vec<String> {
    resolve(design, &Failures::none())
        .effective_route(subnet, ip(addr))
        .map(|r| {
            r.paths
                .iter()
                .map(|p| match &p.via {
                    GatewayVia::ExpressRoute { circuit, link, .. } => {
                        format!("{circuit} {}", link.label())
                    }
                    GatewayVia::Vpn { connection, .. } => format!("vpn {connection}"),
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Traces a TCP 443 packet and lists each path's places and outcome.
pub(crate) fn trace_of(design: &Design, at: &str, from: &str, to: &str) -> Trace {
    let routes = resolve(design, &Failures::none());
    trace(
        design,
        &routes,
        &TraceRequest::tcp(ip(from), ip(to), 443).at(at),
    )
}

/// A path as places joined by arrows, then its outcome.
pub(crate) fn path_line(path: &TracePath) -> String {
    let places: Vec<String> = path
        .hops
        .iter()
        .map(|h| match &h.place {
            Place::Subnet { subnet, .. } => subnet.to_string(),
            Place::Appliance { appliance } => appliance.to_string(),
            Place::Gateway { gateway } => gateway.to_string(),
            Place::Circuit { circuit, link, .. } => format!("{circuit}/{}", link.label()),
            Place::GlobalReach { from, to } => format!("reach {from}-{to}"),
            Place::VpnTunnel { connection } => format!("vpn {connection}"),
            Place::Router { router, .. } => router.to_string(),
            Place::Site { site } => site.to_string(),
            Place::Internet => "internet".to_owned(),
            Place::MicrosoftService { service } => service.clone(),
        })
        .collect();
    let outcome = match &path.outcome {
        Outcome::Delivered => "delivered".to_owned(),
        Outcome::Internet => "internet".to_owned(),
        Outcome::MicrosoftService => "microsoft".to_owned(),
        Outcome::BlackHole { prefix } => format!("black hole {prefix}"),
        Outcome::NoRoute { .. } => "no route".to_owned(),
        Outcome::Denied { rule, .. } => format!("denied by {rule}"),
        Outcome::Loop => "loop".to_owned(),
        Outcome::HopLimit => "hop limit".to_owned(),
        Outcome::Dropped { reason } => format!("dropped: {reason}"),
    };
    format!("{} => {outcome}", places.join(" > "))
}

pub(crate) fn path_lines(result: &Trace) -> Vec<String> {
    result.paths.iter().map(path_line).collect()
}

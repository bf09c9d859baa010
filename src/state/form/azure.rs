//! Fields of VNets, subnets, gateways, connections, route tables, security
//! groups, appliances and VPN connections.

use routecraft_core::edit::Element;
use routecraft_core::facts::{self, REGIONS};
use routecraft_core::model::{
    Access, ApplianceKind, Direction, ElementKind as K, GatewayKind, GatewaySku, NextHopType,
    Protocol,
};

use super::parse::*;
use super::{reference, unknown, with_current, Form};

fn regions(current: &str) -> Vec<(String, String)> {
    with_current(
        REGIONS
            .iter()
            .map(|r| (r.name.to_owned(), r.display.to_owned()))
            .collect(),
        current,
    )
}

fn skus(kind: GatewayKind) -> Vec<(&'static str, String)> {
    let list: &[GatewaySku] = match kind {
        GatewayKind::ExpressRoute => &GatewaySku::EXPRESS_ROUTE,
        GatewayKind::Vpn => &GatewaySku::VPN,
    };
    list.iter()
        .map(|s| (s.as_str(), s.as_str().to_owned()))
        .collect()
}

pub(super) fn fields(f: &mut Form<'_>, element: &Element) {
    match element {
        Element::Vnet(v) => {
            f.text("name", "Name", &v.name);
            f.reference(
                "subscription",
                "Subscription",
                Some(&v.subscription),
                K::Subscription,
                false,
            );
            f.select("region", "Region", &v.region, regions(&v.region));
            f.list("address_space", "Address space", &v.address_space);
        }
        Element::Subnet { subnet: s, .. } => {
            f.text("name", "Name", &s.name);
            f.text("prefix", "Prefix", s.prefix);
            f.reference(
                "route_table",
                "Route table",
                s.route_table.as_ref(),
                K::RouteTable,
                true,
            );
            f.reference(
                "nsg",
                "Network security group",
                s.nsg.as_ref(),
                K::Nsg,
                true,
            );
        }
        Element::VnetPeering(p) => {
            f.reference("local", "Spoke (local)", Some(&p.local), K::Vnet, false);
            f.reference("remote", "Hub (remote)", Some(&p.remote), K::Vnet, false);
            f.check(
                "allow_gateway_transit",
                "Hub allows gateway transit",
                p.allow_gateway_transit,
            );
            f.check(
                "use_remote_gateways",
                "Spoke uses remote gateways",
                p.use_remote_gateways,
            );
            f.check(
                "allow_forwarded_traffic",
                "Allow forwarded traffic",
                p.allow_forwarded_traffic,
            );
        }
        Element::Gateway(g) => {
            f.text("name", "Name", &g.name);
            f.reference("vnet", "VNet", Some(&g.vnet), K::Vnet, false);
            let kinds = [("ExpressRoute", "ExpressRoute"), ("Vpn", "VPN")];
            let kind = if g.kind == GatewayKind::Vpn {
                "Vpn"
            } else {
                "ExpressRoute"
            };
            f.select("kind", "Type", kind, kinds.map(|(k, l)| (k, l.to_owned())));
            f.select("sku", "SKU", g.sku.as_str(), skus(g.kind));
            if g.sku == GatewaySku::ErGwScale {
                f.text("scale_units", "Scale units", g.scale_units.unwrap_or(1));
            }
            if g.kind == GatewayKind::Vpn {
                f.text(
                    "asn",
                    "BGP ASN",
                    g.asn.map_or(String::new(), |a| a.to_string()),
                );
            }
            f.check(
                "private_ip_enabled",
                "Private IPs (IPsec over ExpressRoute)",
                g.private_ip_enabled,
            );
        }
        Element::Connection(c) => {
            f.text("name", "Name", &c.name);
            f.reference("gateway", "Gateway", Some(&c.gateway), K::Gateway, false);
            f.reference("circuit", "Circuit", Some(&c.circuit), K::Circuit, false);
            f.text("routing_weight", "Routing weight", c.routing_weight);
            f.check("fast_path", "FastPath", c.fast_path);
            f.reference(
                "authorization",
                "Authorization redeemed",
                c.authorization.as_ref(),
                K::Authorization,
                true,
            );
        }
        Element::RouteTable(t) => {
            f.text("name", "Name", &t.name);
            f.select("region", "Region", &t.region, regions(&t.region));
            f.check(
                "propagate_gateway_routes",
                "Propagate gateway routes",
                t.propagate_gateway_routes,
            );
        }
        Element::Route { route: r, .. } => {
            f.text("name", "Name", &r.name);
            f.text("prefix", "Destination prefix", r.prefix);
            let hops = NextHopType::FOR_USER_ROUTES.map(|h| (h.as_str(), h.as_str().to_owned()));
            f.select("next_hop", "Next hop type", r.next_hop.as_str(), hops);
            if r.next_hop == NextHopType::VirtualAppliance {
                f.text(
                    "next_hop_ip",
                    "Next hop address",
                    r.next_hop_ip.map_or(String::new(), |i| i.to_string()),
                );
            }
        }
        Element::Nsg(n) => {
            f.text("name", "Name", &n.name);
            f.select("region", "Region", &n.region, regions(&n.region));
        }
        Element::NsgRule { rule: r, .. } => {
            f.text("name", "Name", &r.name);
            f.text("priority", "Priority", r.priority);
            let dir = if r.direction == Direction::Inbound {
                "Inbound"
            } else {
                "Outbound"
            };
            f.select(
                "direction",
                "Direction",
                dir,
                ["Inbound", "Outbound"].map(|d| (d, d.to_owned())),
            );
            let access = if r.access == Access::Allow {
                "Allow"
            } else {
                "Deny"
            };
            f.select(
                "access",
                "Access",
                access,
                ["Allow", "Deny"].map(|d| (d, d.to_owned())),
            );
            f.select(
                "protocol",
                "Protocol",
                r.protocol.as_str(),
                Protocol::ALL.map(|p| (p.as_str(), p.as_str().to_owned())),
            );
            f.text("source", "Source", &r.source);
            f.text("source_ports", "Source ports", &r.source_ports);
            f.text("destination", "Destination", &r.destination);
            f.text(
                "destination_ports",
                "Destination ports",
                &r.destination_ports,
            );
        }
        Element::Appliance(a) => {
            f.text("name", "Name", &a.name);
            f.reference("subnet", "Subnet", Some(&a.subnet), K::Subnet, false);
            f.text("ip", "Private address", a.ip);
            let kind = if a.kind == ApplianceKind::Nva {
                "nva"
            } else {
                "firewall"
            };
            f.select(
                "kind",
                "Kind",
                kind,
                [
                    ("firewall", "Firewall"),
                    ("nva", "Network virtual appliance"),
                ]
                .map(|(k, l)| (k, l.to_owned())),
            );
            f.check("ip_forwarding", "IP forwarding", a.ip_forwarding);
        }
        Element::VpnConnection(v) => {
            f.text("name", "Name", &v.name);
            f.reference(
                "gateway",
                "VPN gateway",
                Some(&v.gateway),
                K::Gateway,
                false,
            );
            f.reference(
                "router",
                "On-premises router",
                Some(&v.router),
                K::Router,
                false,
            );
            f.check(
                "over_private_peering",
                "Over ExpressRoute private peering",
                v.over_private_peering,
            );
            f.check("bgp", "BGP", v.bgp);
            f.list("remote_prefixes", "Remote prefixes", &v.remote_prefixes);
            f.text(
                "shared_key_ref",
                "Shared key secret name",
                v.shared_key_ref.as_deref().unwrap_or(""),
            );
        }
        _ => {}
    }
}

pub(super) fn set(element: &mut Element, key: &str, text: &str) -> Result<(), String> {
    match (element, key) {
        (Element::Vnet(v), "name") => v.name = name(text)?,
        (Element::Vnet(v), "subscription") => {
            v.subscription = reference(text).ok_or("pick a subscription")?
        }
        (Element::Vnet(v), "region") => v.region = name(text)?,
        (Element::Vnet(v), "address_space") => v.address_space = cidr_list(text)?,
        (Element::Subnet { subnet: s, .. }, "name") => s.name = name(text)?,
        (Element::Subnet { subnet: s, .. }, "prefix") => s.prefix = cidr(text)?,
        (Element::Subnet { subnet: s, .. }, "route_table") => s.route_table = reference(text),
        (Element::Subnet { subnet: s, .. }, "nsg") => s.nsg = reference(text),
        (Element::VnetPeering(p), "local") => p.local = reference(text).ok_or("pick a VNet")?,
        (Element::VnetPeering(p), "remote") => p.remote = reference(text).ok_or("pick a VNet")?,
        (Element::VnetPeering(p), "allow_gateway_transit") => p.allow_gateway_transit = flag(text),
        (Element::VnetPeering(p), "use_remote_gateways") => p.use_remote_gateways = flag(text),
        (Element::VnetPeering(p), "allow_forwarded_traffic") => {
            p.allow_forwarded_traffic = flag(text)
        }
        (Element::Gateway(g), "name") => g.name = name(text)?,
        (Element::Gateway(g), "vnet") => g.vnet = reference(text).ok_or("pick a VNet")?,
        (Element::Gateway(g), "kind") => {
            let kind = if text == "Vpn" {
                GatewayKind::Vpn
            } else {
                GatewayKind::ExpressRoute
            };
            if kind != g.kind {
                g.kind = kind;
                g.sku = if kind == GatewayKind::Vpn {
                    GatewaySku::VpnGw1AZ
                } else {
                    GatewaySku::ErGw1Az
                };
                g.asn = (kind == GatewayKind::Vpn).then_some(facts::AZURE_GATEWAY_ASN);
                g.scale_units = None;
            }
        }
        (Element::Gateway(g), "sku") => {
            let all = GatewaySku::EXPRESS_ROUTE
                .iter()
                .chain(GatewaySku::VPN.iter());
            g.sku = *all
                .into_iter()
                .find(|s| s.as_str() == text)
                .ok_or("pick a SKU")?;
            g.scale_units = (g.sku == GatewaySku::ErGwScale).then_some(g.scale_units.unwrap_or(1));
        }
        (Element::Gateway(g), "scale_units") => {
            g.scale_units = Some(number(text, facts::ERGW_SCALE_UNITS)?)
        }
        (Element::Gateway(g), "asn") => {
            // A VPN gateway may keep Azure's own 65515, which a peer may not use.
            g.asn = match optional(text) {
                Some(t) if t == facts::AZURE_GATEWAY_ASN.to_string() => {
                    Some(facts::AZURE_GATEWAY_ASN)
                }
                _ => optional_asn(text)?,
            }
        }
        (Element::Gateway(g), "private_ip_enabled") => g.private_ip_enabled = flag(text),
        (Element::Connection(c), "name") => c.name = name(text)?,
        (Element::Connection(c), "gateway") => {
            c.gateway = reference(text).ok_or("pick a gateway")?
        }
        (Element::Connection(c), "circuit") => {
            c.circuit = reference(text).ok_or("pick a circuit")?
        }
        (Element::Connection(c), "routing_weight") => {
            c.routing_weight = number(text, 0..=facts::ROUTING_WEIGHT_MAX)?
        }
        (Element::Connection(c), "fast_path") => c.fast_path = flag(text),
        (Element::Connection(c), "authorization") => c.authorization = reference(text),
        (Element::RouteTable(t), "name") => t.name = name(text)?,
        (Element::RouteTable(t), "region") => t.region = name(text)?,
        (Element::RouteTable(t), "propagate_gateway_routes") => {
            t.propagate_gateway_routes = flag(text)
        }
        (Element::Route { route: r, .. }, "name") => r.name = name(text)?,
        (Element::Route { route: r, .. }, "prefix") => r.prefix = cidr(text)?,
        (Element::Route { route: r, .. }, "next_hop") => {
            r.next_hop = NextHopType::FOR_USER_ROUTES
                .into_iter()
                .find(|h| h.as_str() == text)
                .ok_or("pick a next hop type")?;
            if r.next_hop != NextHopType::VirtualAppliance {
                r.next_hop_ip = None;
            }
        }
        (Element::Route { route: r, .. }, "next_hop_ip") => {
            r.next_hop_ip = match optional(text) {
                None => None,
                Some(t) => Some(ip(&t)?),
            }
        }
        (Element::Nsg(n), "name") => n.name = name(text)?,
        (Element::Nsg(n), "region") => n.region = name(text)?,
        (Element::NsgRule { rule: r, .. }, "name") => r.name = name(text)?,
        (Element::NsgRule { rule: r, .. }, "priority") => {
            r.priority = number(text, facts::NSG_CUSTOM_PRIORITY)?
        }
        (Element::NsgRule { rule: r, .. }, "direction") => {
            r.direction = if text == "Outbound" {
                Direction::Outbound
            } else {
                Direction::Inbound
            }
        }
        (Element::NsgRule { rule: r, .. }, "access") => {
            r.access = if text == "Deny" {
                Access::Deny
            } else {
                Access::Allow
            }
        }
        (Element::NsgRule { rule: r, .. }, "protocol") => {
            r.protocol = Protocol::ALL
                .into_iter()
                .find(|p| p.as_str() == text)
                .ok_or("pick a protocol")?
        }
        (Element::NsgRule { rule: r, .. }, "source") => r.source = name(text)?,
        (Element::NsgRule { rule: r, .. }, "source_ports") => r.source_ports = name(text)?,
        (Element::NsgRule { rule: r, .. }, "destination") => r.destination = name(text)?,
        (Element::NsgRule { rule: r, .. }, "destination_ports") => {
            r.destination_ports = name(text)?
        }
        (Element::Appliance(a), "name") => a.name = name(text)?,
        (Element::Appliance(a), "subnet") => a.subnet = reference(text).ok_or("pick a subnet")?,
        (Element::Appliance(a), "ip") => a.ip = ip(text)?,
        (Element::Appliance(a), "kind") => {
            a.kind = if text == "nva" {
                ApplianceKind::Nva
            } else {
                ApplianceKind::Firewall
            }
        }
        (Element::Appliance(a), "ip_forwarding") => a.ip_forwarding = flag(text),
        (Element::VpnConnection(v), "name") => v.name = name(text)?,
        (Element::VpnConnection(v), "gateway") => {
            v.gateway = reference(text).ok_or("pick a gateway")?
        }
        (Element::VpnConnection(v), "router") => {
            v.router = reference(text).ok_or("pick a router")?
        }
        (Element::VpnConnection(v), "over_private_peering") => v.over_private_peering = flag(text),
        (Element::VpnConnection(v), "bgp") => v.bgp = flag(text),
        (Element::VpnConnection(v), "remote_prefixes") => v.remote_prefixes = cidr_list(text)?,
        (Element::VpnConnection(v), "shared_key_ref") => v.shared_key_ref = optional(text),
        (_, key) => return Err(unknown(key)),
    }
    Ok(())
}

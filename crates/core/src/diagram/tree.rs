//! Which boxes the diagram holds, what they say, and which holds which.

use std::collections::BTreeMap;

use crate::facts;
use crate::model::*;

/// One box to draw, before it has a place.
pub(super) struct Item {
    pub id: Id,
    pub kind: ElementKind,
    pub label: String,
    pub sublabel: String,
    pub zone: usize,
    pub parent: Option<usize>,
    pub children: Vec<usize>,
    pub is_container: bool,
}

/// A zone before it has a place.
pub(super) struct ZoneSpec {
    pub id: String,
    pub title: String,
    /// Top-level items in the order they stack.
    pub roots: Vec<usize>,
}

/// Every box of the diagram, grouped into zones.
pub(super) struct Tree {
    pub zones: Vec<ZoneSpec>,
    pub items: Vec<Item>,
}

const CUSTOMER: usize = 0;
const CSP: usize = 1;
const EDGE: usize = 2;

impl Tree {
    fn push(&mut self, item: Item) -> usize {
        let index = self.items.len();
        match item.parent {
            Some(parent) => {
                if let Some(p) = self.items.get_mut(parent) {
                    p.children.push(index);
                    p.is_container = true;
                }
            }
            None => {
                if let Some(zone) = self.zones.get_mut(item.zone) {
                    zone.roots.push(index);
                }
            }
        }
        self.items.push(item);
        index
    }

    fn region_zone(&mut self, region: &str) -> usize {
        let id = format!("region-{region}");
        if let Some(i) = self.zones.iter().position(|z| z.id == id) {
            return i;
        }
        let display = facts::region(region).map_or(region, |r| r.display);
        self.zones.push(ZoneSpec {
            id,
            title: format!("Azure {display}"),
            roots: Vec::new(),
        });
        self.zones.len() - 1
    }
}

fn item(id: &Id, kind: ElementKind, label: &str, sublabel: String, zone: usize) -> Item {
    Item {
        id: id.clone(),
        kind,
        label: label.to_owned(),
        sublabel,
        zone,
        parent: None,
        children: Vec::new(),
        is_container: false,
    }
}

/// The most prefixes a box's second line names; a site that advertises
/// two thousand prefixes would otherwise be drawn thousands of units wide.
const SHOWN_PREFIXES: usize = 3;

/// The first few items, and how many more there are.
fn join<T: ToString>(list: &[T]) -> String {
    let shown = list
        .iter()
        .take(SHOWN_PREFIXES)
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    match list.len().saturating_sub(SHOWN_PREFIXES) {
        0 => shown,
        more => format!("{shown} and {more} more"),
    }
}

/// A bandwidth as people say it: `500 Mbps`, `1 Gbps`, `2.5 Gbps`.
pub(crate) fn bandwidth(mbps: u32) -> String {
    if mbps >= 1000 && mbps.is_multiple_of(100) {
        let gbps = f64::from(mbps) / 1000.0;
        format!("{gbps} Gbps")
    } else {
        format!("{mbps} Mbps")
    }
}

/// Builds the boxes of a design, zone by zone.
pub(super) fn build(design: &Design) -> Tree {
    let zone = |id: &str, title: &str| ZoneSpec {
        id: id.to_owned(),
        title: title.to_owned(),
        roots: Vec::new(),
    };
    let mut tree = Tree {
        zones: vec![
            zone("customer-sites", "Customer sites"),
            zone("csp-sites", "CSP sites"),
            zone("provider-edge", "Provider edge and peering locations"),
        ],
        items: Vec::new(),
    };
    let mut index: BTreeMap<&str, usize> = BTreeMap::new();

    for site in &design.sites {
        let zone = match site.kind {
            SiteKind::CustomerDatacenter => CUSTOMER,
            SiteKind::CspDatacenter => CSP,
            SiteKind::ProviderEdge => EDGE,
        };
        let sub = join(&site.address_space);
        let sub = if sub.is_empty() {
            site.kind.label().to_owned()
        } else {
            sub
        };
        let mut it = item(&site.id, ElementKind::Site, &site.name, sub, zone);
        it.is_container = true;
        let i = tree.push(it);
        index.entry(site.id.as_str()).or_insert(i);
    }
    for router in &design.routers {
        let sub = format!("AS {}", router.asn);
        let mut it = item(&router.id, ElementKind::Router, &router.name, sub, CUSTOMER);
        if let Some(&site) = index.get(router.site.as_str()) {
            it.zone = tree.items.get(site).map_or(CUSTOMER, |s| s.zone);
            it.parent = Some(site);
        }
        tree.push(it);
    }
    for port in &design.direct_ports {
        let sub = format!(
            "Direct 2 x {} Gbps, {}",
            port.port_speed_gbps, port.peering_location
        );
        tree.push(item(
            &port.id,
            ElementKind::DirectPort,
            &port.name,
            sub,
            EDGE,
        ));
    }
    for circuit in &design.circuits {
        let via = match circuit.kind {
            CircuitKind::Provider => circuit.provider.as_str(),
            CircuitKind::Direct => "Direct",
        };
        let sub = format!(
            "{via}, {}, {}, {}",
            circuit.peering_location,
            bandwidth(circuit.bandwidth_mbps),
            circuit.tier.as_str()
        );
        tree.push(item(
            &circuit.id,
            ElementKind::Circuit,
            &circuit.name,
            sub,
            EDGE,
        ));
    }

    add_azure(design, &mut tree);
    tree
}

fn add_azure(design: &Design, tree: &mut Tree) {
    let mut subnets: BTreeMap<&str, usize> = BTreeMap::new();
    let mut gateway_subnets: BTreeMap<&str, usize> = BTreeMap::new();
    let mut vnets: BTreeMap<&str, usize> = BTreeMap::new();
    for vnet in &design.vnets {
        let zone = tree.region_zone(&vnet.region);
        let sub = join(&vnet.address_space);
        let mut it = item(&vnet.id, ElementKind::Vnet, &vnet.name, sub, zone);
        it.is_container = true;
        let v = tree.push(it);
        vnets.entry(vnet.id.as_str()).or_insert(v);
        for subnet in &vnet.subnets {
            let sub = subnet.prefix.to_string();
            let mut it = item(&subnet.id, ElementKind::Subnet, &subnet.name, sub, zone);
            it.parent = Some(v);
            let s = tree.push(it);
            subnets.entry(subnet.id.as_str()).or_insert(s);
            if subnet.is_gateway_subnet() {
                gateway_subnets.entry(vnet.id.as_str()).or_insert(s);
            }
        }
    }

    let mut orphans = Vec::new();
    for gateway in &design.gateways {
        let kind = match gateway.kind {
            GatewayKind::ExpressRoute => "ExpressRoute",
            GatewayKind::Vpn => "VPN",
        };
        let sub = format!("{kind} {}", gateway.sku.as_str());
        let it = item(&gateway.id, ElementKind::Gateway, &gateway.name, sub, 0);
        let holder = gateway_subnets
            .get(gateway.vnet.as_str())
            .or_else(|| vnets.get(gateway.vnet.as_str()));
        place_in(tree, it, holder.copied(), &mut orphans);
    }
    for appliance in &design.appliances {
        let sub = appliance.ip.to_string();
        let kind = ElementKind::Appliance;
        let it = item(&appliance.id, kind, &appliance.name, sub, 0);
        let holder = subnets.get(appliance.subnet.as_str()).copied();
        place_in(tree, it, holder, &mut orphans);
    }
    for table in &design.route_tables {
        let zone = tree.region_zone(&table.region);
        let sub = format!("route table, {} routes", table.routes.len());
        tree.push(item(
            &table.id,
            ElementKind::RouteTable,
            &table.name,
            sub,
            zone,
        ));
    }
    for nsg in &design.nsgs {
        let zone = tree.region_zone(&nsg.region);
        let sub = match nsg.rules.len() {
            1 => "NSG, 1 rule".to_owned(),
            n => format!("NSG, {n} rules"),
        };
        tree.push(item(&nsg.id, ElementKind::Nsg, &nsg.name, sub, zone));
    }

    if !orphans.is_empty() {
        tree.zones.push(ZoneSpec {
            id: "unplaced".to_owned(),
            title: "Not in any VNet".to_owned(),
            roots: Vec::new(),
        });
        let zone = tree.zones.len() - 1;
        for mut it in orphans {
            it.zone = zone;
            tree.push(it);
        }
    }
}

/// Puts an item into its container, or aside when the container is missing.
fn place_in(tree: &mut Tree, mut it: Item, holder: Option<usize>, orphans: &mut Vec<Item>) {
    match holder {
        Some(h) => {
            it.zone = tree.items.get(h).map_or(0, |p| p.zone);
            it.parent = Some(h);
            tree.push(it);
        }
        None => orphans.push(it),
    }
}

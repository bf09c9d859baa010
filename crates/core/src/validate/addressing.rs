//! Addressing rules: address spaces that overlap where they can meet,
//! subnets that leave their VNet, and user routes Azure would refuse.
//!
//! Overlaps are found by sorting prefixes and sweeping once, so a design
//! at Azure's own limits is checked without comparing every pair.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::net::IpAddr;

use ipnet::IpNet;

use super::context::Context;
use super::{Findings, RuleInfo, Severity};
use crate::model::*;

pub(super) const VNET_OVERLAP: RuleInfo = RuleInfo::new(
    "ER-VNET-OVERLAP",
    Severity::Error,
    "VNets that reach each other have distinct address spaces",
    "§3.8",
);
pub(super) const ONPREM_OVERLAP: RuleInfo = RuleInfo::new(
    "ER-ONPREM-OVERLAP",
    Severity::Error,
    "A customer's VNets do not overlap its on-premises address space",
    "§4.2",
);
pub(super) const CUSTOMER_OVERLAP: RuleInfo = RuleInfo::new(
    "ER-CUSTOMER-OVERLAP",
    Severity::Error,
    "Customers whose address plans overlap are kept in separate VRFs on every shared router",
    "§3.9",
);
pub(super) const SUBNET_OUTSIDE: RuleInfo = RuleInfo::new(
    "ER-SUBNET-OUTSIDE",
    Severity::Error,
    "A subnet lies within its VNet's address space",
    "§4.2",
);
pub(super) const SUBNET_OVERLAP: RuleInfo = RuleInfo::new(
    "ER-SUBNET-OVERLAP",
    Severity::Error,
    "Subnets of a VNet do not overlap",
    "§4.2",
);
pub(super) const UDR_NEXT_HOP_TYPE: RuleInfo = RuleInfo::new(
    "ER-UDR-NEXT-HOP-TYPE",
    Severity::Error,
    "A user route uses a next hop type that user routes may have",
    "§4.4",
);
pub(super) const UDR_APPLIANCE_IP: RuleInfo = RuleInfo::new(
    "ER-UDR-APPLIANCE-IP",
    Severity::Error,
    "A virtual appliance next hop has an address inside a subnet",
    "§4.4",
);
pub(super) const UDR_EXPRESS_ROUTE_GATEWAY: RuleInfo = RuleInfo::new(
    "ER-UDR-EXPRESSROUTE-GATEWAY",
    Severity::Error,
    "A virtual network gateway next hop points at a VPN gateway, never an ExpressRoute one",
    "§4.4",
);
pub(super) const APPLIANCE_FORWARDING: RuleInfo = RuleInfo::new(
    "ER-APPLIANCE-FORWARDING",
    Severity::Error,
    "An appliance that user routes point at has IP forwarding on",
    "§4.4",
);

pub(super) fn check(cx: &Context, out: &mut Findings) {
    vnet_overlaps(cx, out);
    onprem_overlaps(cx, out);
    customer_overlaps(cx, out);
    for vnet in &cx.design.vnets {
        subnets(vnet, out);
    }
    user_routes(cx, out);
}

/// Pairs of entries whose prefixes overlap, owners differing, each pair of
/// owners once with the first overlap found, the smaller owner first.
///
/// CIDR prefixes either nest or are disjoint, so after sorting by network
/// address (shorter first) every prefix that contains the current one is on
/// a stack of open prefixes: the check costs a sort, not a comparison of
/// every pair. Public so that the benchmarks can time it alone.
///
/// ```
/// use routecraft_core::validate::overlapping_pairs;
/// let net = |s: &str| s.parse().unwrap();
/// let pairs = overlapping_pairs(vec![(net("10.0.0.0/16"), 1), (net("10.0.4.0/24"), 2), (net("10.1.0.0/16"), 3)]);
/// assert_eq!(pairs.len(), 1);
/// assert_eq!((pairs[0].0 .1, pairs[0].1 .1), (1, 2));
/// ```
pub fn overlapping_pairs<T: Copy + Ord>(
    mut items: Vec<(IpNet, T)>,
) -> Vec<((IpNet, T), (IpNet, T))> {
    for item in &mut items {
        item.0 = item.0.trunc();
    }
    items.sort_by(|a, b| {
        (a.0.network(), a.0.prefix_len(), a.1).cmp(&(b.0.network(), b.0.prefix_len(), b.1))
    });

    let mut seen = BTreeSet::new();
    let mut pairs = Vec::new();
    let mut open: Vec<(IpNet, T)> = Vec::new();
    for item in items {
        while open
            .last()
            .is_some_and(|top| !top.0.contains(&item.0.network()))
        {
            open.pop();
        }
        for outer in &open {
            let key = if outer.1 < item.1 {
                (outer.1, item.1)
            } else {
                (item.1, outer.1)
            };
            if outer.1 != item.1 && seen.insert(key) {
                let pair = if outer.1 < item.1 {
                    (*outer, item)
                } else {
                    (item, *outer)
                };
                pairs.push(pair);
            }
        }
        open.push(item);
    }
    pairs
}

/// The addresses a set of prefixes covers, merged into disjoint ranges, to
/// tell in logarithmic time whether a prefix touches any of them.
pub(super) struct Cover(Vec<(bool, u128, u128)>);

/// A prefix as the first and last address it covers, IPv6 after IPv4, so
/// prefixes compare as plain integers.
pub(super) fn range(net: &IpNet) -> (bool, u128, u128) {
    match net.trunc() {
        IpNet::V4(n) => (
            false,
            u32::from(n.network()).into(),
            u32::from(n.broadcast()).into(),
        ),
        IpNet::V6(n) => (true, u128::from(n.network()), u128::from(n.broadcast())),
    }
}

impl Cover {
    pub(super) fn new<'a>(nets: impl IntoIterator<Item = &'a IpNet>) -> Cover {
        let mut ranges: Vec<(bool, u128, u128)> = nets.into_iter().map(range).collect();
        ranges.sort_unstable();
        let mut merged: Vec<(bool, u128, u128)> = Vec::with_capacity(ranges.len());
        for r in ranges {
            match merged.last_mut() {
                Some(last) if last.0 == r.0 && r.1 <= last.2.saturating_add(1) => {
                    last.2 = last.2.max(r.2);
                }
                _ => merged.push(r),
            }
        }
        Cover(merged)
    }

    /// Tells whether `net` shares an address with the cover.
    pub(super) fn touches(&self, net: &IpNet) -> bool {
        let (v6, start, end) = range(net);
        let after = self.0.partition_point(|r| (r.0, r.1) <= (v6, end));
        after
            .checked_sub(1)
            .and_then(|i| self.0.get(i))
            .is_some_and(|r| r.0 == v6 && r.2 >= start)
    }
}

/// Union-find over element ids, for the groups of VNets that reach each other.
struct Groups<'a>(BTreeMap<&'a str, &'a str>);

impl<'a> Groups<'a> {
    fn root(&self, mut id: &'a str) -> &'a str {
        while let Some(parent) = self.0.get(id).filter(|p| **p != id) {
            id = parent;
        }
        id
    }

    fn join(&mut self, a: &'a str, b: &'a str) {
        let (ra, rb) = (self.root(a), self.root(b));
        if ra != rb {
            self.0.insert(ra.max(rb), ra.min(rb));
        }
    }
}

fn vnet_overlaps(cx: &Context, out: &mut Findings) {
    let mut groups = Groups(BTreeMap::new());
    for p in &cx.design.vnet_peerings {
        if cx.vnets.contains_key(p.local.as_str()) && cx.vnets.contains_key(p.remote.as_str()) {
            groups.join(p.local.as_str(), p.remote.as_str());
        }
    }
    for c in &cx.design.connections {
        let vnet = cx
            .gateways
            .get(c.gateway.as_str())
            .and_then(|g| cx.vnet_of_gateway(g));
        if let (Some(vnet), true) = (vnet, cx.circuits.contains_key(c.circuit.as_str())) {
            groups.join(vnet.id.as_str(), c.circuit.as_str());
        }
    }
    for circuit in &cx.design.circuits {
        for gr in circuit
            .global_reach
            .iter()
            .filter(|g| cx.circuits.contains_key(g.peer_circuit.as_str()))
        {
            groups.join(circuit.id.as_str(), gr.peer_circuit.as_str());
        }
    }

    let mut spaces = Vec::new();
    for (index, vnet) in cx.design.vnets.iter().enumerate() {
        let root = groups.root(vnet.id.as_str());
        spaces.extend(vnet.address_space.iter().map(|n| (*n, (root, index))));
    }
    for ((a, (_, i)), (b, (_, j))) in overlapping_pairs(spaces) {
        let (Some(va), Some(vb)) = (cx.design.vnets.get(i), cx.design.vnets.get(j)) else {
            continue;
        };
        if groups.root(va.id.as_str()) != groups.root(vb.id.as_str()) {
            continue;
        }
        out.push(
            &VNET_OVERLAP,
            vec![va.id.clone(), vb.id.clone()],
            format!(
                "VNet {} ({a}) and VNet {} ({b}) overlap, yet they reach each other through \
                 peering, a shared circuit or Global Reach; traffic between them cannot be routed.",
                va.name, vb.name
            ),
            "Renumber one of the VNets from a free range of the customer's address plan.",
        );
    }
}

fn onprem_overlaps(cx: &Context, out: &mut Findings) {
    #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
    enum Owner {
        Vnet(usize),
        Site(usize),
    }
    let mut by_customer: BTreeMap<&Id, Vec<(IpNet, Owner)>> = BTreeMap::new();
    for (i, vnet) in cx.design.vnets.iter().enumerate() {
        if let Some(customer) = cx.customer_id_of_subscription(&vnet.subscription) {
            let entry = by_customer.entry(customer).or_default();
            entry.extend(vnet.address_space.iter().map(|n| (*n, Owner::Vnet(i))));
        }
    }
    for (i, site) in cx.design.sites.iter().enumerate() {
        if let Some(customer) = &site.customer {
            let entry = by_customer.entry(customer).or_default();
            entry.extend(site.address_space.iter().map(|n| (*n, Owner::Site(i))));
        }
    }

    for (customer, spaces) in by_customer {
        for ((a, oa), (b, ob)) in overlapping_pairs(spaces) {
            let (vnet, site, vnet_net, site_net) = match (oa, ob) {
                (Owner::Vnet(v), Owner::Site(s)) => (v, s, a, b),
                (Owner::Site(s), Owner::Vnet(v)) => (v, s, b, a),
                _ => continue,
            };
            let (Some(vnet), Some(site)) = (cx.design.vnets.get(vnet), cx.design.sites.get(site))
            else {
                continue;
            };
            out.push(
                &ONPREM_OVERLAP,
                vec![vnet.id.clone(), site.id.clone()],
                format!(
                    "VNet {} ({vnet_net}) overlaps the address space {site_net} of {}'s site {}; \
                     Azure keeps traffic for its own address space inside the VNet, so those \
                     on-premises hosts are unreachable from it.",
                    vnet.name,
                    cx.name(customer),
                    site.name
                ),
                "Give the VNet a range that the customer does not use on-premises.",
            );
        }
    }
}

/// The pairs of customers that meet on some router without a VRF each.
fn unseparated_customers<'a>(cx: &Context<'a>) -> BTreeSet<(&'a Id, &'a Id)> {
    let mut touching: BTreeMap<&str, BTreeSet<&Id>> = BTreeMap::new();
    let mut touch = |router: &'a Id, customer: Option<&'a Id>| {
        if let Some(c) = customer {
            touching.entry(router.as_str()).or_default().insert(c);
        }
    };
    for router in &cx.design.routers {
        touch(
            &router.id,
            cx.sites
                .get(router.site.as_str())
                .and_then(|s| s.customer.as_ref()),
        );
    }
    for circuit in &cx.design.circuits {
        for router in [&circuit.primary_router, &circuit.secondary_router]
            .into_iter()
            .flatten()
        {
            touch(router, Some(&circuit.customer));
        }
    }
    for link in &cx.design.links {
        touch(&link.a, link.customer.as_ref());
        touch(&link.b, link.customer.as_ref());
    }

    let vrf = |c: &Id| cx.customers.get(c.as_str()).and_then(|c| c.vrf.as_deref());
    let mut pairs = BTreeSet::new();
    for (router, customers) in &touching {
        let Some(router) = cx.routers.get(router) else {
            continue;
        };
        let customers: Vec<&Id> = customers.iter().copied().collect();
        for (i, a) in customers.iter().enumerate() {
            for b in customers.iter().skip(i + 1) {
                let separated = router.vrfs.contains(a)
                    && router.vrfs.contains(b)
                    && !matches!((vrf(a), vrf(b)), (Some(x), Some(y)) if x == y);
                if !separated {
                    pairs.insert((*a.min(b), *a.max(b)));
                }
            }
        }
    }
    pairs
}

fn customer_overlaps(cx: &Context, out: &mut Findings) {
    let shared = unseparated_customers(cx);
    if shared.is_empty() {
        return;
    }
    let mut spaces: Vec<(IpNet, &Id)> = Vec::new();
    for vnet in &cx.design.vnets {
        if let Some(c) = cx.customer_id_of_subscription(&vnet.subscription) {
            spaces.extend(vnet.address_space.iter().map(|n| (*n, c)));
        }
    }
    for site in &cx.design.sites {
        if let Some(c) = &site.customer {
            spaces.extend(site.address_space.iter().map(|n| (*n, c)));
        }
    }
    for ((a, ca), (b, cb)) in overlapping_pairs(spaces) {
        if !shared.contains(&(ca.min(cb), ca.max(cb))) {
            continue;
        }
        out.push(
            &CUSTOMER_OVERLAP,
            vec![ca.clone(), cb.clone()],
            format!(
                "{} ({a}) and {} ({b}) have overlapping address plans and meet on a CSP router \
                 without a VRF of their own each, so their routes collide and may leak into \
                 each other.",
                cx.name(ca),
                cx.name(cb)
            ),
            "Give each customer its own VRF on every router that carries both, or renumber one of them.",
        );
    }
}

fn subnets(vnet: &Vnet, out: &mut Findings) {
    let spaces: Vec<(bool, u128, u128)> = vnet.address_space.iter().map(range).collect();
    for subnet in &vnet.subnets {
        let (v6, start, end) = range(&subnet.prefix);
        let inside = spaces
            .iter()
            .any(|s| s.0 == v6 && s.1 <= start && end <= s.2);
        if !inside {
            out.push(
                &SUBNET_OUTSIDE,
                vec![subnet.id.clone(), vnet.id.clone()],
                format!(
                    "Subnet {} ({}) lies outside the address space of VNet {} ({}).",
                    subnet.name,
                    subnet.prefix,
                    vnet.name,
                    super::list(&vnet.address_space)
                ),
                "Move the subnet into the VNet's address space, or widen the address space.",
            );
        }
    }
    let prefixes = vnet
        .subnets
        .iter()
        .enumerate()
        .map(|(i, s)| (s.prefix, i))
        .collect();
    for ((a, i), (b, j)) in overlapping_pairs(prefixes) {
        let (Some(sa), Some(sb)) = (vnet.subnets.get(i), vnet.subnets.get(j)) else {
            continue;
        };
        out.push(
            &SUBNET_OVERLAP,
            vec![sa.id.clone(), sb.id.clone()],
            format!(
                "Subnets {} ({a}) and {} ({b}) of VNet {} overlap.",
                sa.name, sb.name, vnet.name
            ),
            "Give each subnet its own range.",
        );
    }
}

/// Every subnet prefix of the design, for looking up whether an address
/// falls in some subnet with one probe per prefix length.
fn subnet_index(cx: &Context) -> HashSet<IpNet> {
    cx.design
        .vnets
        .iter()
        .flat_map(|v| v.subnets.iter().map(|s| s.prefix.trunc()))
        .collect()
}

fn in_some_subnet(index: &HashSet<IpNet>, ip: IpAddr) -> bool {
    let max = match ip {
        IpAddr::V4(_) => 32,
        IpAddr::V6(_) => 128,
    };
    (0..=max).any(|len| IpNet::new(ip, len).is_ok_and(|n| index.contains(&n.trunc())))
}

fn user_routes(cx: &Context, out: &mut Findings) {
    if cx.design.route_tables.is_empty() {
        return;
    }
    let index = subnet_index(cx);
    let mut users: BTreeMap<&str, Vec<&Vnet>> = BTreeMap::new();
    for vnet in &cx.design.vnets {
        for subnet in &vnet.subnets {
            if let Some(t) = &subnet.route_table {
                users.entry(t.as_str()).or_default().push(vnet);
            }
        }
    }
    let appliances: BTreeMap<IpAddr, &Appliance> =
        cx.design.appliances.iter().map(|a| (a.ip, a)).collect();

    for table in &cx.design.route_tables {
        let vnets = users.get(table.id.as_str()).map_or(&[][..], Vec::as_slice);
        for route in &table.routes {
            let ids = vec![route.id.clone(), table.id.clone()];
            let what = format!(
                "Route {} of table {} ({})",
                route.name, table.name, route.prefix
            );
            if !NextHopType::FOR_USER_ROUTES.contains(&route.next_hop) {
                out.push(
                    &UDR_NEXT_HOP_TYPE,
                    ids.clone(),
                    format!(
                        "{what} uses next hop type {}, which only Azure's system routes have.",
                        route.next_hop.as_str()
                    ),
                    "Use VirtualAppliance, VirtualNetworkGateway, VnetLocal, Internet or None.",
                );
            }
            match (route.next_hop, route.next_hop_ip) {
                (NextHopType::VirtualAppliance, None) => out.push(
                    &UDR_APPLIANCE_IP,
                    ids.clone(),
                    format!("{what} sends traffic to a virtual appliance but gives no next hop address."),
                    "Set the appliance's private address as the next hop.",
                ),
                (NextHopType::VirtualAppliance, Some(ip)) if !in_some_subnet(&index, ip) => out.push(
                    &UDR_APPLIANCE_IP,
                    ids.clone(),
                    format!("{what} sends traffic to virtual appliance {ip}, which is in no subnet of the design."),
                    "Point the route at the private address of an appliance in a subnet.",
                ),
                (NextHopType::VirtualAppliance, Some(ip)) => {
                    if let Some(a) = appliances.get(&ip).filter(|a| !a.ip_forwarding) {
                        out.push(
                            &APPLIANCE_FORWARDING,
                            vec![a.id.clone(), route.id.clone()],
                            format!(
                                "{what} sends traffic to appliance {} ({ip}), whose interface has \
                                 IP forwarding off, so it drops what it should forward.",
                                a.name
                            ),
                            "Turn IP forwarding on for the appliance's interface.",
                        );
                    }
                }
                (NextHopType::VirtualNetworkGateway, _) => gateway_hop(cx, route, table, vnets, out),
                _ => {}
            }
        }
    }
}

fn gateway_hop(
    cx: &Context,
    route: &Route,
    table: &RouteTable,
    vnets: &[&Vnet],
    out: &mut Findings,
) {
    let mut seen = BTreeSet::new();
    for vnet in vnets.iter().filter(|v| seen.insert(v.id.as_str())) {
        let gateways = cx.gateways_in(cx.gateway_vnet(vnet).id.as_str());
        let has = |k: GatewayKind| gateways.iter().any(|g| g.kind == k);
        let problem = if has(GatewayKind::ExpressRoute) {
            "its gateway is an ExpressRoute gateway, which takes its routes from BGP and cannot be a user route's next hop"
        } else if !has(GatewayKind::Vpn) {
            "it has no VPN gateway to send the traffic to"
        } else {
            continue;
        };
        out.push(
            &UDR_EXPRESS_ROUTE_GATEWAY,
            vec![route.id.clone(), table.id.clone(), vnet.id.clone()],
            format!(
                "Route {} of table {} ({}) sends traffic from VNet {} to the virtual network \
                 gateway, but {problem}.",
                route.name, table.name, route.prefix, vnet.name
            ),
            "Let BGP carry routes to ExpressRoute, or point the route at a virtual appliance.",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nets(texts: &[&str]) -> Vec<IpNet> {
        texts.iter().map(|t| t.parse().expect("a prefix")).collect()
    }

    #[test]
    fn a_cover_touches_what_overlaps_it_and_nothing_else() {
        let cover = nets(&["10.0.0.0/24", "10.0.1.0/24", "10.2.0.0/16", "fd00::/64"]);
        let cover = Cover::new(&cover);
        for (net, touches) in [
            ("10.0.0.128/30", true),
            ("10.0.1.252/30", true),
            ("10.0.2.0/30", false),
            ("10.0.0.0/8", true),
            ("10.1.255.252/30", false),
            ("10.2.255.252/30", true),
            ("fd00::4/126", true),
            ("fd01::/126", false),
            ("0.0.0.0/0", true),
        ] {
            assert_eq!(cover.touches(&net.parse().unwrap()), touches, "{net}");
        }
    }

    #[test]
    fn overlapping_pairs_find_nested_prefixes_of_different_owners_once() {
        let items = nets(&["10.0.0.0/8", "10.1.0.0/16", "10.1.2.0/24", "192.168.0.0/16"])
            .into_iter()
            .zip([1, 2, 3, 4])
            .collect();
        let owners: Vec<(i32, i32)> = overlapping_pairs(items)
            .iter()
            .map(|(a, b)| (a.1, b.1))
            .collect();
        assert_eq!(owners, [(1, 2), (1, 3), (2, 3)]);
    }
}

//! Microsoft's edge: the BGP sessions of each circuit's peerings, what
//! the edge learns from on-premises, and what it offers back: VNets,
//! Global Reach routes and Microsoft peering services.

use super::*;

/// The prefixes a route filter lets Microsoft peering bring, each with the
/// service it stands for (§2.5, §2.6).
pub(super) fn filtered_services(circuit: &Circuit) -> Vec<(IpNet, String)> {
    let filter = circuit
        .peering(PeeringKind::MicrosoftPeering)
        .and_then(|p| p.microsoft.as_ref())
        .and_then(|m| m.route_filter.as_ref());
    let Some(filter) = filter else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for community in &filter.communities {
        let found = match facts::service_community(community) {
            Some(s) => Some((s.example_prefix.to_owned(), s.service.to_owned())),
            None => facts::regional_community_example_prefix(community)
                .map(|p| (p, format!("Azure regional services ({community})"))),
        };
        if let Some((prefix, service)) = found {
            if let Ok(prefix) = prefix.parse::<IpNet>() {
                out.push((prefix, service));
            }
        }
    }
    out
}

/// The sessions of one circuit's peerings, and what its edge learns.
pub(super) fn sessions_of(
    design: &Design,
    failures: &Failures,
    graph: &Graph<'_>,
    on_premises: (&Classes, &[Option<Ribs>]),
    circuit: &Circuit,
    sessions: &mut Vec<Session>,
    up: &mut Vec<(Id, PeeringKind, Link, usize)>,
) -> Msee {
    let mut msee = Msee::default();
    for peering in &circuit.peerings {
        if peering.kind == PeeringKind::AzurePublicPeering {
            continue;
        }
        for link in Link::BOTH {
            let router = match link {
                Link::Primary => circuit.primary_router.clone(),
                Link::Secondary => circuit.secondary_router.clone(),
            };
            let node = router
                .as_ref()
                .and_then(|r| graph.node_for(design, r, &circuit.customer));
            let (v4, v6, public) = match node {
                Some(node) => advertised_counts(
                    on_premises,
                    node,
                    peering
                        .microsoft
                        .as_ref()
                        .map(|m| m.advertised_public_prefixes.as_slice()),
                ),
                None => (0, 0, 0),
            };
            let limit = match peering.kind {
                PeeringKind::AzurePrivatePeering => {
                    facts::private_peering_route_limit(circuit.tier)
                }
                _ => facts::MICROSOFT_PEERING_ROUTE_LIMIT,
            };
            let advertised = if peering.kind == PeeringKind::AzurePrivatePeering {
                v4
            } else {
                public
            };
            let reason = if !peering.enabled {
                Some("the peering is disabled".to_owned())
            } else if failures.is_link_down(design, &circuit.id, link) {
                Some("taken down".to_owned())
            } else if router.is_none() {
                Some(format!(
                    "no router is set for the {} connection",
                    link.label()
                ))
            } else if router.as_ref().is_some_and(|r| failures.is_router_down(r)) {
                Some("its router is down".to_owned())
            } else if node.is_none() {
                Some(format!(
                    "the router does not carry the routing domain of {}",
                    circuit.customer
                ))
            } else if advertised > limit {
                Some(format!(
                    "{advertised} prefixes advertised exceed the limit of {limit}, so Azure drops the session (§2.7)"
                ))
            } else if peering.kind == PeeringKind::AzurePrivatePeering
                && v6 > facts::PRIVATE_PEERING_IPV6_ROUTE_LIMIT
            {
                Some(format!(
                    "{v6} IPv6 prefixes advertised exceed the limit of {}, so Azure drops the session (§2.7)",
                    facts::PRIVATE_PEERING_IPV6_ROUTE_LIMIT
                ))
            } else {
                None
            };
            sessions.push(Session {
                circuit: circuit.id.clone(),
                peering: peering.kind,
                link,
                router: router.clone(),
                up: reason.is_none(),
                prefixes_advertised: advertised,
                prefix_limit: limit,
                reason: reason.clone(),
            });
            let (None, Some(node)) = (reason, node) else {
                continue;
            };
            up.push((circuit.id.clone(), peering.kind, link, node));
            match peering.kind {
                PeeringKind::AzurePrivatePeering => {
                    let prepend = usize::from(peering.as_path_prepend);
                    for (class, ribs) in on_premises.1.iter().enumerate() {
                        let best = ribs
                            .as_ref()
                            .and_then(|r| r.get(node))
                            .and_then(|rib| rib.best.first());
                        let Some(best) = best else {
                            continue;
                        };
                        if best.as_path.contains(&facts::MICROSOFT_ASN) {
                            continue;
                        }
                        let mut as_path = vec![peering.peer_asn; 1 + prepend];
                        as_path.extend_from_slice(&best.as_path);
                        msee.learned.entry(class).or_default().push(LearnedPath {
                            link,
                            as_path,
                            router: router.clone(),
                        });
                    }
                }
                _ => {
                    if let Some(m) = &peering.microsoft {
                        for p in &m.advertised_public_prefixes {
                            if !msee.public_prefixes.contains(p) {
                                msee.public_prefixes.push(*p);
                            }
                        }
                    }
                }
            }
        }
    }
    msee
}

/// IPv4 and IPv6 prefixes a router advertises into private peering, and
/// the public prefixes it advertises into Microsoft peering.
pub(super) fn advertised_counts(
    (classes, on_premises): (&Classes, &[Option<Ribs>]),
    node: usize,
    public: Option<&[IpNet]>,
) -> (u32, u32, u32) {
    let (mut v4, mut v6) = (0u32, 0u32);
    for (class, ribs) in on_premises.iter().enumerate() {
        let reaches = ribs
            .as_ref()
            .and_then(|r| r.get(node))
            .and_then(|rib| rib.best.first())
            .is_some_and(|p| !p.as_path.contains(&facts::MICROSOFT_ASN));
        if reaches {
            let (four, six) = classes.counts(class);
            v4 = v4.saturating_add(four);
            v6 = v6.saturating_add(six);
        }
    }
    let public = public.map_or(0, |p| u32::try_from(p.len()).unwrap_or(u32::MAX));
    (v4, v6, public)
}

/// Offers VNet prefixes, Global Reach routes and Microsoft services to the
/// routers at live sessions, and VNet prefixes over VPN tunnels.
pub(super) fn offer_vnets(
    design: &Design,
    failures: &Failures,
    azure: &AzureOffer,
    graph: &Graph<'_>,
    up: &[(Id, PeeringKind, Link, usize)],
    exchange: &mut Exchange,
    origins: &mut [Origins],
) {
    let classes = Arc::clone(&exchange.classes);
    let mut originate = |class: usize, node: usize, path: BgpPath| {
        if let Some(list) = origins.get_mut(class) {
            list.push((node, path));
        }
    };
    let microsoft = || vec![facts::MICROSOFT_ASN];
    for offer in &azure.express_route {
        let gateway = &offer.gateway;
        if let Some(msee) = exchange.msee.get_mut(&offer.circuit) {
            for class in classes.of(Source::Connection(offer.at)) {
                let gateways = msee.vnets.entry(*class).or_default();
                if !gateways.contains(gateway) {
                    gateways.push(gateway.clone());
                }
            }
        }
    }

    for (a, b) in &global_reach_pairs(design, failures) {
        for (from, to) in [(a, b), (b, a)] {
            let learned: Vec<(usize, Vec<u32>)> = exchange
                .msee
                .get(from)
                .map(|m| {
                    m.learned
                        .iter()
                        .filter_map(|(class, paths)| {
                            paths
                                .iter()
                                .min_by_key(|p| p.as_path.len())
                                .map(|p| (*class, p.as_path.clone()))
                        })
                        .collect()
                })
                .unwrap_or_default();
            if let Some(msee) = exchange.msee.get_mut(to) {
                for (class, _) in &learned {
                    msee.global_reach.insert(*class, from.clone());
                }
            }
            for (circuit, kind, link, node) in up {
                if circuit != to || *kind != PeeringKind::AzurePrivatePeering {
                    continue;
                }
                for (class, path) in &learned {
                    let mut as_path = microsoft();
                    as_path.extend_from_slice(path);
                    let next_hop = RouterNextHop::Circuit {
                        circuit: circuit.clone(),
                        link: *link,
                        peering: *kind,
                    };
                    originate(
                        *class,
                        *node,
                        origin_path(next_hop, as_path, PREFERRED_LOCAL_PREF),
                    );
                }
            }
        }
    }

    for (circuit, kind, link, node) in up {
        let next_hop = RouterNextHop::Circuit {
            circuit: circuit.clone(),
            link: *link,
            peering: *kind,
        };
        let offered: Vec<usize> = match kind {
            PeeringKind::AzurePrivatePeering => azure
                .express_route
                .iter()
                .filter(|o| &o.circuit == circuit)
                .flat_map(|o| classes.of(Source::Connection(o.at)).iter().copied())
                .collect(),
            _ => {
                let Some(at) = design.circuits.iter().position(|c| &c.id == circuit) else {
                    continue;
                };
                if let (Some(msee), Some(c)) =
                    (exchange.msee.get_mut(circuit), design.circuits.get(at))
                {
                    for (p, s) in filtered_services(c) {
                        msee.services.insert(p, s);
                    }
                }
                classes.of(Source::Service(at)).to_vec()
            }
        };
        for class in offered {
            let path = origin_path(next_hop.clone(), microsoft(), PREFERRED_LOCAL_PREF);
            originate(class, *node, path);
        }
    }

    for vpn in &azure.vpn {
        let Some(&r) = graph.router_at.get(vpn.router.as_str()) else {
            continue;
        };
        let Some(router) = graph.routers.get(r) else {
            continue;
        };
        let domain = match &vpn.customer {
            Some(c) => domain_for(design, router, c).unwrap_or_else(|| home_domain(design, router)),
            None => home_domain(design, router),
        };
        let Some(&node) = graph.node_of.get(&(r, domain)) else {
            continue;
        };
        for class in classes.of(Source::VpnAdvertised(vpn.at)) {
            let next_hop = RouterNextHop::Vpn {
                connection: vpn.connection.clone(),
                gateway: vpn.gateway.clone(),
            };
            let path = origin_path(next_hop, vec![vpn.asn], BACKUP_LOCAL_PREF);
            originate(*class, node, path);
        }
    }
}

/// Pairs of circuits joined by Global Reach, both up and neither Local
/// (§3.6), each pair once.
pub(super) fn global_reach_pairs(design: &Design, failures: &Failures) -> Vec<(Id, Id)> {
    let usable = |id: &Id| {
        design
            .circuits
            .iter()
            .find(|c| &c.id == id)
            .is_some_and(|c| c.tier != Tier::Local && !failures.is_circuit_down(design, id))
    };
    let mut pairs = BTreeSet::new();
    for circuit in &design.circuits {
        for reach in &circuit.global_reach {
            let (a, b) = (circuit.id.clone(), reach.peer_circuit.clone());
            if a != b && usable(&a) && usable(&b) {
                pairs.insert(if a < b { (a, b) } else { (b, a) });
            }
        }
    }
    pairs.into_iter().collect()
}

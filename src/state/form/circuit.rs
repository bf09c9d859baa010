//! Fields of circuits, Direct ports, peerings, authorizations and Global Reach.

use routecraft_core::edit::Element;
use routecraft_core::facts::{self, PEERING_LOCATIONS, PROVIDER_BANDWIDTHS_MBPS};
use routecraft_core::model::{
    CircuitKind, ElementKind as K, Encapsulation, Family, PeeringKind, Tier,
};

use super::parse::*;
use super::{reference, unknown, with_current, Form};

fn locations(current: &str) -> Vec<(String, String)> {
    with_current(
        PEERING_LOCATIONS
            .iter()
            .map(|p| (p.name.to_owned(), format!("{} ({})", p.name, p.geography)))
            .collect(),
        current,
    )
}

fn bandwidth_label(mbps: u32) -> String {
    if mbps >= 1000 {
        format!("{} Gbps", mbps / 1000)
    } else {
        format!("{mbps} Mbps")
    }
}

pub(super) fn fields(f: &mut Form<'_>, element: &Element) {
    match element {
        Element::Circuit(c) => {
            f.text("name", "Name", &c.name);
            f.reference(
                "customer",
                "Customer",
                Some(&c.customer),
                K::Customer,
                false,
            );
            f.reference(
                "subscription",
                "Subscription",
                Some(&c.subscription),
                K::Subscription,
                false,
            );
            let kinds = [("provider", "Provider"), ("direct", "ExpressRoute Direct")];
            let kind = if c.kind == CircuitKind::Direct {
                "direct"
            } else {
                "provider"
            };
            f.select("kind", "Kind", kind, kinds.map(|(k, l)| (k, l.to_owned())));
            f.text("provider", "Connectivity provider", &c.provider);
            f.select(
                "peering_location",
                "Peering location",
                &c.peering_location,
                locations(&c.peering_location),
            );
            let mut sizes: Vec<u32> = PROVIDER_BANDWIDTHS_MBPS.to_vec();
            if c.kind == CircuitKind::Direct {
                sizes = [1, 2, 5, 10, 40, 100].map(|g| g * 1000).to_vec();
            }
            if !sizes.contains(&c.bandwidth_mbps) {
                sizes.insert(0, c.bandwidth_mbps);
            }
            f.select(
                "bandwidth_mbps",
                "Bandwidth",
                c.bandwidth_mbps,
                sizes.into_iter().map(|m| (m, bandwidth_label(m))),
            );
            f.select(
                "tier",
                "Tier",
                c.tier.as_str(),
                Tier::ALL.map(|t| (t.as_str(), t.as_str().to_owned())),
            );
            f.select(
                "family",
                "Billing",
                c.family.as_str(),
                Family::ALL.map(|t| (t.as_str(), t.as_str().to_owned())),
            );
            f.reference(
                "primary_router",
                "Primary connection ends on",
                c.primary_router.as_ref(),
                K::Router,
                true,
            );
            f.reference(
                "secondary_router",
                "Secondary connection ends on",
                c.secondary_router.as_ref(),
                K::Router,
                true,
            );
            if c.kind == CircuitKind::Direct {
                f.reference(
                    "direct_port",
                    "Direct port pair",
                    c.direct_port.as_ref(),
                    K::DirectPort,
                    true,
                );
            }
        }
        Element::DirectPort(p) => {
            f.text("name", "Name", &p.name);
            f.reference(
                "subscription",
                "Subscription",
                Some(&p.subscription),
                K::Subscription,
                false,
            );
            f.select(
                "peering_location",
                "Peering location",
                &p.peering_location,
                locations(&p.peering_location),
            );
            f.select(
                "port_speed_gbps",
                "Port speed",
                p.port_speed_gbps,
                facts::DIRECT_PORT_SPEEDS_GBPS.map(|g| (g, format!("{g} Gbps"))),
            );
            let enc = if p.encapsulation == Encapsulation::QinQ {
                "QinQ"
            } else {
                "Dot1Q"
            };
            f.select(
                "encapsulation",
                "Encapsulation",
                enc,
                ["Dot1Q", "QinQ"].map(|e| (e, e.to_owned())),
            );
        }
        Element::Peering { peering: p, .. } => {
            f.select(
                "kind",
                "Kind",
                p.kind.as_str(),
                PeeringKind::ALL.map(|k| (k.as_str(), k.label().to_owned())),
            );
            f.text("peer_asn", "Peer ASN", p.peer_asn);
            f.text("primary_prefix", "Primary link /30", p.primary_prefix);
            f.text("secondary_prefix", "Secondary link /30", p.secondary_prefix);
            f.text("vlan_id", "VLAN ID", p.vlan_id);
            f.text("as_path_prepend", "AS-path prepends", p.as_path_prepend);
            f.text(
                "md5_key_ref",
                "MD5 key secret name",
                p.md5_key_ref.as_deref().unwrap_or(""),
            );
            f.check("enabled", "Enabled", p.enabled);
            if let Some(m) = &p.microsoft {
                f.list(
                    "advertised_public_prefixes",
                    "Advertised public prefixes",
                    &m.advertised_public_prefixes,
                );
                let communities = m
                    .route_filter
                    .as_ref()
                    .map(|r| r.communities.clone())
                    .unwrap_or_default();
                f.list("communities", "Route filter communities", &communities);
            }
        }
        Element::Authorization {
            authorization: a, ..
        } => {
            f.text("name", "Name", &a.name);
            f.reference(
                "subscription",
                "Redeemed by subscription",
                Some(&a.subscription),
                K::Subscription,
                false,
            );
        }
        Element::GlobalReach {
            global_reach: g, ..
        } => {
            f.reference(
                "peer_circuit",
                "Other circuit",
                Some(&g.peer_circuit),
                K::Circuit,
                false,
            );
            f.text("address_prefix", "Address prefix /29", g.address_prefix);
        }
        _ => {}
    }
}

pub(super) fn set(element: &mut Element, key: &str, text: &str) -> Result<(), String> {
    match (element, key) {
        (Element::Circuit(c), "name") => c.name = name(text)?,
        (Element::Circuit(c), "customer") => {
            c.customer = reference(text).ok_or("pick a customer")?
        }
        (Element::Circuit(c), "subscription") => {
            c.subscription = reference(text).ok_or("pick a subscription")?
        }
        (Element::Circuit(c), "kind") => {
            c.kind = if text == "direct" {
                CircuitKind::Direct
            } else {
                CircuitKind::Provider
            }
        }
        (Element::Circuit(c), "provider") => c.provider = text.trim().to_owned(),
        (Element::Circuit(c), "peering_location") => c.peering_location = name(text)?,
        (Element::Circuit(c), "bandwidth_mbps") => c.bandwidth_mbps = number(text, 1u32..=100_000)?,
        (Element::Circuit(c), "tier") => {
            c.tier = Tier::ALL
                .into_iter()
                .find(|t| t.as_str() == text)
                .ok_or("pick a tier")?
        }
        (Element::Circuit(c), "family") => {
            c.family = Family::ALL
                .into_iter()
                .find(|t| t.as_str() == text)
                .ok_or("pick a billing family")?
        }
        (Element::Circuit(c), "primary_router") => c.primary_router = reference(text),
        (Element::Circuit(c), "secondary_router") => c.secondary_router = reference(text),
        (Element::Circuit(c), "direct_port") => c.direct_port = reference(text),
        (Element::DirectPort(p), "name") => p.name = name(text)?,
        (Element::DirectPort(p), "subscription") => {
            p.subscription = reference(text).ok_or("pick a subscription")?
        }
        (Element::DirectPort(p), "peering_location") => p.peering_location = name(text)?,
        (Element::DirectPort(p), "port_speed_gbps") => {
            p.port_speed_gbps = number(text, 1u32..=400)?
        }
        (Element::DirectPort(p), "encapsulation") => {
            p.encapsulation = if text == "QinQ" {
                Encapsulation::QinQ
            } else {
                Encapsulation::Dot1Q
            }
        }
        (Element::Peering { peering: p, .. }, "kind") => {
            p.kind = PeeringKind::ALL
                .into_iter()
                .find(|k| k.as_str() == text)
                .ok_or("pick a kind")?;
            if p.kind == PeeringKind::MicrosoftPeering && p.microsoft.is_none() {
                p.microsoft = Some(Default::default());
            }
        }
        (Element::Peering { peering: p, .. }, "peer_asn") => p.peer_asn = asn(text)?,
        (Element::Peering { peering: p, .. }, "primary_prefix") => {
            p.primary_prefix = link_prefix(text)?
        }
        (Element::Peering { peering: p, .. }, "secondary_prefix") => {
            p.secondary_prefix = link_prefix(text)?
        }
        (Element::Peering { peering: p, .. }, "vlan_id") => {
            p.vlan_id = number(text, facts::VLAN_ID_RANGE)?
        }
        (Element::Peering { peering: p, .. }, "as_path_prepend") => {
            p.as_path_prepend = number(text, 0u8..=10)?
        }
        (Element::Peering { peering: p, .. }, "md5_key_ref") => p.md5_key_ref = optional(text),
        (Element::Peering { peering: p, .. }, "enabled") => p.enabled = flag(text),
        (Element::Peering { peering: p, .. }, "advertised_public_prefixes") => {
            p.microsoft
                .get_or_insert_with(Default::default)
                .advertised_public_prefixes = cidr_list(text)?
        }
        (Element::Peering { peering: p, .. }, "communities") => {
            let communities: Vec<String> = text
                .split(|c: char| c == ',' || c.is_whitespace())
                .filter(|t| !t.is_empty())
                .map(str::to_owned)
                .collect();
            if let Some(bad) = communities.iter().find(|c| {
                c.split(':').count() != 2 || c.split(':').any(|n| n.parse::<u32>().is_err())
            }) {
                return Err(format!("`{bad}` is not a BGP community such as 12076:5010"));
            }
            let m = p.microsoft.get_or_insert_with(Default::default);
            match &mut m.route_filter {
                Some(filter) => filter.communities = communities,
                None if communities.is_empty() => {}
                None => {
                    m.route_filter = Some(routecraft_core::model::RouteFilter {
                        id: routecraft_core::model::Id::new(format!("{}-filter", p.id)),
                        name: format!("{}-filter", p.id),
                        communities,
                    })
                }
            }
        }
        (
            Element::Authorization {
                authorization: a, ..
            },
            "name",
        ) => a.name = name(text)?,
        (
            Element::Authorization {
                authorization: a, ..
            },
            "subscription",
        ) => a.subscription = reference(text).ok_or("pick a subscription")?,
        (
            Element::GlobalReach {
                global_reach: g, ..
            },
            "peer_circuit",
        ) => g.peer_circuit = reference(text).ok_or("pick a circuit")?,
        (
            Element::GlobalReach {
                global_reach: g, ..
            },
            "address_prefix",
        ) => {
            let net = match cidr(text)? {
                ipnet::IpNet::V4(n) if n.prefix_len() == facts::GLOBAL_REACH_PREFIX_V4 => n,
                _ => {
                    return Err(format!(
                        "Global Reach needs an IPv4 /{}",
                        facts::GLOBAL_REACH_PREFIX_V4
                    ))
                }
            };
            g.address_prefix = net;
        }
        (_, key) => return Err(unknown(key)),
    }
    Ok(())
}

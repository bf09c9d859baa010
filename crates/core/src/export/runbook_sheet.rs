//! The runbook's configuration sheet of every on-premises router:
//! subinterfaces, VLANs, link addresses, BGP, BFD and what to advertise.

use std::fmt::Write;

use ipnet::{IpNet, Ipv4Net, Ipv6Net};

use super::escape::markdown as md;
use super::runbook::name_of;
use crate::facts;
use crate::model::*;

/// BFD timers recommended on every ExpressRoute BGP session.
const BFD: &str = "interval 300 ms, minimum receive 300 ms, multiplier 3";

/// The first and second usable addresses of a link subnet: the customer's
/// router takes the first, Microsoft the second (§2.2).
fn link_addresses(net: Ipv4Net) -> (String, String) {
    let base = u32::from(net.network());
    let at = |n: u32| {
        base.checked_add(n)
            .map(|a| format!("{}/{}", std::net::Ipv4Addr::from(a), net.prefix_len()))
            .unwrap_or_default()
    };
    (at(1), at(2))
}

fn link_addresses_v6(net: Ipv6Net) -> (String, String) {
    let base = u128::from(net.network());
    let at = |n: u128| {
        base.checked_add(n)
            .map(|a| format!("{}/{}", std::net::Ipv6Addr::from(a), net.prefix_len()))
            .unwrap_or_default()
    };
    (at(1), at(2))
}

pub(crate) fn routers_section(design: &Design, out: &mut String) {
    out.push_str("## On-premises configuration sheets\n\n");
    let _ = writeln!(
        out,
        "Every BGP session: neighbour AS {}, BFD {BFD}, MTU 1500, both sessions of a peering \
         configured (the SLA needs both).\n",
        facts::MICROSOFT_ASN
    );
    for r in &design.routers {
        let site = design.sites.iter().find(|s| s.id == r.site);
        let _ = writeln!(
            out,
            "### Router {} (AS {}, site {})\n",
            md(&r.name),
            r.asn,
            site.map_or("unknown".to_owned(), |s| md(&s.name))
        );
        let mut any = false;
        for c in &design.circuits {
            for (link, router) in [
                ("primary", &c.primary_router),
                ("secondary", &c.secondary_router),
            ] {
                if router.as_ref() != Some(&r.id) {
                    continue;
                }
                any = true;
                circuit_sheet(design, c, link, out);
            }
        }
        for l in design.links.iter().filter(|l| l.a == r.id || l.b == r.id) {
            any = true;
            let other = if l.a == r.id { &l.b } else { &l.a };
            let vrf = l
                .customer
                .as_ref()
                .map_or("global table".to_owned(), |c| md(&name_of(design, c)));
            let _ = writeln!(
                out,
                "- Site link {} to {} ({vrf})",
                md(&name_of(design, &l.id)),
                md(&name_of(design, other))
            );
        }
        for v in design.vpn_connections.iter().filter(|v| v.router == r.id) {
            any = true;
            let over = if v.over_private_peering {
                "over private peering, to the gateway's private IP"
            } else {
                "over the internet"
            };
            let key = v
                .shared_key_ref
                .as_deref()
                .map_or("not named".to_owned(), md);
            let _ = writeln!(
                out,
                "- IPsec tunnel {} {over}; pre-shared key from secret {key}",
                md(&v.name)
            );
        }
        if !any {
            out.push_str("Nothing to configure for Azure.\n");
        }
        out.push('\n');
    }
}

fn circuit_sheet(design: &Design, c: &Circuit, link: &str, out: &mut String) {
    let _ = writeln!(
        out,
        "Circuit {} ({link} connection, via {}):\n",
        md(&c.name),
        md(&c.provider)
    );
    out.push_str("| Peering | Subinterface VLAN | Router address | Microsoft address | Local AS | Advertise | MD5 key |\n");
    out.push_str("|---|---|---|---|---|---|---|\n");
    let vrf = design
        .customers
        .iter()
        .find(|x| x.id == c.customer)
        .and_then(|x| x.vrf.clone());
    for p in &c.peerings {
        let net = if link == "primary" {
            p.primary_prefix
        } else {
            p.secondary_prefix
        };
        let (mine, microsoft) = link_addresses(net);
        let advertise: Vec<IpNet> = match &p.microsoft {
            Some(m) => m.advertised_public_prefixes.clone(),
            None => design
                .sites
                .iter()
                .filter(|s| s.customer.as_ref() == Some(&c.customer))
                .flat_map(|s| s.advertised.iter().copied())
                .collect(),
        };
        let advertise: Vec<String> = advertise.iter().map(ToString::to_string).collect();
        let key = p.md5_key_ref.as_deref().map_or("none".to_owned(), md);
        let _ = writeln!(
            out,
            "| {} | {} | {mine} | {microsoft} | {} | {} | {key} |",
            p.kind.label(),
            p.vlan_id,
            p.peer_asn,
            if advertise.is_empty() {
                "nothing".to_owned()
            } else {
                advertise.join(", ")
            }
        );
        if let Some(v6) = &p.ipv6 {
            let net = if link == "primary" {
                v6.primary_prefix
            } else {
                v6.secondary_prefix
            };
            let (mine, microsoft) = link_addresses_v6(net);
            let _ = writeln!(
                out,
                "| {} IPv6 | {} | {mine} | {microsoft} | {} | | {key} |",
                p.kind.label(),
                p.vlan_id,
                p.peer_asn
            );
        }
    }
    out.push('\n');
    if let Some(vrf) = vrf {
        let _ = writeln!(
            out,
            "Configure these subinterfaces and sessions in VRF {}.\n",
            md(&vrf)
        );
    }
    let prepends: Vec<String> = c
        .peerings
        .iter()
        .filter(|p| p.as_path_prepend > 0)
        .map(|p| {
            format!(
                "{} prepends its AS {} times",
                p.kind.label(),
                p.as_path_prepend
            )
        })
        .collect();
    if !prepends.is_empty() {
        let _ = writeln!(out, "AS-path prepending: {}.\n", prepends.join("; "));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_customer_takes_the_first_usable_address() {
        let net: Ipv4Net = "192.168.10.4/30".parse().unwrap();
        assert_eq!(
            link_addresses(net),
            ("192.168.10.5/30".to_owned(), "192.168.10.6/30".to_owned())
        );
    }
}

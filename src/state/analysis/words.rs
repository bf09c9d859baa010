//! Routes, places and outcomes in the words the panels show, with the
//! design's own names in place of ids.

use std::net::IpAddr;

use routecraft_core::model::{Access, Design, Direction, Id, PeeringKind};
use routecraft_core::routing::{
    BgpPath, NsgVerdict, Outcome, Place, RouteSource, RouteState, RouterNextHop,
};

fn name(design: &Design, id: &Id) -> String {
    design
        .find(id.as_str())
        .map_or(id.to_string(), |e| e.name())
}

/// The source column as the portal shows it.
pub fn source(source: RouteSource) -> &'static str {
    match source {
        RouteSource::User => "User",
        RouteSource::VirtualNetworkGateway => "Virtual network gateway",
        RouteSource::Default => "Default",
    }
}

/// The state column as the portal shows it.
pub fn state(state: RouteState) -> &'static str {
    match state {
        RouteState::Active => "Active",
        RouteState::Invalid => "Invalid",
    }
}

/// Next hop addresses, comma separated; empty when there is none.
pub fn addresses(ips: &[IpAddr]) -> String {
    ips.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// The routing domain's name: the customer's VRF, or the global table.
pub fn domain(design: &Design, vrf: Option<&Id>) -> String {
    match vrf {
        None => "Global table".to_owned(),
        Some(id) => {
            let vrf_name = design
                .customers
                .iter()
                .find(|c| &c.id == id)
                .and_then(|c| c.vrf.clone());
            match vrf_name {
                Some(v) => format!("{v} ({})", name(design, id)),
                None => name(design, id),
            }
        }
    }
}

fn peering(kind: PeeringKind) -> &'static str {
    match kind {
        PeeringKind::AzurePrivatePeering => "private peering",
        _ => "Microsoft peering",
    }
}

/// Where a router sends traffic for a route.
pub fn router_next_hop(design: &Design, hop: &RouterNextHop) -> String {
    match hop {
        RouterNextHop::Site { site } => format!("local: {}", name(design, site)),
        RouterNextHop::Router { router, .. } => format!("router {}", name(design, router)),
        RouterNextHop::Circuit {
            circuit,
            link,
            peering: p,
        } => format!(
            "{} {} ({})",
            name(design, circuit),
            link.label(),
            peering(*p)
        ),
        RouterNextHop::Vpn { connection, .. } => format!("VPN {}", name(design, connection)),
    }
}

/// A BGP path's attributes: AS path and local preference.
pub fn bgp_attributes(path: &BgpPath) -> String {
    let as_path = if path.as_path.is_empty() {
        "local".to_owned()
    } else {
        path.as_path
            .iter()
            .map(u32::to_string)
            .collect::<Vec<_>>()
            .join(" ")
    };
    let ibgp = if path.ibgp { ", iBGP" } else { "" };
    format!("AS path {as_path}, local pref {}{ibgp}", path.local_pref)
}

/// A place a packet passes, with the element's name.
pub fn place(design: &Design, place: &Place) -> String {
    match place {
        // A subnet's name already carries its VNet's, as `hub/shared`.
        Place::Subnet { subnet, .. } => format!("Subnet {}", name(design, subnet)),
        Place::Appliance { appliance } => format!("Appliance {}", name(design, appliance)),
        Place::Gateway { gateway } => format!("Gateway {}", name(design, gateway)),
        Place::Circuit {
            circuit,
            link,
            peering: p,
        } => format!(
            "Circuit {}, {} connection, {}",
            name(design, circuit),
            link.label(),
            peering(*p)
        ),
        Place::GlobalReach { from, to } => format!(
            "Global Reach {} to {}",
            name(design, from),
            name(design, to)
        ),
        Place::VpnTunnel { connection } => format!("VPN tunnel {}", name(design, connection)),
        Place::Router { router, vrf } => format!(
            "Router {}, {}",
            name(design, router),
            domain(design, vrf.as_ref())
        ),
        Place::Site { site } => format!("Site {}", name(design, site)),
        Place::Internet => "The internet".to_owned(),
        Place::MicrosoftService { service } => format!("Microsoft service {service}"),
    }
}

/// How a path ends, as a short sentence.
pub fn outcome(design: &Design, outcome: &Outcome) -> String {
    match outcome {
        Outcome::Delivered => "Delivered".to_owned(),
        Outcome::Internet => "Delivered to the internet".to_owned(),
        Outcome::MicrosoftService => "Delivered to a Microsoft service".to_owned(),
        Outcome::BlackHole { prefix } => {
            format!("Black hole: the route for {prefix} has next hop None")
        }
        Outcome::NoRoute { reason } => format!("No route: {reason}"),
        Outcome::Denied { nsg, rule } => {
            format!("Denied by {} rule {rule}", name(design, nsg))
        }
        Outcome::Loop => "Loop: the packet came back to a place it had passed".to_owned(),
        Outcome::HopLimit => "Dropped: too many hops".to_owned(),
        Outcome::Dropped { reason } => format!("Dropped: {reason}"),
    }
}

/// A security verdict, such as `Outbound allowed by nsg-1 rule X (100)`.
pub fn verdict(design: &Design, v: &NsgVerdict) -> String {
    let direction = match v.direction {
        Direction::Inbound => "Inbound",
        Direction::Outbound => "Outbound",
    };
    let access = match v.access {
        Access::Allow => "allowed",
        Access::Deny => "denied",
    };
    format!(
        "{direction} {access} by {} rule {} ({})",
        name(design, &v.nsg),
        v.rule,
        v.priority
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use routecraft_core::routing::Link;
    use routecraft_core::templates::connect_through;

    #[test]
    fn places_and_domains_read_with_names() {
        let design = connect_through();
        let router = Place::Router {
            router: "nw-ams1-edge".into(),
            vrf: Some("contoso".into()),
        };
        let text = place(&design, &router);
        assert!(text.contains("VRF-CONTOSO (Contoso)"), "{text}");
        let circuit = Place::Circuit {
            circuit: "er-contoso-ams".into(),
            link: Link::Secondary,
            peering: PeeringKind::AzurePrivatePeering,
        };
        assert!(place(&design, &circuit).contains("secondary connection, private peering"));
        assert_eq!(domain(&design, None), "Global table");
    }

    #[test]
    fn outcomes_say_why_a_packet_stopped() {
        let design = connect_through();
        let hole = Outcome::BlackHole {
            prefix: "10.0.0.0/8".parse().unwrap(),
        };
        assert!(outcome(&design, &hole).starts_with("Black hole"));
        assert_eq!(outcome(&design, &Outcome::Delivered), "Delivered");
    }
}

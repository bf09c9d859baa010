//! The CSP models: in connect-through the CSP's network carries each
//! customer in its own circuit and VRF; in connect-to the customer's own
//! routers end the customer's circuit (§3.9).

use super::context::Context;
use super::{Findings, RuleInfo, Severity};
use crate::model::*;

pub(super) const OWN_CIRCUIT: RuleInfo = RuleInfo::new(
    "ER-CSP-OWN-CIRCUIT",
    Severity::Error,
    "In connect-through, each customer with VNets has a circuit of its own",
    "§3.9",
);
pub(super) const VRF: RuleInfo = RuleInfo::new(
    "ER-CSP-VRF",
    Severity::Error,
    "In connect-through, each customer has its own VRF on the CSP routers its circuit ends on",
    "§3.9",
);
pub(super) const CUSTOMER_LINK: RuleInfo = RuleInfo::new(
    "ER-CSP-CUSTOMER-LINK",
    Severity::Error,
    "In connect-through, a customer site is linked to the CSP network",
    "§3.9",
);
pub(super) const THROUGH_TERMINATION: RuleInfo = RuleInfo::new(
    "ER-CSP-THROUGH-TERMINATION",
    Severity::Error,
    "In connect-through, circuits end on the CSP's routers, not the customer's",
    "§3.9",
);
pub(super) const TO_TERMINATION: RuleInfo = RuleInfo::new(
    "ER-CSP-TO-TERMINATION",
    Severity::Error,
    "In connect-to, a customer's circuit ends on that customer's own routers",
    "§3.9",
);
pub(super) const ADMIN_ON_BEHALF: RuleInfo = RuleInfo::new(
    "ER-CSP-ADMIN-ON-BEHALF",
    Severity::Warning,
    "A subscription the CSP manages belongs to a customer that granted administration on behalf",
    "§3.9",
);

pub(super) fn check(cx: &Context, out: &mut Findings) {
    admin_on_behalf(cx, out);
    match cx.design.model {
        CspModel::ConnectThrough => {
            for customer in &cx.design.customers {
                connect_through_customer(cx, customer, out);
            }
            for circuit in &cx.design.circuits {
                connect_through_circuit(cx, circuit, out);
            }
        }
        CspModel::ConnectTo => {
            for circuit in &cx.design.circuits {
                connect_to_circuit(cx, circuit, out);
            }
        }
    }
}

fn routers<'a>(cx: &Context<'a>, circuit: &Circuit) -> Vec<&'a Router> {
    let mut routers: Vec<&Router> = [&circuit.primary_router, &circuit.secondary_router]
        .into_iter()
        .flatten()
        .filter_map(|r| cx.routers.get(r.as_str()).copied())
        .collect();
    routers.dedup_by(|a, b| a.id == b.id);
    routers
}

fn connect_through_customer(cx: &Context, customer: &Customer, out: &mut Findings) {
    let circuits: Vec<&Circuit> = cx
        .design
        .circuits
        .iter()
        .filter(|c| c.customer == customer.id)
        .collect();
    let has_vnets = cx
        .design
        .vnets
        .iter()
        .any(|v| cx.customer_id_of_subscription(&v.subscription) == Some(&customer.id));
    if circuits.is_empty() {
        if has_vnets {
            out.push(
                &OWN_CIRCUIT,
                vec![customer.id.clone()],
                format!(
                    "{} has VNets but no circuit of its own; in connect-through each customer \
                     reaches Azure over its own circuit, never another customer's.",
                    customer.name
                ),
                "Add a circuit for the customer, ending on the CSP's routers.",
            );
        }
        return;
    }

    if customer.vrf.as_deref().is_none_or(str::is_empty) {
        out.push(
            &VRF,
            vec![customer.id.clone()],
            format!(
                "{} has no VRF named; in connect-through the CSP network keeps each customer's \
                 routes in a routing domain of its own.",
                customer.name
            ),
            "Name the customer's VRF.",
        );
    }

    let linked = cx
        .design
        .sites
        .iter()
        .filter(|s| s.customer.as_ref() == Some(&customer.id))
        .any(|site| {
            cx.design
                .routers
                .iter()
                .filter(|r| r.site == site.id)
                .any(|router| {
                    cx.links_of(router.id.as_str()).iter().any(|(_, other)| {
                        cx.site_of_router(&Id::new(*other))
                            .is_some_and(|s| s.kind == SiteKind::CspDatacenter)
                    })
                })
        });
    if !linked {
        out.push(
            &CUSTOMER_LINK,
            vec![customer.id.clone()],
            format!(
                "No site of {} is linked to the CSP's network, so in connect-through its traffic \
                 has no way to its circuit.",
                customer.name
            ),
            "Add a link from a router at the customer's site to a router in a CSP datacenter.",
        );
    }
}

fn connect_through_circuit(cx: &Context, circuit: &Circuit, out: &mut Findings) {
    for router in routers(cx, circuit) {
        let site = cx.sites.get(router.site.as_str());
        match site.map(|s| s.kind) {
            Some(SiteKind::CspDatacenter) if !router.vrfs.contains(&circuit.customer) => out.push(
                &VRF,
                vec![router.id.clone(), circuit.id.clone()],
                format!(
                    "Router {} ends circuit {} of {} but carries no VRF for that customer, so its \
                     routes would mix with other customers'.",
                    router.name,
                    circuit.name,
                    cx.name(&circuit.customer)
                ),
                "Add the customer's VRF to the router.",
            ),
            Some(SiteKind::CustomerDatacenter) => out.push(
                &THROUGH_TERMINATION,
                vec![circuit.id.clone(), router.id.clone()],
                format!(
                    "Circuit {} ends on router {} at the customer's site {}; in connect-through \
                     the CSP owns the circuit and ends it in its own datacenter.",
                    circuit.name,
                    router.name,
                    site.map_or("", |s| s.name.as_str())
                ),
                "End the circuit on routers in a CSP datacenter, or switch the design to connect-to.",
            ),
            _ => {}
        }
    }
}

fn connect_to_circuit(cx: &Context, circuit: &Circuit, out: &mut Findings) {
    for router in routers(cx, circuit) {
        let Some(site) = cx.sites.get(router.site.as_str()) else {
            continue;
        };
        let own = site.kind == SiteKind::CustomerDatacenter
            && site.customer.as_ref() == Some(&circuit.customer);
        if own {
            continue;
        }
        out.push(
            &TO_TERMINATION,
            vec![circuit.id.clone(), router.id.clone()],
            format!(
                "Circuit {} of {} ends on router {} at {} ({}); in connect-to the customer's \
                 circuit ends on the customer's own routers.",
                circuit.name,
                cx.name(&circuit.customer),
                router.name,
                site.name,
                site.kind.label()
            ),
            "End the circuit on routers in the customer's datacenter, or switch the design to \
             connect-through.",
        );
    }
}

fn admin_on_behalf(cx: &Context, out: &mut Findings) {
    for sub in cx
        .design
        .subscriptions
        .iter()
        .filter(|s| s.managed_by == ManagedBy::Csp)
    {
        let Some(customer) = cx.customers.get(sub.customer.as_str()) else {
            continue;
        };
        if customer.identity.admin_on_behalf {
            continue;
        }
        out.push(
            &ADMIN_ON_BEHALF,
            vec![sub.id.clone(), customer.id.clone()],
            format!(
                "Subscription {} is managed by the CSP, but {} has not granted the CSP \
                 administration on behalf of its tenant.",
                sub.name, customer.name
            ),
            "Arrange administration on behalf of the customer, or mark the subscription as \
             customer-managed.",
        );
    }
}

//! Changes against the baseline, the design as last deployed, that Azure
//! cannot make in place (§1.3).

use super::context::Context;
use super::{list, Findings, RuleInfo, Severity};
use crate::facts::{self, ChangeKind};
use crate::model::*;

pub(super) const RECREATE_CIRCUIT: RuleInfo = RuleInfo::new(
    "ER-RECREATE-CIRCUIT",
    Severity::Warning,
    "A change to a deployed circuit that Azure cannot make in place requires re-creating it",
    "§1.3",
);
pub(super) const PREMIUM_DOWNGRADE: RuleInfo = RuleInfo::new(
    "ER-PREMIUM-DOWNGRADE",
    Severity::Info,
    "Premium to Standard fails while usage exceeds Standard's limits",
    "§1.3",
);
pub(super) const LOCAL_UPGRADE: RuleInfo = RuleInfo::new(
    "ER-LOCAL-UPGRADE",
    Severity::Info,
    "Upgrading a Local circuit is done only with Azure CLI or PowerShell",
    "§1.3",
);
pub(super) const GATEWAY_RECREATE: RuleInfo = RuleInfo::new(
    "ER-GATEWAY-RECREATE",
    Severity::Warning,
    "A gateway SKU change Azure cannot make in place means deleting and re-creating the gateway",
    "§1.3",
);
pub(super) const GATEWAY_MIGRATION: RuleInfo = RuleInfo::new(
    "ER-GATEWAY-MIGRATION",
    Severity::Info,
    "Moving a legacy gateway to ErGwScale needs the migration tool",
    "§1.3",
);

/// What re-creating a circuit means for the customer, said once in every
/// finding so the message stands on its own.
const RECREATE_MEANS: &str = "Re-creating means a new circuit with a new service key, which the \
    provider must provision again; both circuits are billed until the old one is deprovisioned \
    and deleted; and traffic is down while peerings and connections move unless the new circuit \
    runs beside the old one.";

pub(super) fn check(cx: &Context, out: &mut Findings) {
    let Some(baseline) = cx.design.baseline.as_deref() else {
        return;
    };
    for circuit in &cx.design.circuits {
        if let Some(old) = baseline.circuits.iter().find(|c| c.id == circuit.id) {
            circuit_changes(old, circuit, out);
        }
    }
    for gateway in &cx.design.gateways {
        if let Some(old) = baseline.gateways.iter().find(|g| g.id == gateway.id) {
            gateway_changes(old, gateway, out);
        }
    }
}

fn circuit_changes(old: &Circuit, new: &Circuit, out: &mut Findings) {
    let mut reasons = Vec::new();
    if facts::bandwidth_change(old.bandwidth_mbps, new.bandwidth_mbps) == ChangeKind::Recreate {
        reasons.push(format!(
            "the bandwidth goes down from {} to {} Mbps",
            old.bandwidth_mbps, new.bandwidth_mbps
        ));
    }
    if facts::family_change(old.family, new.family) == ChangeKind::Recreate {
        reasons.push(format!(
            "the billing family goes from {} to {}",
            old.family.as_str(),
            new.family.as_str()
        ));
    }
    if facts::tier_change(old.tier, new.tier) == ChangeKind::Recreate {
        reasons.push(format!(
            "the tier goes from {} to {} (Azure does not list this change as allowed, so \
             Routecraft assumes it is not)",
            old.tier.as_str(),
            new.tier.as_str()
        ));
    }
    if old.kind != new.kind {
        reasons.push("the circuit moves between a provider and ExpressRoute Direct".to_owned());
    }
    if old.provider != new.provider {
        reasons.push(format!(
            "the provider changes from {:?} to {:?}",
            old.provider, new.provider
        ));
    }
    if old.peering_location != new.peering_location {
        reasons.push(format!(
            "the peering location changes from {} to {}",
            old.peering_location, new.peering_location
        ));
    }
    if old.direct_port != new.direct_port && old.kind == new.kind {
        reasons.push("the circuit moves to another Direct port pair".to_owned());
    }
    if old.subscription != new.subscription {
        reasons.push("the circuit moves to another subscription".to_owned());
    }

    if !reasons.is_empty() {
        let assumed = old.provider != new.provider || old.peering_location != new.peering_location;
        out.push(
            &RECREATE_CIRCUIT,
            vec![new.id.clone()],
            format!(
                "Circuit {} requires re-creating the circuit: {}.{} {RECREATE_MEANS}",
                new.name,
                list(&reasons),
                if assumed {
                    " Azure does not document changing the provider or location in place, so \
                     Routecraft takes the safer reading that it cannot be done."
                } else {
                    ""
                }
            ),
            "Plan a new circuit beside the old one and move connections over in a maintenance \
             window, or keep the deployed values.",
        );
    }

    if old.tier == Tier::Premium && new.tier == Tier::Standard {
        out.push(
            &PREMIUM_DOWNGRADE,
            vec![new.id.clone()],
            format!(
                "Circuit {} goes from Premium to Standard; Azure refuses the change while the \
                 circuit has more VNet links or routes than Standard allows, or VNets outside its \
                 geopolitical region.",
                new.name
            ),
            "Remove what exceeds Standard's limits before changing the tier.",
        );
    }
    if old.tier == Tier::Local && new.tier != Tier::Local {
        out.push(
            &LOCAL_UPGRADE,
            vec![new.id.clone()],
            format!(
                "Circuit {} goes from Local to {}; this upgrade is made only with Azure CLI or \
                 PowerShell, not in the portal, and the circuit must stay {}.",
                new.name,
                new.tier.as_str(),
                facts::LOCAL_FAMILY.as_str()
            ),
            "Put the CLI or PowerShell step in the runbook.",
        );
    }
}

fn gateway_changes(old: &Gateway, new: &Gateway, out: &mut Findings) {
    let moved = old.vnet != new.vnet || old.kind != new.kind;
    let change = facts::gateway_sku_change(old.sku, new.sku);
    if moved || change == ChangeKind::Recreate {
        let what = if moved {
            "the gateway moves to another VNet or changes type".to_owned()
        } else {
            format!(
                "the SKU changes from {} to {}",
                old.sku.as_str(),
                new.sku.as_str()
            )
        };
        out.push(
            &GATEWAY_RECREATE,
            vec![new.id.clone()],
            format!(
                "Gateway {} must be deleted and created again because {what}; its connections are \
                 down until the new gateway is up, which takes tens of minutes.",
                new.name
            ),
            "Schedule a maintenance window, or choose a SKU that Azure changes in place.",
        );
    } else if change == ChangeKind::MigrationTool {
        out.push(
            &GATEWAY_MIGRATION,
            vec![new.id.clone()],
            format!(
                "Gateway {} moves from {} to {}, which needs Azure's gateway migration tool.",
                new.name,
                old.sku.as_str(),
                new.sku.as_str()
            ),
            "Put the migration in the runbook.",
        );
    }
}

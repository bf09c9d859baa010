//! Which changes Azure makes in place and which need the resource deleted
//! and created again (§1.3).

use crate::model::{Family, GatewaySku, Tier};

/// How Azure applies a change to a deployed resource (§1.3).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChangeKind {
    /// Nothing changes.
    Same,
    /// Azure makes the change in place, without downtime.
    InPlace,
    /// Azure makes the change in place only with the migration tool.
    MigrationTool,
    /// The resource must be deleted and created again.
    Recreate,
}

/// How a circuit's bandwidth change is applied: increases in place,
/// decreases only by a new circuit (§1.3).
pub fn bandwidth_change(from_mbps: u32, to_mbps: u32) -> ChangeKind {
    match to_mbps.cmp(&from_mbps) {
        std::cmp::Ordering::Equal => ChangeKind::Same,
        std::cmp::Ordering::Greater => ChangeKind::InPlace,
        std::cmp::Ordering::Less => ChangeKind::Recreate,
    }
}

/// How a circuit's tier change is applied (§1.3).
///
/// Standard and Premium change both ways in place (a downgrade fails while
/// usage exceeds Standard's limits). Local upgrades in place. Whether
/// Standard or Premium can become Local is unconfirmed; the safer reading
/// is that it cannot, so it needs a new circuit.
pub fn tier_change(from: Tier, to: Tier) -> ChangeKind {
    match (from, to) {
        (a, b) if a == b => ChangeKind::Same,
        (_, Tier::Local) => ChangeKind::Recreate,
        _ => ChangeKind::InPlace,
    }
}

/// How a circuit's billing family change is applied: metered to unlimited
/// in place, unlimited to metered only by a new circuit (§1.3).
pub fn family_change(from: Family, to: Family) -> ChangeKind {
    match (from, to) {
        (a, b) if a == b => ChangeKind::Same,
        (Family::MeteredData, Family::UnlimitedData) => ChangeKind::InPlace,
        _ => ChangeKind::Recreate,
    }
}

/// The only billing family an ExpressRoute Local circuit has (§1.2, inferred
/// from the rule that Local upgrades need UnlimitedData).
pub const LOCAL_FAMILY: Family = Family::UnlimitedData;

/// How an ExpressRoute gateway's SKU change is applied (§1.3).
///
/// Upgrades within a generation and the two listed downgrades are in
/// place; the zone-redundant SKUs move to ErGwScale in place, the legacy
/// ones only with the migration tool; anything else means deleting the
/// gateway and creating it again, with downtime.
pub fn gateway_sku_change(from: GatewaySku, to: GatewaySku) -> ChangeKind {
    use GatewaySku::*;
    match (from, to) {
        (a, b) if a == b => ChangeKind::Same,
        (Standard, HighPerformance | UltraPerformance)
        | (HighPerformance, UltraPerformance)
        | (ErGw1Az, ErGw2Az | ErGw3Az)
        | (ErGw2Az, ErGw3Az)
        | (HighPerformance, Standard)
        | (ErGw2Az, ErGw1Az)
        | (ErGw1Az | ErGw2Az | ErGw3Az, ErGwScale) => ChangeKind::InPlace,
        (Standard | HighPerformance | UltraPerformance, ErGwScale) => ChangeKind::MigrationTool,
        _ => ChangeKind::Recreate,
    }
}

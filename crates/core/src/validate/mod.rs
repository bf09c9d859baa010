//! Validation: every finding a design deserves, against Azure's rules and
//! the CSP models.
//!
//! Findings are data, not errors: [`validate`] always returns, and an empty
//! list means the design passes every rule.

use serde::Serialize;

use crate::model::{Design, Id};

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Azure would reject it, or it will not work.
    Error,
    /// It works, but breaks a recommendation, the SLA, or a limit under growth.
    Warning,
    /// Worth knowing.
    Info,
}

/// One thing validation found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The rule's stable identifier, such as `ER-CIRCUIT-PAIR`.
    pub rule: &'static str,
    /// How serious it is.
    pub severity: Severity,
    /// The elements it concerns, most relevant first.
    pub elements: Vec<Id>,
    /// What is wrong, with the actual values, in words a customer can read.
    pub message: String,
    /// What to do about it.
    pub fix: String,
    /// The section of the Azure facts the rule rests on, such as `§1.4`.
    pub facts: &'static str,
}

/// Every finding for the design, errors first, then by rule and element.
pub fn validate(design: &Design) -> Vec<Finding> {
    let _ = design;
    Vec::new()
}

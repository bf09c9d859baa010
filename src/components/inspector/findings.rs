//! Findings as a list, shared by the inspector and the problems panel.

use leptos::prelude::*;
use routecraft_core::validate::{Finding, Severity};

use crate::studio::use_studio;

/// The word and class for a severity.
pub fn severity_name(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
}

/// One finding as a button that selects the element it concerns.
pub fn finding_view(finding: &Finding) -> impl IntoView {
    let studio = use_studio();
    let severity = severity_name(finding.severity);
    let target = finding.elements.first().cloned();
    let select = move |_| {
        if let Some(id) = target.clone() {
            studio.selection.set(vec![id.clone()]);
            crate::browser::focus_node(id.as_str());
        }
    };
    view! {
        <li class=format!("rc-finding rc-finding--{severity}")>
            <button class="rc-finding__button" data-testid=format!("finding-{}", finding.rule) on:click=select>
                <span class="rc-finding__severity">{severity}</span>
                <span class="rc-finding__rule">{finding.rule}</span>
                <span class="rc-finding__message">{finding.message.clone()}</span>
                {(!finding.fix.is_empty()).then(|| view! {
                    <span class="rc-finding__fix">{finding.fix.clone()}</span>
                })}
            </button>
        </li>
    }
}

//! The problems panel: every validation finding; clicking one selects the
//! element it concerns.

use leptos::prelude::*;
use routecraft_core::validate::{Severity, RULES};

use crate::components::inspector::findings::finding_view;
use crate::studio::use_studio;

/// The problems panel.
#[component]
pub fn Problems() -> impl IntoView {
    let studio = use_studio();
    let count = move |severity: Severity| {
        studio
            .findings
            .with(|f| f.iter().filter(|f| f.severity == severity).count())
    };

    view! {
        <section class="rc-panel rc-problems" aria-label="Problems" data-testid="problems">
            <h2 class="rc-panel__title">
                "Problems "
                <span class="rc-problems__counts">
                    {move || format!("{} errors, {} warnings", count(Severity::Error), count(Severity::Warning))}
                </span>
            </h2>
            {move || studio.findings.with(|list| {
                if list.is_empty() {
                    view! { <p class="rc-panel__hint">"No problems found."</p> }.into_any()
                } else {
                    view! { <ul class="rc-findings">{list.iter().map(finding_view).collect_view()}</ul> }.into_any()
                }
            })}
            <RuleCatalogue />
        </section>
    }
}

/// Every rule validation applies, generated from the core's catalogue so
/// that what the studio lists is what it checks.
#[component]
fn RuleCatalogue() -> impl IntoView {
    view! {
        <details class="rc-rules" data-testid="rule-catalogue">
            <summary class="rc-rules__summary">{format!("All {} rules", RULES.len())}</summary>
            <ul class="rc-rules__list">
                {RULES
                    .iter()
                    .map(|rule| {
                        let severity = rule.severity.label();
                        view! {
                            <li class="rc-rules__rule">
                                <code class="rc-rules__id">{rule.id}</code>
                                <span class=format!(
                                    "rc-rules__severity rc-rules__severity--{severity}",
                                )>{severity}</span>
                                <span class="rc-rules__facts">{rule.facts}</span>
                                <span class="rc-rules__title">{rule.title}</span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </details>
    }
}

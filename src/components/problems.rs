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
            <table class="rc-rules__table">
                <thead>
                    <tr><th scope="col">"Rule"</th><th scope="col">"Severity"</th><th scope="col">"Checks"</th><th scope="col">"Facts"</th></tr>
                </thead>
                <tbody>
                    {RULES.iter().map(|rule| view! {
                        <tr>
                            <td><code>{rule.id}</code></td>
                            <td class=format!("rc-rules__severity rc-rules__severity--{}", rule.severity.label())>
                                {rule.severity.label()}
                            </td>
                            <td>{rule.title}</td>
                            <td>{rule.facts}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </details>
    }
}

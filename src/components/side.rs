//! The side panel: tabs for the inspector, problems, routes, trace,
//! failures and charts. The inspector and problems stay mounted so that
//! switching back keeps what was typed; the analysis tabs are built only
//! while shown, so their work is done only when someone looks.

use leptos::prelude::*;
use routecraft_core::validate::Severity;

use super::analysis::charts::ChartsPanel;
use super::analysis::failures::FailuresPanel;
use super::analysis::routes::RoutesPanel;
use super::analysis::trace::TracePanel;
use super::inspector::Inspector;
use super::problems::Problems;
use crate::analysis::use_analysis;
use crate::state::analysis::panel::Panel;
use crate::studio::use_studio;

/// The tab bar and the shown tab.
#[component]
pub fn SidePanel() -> impl IntoView {
    let studio = use_studio();
    let analysis = use_analysis();
    let shown = move |p: Panel| analysis.panel.get() == p;
    let errors = move || {
        studio
            .findings
            .with(|f| f.iter().filter(|f| f.severity == Severity::Error).count())
    };
    let down = move || analysis.failures.with(|f| f.iter().count());

    let tab = move |p: Panel| {
        let badge = move || match p {
            Panel::Problems => Some(errors()).filter(|n| *n > 0),
            Panel::Failures => Some(down()).filter(|n| *n > 0),
            _ => None,
        };
        let title = format!("{} ({})", p.label(), p.key().to_uppercase());
        view! {
            <button
                class="rc-tabs__tab"
                class:rc-tabs__tab--active=move || shown(p)
                role="tab"
                id=format!("rc-tab-{}", p.slug())
                aria-controls=format!("rc-tabpanel-{}", p.slug())
                aria-selected=move || shown(p).to_string()
                tabindex=move || if shown(p) { "0" } else { "-1" }
                title=title
                data-testid=format!("tab-{}", p.slug())
                on:click=move |_| analysis.panel.set(p)
            >
                {p.label()}
                {move || badge().map(|n| view! {
                    <span class=format!("rc-tabs__badge rc-tabs__badge--{}", p.slug())>{n}</span>
                })}
            </button>
        }
    };
    // Arrow keys move between tabs, as a tab list should.
    let on_key = move |ev: web_sys::KeyboardEvent| {
        let step: isize = match ev.key().as_str() {
            "ArrowRight" => 1,
            "ArrowLeft" => -1,
            _ => return,
        };
        ev.prevent_default();
        ev.stop_propagation();
        let all = Panel::ALL;
        let at = all
            .iter()
            .position(|p| *p == analysis.panel.get_untracked())
            .unwrap_or(0) as isize;
        let next = all[(at + step).rem_euclid(all.len() as isize) as usize];
        analysis.panel.set(next);
        focus_tab(next);
    };

    view! {
        <aside class="rc-studio__side" aria-label="Side panel">
            <div class="rc-tabs" role="tablist" aria-label="Panels" on:keydown=on_key>
                {Panel::ALL.into_iter().map(tab).collect_view()}
            </div>
            <div class="rc-side__body" id="rc-tabpanel-inspector" role="tabpanel"
                aria-labelledby="rc-tab-inspector" hidden=move || !shown(Panel::Inspector)>
                <Inspector />
            </div>
            <div class="rc-side__body" id="rc-tabpanel-problems" role="tabpanel"
                aria-labelledby="rc-tab-problems" hidden=move || !shown(Panel::Problems)>
                <Problems />
            </div>
            {move || {
                let p = analysis.panel.get();
                let body = match p {
                    Panel::Routes => view! { <RoutesPanel /> }.into_any(),
                    Panel::Trace => view! { <TracePanel /> }.into_any(),
                    Panel::Failures => view! { <FailuresPanel /> }.into_any(),
                    Panel::Charts => view! { <ChartsPanel /> }.into_any(),
                    Panel::Inspector | Panel::Problems => return None,
                };
                Some(view! {
                    <div class="rc-side__body" id=format!("rc-tabpanel-{}", p.slug()) role="tabpanel"
                        aria-labelledby=format!("rc-tab-{}", p.slug())>
                        {body}
                    </div>
                })
            }}
        </aside>
    }
}

fn focus_tab(panel: Panel) {
    use wasm_bindgen::JsCast;
    let tab = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(&format!("rc-tab-{}", panel.slug())))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(tab) = tab {
        tab.focus().ok();
    }
}

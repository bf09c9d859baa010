//! The failures panel: take units down and see what changes (routes that
//! move or vanish, checks that break or take another way), and sweep every
//! single failure for the ones the design does not survive.

use leptos::prelude::*;
use routecraft_core::model::Design;
use routecraft_core::routing::{failure_units, what_if, FailureUnit, PrefixChange, WhatIf};

use crate::analysis::{use_analysis, Sweep};
use crate::state::analysis::failures::{unit_label, unit_slug};
use crate::studio::use_studio;

/// The failures panel.
#[component]
pub fn FailuresPanel() -> impl IntoView {
    let studio = use_studio();
    let analysis = use_analysis();
    let units = Memo::new(move |_| studio.design.with(failure_units));
    let change = Memo::new(move |_| {
        let down = analysis.failures.get();
        (!down.is_empty()).then(|| studio.design.with(|d| what_if(d, &down)))
    });

    let unit_row = move |unit: FailureUnit| {
        let label = studio.design.with_untracked(|d| unit_label(d, &unit));
        let slug = unit_slug(&unit);
        let is_down = {
            let unit = unit.clone();
            move || analysis.failures.with(|f| f.contains(&unit))
        };
        view! {
            <li>
                <label class="rc-failures__unit" class:rc-failures__unit--down=is_down.clone()>
                    <input type="checkbox" class="rc-field__check" data-testid=format!("fail-{slug}")
                        prop:checked=is_down.clone() on:change=move |_| analysis.toggle(&unit) />
                    <span>{label}</span>
                </label>
            </li>
        }
    };

    view! {
        <section class="rc-panel rc-failures" aria-label="Failures" data-testid="failures">
            <h2 class="rc-panel__title">"What if it fails?"</h2>
            <p class="rc-panel__hint">
                "Take elements down to see what changes. This is a question, not an edit: the design stays as it is."
            </p>
            {move || {
                let list = units.get();
                if list.is_empty() {
                    return view! { <p class="rc-panel__hint">"Nothing in the design can fail yet: add a circuit, gateway or router."</p> }.into_any();
                }
                view! { <ul class="rc-failures__units">{list.into_iter().map(unit_row).collect_view()}</ul> }.into_any()
            }}
            <div class="rc-inspector__actions">
                <button class="rc-button" data-testid="fail-none"
                    prop:disabled=move || analysis.failures.with(|f| f.is_empty())
                    on:click=move |_| analysis.failures.set(Default::default())>"Bring everything up"</button>
            </div>
            <h3 class="rc-panel__subtitle">"What changed"</h3>
            {move || match change.get() {
                None => view! { <p class="rc-panel__hint">"Nothing is down."</p> }.into_any(),
                Some(w) => studio.design.with(|d| changes_view(d, &w)).into_any(),
            }}
            <SweepView />
        </section>
    }
}

fn changes_view(design: &Design, w: &WhatIf) -> impl IntoView {
    let name = |id: &routecraft_core::model::Id| {
        design
            .find(id.as_str())
            .map_or(id.to_string(), |e| e.name())
    };
    let broken = w
        .traces
        .iter()
        .filter(|t| t.delivered_before && !t.check.delivered)
        .count();
    let moved = w.traces.len() - broken;
    let traces = w.traces.iter().take(SHOWN_TRACES).map(|t| {
        let ok = t.check.delivered;
        let title = format!("{} → {}", name(&t.check.from), name(&t.check.to));
        let status = if ok {
            "takes another way".to_owned()
        } else {
            format!("breaks: {}", t.check.reason.clone().unwrap_or_default())
        };
        let after = t.after.iter().map(|p| p.join(" → ")).collect::<Vec<_>>();
        view! {
            <li class="rc-change" class:rc-change--bad=!ok data-testid="whatif-trace">
                <span class="rc-change__title">{title}</span>
                <span class="rc-change__status">{status}</span>
                {after.into_iter().map(|p| view! { <span class="rc-change__path">{p}</span> }).collect_view()}
            </li>
        }
    }).collect_view();
    let routes = w
        .subnets
        .iter()
        .map(|s| {
            let who = s.subnets.iter().map(name).collect::<Vec<_>>().join(", ");
            (format!("Subnets {who}"), &s.changes)
        })
        .chain(w.routers.iter().map(|r| {
            (
                format!(
                    "Router {}, {}",
                    name(&r.router),
                    crate::state::analysis::words::domain(design, r.vrf.as_ref())
                ),
                &r.changes,
            )
        }));
    let groups = w.subnets.len() + w.routers.len();
    let routes = routes
        .take(SHOWN_GROUPS)
        .map(|(title, changes)| {
            view! {
                <li class="rc-change">
                    <span class="rc-change__title">{title}</span>
                    {changes.iter().take(SHOWN_CHANGES).map(prefix_change).collect_view()}
                    {more(changes.len(), SHOWN_CHANGES, "route(s) change: see the routes panel")}
                </li>
            }
        })
        .collect_view();
    view! {
        <p class="rc-failures__summary" data-testid="whatif-summary">
            {format!("{broken} check(s) break, {moved} take another way; routes change at {} subnet group(s) and {} router domain(s).",
                w.subnets.len(), w.routers.len())}
        </p>
        <ul class="rc-changes" aria-label="Checks that changed">{traces}</ul>
        {more(w.traces.len(), SHOWN_TRACES, "check(s) change")}
        <ul class="rc-changes" aria-label="Routes that changed">{routes}</ul>
        {more(groups, SHOWN_GROUPS, "group(s) change routes too")}
    }
}

/// On a large design a failure changes thousands of routes at hundreds of
/// subnets: the panel shows the first of each list and counts the rest, so
/// that the page stays quick. The CLI's `whatif` prints them all.
const SHOWN_TRACES: usize = 100;
/// The most subnet groups and router domains listed.
const SHOWN_GROUPS: usize = 40;
/// The most route changes listed for one group.
const SHOWN_CHANGES: usize = 12;

/// Says how many of `total` items are not listed, if any.
fn more(total: usize, shown: usize, what: &str) -> Option<impl IntoView> {
    (total > shown).then(|| {
        view! {
            <p class="rc-panel__hint" data-testid="whatif-more">
                {format!("{} more {what}.", total - shown)}
            </p>
        }
    })
}

fn prefix_change(c: &PrefixChange) -> impl IntoView {
    let text = match (&c.before, &c.after) {
        (Some(b), Some(a)) => format!("{}: {b} → {a}", c.prefix),
        (Some(b), None) => format!("{}: vanished (was {b})", c.prefix),
        (None, Some(a)) => format!("{}: new, {a}", c.prefix),
        (None, None) => c.prefix.to_string(),
    };
    view! { <span class="rc-change__path">{text}</span> }
}

/// The single-failure sweep: a button, its progress, and each unit's verdict.
#[component]
fn SweepView() -> impl IntoView {
    let studio = use_studio();
    let analysis = use_analysis();

    view! {
        <h3 class="rc-panel__subtitle">"Single failures"</h3>
        <p class="rc-panel__hint">"Fail each unit alone and check every subnet still reaches its customer's sites, and back."</p>
        <div class="rc-inspector__actions">
            <button class="rc-button" data-testid="sweep-run"
                prop:disabled=move || matches!(analysis.sweep.get(), Sweep::Running(..))
                on:click=move |_| analysis.run_sweep(studio)>"Run the sweep"</button>
        </div>
        {move || match analysis.sweep.get() {
            Sweep::Idle => None,
            Sweep::Running(done, total) => Some(view! {
                <div class="rc-sweep__progress" data-testid="sweep-progress">
                    <progress max=total value=done aria-label="Sweep progress"></progress>
                    <span>{format!("{done} of {total} units")}</span>
                </div>
            }.into_any()),
            Sweep::Done { revision, impacts } => {
                let stale = revision != studio.revision();
                let survive = impacts.iter().filter(|i| i.survives).count();
                Some(view! {
                    <p class="rc-failures__summary" data-testid="sweep-summary">
                        {format!("{survive} of {} units can fail alone without breaking a check.", impacts.len())}
                        {stale.then_some(" The design changed since: run it again.")}
                    </p>
                    <ul class="rc-sweep" data-testid="sweep-results">
                        {studio.design.with(|d| impacts.iter().map(|i| {
                            let label = unit_label(d, &i.unit);
                            let why = i.broken.first().and_then(|b| b.reason.clone()).unwrap_or_default();
                            let verdict = if i.survives { "survives".to_owned() } else { format!("breaks {} check(s)", i.broken.len()) };
                            view! {
                                <li class="rc-sweep__row" class:rc-sweep__row--bad=!i.survives
                                    data-testid=format!("sweep-{}", unit_slug(&i.unit))>
                                    <span>{label}</span>
                                    <span class="rc-sweep__verdict">{verdict}</span>
                                    {(!why.is_empty()).then(|| view! { <span class="rc-change__path">{why}</span> })}
                                </li>
                            }
                        }).collect_view())}
                    </ul>
                }.into_any())
            }
        }}
    }
}

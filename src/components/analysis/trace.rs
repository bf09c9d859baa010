//! The trace panel: from an address to an address, every path the packet
//! may take, hop by hop with the route chosen and why, security verdicts,
//! notes, and how each path ends. The paths are drawn on the canvas.

use leptos::prelude::*;
use routecraft_core::model::{Design, Protocol};
use routecraft_core::routing::{Hop, TracePath};

use crate::analysis::use_analysis;
use crate::state::analysis::trace_form::{
    endpoint_of, endpoints, has_ports, End, Endpoint, FormErrors, PROTOCOLS,
};
use crate::state::analysis::words;
use crate::studio::use_studio;

/// The trace panel.
#[component]
pub fn TracePanel() -> impl IntoView {
    let studio = use_studio();
    let analysis = use_analysis();
    let form = analysis.form;
    let errors = RwSignal::new(FormErrors::default());
    let picks = Memo::new(move |_| studio.design.with(endpoints));
    let selected_endpoint = Memo::new(move |_| {
        let id = studio.selection.with(|s| s.first().cloned())?;
        studio.design.with(|d| endpoint_of(d, id.as_str()))
    });

    let run = move || match form.with_untracked(|f| f.request()) {
        Ok(request) => {
            errors.set(FormErrors::default());
            analysis.request.set(Some(request));
        }
        Err(e) => errors.set(e),
    };
    let on_submit = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        run();
    };

    view! {
        <section class="rc-panel rc-trace" aria-label="Trace" data-testid="trace">
            <h2 class="rc-panel__title">"Trace a packet"</h2>
            <form class="rc-form rc-trace__form" on:submit=on_submit novalidate>
                <AddressField end=End::From errors picks selected_endpoint />
                <AddressField end=End::To errors picks selected_endpoint />
                <div class="rc-trace__row">
                    <label class="rc-field rc-trace__protocol">
                        <span class="rc-field__label">"Protocol"</span>
                        <select class="rc-field__input" data-testid="trace-protocol"
                            on:change=move |ev| {
                                let name = event_target_value(&ev);
                                let protocol = PROTOCOLS.into_iter().find(|p| p.as_str() == name).unwrap_or(Protocol::Tcp);
                                form.update(|f| f.protocol = protocol);
                            }>
                            {PROTOCOLS.into_iter().map(|p| view! {
                                <option value=p.as_str() selected=move || form.with(|f| f.protocol == p)>{p.as_str().to_uppercase()}</option>
                            }).collect_view()}
                        </select>
                    </label>
                    <div class="rc-field rc-trace__port" class:rc-field--invalid=move || errors.with(|e| e.port.is_some())>
                        <label class="rc-field__label" for="rc-trace-port">"Port"</label>
                        <input id="rc-trace-port" class="rc-field__input" data-testid="trace-port" inputmode="numeric"
                            prop:disabled=move || !form.with(|f| has_ports(f.protocol))
                            prop:value=move || form.with(|f| f.port.clone())
                            on:input=move |ev| form.update(|f| f.port = event_target_value(&ev)) />
                    </div>
                </div>
                {move || errors.with(|e| e.port.clone()).map(|m| view! {
                    <p class="rc-field__error" role="alert" data-testid="trace-port-error">{m}</p>
                })}
                <div class="rc-inspector__actions">
                    <button type="submit" class="rc-button rc-button--primary" data-testid="trace-run">"Trace"</button>
                    <button type="button" class="rc-button" data-testid="trace-clear"
                        prop:disabled=move || analysis.request.with(Option::is_none)
                        on:click=move |_| analysis.request.set(None)>"Clear"</button>
                </div>
            </form>
            <TraceResult />
        </section>
    }
}

/// The address of one end: typed, taken from the selection, or picked from
/// the list of subnets and sites. The source also says where it starts.
#[component]
fn AddressField(
    /// Which end the field is for.
    end: End,
    /// What is wrong with the form, from its last run.
    errors: RwSignal<FormErrors>,
    /// Every subnet and site, for the list.
    picks: Memo<Vec<Endpoint>>,
    /// The place the selection stands for, if any.
    selected_endpoint: Memo<Option<Endpoint>>,
) -> impl IntoView {
    let studio = use_studio();
    let form = use_analysis().form;
    let key = end.key();
    let (label, placeholder, pick_label) = match end {
        End::From => (
            "From address",
            "10.0.0.4",
            "Pick the source from a subnet or site",
        ),
        End::To => (
            "To address",
            "10.10.0.1",
            "Pick the destination from a subnet or site",
        ),
    };
    let pick = move |id: &str| {
        if let Some(place) = studio.design.with_untracked(|d| endpoint_of(d, id)) {
            form.update(|f| f.pick(end, place));
        }
    };
    let selection_label = move || {
        selected_endpoint
            .get()
            .map_or("Select a subnet or site to use it".to_owned(), |e| {
                format!("Use {}", e.label)
            })
    };
    let error = move || errors.with(|e| e.of(end));
    let input_id = format!("rc-trace-{key}");
    let noun = end.noun();

    view! {
        <div class="rc-field" class:rc-field--invalid=move || error().is_some()>
            <label class="rc-field__label" for=input_id.clone()>{label}</label>
            <div class="rc-trace__row">
                <input id=input_id class="rc-field__input rc-field__input--mono" data-testid=format!("trace-{key}")
                    placeholder=placeholder autocomplete="off"
                    prop:value=move || form.with(|f| f.address(end).to_owned())
                    on:input=move |ev| {
                        let text = event_target_value(&ev);
                        studio.design.with_untracked(|d| form.update(|f| f.type_address(d, end, text)));
                    } />
                <button type="button" class="rc-button" data-testid=format!("trace-{key}-selection")
                    aria-label=move || {
                        format!("{noun}: {}", selection_label())
                    }
                    title=selection_label
                    prop:disabled=move || selected_endpoint.get().is_none()
                    on:click=move |_| if let Some(e) = selected_endpoint.get_untracked() { pick(e.id.as_str()) }>
                    "Selection"
                </button>
            </div>
            <select class="rc-field__input" aria-label=pick_label
                data-testid=format!("trace-{key}-pick") prop:value=""
                on:change=move |ev| pick(&event_target_value(&ev))>
                <option value="">"Pick a subnet or site…"</option>
                {move || picks.get().into_iter().map(|e| {
                    view! { <option value=e.id.to_string()>{e.label}</option> }
                }).collect_view()}
            </select>
            {move || form.with(|f| f.at.clone()).filter(|_| end == End::From).map(|at| {
                let name = studio.design.with(|d| d.find(at.as_str()).map_or(at.to_string(), |e| e.name()));
                view! { <p class="rc-field__note" data-testid="trace-at">{format!("Starting in {name}")}</p> }
            })}
            {move || error().map(|m| view! {
                <p class="rc-field__error" role="alert" data-testid=format!("trace-{key}-error")>{m}</p>
            })}
        </div>
    }
}

/// The paths of the current trace.
#[component]
fn TraceResult() -> impl IntoView {
    let studio = use_studio();
    let analysis = use_analysis();
    let down = move || analysis.failures.with(|f| f.iter().count());

    move || {
        let trace = analysis.trace.get()?;
        let design = studio.design.read();
        let delivered = trace.is_delivered();
        let count = trace.paths.len();
        let summary = match (delivered, count) {
            (_, 0) => "No path: the source is not in the design".to_owned(),
            (true, 1) => "Delivered over one path".to_owned(),
            (true, n) => format!("Delivered over {n} equal-cost paths"),
            (false, n) => {
                let failed = trace
                    .paths
                    .iter()
                    .filter(|p| !p.outcome.is_delivered())
                    .count();
                format!("Not delivered: {failed} of {n} path(s) fail")
            }
        };
        Some(view! {
            <div class="rc-trace__result" data-testid="trace-result" data-delivered=delivered.to_string()
                aria-live="polite">
                <p class="rc-trace__summary" class:rc-trace__summary--ok=delivered
                    class:rc-trace__summary--bad=!delivered data-testid="trace-summary">
                    {summary}
                    {(down() > 0).then(|| format!(" (with {} element(s) down)", down()))}
                </p>
                {trace.truncated.then(|| view! {
                    <p class="rc-panel__hint">"More equal-cost paths exist than are shown."</p>
                })}
                {trace.paths.iter().enumerate().map(|(i, p)| path_view(&design, i, count, p)).collect_view()}
            </div>
        })
    }
}

fn path_view(design: &Design, index: usize, count: usize, path: &TracePath) -> impl IntoView {
    let ok = path.outcome.is_delivered();
    let end = words::outcome(design, &path.outcome);
    view! {
        <section class="rc-path" class:rc-path--bad=!ok data-testid=format!("trace-path-{index}")
            aria-label=format!("Path {} of {count}", index + 1)>
            <h3 class="rc-path__title">{format!("Path {} of {count}", index + 1)}</h3>
            <ol class="rc-path__hops">
                {path.hops.iter().map(|h| hop_view(design, h)).collect_view()}
            </ol>
            <p class="rc-path__end" class:rc-path__end--ok=ok data-testid="trace-end">{end}</p>
        </section>
    }
}

fn hop_view(design: &Design, hop: &Hop) -> impl IntoView {
    view! {
        <li class="rc-hop" data-testid="trace-hop">
            <span class="rc-hop__place">{words::place(design, &hop.place)}</span>
            {hop.route.map(|r| view! { <span class="rc-hop__route">{format!("route {r}")}</span> })}
            <span class="rc-hop__why">{hop.why.clone()}</span>
            {hop.nsg.iter().map(|v| {
                let denied = matches!(v.access, routecraft_core::model::Access::Deny);
                view! {
                    <span class="rc-hop__nsg" class:rc-hop__nsg--denied=denied>{words::verdict(design, v)}</span>
                }
            }).collect_view()}
            {hop.note.clone().map(|n| view! { <span class="rc-hop__note">{n}</span> })}
        </li>
    }
}

//! The inspector: the selected element's properties with the choices Azure
//! allows and its findings, or the design's own properties when nothing is
//! selected.

mod design;
mod field;
pub mod findings;

use leptos::prelude::*;
use routecraft_core::edit::{Command, Element};
use routecraft_core::model::{Design, ElementRef, Id};

use self::design::DesignForm;
use self::field::FieldRow;
use self::findings::finding_view;
use crate::components::icons::Icon;
use crate::state::duplicate::duplicate;
use crate::state::form;
use crate::studio::use_studio;

/// The inspector panel.
#[component]
pub fn Inspector() -> impl IntoView {
    let studio = use_studio();
    let selected = Memo::new(move |_| studio.selection.get());

    view! {
        <section class="rc-panel rc-inspector" aria-label="Inspector" data-testid="inspector">
            {move || match selected.get().as_slice() {
                [] => view! { <DesignForm /> }.into_any(),
                [id] => view! { <ElementForm id=id.clone() /> }.into_any(),
                many => {
                    let count = many.len();
                    view! {
                        <h2 class="rc-panel__title">{format!("{count} elements selected")}</h2>
                        <p class="rc-panel__hint">"Move them together by dragging, nudge them with the arrow keys."</p>
                        <SelectionActions />
                    }.into_any()
                }
            }}
        </section>
    }
}

/// Duplicate and delete buttons for the selection.
#[component]
fn SelectionActions() -> impl IntoView {
    let studio = use_studio();
    let duplicate_selection = move |_| duplicate_selected(studio);
    view! {
        <div class="rc-inspector__actions">
            <button class="rc-button" data-testid="duplicate" title="Duplicate (Ctrl+D)"
                on:click=duplicate_selection>"Duplicate"</button>
            <button class="rc-button rc-button--danger" data-testid="delete" title="Delete (Delete)"
                on:click=move |_| studio.delete_selection()>"Delete"</button>
        </div>
    }
}

/// Duplicates the selection and selects the copies.
pub fn duplicate_selected(studio: crate::studio::Studio) {
    let design = studio.design.get_untracked();
    if let Some((command, copies)) = duplicate(&design, &studio.selection.get_untracked()) {
        if studio.dispatch(command).is_ok() {
            studio.selection.set(copies);
        }
    }
}

/// The elements nested in an element, such as a circuit's peerings.
fn children(design: &Design, id: &Id) -> Vec<(Id, String)> {
    let named = |id: &Id| {
        (
            id.clone(),
            design
                .find(id.as_str())
                .map_or(id.to_string(), |e| e.name()),
        )
    };
    match design.find(id.as_str()) {
        Some(ElementRef::Circuit(c)) => c
            .peerings
            .iter()
            .map(|p| (p.id.clone(), p.kind.label().to_owned()))
            .chain(c.authorizations.iter().map(|a| named(&a.id)))
            .chain(c.global_reach.iter().map(|g| named(&g.id)))
            .collect(),
        Some(ElementRef::Vnet(v)) => v
            .subnets
            .iter()
            .map(|s| (s.id.clone(), format!("{} {}", s.name, s.prefix)))
            .collect(),
        Some(ElementRef::RouteTable(t)) => t
            .routes
            .iter()
            .map(|r| {
                (
                    r.id.clone(),
                    format!("{} {} → {}", r.name, r.prefix, r.next_hop.as_str()),
                )
            })
            .collect(),
        Some(ElementRef::Nsg(n)) => n
            .rules
            .iter()
            .map(|r| {
                (
                    r.id.clone(),
                    format!("{} {} ({})", r.priority, r.name, r.destination_ports),
                )
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// The form of one element.
#[component]
fn ElementForm(
    /// The element edited.
    id: Id,
) -> impl IntoView {
    let studio = use_studio();
    let element = {
        let id = id.clone();
        Memo::new(move |_| studio.design.with(|d| Element::of(d, id.as_str())))
    };
    let fields = Memo::new(move |_| {
        element.with(|e| {
            e.as_ref()
                .map(|e| studio.design.with(|d| form::fields(d, e)))
                .unwrap_or_default()
        })
    });
    let shape = Memo::new(move |_| {
        fields.with(|fs| {
            fs.iter()
                .map(|f| (f.key, f.label, f.input.clone()))
                .collect::<Vec<_>>()
        })
    });
    let heading = {
        let id = id.clone();
        Memo::new(move |_| {
            studio
                .design
                .with(|d| d.find(id.as_str()).map(|e| (e.kind(), e.name())))
        })
    };
    let nested = {
        let id = id.clone();
        Memo::new(move |_| studio.design.with(|d| children(d, &id)))
    };
    let own_findings = {
        let id = id.clone();
        Memo::new(move |_| {
            studio.findings.with(|f| {
                f.iter()
                    .filter(|f| f.elements.contains(&id))
                    .cloned()
                    .collect::<Vec<_>>()
            })
        })
    };

    let commit = move |key: &'static str| {
        Callback::new(move |text: String| {
            let current = element.get_untracked()?;
            match form::set(&current, key, &text) {
                Ok(copy) if copy == current => None,
                Ok(copy) => studio.dispatch(Command::Update(copy)).err(),
                Err(message) => Some(message),
            }
        })
    };
    let value_of = move |key: &'static str| {
        Signal::derive(move || {
            fields.with(|fs| {
                fs.iter()
                    .find(|f| f.key == key)
                    .map(|f| f.value.clone())
                    .unwrap_or_default()
            })
        })
    };
    let id_text = id.to_string();

    view! {
        {move || heading.get().map(|(kind, name)| view! {
            <header class="rc-inspector__head">
                <Icon kind=kind />
                <div>
                    <h2 class="rc-panel__title" data-testid="inspector-title">{name}</h2>
                    <p class="rc-inspector__kind">{kind.label()}" · "<code>{id_text.clone()}</code></p>
                </div>
            </header>
        })}
        <form class="rc-form" on:submit=|ev| ev.prevent_default()>
            {move || shape.get().into_iter().map(|(key, label, input)| view! {
                <FieldRow key=key label=label input=input value=value_of(key) on_commit=commit(key) />
            }).collect_view()}
        </form>
        {move || {
            let list = nested.get();
            (!list.is_empty()).then(|| view! {
                <h3 class="rc-panel__subtitle">"Contains"</h3>
                <ul class="rc-inspector__children">
                    {list.into_iter().map(|(child, name)| view! {
                        <li><button class="rc-link" on:click=move |_| studio.selection.set(vec![child.clone()])>{name}</button></li>
                    }).collect_view()}
                </ul>
            })
        }}
        <SelectionActions />
        <h3 class="rc-panel__subtitle">"Findings"</h3>
        {move || {
            let list = own_findings.get();
            if list.is_empty() {
                view! { <p class="rc-panel__hint" data-testid="element-findings-none">"No findings for this element."</p> }.into_any()
            } else {
                view! { <ul class="rc-findings" data-testid="element-findings">{list.iter().map(finding_view).collect_view()}</ul> }.into_any()
            }
        }}
    }
}

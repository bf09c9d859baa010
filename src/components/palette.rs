//! The palette: every kind of element, grouped; drag one onto the canvas or
//! click it to add it where it fits.

use leptos::prelude::*;
use web_sys::DragEvent;

use crate::components::canvas::add_from_palette;
use crate::components::icons::Icon;
use crate::state::palette::{Group, ITEMS};
use crate::studio::use_studio;

/// The palette column.
#[component]
pub fn Palette() -> impl IntoView {
    let studio = use_studio();

    let group_view = move |group: Group| {
        let items = ITEMS
            .iter()
            .filter(move |i| i.group == group)
            .map(move |item| {
                let key = item.key;
                let title = item.how.map_or_else(
                    || {
                        format!(
                            "Add a {} (click, or drag onto the canvas)",
                            item.label.to_lowercase()
                        )
                    },
                    |how| format!("{}: {how}", item.label),
                );
                let on_drag = move |ev: DragEvent| {
                    if let Some(data) = ev.data_transfer() {
                        data.set_data("text/plain", key).ok();
                        data.set_effect_allowed("copy");
                    }
                };
                view! {
                    <li>
                        <button
                            class="rc-palette__item"
                            class:rc-palette__item--hint=item.how.is_some()
                            draggable=if item.how.is_none() { "true" } else { "false" }
                            title=title.clone()
                            aria-label=title
                            data-testid=format!("palette-{key}")
                            on:dragstart=on_drag
                            on:click=move |_| add_from_palette(studio, key, None)
                        >
                            <Icon kind=item.kind />
                            <span>{item.label}</span>
                        </button>
                    </li>
                }
            });
        view! {
            <section class="rc-palette__group" aria-label=group.label()>
                <h3 class="rc-palette__heading">{group.label()}</h3>
                <ul class="rc-palette__list">{items.collect_view()}</ul>
            </section>
        }
    };

    view! {
        <nav class="rc-palette" aria-label="Palette" data-testid="palette">
            {Group::ALL.into_iter().map(group_view).collect_view()}
        </nav>
    }
}

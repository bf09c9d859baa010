//! The header: product name, design name, undo and redo, file actions.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::analysis::use_analysis;
use crate::browser;
use crate::studio::use_studio;

/// The id of the hidden file input the Open button and Ctrl+O click.
pub const OPEN_INPUT_ID: &str = "rc-open-file";

/// Opens the browser's file chooser for a design file.
pub fn choose_file() {
    let input = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(OPEN_INPUT_ID))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(input) = input {
        input.click();
    }
}

/// The studio's header bar.
#[component]
pub fn Header() -> impl IntoView {
    let studio = use_studio();
    let analysis = use_analysis();

    let undo_title = move || {
        studio.revision();
        studio
            .undo_label()
            .map_or("Nothing to undo".to_owned(), |l| {
                format!("Undo: {l} (Ctrl+Z)")
            })
    };
    let redo_title = move || {
        studio.revision();
        studio
            .redo_label()
            .map_or("Nothing to redo".to_owned(), |l| {
                format!("Redo: {l} (Ctrl+Shift+Z)")
            })
    };
    let on_file = move |ev: web_sys::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        input.set_value("");
        leptos::task::spawn_local(async move {
            let name = file.name();
            match browser::read_file(file).await {
                Ok(text) => studio.open_text(&name, &text),
                Err(message) => studio.tell_error(&message),
            }
        });
    };

    view! {
        <header class="rc-header">
            <div class="rc-header__brand">
                <svg class="rc-header__logo" viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
                    <path d="M4 18c4 0 4-12 8-12s4 12 8 12" />
                    <circle cx="4" cy="18" r="2" />
                    <circle cx="20" cy="18" r="2" />
                </svg>
                <span class="rc-header__product">"Routecraft"</span>
            </div>
            <div class="rc-header__design" data-testid="design-name">
                <span class="rc-header__design-name">{move || studio.design.with(|d| d.name.clone())}</span>
                <span class="rc-header__model">{move || studio.design.with(|d| d.model.label())}</span>
                {move || {
                    studio.revision();
                    studio.has_unsaved_changes().then(|| view! {
                        <span class="rc-header__unsaved" title="Changes not saved to a file">"unsaved"</span>
                    })
                }}
            </div>
            <div class="rc-header__actions" role="toolbar" aria-label="Edit and file actions">
                <button class="rc-button" data-testid="undo" aria-label=undo_title title=undo_title
                    prop:disabled=move || studio.undo_label().is_none()
                    on:click=move |_| studio.undo()>"Undo"</button>
                <button class="rc-button" data-testid="redo" aria-label=redo_title title=redo_title
                    prop:disabled=move || studio.redo_label().is_none()
                    on:click=move |_| studio.redo()>"Redo"</button>
                <span class="rc-header__separator" aria-hidden="true"></span>
                <button class="rc-button" data-testid="new" title="Start a new design"
                    on:click=move |_| studio.welcome.set(true)>"New"</button>
                <button class="rc-button" data-testid="open" title="Open a design file (Ctrl+O)"
                    on:click=move |_| choose_file()>"Open…"</button>
                <button class="rc-button" data-testid="export" title="Export the bundle, IaC files or diagram (E)"
                    aria-haspopup="dialog" on:click=move |_| analysis.export_open.set(true)>"Export…"</button>
                <button class="rc-button rc-button--primary" data-testid="save"
                    title="Save the design to a file (Ctrl+S)"
                    on:click=move |_| studio.save_file()>"Save"</button>
                <button class="rc-button rc-button--icon" data-testid="shortcuts" aria-label="Keyboard shortcuts"
                    title="Keyboard shortcuts (?)" on:click=move |_| studio.sheet.update(|s| *s = !*s)>"?"</button>
                <input id=OPEN_INPUT_ID class="rc-visually-hidden" type="file" tabindex="-1"
                    accept=".json,application/json" aria-label="Design file to open"
                    data-testid="open-input" on:change=on_file />
            </div>
        </header>
    }
}

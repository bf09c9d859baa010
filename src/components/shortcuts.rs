//! The keyboard: the shortcuts sheet, and the one listener that turns
//! keys into studio actions.

use leptos::prelude::*;
use web_sys::KeyboardEvent;

use crate::analysis::Analysis;
use crate::browser;
use crate::components::header::choose_file;
use crate::components::inspector::duplicate_selected;
use crate::state::moves::move_nodes;
use crate::state::shortcuts::{action_for, Action, KeyPress, SHEET};
use crate::state::viewport::GRID;
use crate::studio::{use_studio, Studio};

/// Does what a key press asks, if it asks anything.
pub fn handle_key(studio: Studio, analysis: Analysis, ev: &KeyboardEvent) {
    if browser::is_typing(ev) {
        return;
    }
    let key = ev.key();
    let press = KeyPress {
        key: &key,
        ctrl: ev.ctrl_key() || ev.meta_key(),
        shift: ev.shift_key(),
        alt: ev.alt_key(),
    };
    let Some(action) = action_for(press) else {
        return;
    };
    let modal = studio.dialog.with_untracked(Option::is_some)
        || studio.welcome.get_untracked()
        || analysis.export_open.get_untracked();
    if modal && action != Action::Escape {
        return;
    }
    ev.prevent_default();
    match action {
        Action::Undo => studio.undo(),
        Action::Redo => studio.redo(),
        Action::Delete => studio.delete_selection(),
        Action::Escape => {
            if studio.sheet.get_untracked() {
                studio.sheet.set(false);
            } else if analysis.export_open.get_untracked() {
                analysis.export_open.set(false);
            } else if studio.dialog.with_untracked(Option::is_some) {
                studio.dialog.set(None);
            } else if studio.welcome.get_untracked() {
                studio.welcome.set(false);
            } else {
                studio.selection.set(Vec::new());
            }
        }
        Action::SelectAll => studio.selection.set(
            studio
                .scene
                .with_untracked(|s| s.nodes.iter().map(|n| n.id.clone()).collect()),
        ),
        Action::Duplicate => duplicate_selected(studio),
        Action::Save => studio.save_file(),
        Action::Open => choose_file(),
        Action::Nudge(dx, dy) => {
            let step = if ev.shift_key() { GRID * 10.0 } else { GRID };
            let ids = studio.selection.get_untracked();
            let design = studio.design.get_untracked();
            let command = studio.scene.with_untracked(|s| {
                move_nodes(&design, s, &ids, f64::from(dx) * step, f64::from(dy) * step)
            });
            if let Some(command) = command {
                let _ = studio.dispatch(command);
                if let Some(id) = ids.first() {
                    browser::focus_node(id.as_str());
                }
            }
        }
        Action::ToggleSheet => studio.sheet.update(|s| *s = !*s),
        Action::FitToView => studio.fit(),
        Action::ShowPanel(panel) => analysis.panel.set(panel),
        Action::Export => analysis.export_open.set(true),
    }
}

/// The sheet that lists every shortcut.
#[component]
pub fn ShortcutsSheet() -> impl IntoView {
    let studio = use_studio();
    view! {
        <div class="rc-overlay" on:click=move |_| studio.sheet.set(false)>
            <section class="rc-dialog rc-sheet" role="dialog" aria-modal="true" aria-labelledby="rc-sheet-title"
                data-testid="shortcuts-sheet" on:click=|ev| ev.stop_propagation()>
                <h2 id="rc-sheet-title" class="rc-dialog__title">"Keyboard shortcuts"</h2>
                <dl class="rc-sheet__list">
                    {SHEET.iter().map(|(keys, what)| view! {
                        <dt><kbd>{*keys}</kbd></dt>
                        <dd>{*what}</dd>
                    }).collect_view()}
                </dl>
                <button class="rc-button" on:click=move |_| studio.sheet.set(false)>"Close"</button>
            </section>
        </div>
    }
}

//! In-page dialogs that ask before work is lost, or say why a file did not
//! open. In-page rather than `window.confirm`, so tests can answer them.

use leptos::prelude::*;
use routecraft_core::edit::Command;

use crate::studio::{use_studio, Dialog};

/// The confirming button's label and what it does.
type Confirm = Option<(&'static str, Box<dyn Fn() + 'static>)>;

/// The open dialog, if any.
#[component]
pub fn DialogView() -> impl IntoView {
    let studio = use_studio();
    let close = move |_| studio.dialog.set(None);

    move || {
        studio.dialog.get().map(|dialog| {
            let (title, body, confirm): (String, Vec<String>, Confirm) = match dialog {
                Dialog::Replace { source, design } => (
                    "Discard unsaved changes?".into(),
                    vec![format!(
                        "The open design has changes that are not saved to a file. Opening {source} replaces it."
                    )],
                    Some(("Discard and open", Box::new(move || studio.open((*design).clone())))),
                ),
                Dialog::Delete { ids, dependents } => (
                    "Delete with what depends on it?".into(),
                    std::iter::once("Deleting the selection also deletes:".to_owned())
                        .chain(dependents)
                        .collect(),
                    Some(("Delete all", Box::new(move || {
                        studio.dialog.set(None);
                        let _ = studio.dispatch(Command::Remove(ids.clone()));
                    }))),
                ),
                Dialog::LoadFailed(message) => (
                    "The file could not be opened".into(),
                    vec![message, "The open design is unchanged.".into()],
                    None,
                ),
            };
            let (first, rest) = body.split_first().map(|(f, r)| (f.clone(), r.to_vec())).unwrap_or_default();
            view! {
                <div class="rc-overlay">
                    <section class="rc-dialog" role="alertdialog" aria-modal="true" aria-labelledby="rc-dialog-title"
                        data-testid="dialog">
                        <h2 id="rc-dialog-title" class="rc-dialog__title">{title}</h2>
                        <p class="rc-dialog__text" data-testid="dialog-message">{first}</p>
                        {(!rest.is_empty()).then(|| view! {
                            <ul class="rc-dialog__list">{rest.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
                        })}
                        <div class="rc-dialog__actions">
                            <button class="rc-button" data-testid="dialog-cancel" on:click=close>
                                {if confirm.is_some() { "Cancel" } else { "Close" }}
                            </button>
                            {confirm.map(|(label, action)| view! {
                                <button class="rc-button rc-button--danger" data-testid="dialog-confirm"
                                    on:click=move |_| action()>{label}</button>
                            })}
                        </div>
                    </section>
                </div>
            }
        })
    }
}

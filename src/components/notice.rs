//! The notice line under the canvas, and the banner that says autosave
//! failed.

use std::time::Duration;

use leptos::prelude::*;

use crate::studio::use_studio;

/// The last notice, such as a refused connection, until dismissed or replaced.
#[component]
pub fn NoticeLine() -> impl IntoView {
    let studio = use_studio();
    // Information fades after a while; errors stay until dismissed.
    Effect::new(move |_| {
        if let Some(notice) = studio.notice.get() {
            if !notice.is_error {
                set_timeout(
                    move || {
                        if studio.notice.get_untracked().as_ref() == Some(&notice) {
                            studio.notice.set(None);
                        }
                    },
                    Duration::from_secs(4),
                );
            }
        }
    });
    view! {
        <div class="rc-notice-area" aria-live="polite">
            {move || studio.notice.get().map(|n| view! {
                <div class="rc-notice" class:rc-notice--error=n.is_error data-testid="notice"
                    role=if n.is_error { "alert" } else { "status" }>
                    <span>{n.text}</span>
                    <button class="rc-button rc-button--icon" aria-label="Dismiss" on:click=move |_| studio.notice.set(None)>"×"</button>
                </div>
            })}
        </div>
    }
}

/// Said once when local storage refuses the autosave.
#[component]
pub fn StorageBanner() -> impl IntoView {
    let studio = use_studio();
    view! {
        <Show when=move || studio.storage_banner.get()>
            <div class="rc-banner" role="alert" data-testid="storage-banner">
                <span>"This browser refused to keep an automatic copy of the design (storage is full or blocked). Save it to a file to keep your work."</span>
                <button class="rc-button rc-button--primary" on:click=move |_| studio.save_file()>"Save to a file"</button>
                <button class="rc-button" on:click=move |_| studio.storage_banner.set(false)>"Dismiss"</button>
            </div>
        </Show>
    }
}

//! The studio's frame: header, palette, canvas with its fail bar, the side
//! panel's tabs, and the dialogs.

use leptos::prelude::*;

use super::analysis::export::ExportDialog;
use super::analysis::fail_bar::FailBar;
use super::canvas::Canvas;
use super::dialog::DialogView;
use super::header::Header;
use super::notice::{NoticeLine, StorageBanner};
use super::palette::Palette;
use super::shortcuts::{handle_key, ShortcutsSheet};
use super::side::SidePanel;
use super::welcome::Welcome;
use crate::analysis::Analysis;
use crate::studio::Studio;

/// The whole studio, restored from the last autosave.
#[component]
pub fn App() -> impl IntoView {
    let studio = Studio::restore();
    view! { <StudioFrame studio=studio /> }
}

/// The studio's frame around a given studio state.
#[component]
pub fn StudioFrame(
    /// The state the frame shows and edits.
    studio: Studio,
) -> impl IntoView {
    provide_context(studio);
    let analysis = Analysis::new(studio);
    provide_context(analysis);

    // Autosave on every change of the design, the selection or the view.
    Effect::new(move |_| {
        studio.design.track();
        studio.selection.track();
        studio.viewport.track();
        studio.autosave();
    });
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        handle_key(studio, analysis, &ev)
    });
    on_cleanup(move || keys.remove());

    view! {
        <div class="rc-studio" data-testid="studio">
            <Header />
            <StorageBanner />
            <main class="rc-studio__body">
                <Palette />
                <div class="rc-studio__canvas">
                    <Canvas />
                    <FailBar />
                    <NoticeLine />
                </div>
                <SidePanel />
            </main>
            <Show when=move || studio.welcome.get()>
                <Welcome />
            </Show>
            <Show when=move || studio.sheet.get()>
                <ShortcutsSheet />
            </Show>
            <ExportDialog />
            <DialogView />
        </div>
    }
}

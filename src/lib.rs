//! Routecraft studio: the browser app over `routecraft-core`.
//!
//! Organization:
//! - [`state`]: logic with no browser in it, tested natively
//! - `studio`, `analysis`, `components`, `browser`: the Leptos app (wasm32 only)

pub mod state;

#[cfg(target_arch = "wasm32")]
mod analysis;
#[cfg(target_arch = "wasm32")]
mod browser;
#[cfg(target_arch = "wasm32")]
mod components;
#[cfg(target_arch = "wasm32")]
mod studio;

#[cfg(target_arch = "wasm32")]
pub use components::app::{App, StudioFrame};
#[cfg(target_arch = "wasm32")]
pub use studio::Studio;

/// Mounts the studio on the page's body.
#[cfg(target_arch = "wasm32")]
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
    // After mounting, which starts the executor the registration awaits on.
    browser::register_service_worker();
}

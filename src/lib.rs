#![cfg(target_arch = "wasm32")]
//! Routecraft studio.

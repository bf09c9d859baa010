//! The studio's logic that needs no browser: viewport arithmetic, palette
//! defaults, the inspector's fields, moves, duplicates, shortcuts and the
//! autosaved session. Compiled and tested natively as well as in wasm.
//!
//! Organization:
//! - [`viewport`]: pan, zoom, fit and snapping
//! - [`palette`]: what can be added, grouped, with sensible defaults
//! - [`form`]: the inspector's fields and how typed text changes an element
//! - [`moves`]: one command per drag or nudge; the rubber band
//! - [`duplicate`]: copies with fresh ids
//! - [`shortcuts`]: keys to actions, and the sheet
//! - [`session`]: what autosave keeps
//! - [`analysis`]: panels, the trace form, canvas marks and failure units

pub mod analysis;
pub mod duplicate;
pub mod form;
pub mod ids;
pub mod moves;
pub mod palette;
pub mod session;
pub mod shortcuts;
pub mod viewport;

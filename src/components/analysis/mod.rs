//! The analysis panels, one per file: routes, trace, failures, charts,
//! the canvas's fail bar, and the export dialog.

pub mod charts;
pub mod export;
pub mod fail_bar;
pub mod failures;
pub mod routes;
pub mod trace;

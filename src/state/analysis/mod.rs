//! The analysis side's logic without a browser: which panel shows, the
//! trace form, what a path and a failure set mark on the canvas, which
//! units an element can fail as, and the words the panels use.
//!
//! Organization:
//! - [`panel`]: the side panel's tabs
//! - [`trace_form`]: the trace inputs, their checks and the quick picks
//! - [`marks`]: the nodes and edges a trace crosses or a failure takes down
//! - [`failures`]: failure units per element, their names, what is kept
//! - [`words`]: places, outcomes and next hops as a user reads them

pub mod failures;
pub mod marks;
pub mod panel;
pub mod trace_form;
pub mod words;

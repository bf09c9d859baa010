//! Routecraft's core: the design model, validation, routing and export for
//! hybrid networks that join datacenters to Azure over ExpressRoute, in the
//! two Cloud Solution Provider models.
//!
//! The core has no web dependency. It compiles and is tested natively, runs
//! behind the `routecraft` command line, and compiles unchanged to wasm32
//! for the studio in the browser. It logs nothing and never panics on any
//! input: work that cannot finish returns an error, and what is wrong with a
//! design comes back as findings.
//!
//! Organization:
//! - [`facts`]: the one table of Azure facts, each with its source section
//! - [`model`]: the design, its file format and migration
//! - [`edit`]: commands, the one function that applies them, undo and redo
//! - [`templates`]: built-in designs for both CSP models
//! - [`generate`]: large designs from a seed, up to Azure's own limits,
//!   for benchmarks and scale tests
//! - [`validate`]: findings against Azure's rules and the CSP models
//! - [`routing`]: route exchange, effective routes, packet traces and
//!   failure what-ifs
//! - [`diagram`]: the diagram's geometry, shared by the studio's canvas and
//!   the SVG export, and the SVG itself
//! - [`export`]: infrastructure as code (Bicep, ARM, Terraform), the
//!   runbook, the design report and the bundle that zips them

pub mod diagram;
pub mod edit;
pub mod export;
pub mod facts;
pub mod generate;
pub mod model;
pub mod routing;
pub mod templates;
pub mod validate;

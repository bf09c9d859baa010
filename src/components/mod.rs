//! The studio's components, one per file.

pub mod analysis;
pub mod app;
pub mod canvas;
pub mod dialog;
pub mod header;
pub mod icons;
pub mod inspector;
pub mod notice;
pub mod palette;
pub mod problems;
pub mod shortcuts;
pub mod side;
pub mod welcome;

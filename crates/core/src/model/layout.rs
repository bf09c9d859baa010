use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::Id;

/// Where elements sit on the canvas, shared by the studio and the exported
/// diagram so that both show the same picture.
///
/// An element without a position is placed by the diagram's automatic
/// layout. Containers (sites, VNets) may also carry a size.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Layout {
    /// Top-left corner of each placed element, in canvas units.
    #[serde(default)]
    pub positions: BTreeMap<Id, Position>,
    /// Width and height of containers the user resized.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub sizes: BTreeMap<Id, Size>,
}

/// A point on the canvas, in canvas units (one unit is one CSS pixel at 100%).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Position {
    /// Distance from the left edge.
    pub x: f64,
    /// Distance from the top edge.
    pub y: f64,
}

impl Position {
    /// A position at `x`, `y`.
    pub fn new(x: f64, y: f64) -> Position {
        Position { x, y }
    }
}

/// The size of a container, in canvas units.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Size {
    /// Width.
    pub width: f64,
    /// Height.
    pub height: f64,
}

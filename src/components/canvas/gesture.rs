//! What a pointer is doing on the canvas, as a small state machine: idle,
//! panning, drawing a rubber band, dragging nodes, or connecting two.

use routecraft_core::model::Id;

/// The pointer's current gesture.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Gesture {
    /// Nothing is pressed.
    #[default]
    Idle,
    /// Dragging the empty canvas moves the view.
    Pan {
        /// Where the press began, in screen pixels within the canvas.
        start: (f64, f64),
        /// The viewport when it began.
        from: crate::state::viewport::Viewport,
        /// Whether the pointer has moved enough to count as a drag.
        moved: bool,
    },
    /// Shift-dragging the empty canvas selects what the band touches.
    Band {
        /// Where it began, in canvas units.
        start: (f64, f64),
        /// Where the pointer is now.
        now: (f64, f64),
    },
    /// Dragging selected nodes; they move together, snapped to the grid.
    Drag {
        /// The nodes the user picked.
        ids: Vec<Id>,
        /// Those and every node they hold, which move along.
        moving: Vec<Id>,
        /// Where the press began, in canvas units.
        start: (f64, f64),
        /// The first node's top-left corner when it began.
        anchor: (f64, f64),
        /// The snapped offset so far.
        offset: (f64, f64),
    },
    /// Dragging from a node's handle to another node.
    Connect {
        /// The node the drag started from.
        from: Id,
        /// Where the line starts, in canvas units.
        start: (f64, f64),
        /// Where the pointer is now.
        now: (f64, f64),
    },
}

impl Gesture {
    /// The offset at which `id` is drawn while a drag is under way.
    pub fn offset_of(&self, id: &Id) -> Option<(f64, f64)> {
        match self {
            Gesture::Drag { moving, offset, .. } if moving.contains(id) => Some(*offset),
            _ => None,
        }
    }
}

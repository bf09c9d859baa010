//! Edits to a design: every change is a [`Command`] value, applied in one
//! place, with undo and redo on top.
//!
//! Organization:
//! - [`Command`] and [`Element`]: what a user can do, as data
//! - [`apply`]: the one function that changes a design
//! - [`Editor`]: the open design with its undo and redo history
//! - [`EditError`]: why a command was refused; the design is then unchanged

mod apply;
mod connect;
mod editor;
mod element;
mod remove;

pub use apply::apply;
pub use editor::Editor;
pub use element::Element;
pub use remove::removal_set;

use std::fmt;

use crate::model::{CspModel, Design, ElementKind, Id, Partner, Position};

/// A change to a design, named after the user's intent.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Add an element, optionally placing it on the canvas.
    Add {
        /// The element, with a fresh id.
        element: Element,
        /// Where to place it.
        at: Option<Position>,
    },
    /// Replace an element by an edited copy with the same id: how every
    /// property change is made.
    Update(Element),
    /// Remove elements, with whatever cannot exist without them.
    Remove(Vec<Id>),
    /// Move elements by an offset; a whole drag is one command.
    Move {
        /// The elements moved.
        ids: Vec<Id>,
        /// Horizontal offset.
        dx: f64,
        /// Vertical offset.
        dy: f64,
    },
    /// Put elements at given positions, such as after an automatic layout.
    Place(Vec<(Id, Position)>),
    /// Connect two elements in the one way their kinds allow, such as a
    /// circuit to the router its next connection ends on.
    Connect {
        /// Where the user started dragging.
        from: Id,
        /// Where the user let go.
        to: Id,
    },
    /// Change the design's name, model or partner.
    Describe {
        /// The new name.
        name: String,
        /// The new CSP model.
        model: CspModel,
        /// The new partner details.
        partner: Partner,
    },
    /// Keep the current design as the baseline (the design as deployed), or
    /// drop the baseline with `false`.
    KeepBaseline(bool),
    /// Several commands as one undo step, such as a duplicate of a selection.
    Batch {
        /// What the user did, for the undo menu.
        label: String,
        /// The commands, applied in order; if one fails none is applied.
        commands: Vec<Command>,
    },
}

impl Command {
    /// What the command does, as shown in the undo and redo menu.
    pub fn label(&self, design: &Design) -> String {
        let name = |id: &Id| {
            design
                .find(id.as_str())
                .map_or_else(|| id.to_string(), |e| e.name())
        };
        match self {
            Command::Add { element, .. } => format!("Add {}", element.kind().label()),
            Command::Update(element) => format!("Edit {}", name(element.id())),
            Command::Remove(ids) if ids.len() == 1 => format!("Delete {}", name(&ids[0])),
            Command::Remove(ids) => format!("Delete {} elements", ids.len()),
            Command::Move { ids, .. } if ids.len() == 1 => format!("Move {}", name(&ids[0])),
            Command::Move { ids, .. } => format!("Move {} elements", ids.len()),
            Command::Place(_) => "Arrange".to_owned(),
            Command::Connect { from, to } => format!("Connect {} to {}", name(from), name(to)),
            Command::Describe { .. } => "Edit design details".to_owned(),
            Command::KeepBaseline(true) => "Keep as deployed baseline".to_owned(),
            Command::KeepBaseline(false) => "Drop baseline".to_owned(),
            Command::Batch { label, .. } => label.clone(),
        }
    }
}

/// Why a command was refused. The design is left as it was.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EditError {
    /// No element has this id.
    UnknownElement(Id),
    /// An element with this id exists already.
    DuplicateId(Id),
    /// The id is empty, too long or has characters outside `A-Za-z0-9-_.`.
    InvalidId(Id),
    /// The parent named for a nested element (a subnet's VNet, a peering's
    /// circuit) does not exist or is of the wrong kind.
    UnknownParent {
        /// The parent's id.
        parent: Id,
        /// The kind it should be.
        expected: ElementKind,
    },
    /// An update would change an element's kind or move it to another parent.
    KindChanged(Id),
    /// These two elements cannot be connected; the text says what can.
    CannotConnect {
        /// Where the drag started.
        from: ElementKind,
        /// Where it ended.
        to: ElementKind,
        /// Why, and what would work.
        reason: String,
    },
    /// A position that is not a finite number.
    BadPosition(Id),
    /// The edited element refers to an element that does not exist or is
    /// of the wrong kind; the text names the field.
    BrokenReference(String),
}

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EditError::UnknownElement(id) => write!(f, "no element has the id `{id}`"),
            EditError::DuplicateId(id) => write!(f, "id `{id}` is already used by another element"),
            EditError::InvalidId(id) => {
                write!(
                    f,
                    "id `{id}` must be 1 to 64 letters, digits, `-`, `_` or `.`"
                )
            }
            EditError::UnknownParent { parent, expected } => {
                write!(f, "no {expected} has the id `{parent}`")
            }
            EditError::KindChanged(id) => {
                write!(
                    f,
                    "`{id}` cannot change its kind or parent; delete it and add a new one"
                )
            }
            EditError::CannotConnect { from, to, reason } => {
                write!(f, "a {from} cannot be connected to a {to}: {reason}")
            }
            EditError::BadPosition(id) => write!(f, "position of `{id}` is not a finite number"),
            EditError::BrokenReference(problem) => f.write_str(problem),
        }
    }
}

impl std::error::Error for EditError {}

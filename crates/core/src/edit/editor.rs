use super::{apply, Command, EditError};
use crate::model::Design;

/// How many steps of history are kept; older ones are forgotten.
const HISTORY_LIMIT: usize = 300;

/// The open design with its undo and redo history.
///
/// Every change goes through [`Editor::apply`]; a refused command changes
/// nothing and leaves the history as it was.
///
/// ```
/// use routecraft_core::edit::{Command, Editor};
/// use routecraft_core::model::{CspModel, Design};
/// let mut editor = Editor::new(Design::blank("A", CspModel::ConnectTo));
/// let describe = Command::Describe {
///     name: "B".into(), model: CspModel::ConnectTo, partner: Default::default(),
/// };
/// editor.apply(describe).unwrap();
/// assert_eq!(editor.design().name, "B");
/// editor.undo();
/// assert_eq!(editor.design().name, "A");
/// editor.redo();
/// assert_eq!(editor.design().name, "B");
/// ```
#[derive(Clone, Debug)]
pub struct Editor {
    design: Design,
    undo: Vec<Step>,
    redo: Vec<Step>,
    revision: u64,
    saved_revision: u64,
}

#[derive(Clone, Debug)]
struct Step {
    label: String,
    design: Design,
    revision: u64,
}

impl Editor {
    /// An editor with `design` open and no history.
    pub fn new(design: Design) -> Editor {
        Editor {
            design,
            undo: Vec::new(),
            redo: Vec::new(),
            revision: 0,
            saved_revision: 0,
        }
    }

    /// The open design.
    pub fn design(&self) -> &Design {
        &self.design
    }

    /// Applies a command as one undo step, and forgets what was undone.
    pub fn apply(&mut self, command: Command) -> Result<(), EditError> {
        let label = command.label(&self.design);
        let next = apply(&self.design, &command)?;
        if next == self.design {
            return Ok(());
        }
        let before = std::mem::replace(&mut self.design, next);
        self.undo.push(Step {
            label,
            design: before,
            revision: self.revision,
        });
        if self.undo.len() > HISTORY_LIMIT {
            self.undo.remove(0);
        }
        self.redo.clear();
        self.revision = self.next_revision();
        Ok(())
    }

    /// Replaces the open design, as when a file is opened; history is cleared.
    pub fn open(&mut self, design: Design) {
        *self = Editor::new(design);
    }

    /// Steps back; returns what was undone, or `None` with nothing to undo.
    pub fn undo(&mut self) -> Option<String> {
        let step = self.undo.pop()?;
        let label = step.label.clone();
        let now = Step {
            label: step.label,
            design: std::mem::replace(&mut self.design, step.design),
            revision: self.revision,
        };
        self.revision = step.revision;
        self.redo.push(now);
        Some(label)
    }

    /// Steps forward again; returns what was redone.
    pub fn redo(&mut self) -> Option<String> {
        let step = self.redo.pop()?;
        let label = step.label.clone();
        let now = Step {
            label: step.label,
            design: std::mem::replace(&mut self.design, step.design),
            revision: self.revision,
        };
        self.revision = step.revision;
        self.undo.push(now);
        Some(label)
    }

    /// What [`Editor::undo`] would undo.
    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|s| s.label.as_str())
    }

    /// What [`Editor::redo`] would redo.
    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|s| s.label.as_str())
    }

    /// Tells whether there is anything to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Tells whether there is anything to redo.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// A number that changes with every change of the open design and comes
    /// back when an undo returns to an earlier state.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Records that the open design was saved to a file.
    pub fn mark_saved(&mut self) {
        self.saved_revision = self.revision;
    }

    /// Tells whether the design changed since it was opened or last saved.
    pub fn has_unsaved_changes(&self) -> bool {
        self.revision != self.saved_revision
    }

    fn next_revision(&self) -> u64 {
        let newest = self
            .undo
            .iter()
            .chain(&self.redo)
            .map(|s| s.revision)
            .max()
            .unwrap_or(0);
        newest.max(self.revision).max(self.saved_revision) + 1
    }
}

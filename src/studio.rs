//! The studio's shared state and the one way children change it.
//!
//! Components read signals and memos from [`Studio`] and change the design
//! only through [`Studio::dispatch`], [`Studio::undo`] and [`Studio::redo`],
//! so that every edit is a core command with an undo step.

use leptos::prelude::*;
use routecraft_core::diagram::{self, Scene};
use routecraft_core::edit::{removal_set, Command, Editor};
use routecraft_core::model::{self, Design, Id};
use routecraft_core::validate::{self, Finding};

use crate::browser;
use crate::state::session::{self, Session, CURRENT_KEY, PREVIOUS_KEY};
use crate::state::viewport::{Rect, Viewport};

/// A question the studio asks before doing something that loses work.
#[derive(Clone, Debug, PartialEq)]
pub enum Dialog {
    /// Replace the open design, which has unsaved changes, by another.
    Replace {
        /// Where the new design comes from, such as a file name.
        source: String,
        /// The design to open.
        design: Box<Design>,
    },
    /// Delete the selection and the elements that cannot exist without it.
    Delete {
        /// Everything that goes.
        ids: Vec<Id>,
        /// Names of the dependents, for the question.
        dependents: Vec<String>,
    },
    /// A design file could not be opened.
    LoadFailed(String),
}

/// A short message shown at the bottom of the canvas.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    /// The text.
    pub text: String,
    /// An error (refused edit) rather than information.
    pub is_error: bool,
}

/// The studio's state, provided as context to every component.
#[derive(Clone, Copy)]
pub struct Studio {
    editor: RwSignal<Editor>,
    /// The open design.
    pub design: Memo<Design>,
    /// The design's diagram, drawn on the canvas.
    pub scene: Memo<Scene>,
    /// Validation findings for the design.
    pub findings: Memo<Vec<Finding>>,
    /// The selected element ids.
    pub selection: RwSignal<Vec<Id>>,
    /// The canvas viewport.
    pub viewport: RwSignal<Viewport>,
    /// The last notice, if not dismissed.
    pub notice: RwSignal<Option<Notice>>,
    /// The open dialog.
    pub dialog: RwSignal<Option<Dialog>>,
    /// Whether the welcome view shows.
    pub welcome: RwSignal<bool>,
    /// Whether the shortcuts sheet shows.
    pub sheet: RwSignal<bool>,
    /// Autosave failed and the user has not dismissed the banner.
    pub storage_banner: RwSignal<bool>,
    storage_warned: RwSignal<bool>,
    /// Size of the canvas on screen, for fit-to-view.
    pub canvas_size: RwSignal<(f64, f64)>,
}

impl Studio {
    /// A studio with `design` open and nothing selected.
    pub fn new(design: Design) -> Studio {
        let editor = RwSignal::new(Editor::new(design));
        let design = Memo::new(move |_| editor.with(|e| e.design().clone()));
        Studio {
            editor,
            design,
            scene: Memo::new(move |_| design.with(diagram::scene)),
            findings: Memo::new(move |_| design.with(validate::validate)),
            selection: RwSignal::new(Vec::new()),
            viewport: RwSignal::new(Viewport::default()),
            notice: RwSignal::new(None),
            dialog: RwSignal::new(None),
            welcome: RwSignal::new(false),
            sheet: RwSignal::new(false),
            storage_banner: RwSignal::new(false),
            storage_warned: RwSignal::new(false),
            canvas_size: RwSignal::new((1000.0, 700.0)),
        }
    }

    /// The studio from the last autosave, or a blank one with the welcome view.
    pub fn restore() -> Studio {
        let saved = [CURRENT_KEY, PREVIOUS_KEY]
            .into_iter()
            .filter_map(browser::read)
            .find_map(|text| Session::from_text(&text).ok());
        match saved {
            Some(s) => {
                let studio = Studio::new(s.design);
                studio.selection.set(s.selection);
                studio.viewport.set(s.viewport);
                studio
            }
            None => {
                let studio = Studio::new(Design::blank("Untitled design", Default::default()));
                studio.welcome.set(true);
                studio
            }
        }
    }

    /// Applies a command as one undo step; a refused command shows its reason.
    pub fn dispatch(&self, command: Command) -> Result<(), String> {
        let mut result = Ok(());
        self.editor
            .update(|e| result = e.apply(command).map_err(|e| e.to_string()));
        match &result {
            Ok(()) => self.prune_selection(),
            Err(message) => self.tell_error(message),
        }
        result
    }

    /// Undoes the last step.
    pub fn undo(&self) {
        let mut label = None;
        self.editor.update(|e| label = e.undo());
        if let Some(label) = label {
            self.prune_selection();
            self.tell(format!("Undid: {label}"));
        }
    }

    /// Redoes the last undone step.
    pub fn redo(&self) {
        let mut label = None;
        self.editor.update(|e| label = e.redo());
        if let Some(label) = label {
            self.prune_selection();
            self.tell(format!("Redid: {label}"));
        }
    }

    /// What undo would undo.
    pub fn undo_label(&self) -> Option<String> {
        self.editor.with(|e| e.undo_label().map(str::to_owned))
    }

    /// What redo would redo.
    pub fn redo_label(&self) -> Option<String> {
        self.editor.with(|e| e.redo_label().map(str::to_owned))
    }

    /// A number that changes with every change of the design.
    pub fn revision(&self) -> u64 {
        self.editor.with(|e| e.revision())
    }

    /// Tells whether the design changed since it was opened or saved.
    pub fn has_unsaved_changes(&self) -> bool {
        self.editor.with(Editor::has_unsaved_changes)
    }

    /// Opens a design in place of the current one, clearing the history.
    pub fn open(&self, design: Design) {
        self.editor.update(|e| e.open(design));
        self.selection.set(Vec::new());
        self.dialog.set(None);
        self.welcome.set(false);
        self.fit();
    }

    /// Opens a design, asking first when the open one has unsaved changes.
    pub fn open_asking(&self, source: String, design: Design) {
        if self.has_unsaved_changes() {
            self.dialog.set(Some(Dialog::Replace {
                source,
                design: Box::new(design),
            }));
        } else {
            self.open(design);
        }
    }

    /// Opens a design file's text; a file that fails to load leaves the
    /// open design as it was and shows the loader's message.
    pub fn open_text(&self, name: &str, text: &str) {
        match model::load(text) {
            Ok(design) => self.open_asking(name.to_owned(), design),
            Err(e) => self
                .dialog
                .set(Some(Dialog::LoadFailed(format!("{name}: {e}")))),
        }
    }

    /// Saves the design to a file the browser downloads.
    pub fn save_file(&self) {
        let design = self.design.get_untracked();
        let name = session::file_name(&design);
        match browser::download(&name, &model::save(&design)) {
            Ok(()) => {
                self.editor.update(Editor::mark_saved);
                self.tell(format!("Saved {name}"));
            }
            Err(message) => self.tell_error(&message),
        }
    }

    /// Deletes the selection, asking first when dependents go too.
    pub fn delete_selection(&self) {
        let ids = self.selection.get_untracked();
        if ids.is_empty() {
            return;
        }
        let design = self.design.get_untracked();
        let gone: Vec<Id> = removal_set(&design, &ids).into_iter().collect();
        let dependents: Vec<String> = gone
            .iter()
            .filter(|id| !ids.contains(id) && !is_nested_in(&design, id, &ids))
            .filter_map(|id| {
                design
                    .find(id.as_str())
                    .map(|e| format!("{} {}", e.kind().label(), e.name()))
            })
            .collect();
        if dependents.is_empty() {
            let _ = self.dispatch(Command::Remove(ids));
        } else {
            self.dialog.set(Some(Dialog::Delete { ids, dependents }));
        }
    }

    /// Shows the whole design in the canvas.
    pub fn fit(&self) {
        let bounds = self.scene.with_untracked(|s| s.bounds);
        let (w, h) = self.canvas_size.get_untracked();
        let rect = Rect {
            x: bounds.x,
            y: bounds.y,
            width: bounds.width,
            height: bounds.height,
        };
        self.viewport.set(Viewport::fit(rect, w, h));
    }

    /// Shows an informational notice.
    pub fn tell(&self, text: String) {
        self.notice.set(Some(Notice {
            text,
            is_error: false,
        }));
    }

    /// Shows an error notice, such as a refused connection.
    pub fn tell_error(&self, text: &str) {
        let mut text = text.to_owned();
        if let Some(first) = text.get(..1) {
            text.replace_range(..1, &first.to_uppercase());
        }
        self.notice.set(Some(Notice {
            text,
            is_error: true,
        }));
    }

    /// Writes the session to local storage, keeping the previous copy.
    pub fn autosave(&self) {
        let viewport = self.viewport.get_untracked();
        let text = self.design.with_untracked(|design| {
            self.selection
                .with_untracked(|selection| session::text_of(design, selection, viewport))
        });
        // Read once: a large design's copy takes a while to cross into wasm.
        let current = browser::read(CURRENT_KEY);
        if current.as_deref() == Some(text.as_str()) {
            return;
        }
        let kept = current.is_none_or(|old| browser::write(PREVIOUS_KEY, &old));
        let saved = kept && browser::write(CURRENT_KEY, &text);
        if !saved && !self.storage_warned.get_untracked() {
            leptos::logging::warn!("autosave to local storage failed: storage is full or refused");
            self.storage_warned.set(true);
            self.storage_banner.set(true);
        }
    }

    fn prune_selection(&self) {
        let keep: Option<Vec<Id>> = self.design.with_untracked(|design| {
            self.selection.with_untracked(|selection| {
                let kept: Vec<Id> = selection
                    .iter()
                    .filter(|id| design.contains(id.as_str()))
                    .cloned()
                    .collect();
                (kept.len() != selection.len()).then_some(kept)
            })
        });
        if let Some(keep) = keep {
            self.selection.set(keep);
        }
    }
}

/// Tells whether `id` sits inside one of `ids` (a subnet of a deleted VNet).
fn is_nested_in(design: &Design, id: &Id, ids: &[Id]) -> bool {
    use routecraft_core::model::ElementRef as R;
    let parent = match design.find(id.as_str()) {
        Some(R::Peering(c, _) | R::RouteFilter(c, _) | R::Authorization(c, _)) => &c.id,
        Some(R::GlobalReach(c, _)) => &c.id,
        Some(R::Subnet(v, _)) => &v.id,
        Some(R::Route(t, _)) => &t.id,
        Some(R::NsgRule(n, _)) => &n.id,
        _ => return false,
    };
    ids.contains(parent)
}

/// The studio provided by the nearest ancestor.
pub fn use_studio() -> Studio {
    expect_context::<Studio>()
}

//! Keyboard shortcuts as data: what each key does, and the sheet that
//! lists them.

use super::analysis::panel::Panel;

/// What a shortcut asks the studio to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Undo the last edit.
    Undo,
    /// Redo the last undone edit.
    Redo,
    /// Delete the selection.
    Delete,
    /// Clear the selection, or close what is open.
    Escape,
    /// Select every element on the canvas.
    SelectAll,
    /// Duplicate the selection.
    Duplicate,
    /// Save the design to a file.
    Save,
    /// Open a design file.
    Open,
    /// Move the selection by one grid step (or ten with Shift).
    Nudge(i8, i8),
    /// Show or hide the shortcuts sheet.
    ToggleSheet,
    /// Show the whole design.
    FitToView,
    /// Show a tab of the side panel.
    ShowPanel(Panel),
    /// Open the export dialog.
    Export,
}

/// A key press as the browser reports it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct KeyPress<'a> {
    /// The `key` value, such as `z`, `Delete` or `ArrowLeft`.
    pub key: &'a str,
    /// Control, or Command on a Mac.
    pub ctrl: bool,
    /// Shift.
    pub shift: bool,
    /// Alt or Option.
    pub alt: bool,
}

/// The action a key press asks for, if any.
///
/// Keys typed into a form field never reach this: the caller checks first.
pub fn action_for(press: KeyPress<'_>) -> Option<Action> {
    if press.alt {
        return None;
    }
    let key = press.key;
    if press.ctrl {
        return match key.to_ascii_lowercase().as_str() {
            "z" if press.shift => Some(Action::Redo),
            "z" => Some(Action::Undo),
            "y" => Some(Action::Redo),
            "a" => Some(Action::SelectAll),
            "d" => Some(Action::Duplicate),
            "s" => Some(Action::Save),
            "o" => Some(Action::Open),
            _ => None,
        };
    }
    match key {
        "Delete" | "Backspace" => Some(Action::Delete),
        "Escape" => Some(Action::Escape),
        "?" => Some(Action::ToggleSheet),
        "f" | "F" => Some(Action::FitToView),
        "e" | "E" => Some(Action::Export),
        "ArrowLeft" => Some(Action::Nudge(-1, 0)),
        "ArrowRight" => Some(Action::Nudge(1, 0)),
        "ArrowUp" => Some(Action::Nudge(0, -1)),
        "ArrowDown" => Some(Action::Nudge(0, 1)),
        _ => Panel::for_key(key).map(Action::ShowPanel),
    }
}

/// The shortcuts sheet: keys and what they do, in the order shown.
pub const SHEET: [(&str, &str); 21] = [
    ("Ctrl+Z", "Undo"),
    ("Ctrl+Shift+Z, Ctrl+Y", "Redo"),
    ("Delete, Backspace", "Delete the selection"),
    ("Escape", "Clear the selection, close a dialog"),
    ("Arrow keys", "Nudge the selection by one grid step"),
    ("Shift+Arrow keys", "Nudge by ten grid steps"),
    ("Tab, Shift+Tab", "Move between elements"),
    ("Ctrl+A", "Select every element"),
    ("Ctrl+D", "Duplicate the selection"),
    ("Ctrl+S", "Save the design to a file"),
    ("Ctrl+O", "Open a design file"),
    ("F", "Fit the design to the view"),
    (
        "Shift+click, drag on empty canvas with Shift",
        "Add to the selection",
    ),
    ("Drag from a node's handle", "Connect two elements"),
    ("I, P", "Show the inspector, the problems"),
    ("R", "Show the routes of the selected subnet or router"),
    ("T", "Trace a packet"),
    ("W", "What if: take elements down"),
    ("C", "Show usage charts"),
    ("E", "Export the bundle, IaC files or diagram"),
    ("?", "Show or hide this sheet"),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn key(key: &str, ctrl: bool, shift: bool) -> Option<Action> {
        action_for(KeyPress {
            key,
            ctrl,
            shift,
            alt: false,
        })
    }

    #[test]
    fn undo_and_both_redo_shortcuts_are_recognised() {
        assert_eq!(key("z", true, false), Some(Action::Undo));
        assert_eq!(key("Z", true, true), Some(Action::Redo));
        assert_eq!(key("y", true, false), Some(Action::Redo));
    }

    #[test]
    fn arrows_nudge_and_plain_letters_do_nothing() {
        assert_eq!(key("ArrowLeft", false, false), Some(Action::Nudge(-1, 0)));
        assert_eq!(key("ArrowDown", false, true), Some(Action::Nudge(0, 1)));
        assert_eq!(key("z", false, false), None);
        assert_eq!(key("?", false, true), Some(Action::ToggleSheet));
    }

    #[test]
    fn letters_show_the_panels_and_e_exports() {
        assert_eq!(
            key("t", false, false),
            Some(Action::ShowPanel(Panel::Trace))
        );
        assert_eq!(
            key("W", false, true),
            Some(Action::ShowPanel(Panel::Failures))
        );
        assert_eq!(key("e", false, false), Some(Action::Export));
        assert_eq!(key("t", true, false), None);
    }

    #[test]
    fn alt_combinations_are_left_to_the_browser() {
        let press = KeyPress {
            key: "z",
            ctrl: true,
            shift: false,
            alt: true,
        };
        assert_eq!(action_for(press), None);
    }
}

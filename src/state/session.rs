//! What autosave keeps: the design with where the user was (selection and
//! viewport), so that a reload puts them back exactly there.

use routecraft_core::model::{self, Design, Id};
use serde::{Deserialize, Serialize};

use super::viewport::Viewport;

/// Local storage key of the latest autosave.
pub const CURRENT_KEY: &str = "routecraft.autosave.current";

/// Local storage key of the autosave before it, kept in case the latest
/// cannot be read.
pub const PREVIOUS_KEY: &str = "routecraft.autosave.previous";

/// The open design and the user's place in it.
#[derive(Clone, Debug, PartialEq)]
pub struct Session {
    /// The design.
    pub design: Design,
    /// The selected element ids.
    pub selection: Vec<Id>,
    /// The canvas viewport.
    pub viewport: Viewport,
}

#[derive(Serialize, Deserialize)]
struct Stored {
    /// The design file's text, as `model::save` writes it.
    design: String,
    selection: Vec<Id>,
    viewport: Viewport,
}

impl Session {
    /// The text autosave stores.
    pub fn to_text(&self) -> String {
        text_of(&self.design, &self.selection, self.viewport)
    }

    /// Reads a stored session; the design goes through the file loader, so a
    /// damaged copy is refused like a damaged file.
    pub fn from_text(text: &str) -> Result<Session, String> {
        let stored: Stored = serde_json::from_str(text).map_err(|e| e.to_string())?;
        let design = model::load(&stored.design).map_err(|e| e.to_string())?;
        let selection = stored
            .selection
            .into_iter()
            .filter(|id| design.contains(id.as_str()))
            .collect();
        let v = stored.viewport;
        let viewport = if v.x.is_finite() && v.y.is_finite() && v.zoom.is_finite() && v.zoom > 0.0 {
            v
        } else {
            Viewport::default()
        };
        Ok(Session {
            design,
            selection,
            viewport,
        })
    }
}

/// The text autosave stores for a design and the user's place in it,
/// without a copy of the design made first.
pub fn text_of(design: &Design, selection: &[Id], viewport: Viewport) -> String {
    let stored = Stored {
        design: model::save(design),
        selection: selection.to_vec(),
        viewport,
    };
    serde_json::to_string(&stored).expect("a session is plain data that always serialises")
}

/// A file name for saving the design, from its name.
pub fn file_name(design: &Design) -> String {
    let slug: String = design
        .name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let slug = slug
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    let slug = if slug.is_empty() {
        "design".to_owned()
    } else {
        slug
    };
    format!("{slug}.routecraft.json")
}

#[cfg(test)]
mod tests {
    use super::*;
    use routecraft_core::templates::connect_to;

    #[test]
    fn a_session_comes_back_as_it_was_saved() {
        let session = Session {
            design: connect_to(),
            selection: vec![Id::new("contoso-hub")],
            viewport: Viewport {
                x: 12.0,
                y: -3.0,
                zoom: 0.8,
            },
        };
        assert_eq!(Session::from_text(&session.to_text()).unwrap(), session);
    }

    #[test]
    fn a_damaged_session_is_refused() {
        assert!(Session::from_text("{\"design\": \"{}\"}").is_err());
        assert!(Session::from_text("not json").is_err());
    }

    #[test]
    fn file_names_are_plain() {
        let mut d = connect_to();
        d.name = "Contoso / Northwind (v2)".into();
        assert_eq!(file_name(&d), "contoso-northwind-v2.routecraft.json");
    }
}

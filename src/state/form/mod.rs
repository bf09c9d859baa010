//! The inspector's form as data: the fields of an element with the choices
//! Azure allows, and how a typed value changes an editable copy.
//!
//! [`fields`] lists what to show; [`set`] reads one field's text into a new
//! copy of the element or refuses it with a message for beside the field.
//! The view only draws these and sends the copy as `Command::Update`.

mod azure;
mod circuit;
mod onprem;
pub mod parse;

use routecraft_core::edit::Element;
use routecraft_core::model::{Design, Id};

/// How a field is edited.
#[derive(Clone, Debug, PartialEq)]
pub enum Input {
    /// A line of text, checked on commit.
    Text,
    /// Several prefixes, one per line or separated by commas.
    List,
    /// A checkbox; its value is `true` or `false`.
    Check,
    /// A choice among `(value, label)` pairs.
    Select(Vec<(String, String)>),
}

/// One field of the inspector's form.
#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    /// Stable key, passed back to [`set`] and used as the test id.
    pub key: &'static str,
    /// The label a user reads.
    pub label: &'static str,
    /// How it is edited.
    pub input: Input,
    /// The current value as text.
    pub value: String,
}

/// Collects fields for one element.
pub(crate) struct Form<'a> {
    pub design: &'a Design,
    pub out: Vec<Field>,
}

impl<'a> Form<'a> {
    fn new(design: &'a Design) -> Form<'a> {
        Form {
            design,
            out: Vec::new(),
        }
    }

    pub fn text(&mut self, key: &'static str, label: &'static str, value: impl ToString) {
        self.push(key, label, Input::Text, value.to_string());
    }

    pub fn list<T: ToString>(&mut self, key: &'static str, label: &'static str, values: &[T]) {
        let value = values
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n");
        self.push(key, label, Input::List, value);
    }

    pub fn check(&mut self, key: &'static str, label: &'static str, value: bool) {
        self.push(key, label, Input::Check, value.to_string());
    }

    pub fn select<T: ToString>(
        &mut self,
        key: &'static str,
        label: &'static str,
        value: impl ToString,
        options: impl IntoIterator<Item = (T, String)>,
    ) {
        let options = options
            .into_iter()
            .map(|(v, l)| (v.to_string(), l))
            .collect();
        self.push(key, label, Input::Select(options), value.to_string());
    }

    /// A choice of the design's elements of one kind, by id, with an
    /// empty "none" choice when the reference is optional.
    pub fn reference(
        &mut self,
        key: &'static str,
        label: &'static str,
        value: Option<&Id>,
        kind: routecraft_core::model::ElementKind,
        optional: bool,
    ) {
        let mut options: Vec<(String, String)> = Vec::new();
        if optional {
            options.push((String::new(), "(none)".into()));
        }
        options.extend(
            self.design
                .element_ids()
                .into_iter()
                .filter(|(_, k)| *k == kind)
                .map(|(id, _)| {
                    let name = self
                        .design
                        .find(id.as_str())
                        .map_or(id.to_string(), |e| e.name());
                    (id.to_string(), name)
                }),
        );
        let value = value.map_or(String::new(), Id::to_string);
        self.push(key, label, Input::Select(options), value);
    }

    fn push(&mut self, key: &'static str, label: &'static str, input: Input, value: String) {
        self.out.push(Field {
            key,
            label,
            input,
            value,
        });
    }
}

/// The fields of an element, in the order shown.
pub fn fields(design: &Design, element: &Element) -> Vec<Field> {
    let mut form = Form::new(design);
    match element {
        Element::Customer(_)
        | Element::Subscription(_)
        | Element::Site(_)
        | Element::Router(_)
        | Element::SiteLink(_) => onprem::fields(&mut form, element),
        Element::DirectPort(_)
        | Element::Circuit(_)
        | Element::Peering { .. }
        | Element::Authorization { .. }
        | Element::GlobalReach { .. } => circuit::fields(&mut form, element),
        _ => azure::fields(&mut form, element),
    }
    form.out
}

/// A copy of `element` with the field `key` set from `text`, or why not.
pub fn set(element: &Element, key: &str, text: &str) -> Result<Element, String> {
    let mut copy = element.clone();
    match &mut copy {
        Element::Customer(_)
        | Element::Subscription(_)
        | Element::Site(_)
        | Element::Router(_)
        | Element::SiteLink(_) => onprem::set(&mut copy, key, text)?,
        Element::DirectPort(_)
        | Element::Circuit(_)
        | Element::Peering { .. }
        | Element::Authorization { .. }
        | Element::GlobalReach { .. } => circuit::set(&mut copy, key, text)?,
        _ => azure::set(&mut copy, key, text)?,
    }
    Ok(copy)
}

/// The error for a key the element does not have.
pub(crate) fn unknown(key: &str) -> String {
    format!("no field `{key}` here")
}

/// Reads an id chosen from a reference list; blank means none.
pub(crate) fn reference(text: &str) -> Option<Id> {
    parse::optional(text).map(Id::new)
}

/// Choices from the facts table, with the element's current value first
/// when the table does not list it, so that opening a design never changes
/// a value the user did not touch.
fn with_current(mut choices: Vec<(String, String)>, current: &str) -> Vec<(String, String)> {
    if !choices.iter().any(|(value, _)| value == current) {
        let label = format!("{current} (not in the facts table)");
        choices.insert(0, (current.to_owned(), label));
    }
    choices
}

#[cfg(test)]
mod tests {
    use super::*;
    use routecraft_core::templates::{connect_through, connect_to};

    #[test]
    fn every_element_of_both_templates_has_fields_that_set_back_unchanged() {
        for design in [connect_to(), connect_through()] {
            for (id, _) in design.element_ids() {
                let Some(element) = Element::of(&design, id.as_str()) else {
                    continue;
                };
                for field in fields(&design, &element) {
                    let copy = set(&element, field.key, &field.value)
                        .unwrap_or_else(|e| panic!("{id}.{}: {e}", field.key));
                    assert_eq!(copy, element, "{id}.{} = {:?}", field.key, field.value);
                }
            }
        }
    }

    #[test]
    fn a_bad_prefix_is_refused_and_the_element_kept() {
        let design = connect_to();
        let vnet = Element::of(&design, "contoso-hub").unwrap();
        assert!(set(&vnet, "address_space", "10.0.0.0/99").is_err());
        let Element::Vnet(v) = set(&vnet, "address_space", "10.9.0.0/16").unwrap() else {
            panic!("a VNet");
        };
        assert_eq!(v.address_space[0].to_string(), "10.9.0.0/16");
    }
}

//! The naming convention of exported resources.
//!
//! - A resource's Azure name is the design element's name with every
//!   character outside `A-Z a-z 0-9 - _ .` replaced by `-`, runs of `-`
//!   collapsed, leading and trailing punctuation trimmed and the result cut
//!   to 80 characters; an element whose name leaves nothing uses its id.
//! - A resource group is `rg-<subscription name>-network`, lowercased.
//! - A symbolic name (Bicep identifier, Terraform label, parameter name) is
//!   a short type prefix and the element's id with every character outside
//!   `a-z 0-9 _` turned into `_`, lowercased; an id that already starts
//!   with the prefix is not given it twice; repeats get `_2`, `_3`...
//!
//! Names so made hold no quote, brace, dollar or newline, which is one of
//! two defences against injection; the other is that every dialect still
//! escapes every string it writes.

use std::collections::BTreeSet;

/// The Azure name of an element: its name sanitised, or its id.
pub(crate) fn resource_name(name: &str, id: &str) -> String {
    let clean = sanitise(name);
    if clean.is_empty() {
        let from_id = sanitise(id);
        if from_id.is_empty() {
            return "unnamed".to_owned();
        }
        return from_id;
    }
    clean
}

fn sanitise(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        let keep = c.is_ascii_alphanumeric() || matches!(c, '_' | '.');
        if keep {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let trimmed = out.trim_matches(|c: char| !c.is_ascii_alphanumeric());
    trimmed
        .chars()
        .take(80)
        .collect::<String>()
        .trim_end_matches(['-', '.'])
        .to_owned()
}

/// A resource group's name for a subscription.
pub(crate) fn group_name(subscription_name: &str, id: &str) -> String {
    format!(
        "rg-{}-network",
        resource_name(subscription_name, id).to_lowercase()
    )
}

/// Hands out unique symbolic names.
#[derive(Default)]
pub(crate) struct Symbols {
    taken: BTreeSet<String>,
}

impl Symbols {
    /// A fresh identifier from a prefix and an id.
    pub fn make(&mut self, prefix: &str, id: &str) -> String {
        let body: String = id
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '_'
                }
            })
            .take(60)
            .collect();
        // An id that already starts with the prefix, such as circuit
        // `er-contoso-ams`, keeps its own: `er_contoso_ams`, not
        // `er_er_contoso_ams`.
        let base = if body.starts_with(&format!("{prefix}_")) {
            body
        } else {
            format!("{prefix}_{body}")
        };
        let mut name = base.clone();
        let mut n = 2;
        while self.taken.contains(&name) {
            name = format!("{base}_{n}");
            n += 1;
        }
        self.taken.insert(name.clone());
        name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_keep_safe_characters_only() {
        assert_eq!(resource_name("er-contoso-ams", "x"), "er-contoso-ams");
        assert_eq!(resource_name("a\"b${c}\n<d>", "x"), "a-b-c-d");
        assert_eq!(resource_name("  ", "circuit-1"), "circuit-1");
        assert_eq!(resource_name("", "\"'"), "unnamed");
    }

    #[test]
    fn symbols_are_identifiers_and_unique() {
        let mut s = Symbols::default();
        assert_eq!(s.make("er", "er-contoso.ams"), "er_contoso_ams");
        assert_eq!(s.make("er", "er_contoso-ams"), "er_contoso_ams_2");
        assert_eq!(s.make("er", "contoso-ams"), "er_contoso_ams_3");
        assert_eq!(s.make("er", "error-1"), "er_error_1");
        assert_eq!(s.make("vnet", "${x}"), "vnet___x_");
    }

    #[test]
    fn groups_are_lowercase() {
        assert_eq!(
            group_name("Contoso production", "s"),
            "rg-contoso-production-network"
        );
    }
}

//! The rule catalogue as a Markdown page, generated from [`RULES`] so that
//! the documentation cannot drift from what validation does.

use super::{Severity, RULES};

/// The catalogue of every validation rule as a Markdown page: one table
/// row per rule with its id, severity, what it checks and the section of
/// the Azure facts it rests on, in the order of [`RULES`].
///
/// ```
/// use routecraft_core::validate::{catalogue_markdown, RULES};
/// let page = catalogue_markdown();
/// assert!(page.starts_with("# "));
/// assert!(RULES.iter().all(|r| page.contains(&format!("`{}`", r.id))));
/// ```
pub fn catalogue_markdown() -> String {
    let count = |s: Severity| RULES.iter().filter(|r| r.severity == s).count();
    let mut page = String::from("# Routecraft validation rules\n\n");
    page.push_str(
        "Generated from the code (`validate::RULES`); do not edit by hand.\n\
         Every finding carries one of these ids, the rule's severity and the\n\
         section of the Azure facts the rule rests on.\n\n",
    );
    page.push_str(&format!(
        "{} rules: {} errors, {} warnings, {} for information.\n\n",
        RULES.len(),
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info),
    ));

    page.push_str("| Rule | Severity | What it checks | Facts |\n");
    page.push_str("|---|---|---|---|\n");
    for rule in RULES {
        page.push_str(&format!(
            "| `{}` | {} | {} | {} |\n",
            rule.id,
            rule.severity.label(),
            cell(rule.title),
            cell(rule.facts),
        ));
    }
    page
}

/// Text made safe for one cell of a Markdown table: a pipe would end the
/// cell and a newline the row.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace(['\n', '\r'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_id_is_unique_and_in_the_catalogue() {
        let page = catalogue_markdown();
        let mut seen = std::collections::BTreeSet::new();
        for rule in RULES {
            assert!(seen.insert(rule.id), "{} listed twice", rule.id);
            let row = format!("| `{}` | {} |", rule.id, rule.severity.label());
            assert!(
                page.contains(&row),
                "{} missing from the catalogue",
                rule.id
            );
        }
    }

    #[test]
    fn the_catalogue_has_one_row_per_rule() {
        let rows = catalogue_markdown()
            .lines()
            .filter(|l| l.starts_with("| `"))
            .count();
        assert_eq!(rows, RULES.len());
    }

    #[test]
    fn cells_cannot_break_the_table() {
        assert_eq!(cell("a | b\nc"), "a \\| b c");
    }
}

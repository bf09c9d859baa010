//! Escaping of design text for each output, so that a quote, a newline,
//! `${` or `<` in a name can neither break nor inject into the file.

/// A Bicep string literal, quotes included.
pub(crate) fn bicep(text: &str) -> String {
    let mut out = String::from("'");
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '$' => out.push_str("\\$"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:X}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

/// An HCL string literal, quotes included; `${` and `%{` are doubled so
/// that Terraform reads them literally.
pub(crate) fn hcl(text: &str) -> String {
    let mut out = String::from("\"");
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '$' | '%' if chars.peek() == Some(&'{') => {
                out.push(c);
                out.push(c);
            }
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A string ARM reads literally: one starting with `[` would be taken as
/// an expression, so it gets a second `[`.
pub(crate) fn arm_literal(text: &str) -> String {
    if text.starts_with('[') {
        format!("[{text}")
    } else {
        text.to_owned()
    }
}

/// A string inside an ARM expression, quotes included.
pub(crate) fn arm_expr_str(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

/// Text on one line of a comment: no line breaks or control characters.
pub(crate) fn comment(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// Markdown text that shows as typed: markup characters are escaped,
/// HTML cannot start, and line breaks become spaces.
pub(crate) fn markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '#' | '~' | '!' | '{' | '}' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bicep_strings_escape_quotes_and_interpolation() {
        assert_eq!(bicep("a'b${c}\n"), "'a\\'b\\${c}\\n'");
    }

    #[test]
    fn hcl_strings_escape_quotes_and_templates() {
        assert_eq!(hcl("a\"b${c}%{d}$e\n"), "\"a\\\"b$${c}%%{d}$e\\n\"");
    }

    #[test]
    fn arm_strings_never_start_an_expression() {
        assert_eq!(arm_literal("[concat('x')]"), "[[concat('x')]");
        assert_eq!(arm_expr_str("it's"), "'it''s'");
    }

    #[test]
    fn markdown_cannot_open_html_or_links() {
        assert_eq!(markdown("<b>[x](y)\n|"), "&lt;b&gt;\\[x\\](y) \\|");
    }
}

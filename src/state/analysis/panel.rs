//! The side panel's tabs, each with the key that shows it.

/// A tab of the side panel.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Panel {
    /// The selected element's properties.
    #[default]
    Inspector,
    /// Every validation finding.
    Problems,
    /// Effective routes of a subnet, routes of a router.
    Routes,
    /// A packet traced hop by hop.
    Trace,
    /// Elements taken down, and what changes.
    Failures,
    /// Circuit usage against limits.
    Charts,
}

impl Panel {
    /// Every tab, in the order shown.
    pub const ALL: [Panel; 6] = [
        Panel::Inspector,
        Panel::Problems,
        Panel::Routes,
        Panel::Trace,
        Panel::Failures,
        Panel::Charts,
    ];

    /// The tab's title.
    pub fn label(self) -> &'static str {
        match self {
            Panel::Inspector => "Inspector",
            Panel::Problems => "Problems",
            Panel::Routes => "Routes",
            Panel::Trace => "Trace",
            Panel::Failures => "Failures",
            Panel::Charts => "Charts",
        }
    }

    /// The key that shows the tab, when not typing.
    pub fn key(self) -> &'static str {
        match self {
            Panel::Inspector => "i",
            Panel::Problems => "p",
            Panel::Routes => "r",
            Panel::Trace => "t",
            Panel::Failures => "w",
            Panel::Charts => "c",
        }
    }

    /// The tab whose key is `key`.
    pub fn for_key(key: &str) -> Option<Panel> {
        Panel::ALL
            .into_iter()
            .find(|p| p.key().eq_ignore_ascii_case(key))
    }

    /// A stable name for test ids and element ids, such as `routes`.
    pub fn slug(self) -> &'static str {
        match self {
            Panel::Inspector => "inspector",
            Panel::Problems => "problems",
            Panel::Routes => "routes",
            Panel::Trace => "trace",
            Panel::Failures => "failures",
            Panel::Charts => "charts",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_tab_has_its_own_key() {
        for panel in Panel::ALL {
            assert_eq!(Panel::for_key(panel.key()), Some(panel));
        }
        assert_eq!(Panel::for_key("T"), Some(Panel::Trace));
        assert_eq!(Panel::for_key("f"), None, "f fits the view");
    }
}

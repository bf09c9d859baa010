use std::borrow::Borrow;
use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The stable identifier of an element of a design.
///
/// Identifiers are short strings such as `circuit-1` that stay the same
/// across edits, saves and exports. A valid one is 1 to 64 characters of
/// ASCII letters, digits, `-`, `_` and `.`; [`Id::is_valid`] tells, and
/// loading a file refuses any other.
///
/// The text is shared, so a clone costs a counter rather than a copy:
/// route resolution and traces clone identifiers by the hundred thousand.
#[derive(Clone, Debug, Default, Eq)]
pub struct Id(Arc<str>);

/// Hashes the text, as equality compares it.
impl std::hash::Hash for Id {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.0.hash(state);
    }
}

/// Clones share their text, so most comparisons are settled by address.
impl PartialEq for Id {
    fn eq(&self, other: &Id) -> bool {
        Arc::ptr_eq(&self.0, &other.0) || self.0 == other.0
    }
}

impl Ord for Id {
    fn cmp(&self, other: &Id) -> std::cmp::Ordering {
        if Arc::ptr_eq(&self.0, &other.0) {
            return std::cmp::Ordering::Equal;
        }
        self.0.cmp(&other.0)
    }
}

impl PartialOrd for Id {
    fn partial_cmp(&self, other: &Id) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Serialize for Id {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Id {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Id, D::Error> {
        String::deserialize(deserializer).map(Id::new)
    }
}

impl Id {
    /// Makes an identifier from a string, valid or not.
    pub fn new(id: impl Into<String>) -> Id {
        Id(Arc::from(id.into()))
    }

    /// The identifier as a string.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Tells whether the identifier has the allowed length and characters.
    ///
    /// ```
    /// use routecraft_core::model::Id;
    /// assert!(Id::new("circuit-1").is_valid());
    /// assert!(!Id::new("circuit 1").is_valid());
    /// ```
    pub fn is_valid(&self) -> bool {
        (1..=64).contains(&self.0.len())
            && self
                .0
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Borrow<str> for Id {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl From<&str> for Id {
    fn from(id: &str) -> Id {
        Id::new(id)
    }
}

impl PartialEq<str> for Id {
    fn eq(&self, other: &str) -> bool {
        &*self.0 == other
    }
}

impl PartialEq<&str> for Id {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

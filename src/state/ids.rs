//! Fresh ids for several new elements at once, before any of them is in
//! the design.

use std::collections::BTreeSet;

use routecraft_core::model::{Design, Id};

/// The ids a design uses, plus the ones handed out since.
#[derive(Clone, Debug)]
pub struct IdPool {
    taken: BTreeSet<Id>,
}

impl IdPool {
    /// A pool that knows every id of `design`.
    pub fn new(design: &Design) -> IdPool {
        IdPool {
            taken: design.element_ids().into_iter().map(|(id, _)| id).collect(),
        }
    }

    /// A fresh id such as `router-3`, never handed out twice.
    pub fn fresh(&mut self, prefix: &str) -> Id {
        let id = (1..)
            .map(|n| Id::new(format!("{prefix}-{n}")))
            .find(|id| !self.taken.contains(id))
            .expect("an unbounded range always yields an unused id");
        self.taken.insert(id.clone());
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use routecraft_core::model::CspModel;

    #[test]
    fn ids_are_never_handed_out_twice() {
        let mut pool = IdPool::new(&Design::blank("t", CspModel::ConnectTo));
        assert_eq!(pool.fresh("customer"), Id::new("customer-2"));
        assert_eq!(pool.fresh("customer"), Id::new("customer-3"));
    }
}

//! A subnet's effective routes as Azure shows them, without a copy per
//! subnet.
//!
//! At Azure's limits a subnet's table holds over 10,000 gateway routes, the
//! same for every subnet behind one hub; 3,000 copies would take gigabytes.
//! So the gateway rows are made once per hub, each subnet keeps only the
//! few rows of its own and the gateway rows it invalidates, and a table is
//! read by merging the two in Azure's order.

use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;

use ipnet::IpNet;

use super::exchange::{self, Classes};
use super::resolve::{gateway_row, is_pinned_type, GatewayTable, SubnetView};
use super::table::{EffectiveRoute, RouteSource, RouteState};
use crate::model::NextHopType;

/// A hub's gateway routes as rows, in route table order, with the same
/// prefixes sorted by address to find those inside a VNet's space.
#[derive(Clone, Debug, Default)]
pub(crate) struct GatewayRows {
    rows: Vec<EffectiveRoute>,
    /// (IPv6, network, row) sorted, so that the rows inside a prefix form
    /// one run.
    by_address: Vec<(bool, u128, usize)>,
}

impl GatewayRows {
    pub fn new(table: &GatewayTable, classes: &Classes) -> GatewayRows {
        // Rows of one class differ only in their prefix: make each class's
        // row once and copy it.
        let templates: Vec<Option<EffectiveRoute>> = table
            .choices
            .iter()
            .map(|c| Some(gateway_row(IpNet::default(), c.as_ref()?)))
            .collect();
        let mut rows = Vec::new();
        let mut by_address = Vec::new();
        for (prefix, class) in &classes.sorted {
            let Some(Some(template)) = templates.get(*class) else {
                continue;
            };
            let mut row = template.clone();
            row.prefix = *prefix;
            by_address.push((is_v6(prefix), bits(prefix), rows.len()));
            rows.push(row);
        }
        by_address.sort_unstable();
        GatewayRows { rows, by_address }
    }

    pub fn rows(&self) -> &[EffectiveRoute] {
        &self.rows
    }

    /// The rows whose prefix lies inside `space`, the space itself included.
    fn inside(&self, space: &IpNet) -> impl Iterator<Item = usize> + '_ {
        let (v6, low) = (is_v6(space), bits(space));
        let high = match space.broadcast() {
            std::net::IpAddr::V4(a) => u128::from(u32::from(a)),
            std::net::IpAddr::V6(a) => u128::from(a),
        };
        let start = self.by_address.partition_point(|e| (e.0, e.1) < (v6, low));
        let len = space.prefix_len();
        self.by_address
            .get(start..)
            .unwrap_or_default()
            .iter()
            .take_while(move |e| e.0 == v6 && e.1 <= high)
            .filter(move |e| {
                self.rows
                    .get(e.2)
                    .is_some_and(|r| r.prefix.prefix_len() >= len)
            })
            .map(|e| e.2)
    }
}

fn is_v6(prefix: &IpNet) -> bool {
    prefix.network().is_ipv6()
}

fn bits(prefix: &IpNet) -> u128 {
    match prefix.network() {
        std::net::IpAddr::V4(a) => u128::from(u32::from(a)),
        std::net::IpAddr::V6(a) => u128::from(a),
    }
}

/// What a class of alike subnets adds to its hub's gateway rows: its own
/// rows, in order and with their states, and the gateway rows it shows
/// invalid.
#[derive(Clone, Debug, Default)]
pub(crate) struct Shown {
    local: Vec<EffectiveRoute>,
    /// Replacements for gateway rows, in row order.
    overrides: Vec<EffectiveRoute>,
    /// The table in order: runs of the hub's gateway rows between own rows
    /// and replacements, so that reading a row costs no comparison.
    pieces: Vec<Piece>,
}

/// A stretch of a subnet's table.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Piece {
    /// Gateway rows as the hub has them.
    Gateway(Range<usize>),
    /// One own row.
    Local(usize),
    /// One replaced gateway row.
    Override(usize),
}

/// Lays out a table: the gateway rows `0..gateway` in order, with each own
/// row before the gateway row its `local_at` names and the replacements
/// standing in for their rows.
fn pieces(gateway: usize, local_at: &[usize], overrides: &[usize]) -> Vec<Piece> {
    let mut out = Vec::new();
    let (mut row, mut local, mut replaced) = (0, 0, 0);
    loop {
        let next_local = local_at.get(local).copied();
        let next_replaced = overrides.get(replaced).copied();
        let stop = [next_local, next_replaced, Some(gateway)]
            .into_iter()
            .flatten()
            .min()
            .unwrap_or(gateway)
            .max(row);
        if stop > row {
            out.push(Piece::Gateway(row..stop));
            row = stop;
        }
        if next_local.is_some_and(|at| at <= row) {
            out.push(Piece::Local(local));
            local += 1;
        } else if next_replaced == Some(row) {
            out.push(Piece::Override(replaced));
            replaced += 1;
            row += 1;
        } else if row >= gateway {
            out.extend((local..local_at.len()).map(Piece::Local));
            return out;
        }
    }
}

impl Shown {
    pub fn new(view: &SubnetView, table: Option<&GatewayTable>, classes: &Classes) -> Shown {
        let mut local = view.local.clone();
        for row in local.iter_mut() {
            let overridden = row.source == RouteSource::Default
                && row.state == RouteState::Active
                && !is_pinned_type(row.next_hop_type)
                && table.is_some_and(|t| t.has(classes, &row.prefix));
            if overridden {
                row.state = RouteState::Invalid;
                row.note =
                    Arc::new("a gateway route for the same prefix wins (§4.1, §4.5)".to_owned());
            }
        }
        local.sort_by(key_order);

        let Some(gateway) = table.map(|t| t.rows.get_or_init(|| GatewayRows::new(t, classes)))
        else {
            let pieces = (0..local.len()).map(Piece::Local).collect();
            return Shown {
                local,
                overrides: Vec::new(),
                pieces,
            };
        };
        let mut overrides: BTreeMap<usize, EffectiveRoute> = BTreeMap::new();
        let wins = view.local.iter().filter(|r| {
            r.source == RouteSource::User
                || r.next_hop_type == NextHopType::VirtualNetworkServiceEndpoint
        });
        for route in wins {
            let found = gateway
                .rows
                .binary_search_by(|g| exchange::order(&g.prefix, &route.prefix));
            if let Some(row) = found.ok().and_then(|at| Some((at, gateway.rows.get(at)?))) {
                let mut row = (row.0, row.1.clone());
                row.1.state = RouteState::Invalid;
                row.1.note = Arc::new("a user route for the same prefix wins (§4.1)".to_owned());
                overrides.entry(row.0).or_insert(row.1);
            }
        }
        for space in &view.pinned {
            for at in gateway.inside(space) {
                if overrides.contains_key(&at) {
                    continue;
                }
                let Some(row) = gateway.rows.get(at) else {
                    continue;
                };
                let mut row = row.clone();
                row.state = RouteState::Invalid;
                row.note = format!(
                    "{space} of the VNet or its peers wins even over a more specific gateway route (§4.1)"
                )
                .into();
                overrides.insert(at, row);
            }
        }
        // Ties go to the own row, as a stable sort of own rows then
        // gateway rows would leave them; no own row ties a gateway row on
        // the whole key anyway, their sources differ.
        let local_at: Vec<usize> = local
            .iter()
            .map(|l| {
                gateway
                    .rows
                    .partition_point(|g| key_order(g, l) == Ordering::Less)
            })
            .collect();
        let replaced: Vec<usize> = overrides.keys().copied().collect();
        Shown {
            pieces: pieces(gateway.rows.len(), &local_at, &replaced),
            local,
            overrides: overrides.into_values().collect(),
        }
    }
}

/// Azure's order of rows: longest prefix first, then user over gateway
/// over system routes, then active over invalid.
fn key_order(a: &EffectiveRoute, b: &EffectiveRoute) -> Ordering {
    exchange::order(&a.prefix, &b.prefix)
        .then(a.source.rank().cmp(&b.source.rank()))
        .then(a.state.cmp(&b.state))
}

/// A subnet's effective routes, read in place: the rows are shared with
/// every subnet that has the same ones, so holding the tables of every
/// subnet costs little more than the resolution itself.
///
/// Made by [`Resolution::effective_table`](super::Resolution::effective_table).
#[derive(Clone, Copy, Debug)]
pub struct EffectiveTable<'a> {
    shown: &'a Shown,
    gateway: &'a [EffectiveRoute],
}

impl<'a> EffectiveTable<'a> {
    pub(crate) fn new(shown: &'a Shown, gateway: &'a [EffectiveRoute]) -> EffectiveTable<'a> {
        EffectiveTable { shown, gateway }
    }

    /// The number of rows.
    pub fn len(&self) -> usize {
        self.shown.local.len() + self.gateway.len()
    }

    /// Tells whether the table has no row.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The rows in Azure's order, as [`Resolution::effective_routes`]
    /// lists them.
    ///
    /// [`Resolution::effective_routes`]: super::Resolution::effective_routes
    pub fn iter(&self) -> EffectiveRows<'a> {
        EffectiveRows {
            table: *self,
            pieces: self.shown.pieces.iter(),
            run: [].iter(),
            left: self.len(),
        }
    }
}

impl<'a> IntoIterator for EffectiveTable<'a> {
    type Item = &'a EffectiveRoute;
    type IntoIter = EffectiveRows<'a>;

    fn into_iter(self) -> EffectiveRows<'a> {
        self.iter()
    }
}

/// The rows of an [`EffectiveTable`] in order.
#[derive(Clone, Debug)]
pub struct EffectiveRows<'a> {
    table: EffectiveTable<'a>,
    pieces: std::slice::Iter<'a, Piece>,
    /// The run of gateway rows being read.
    run: std::slice::Iter<'a, EffectiveRoute>,
    left: usize,
}

impl<'a> Iterator for EffectiveRows<'a> {
    type Item = &'a EffectiveRoute;

    fn next(&mut self) -> Option<&'a EffectiveRoute> {
        let row = loop {
            if let Some(row) = self.run.next() {
                break row;
            }
            let shown = self.table.shown;
            let row = match self.pieces.next()? {
                Piece::Gateway(range) => {
                    self.run = self
                        .table
                        .gateway
                        .get(range.clone())
                        .unwrap_or_default()
                        .iter();
                    continue;
                }
                Piece::Local(at) => shown.local.get(*at),
                Piece::Override(at) => shown.overrides.get(*at),
            };
            if let Some(row) = row {
                break row;
            }
        };
        self.left = self.left.saturating_sub(1);
        Some(row)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.left, Some(self.left))
    }

    /// Reads run by run, each gateway run as a plain slice: counting or
    /// collecting a table of 10,000 rows then costs what the slice does.
    fn fold<B, F>(self, init: B, mut f: F) -> B
    where
        F: FnMut(B, &'a EffectiveRoute) -> B,
    {
        let EffectiveRows {
            table, pieces, run, ..
        } = self;
        let mut acc = run.fold(init, &mut f);
        for piece in pieces {
            acc = match piece {
                Piece::Gateway(range) => table
                    .gateway
                    .get(range.clone())
                    .unwrap_or_default()
                    .iter()
                    .fold(acc, &mut f),
                Piece::Local(at) => table.shown.local.get(*at).into_iter().fold(acc, &mut f),
                Piece::Override(at) => table.shown.overrides.get(*at).into_iter().fold(acc, &mut f),
            };
        }
        acc
    }
}

impl ExactSizeIterator for EffectiveRows<'_> {}

#[cfg(test)]
mod tests {
    use super::{pieces, Piece};

    #[test]
    fn pieces_put_own_rows_before_their_gateway_row_and_replace_overridden_rows() {
        use Piece::*;
        assert_eq!(pieces(0, &[], &[]), vec![]);
        assert_eq!(pieces(3, &[], &[]), vec![Gateway(0..3)]);
        assert_eq!(pieces(0, &[0, 0], &[]), vec![Local(0), Local(1)]);
        assert_eq!(
            pieces(4, &[0, 2, 4], &[2, 3]),
            vec![
                Local(0),
                Gateway(0..2),
                Local(1),
                Override(0),
                Override(1),
                Local(2)
            ]
        );
        assert_eq!(
            pieces(5, &[1, 1], &[0, 4]),
            vec![Override(0), Local(0), Local(1), Gateway(1..4), Override(1)]
        );
    }
}

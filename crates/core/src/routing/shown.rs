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

use ipnet::IpNet;

use super::exchange;
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
    pub fn new(table: &GatewayTable) -> GatewayRows {
        // Rows of one choice differ only in their prefix: make each choice's
        // row once and copy it.
        let templates: Vec<Option<EffectiveRoute>> = table
            .choices
            .iter()
            .map(|c| {
                let prefix = table.entries.first().map(|e| e.0)?;
                Some(gateway_row(prefix, c))
            })
            .collect();
        let mut rows = Vec::with_capacity(table.entries.len());
        let mut by_address = Vec::with_capacity(table.entries.len());
        for (prefix, at) in &table.entries {
            let Some(Some(template)) = templates.get(*at) else {
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
    /// For each own row, how many gateway rows come before it, so that
    /// reading a table merges without comparing rows.
    local_at: Vec<usize>,
    /// Replacements for gateway rows, by row, in row order.
    overrides: Vec<(usize, EffectiveRoute)>,
}

impl Shown {
    pub fn new(view: &SubnetView, table: Option<&GatewayTable>) -> Shown {
        let mut local = view.local.clone();
        for row in local.iter_mut() {
            let overridden = row.source == RouteSource::Default
                && row.state == RouteState::Active
                && !is_pinned_type(row.next_hop_type)
                && table.is_some_and(|t| t.index.get(&row.prefix).is_some());
            if overridden {
                row.state = RouteState::Invalid;
                row.note = "a gateway route for the same prefix wins (§4.1, §4.5)".into();
            }
        }
        local.sort_by(key_order);

        let Some(gateway) = table.map(|t| t.rows.get_or_init(|| GatewayRows::new(t))) else {
            let local_at = vec![0; local.len()];
            return Shown {
                local,
                local_at,
                overrides: Vec::new(),
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
                row.1.note = "a user route for the same prefix wins (§4.1)".into();
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
                );
                overrides.insert(at, row);
            }
        }
        // Ties go to the own row, as a stable sort of own rows then
        // gateway rows would leave them; no own row ties a gateway row on
        // the whole key anyway, their sources differ.
        let local_at = local
            .iter()
            .map(|l| {
                gateway
                    .rows
                    .partition_point(|g| key_order(g, l) == Ordering::Less)
            })
            .collect();
        Shown {
            local,
            local_at,
            overrides: overrides.into_iter().collect(),
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
    local: &'a [EffectiveRoute],
    local_at: &'a [usize],
    gateway: &'a [EffectiveRoute],
    overrides: &'a [(usize, EffectiveRoute)],
}

impl<'a> EffectiveTable<'a> {
    pub(crate) fn new(shown: &'a Shown, gateway: &'a [EffectiveRoute]) -> EffectiveTable<'a> {
        EffectiveTable {
            local: &shown.local,
            local_at: &shown.local_at,
            gateway,
            overrides: &shown.overrides,
        }
    }

    /// The number of rows.
    pub fn len(&self) -> usize {
        self.local.len() + self.gateway.len()
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
            local: 0,
            gateway: 0,
            next_override: 0,
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
    local: usize,
    gateway: usize,
    next_override: usize,
}

impl<'a> EffectiveRows<'a> {
    fn gateway_row(&self) -> Option<&'a EffectiveRoute> {
        match self.table.overrides.get(self.next_override) {
            Some((at, row)) if *at == self.gateway => Some(row),
            _ => self.table.gateway.get(self.gateway),
        }
    }
}

impl<'a> Iterator for EffectiveRows<'a> {
    type Item = &'a EffectiveRoute;

    fn next(&mut self) -> Option<&'a EffectiveRoute> {
        let local = self.table.local.get(self.local);
        let gateway = self.gateway_row();
        let local_due = self
            .table
            .local_at
            .get(self.local)
            .is_some_and(|at| *at <= self.gateway);
        let take_local = match (local, gateway) {
            (Some(_), Some(_)) => local_due,
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => return None,
        };
        if take_local {
            self.local += 1;
            return local;
        }
        if self
            .table
            .overrides
            .get(self.next_override)
            .is_some_and(|(at, _)| *at == self.gateway)
        {
            self.next_override += 1;
        }
        self.gateway += 1;
        gateway
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = self.table.len().saturating_sub(self.local + self.gateway);
        (left, Some(left))
    }
}

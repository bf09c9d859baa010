//! Sizes and places every box: the automatic layout, the user's positions
//! on top, and containers grown to hold their children.

use std::collections::BTreeMap;

use super::geometry::{text_width, Rect};
use super::tree::Tree;
use super::{Edge, Node, Scene, Zone, LINE_HEIGHT};
use crate::model::{Id, Layout};

/// Space between a container's border and what it holds.
const PAD: f64 = 10.0;
/// Height of a container's header: its two lines of labels.
pub(super) const HEADER: f64 = 2.0 * LINE_HEIGHT + 8.0;
/// Height of a box that holds nothing.
const LEAF_HEIGHT: f64 = 2.0 * LINE_HEIGHT + 12.0;
/// Narrowest box.
const MIN_WIDTH: f64 = 120.0;
/// Room at the left of a box's labels for the icon the studio draws there.
const ICON_SPACE: f64 = 20.0;
/// Space between boxes stacked in a container.
const GAP: f64 = 10.0;
/// Height of a zone's title band.
const ZONE_HEADER: f64 = 40.0;
/// Space between a zone's border and its boxes.
const ZONE_PAD: f64 = 20.0;
/// Space between boxes stacked at the top level of a zone.
pub(super) const ROOT_GAP: f64 = 24.0;
/// Space between zones, where edges turn.
pub(super) const ZONE_SPACING: f64 = 140.0;
/// Narrowest zone.
const MIN_ZONE_WIDTH: f64 = 200.0;
/// Space around everything.
const MARGIN: f64 = 20.0;

/// Every box and zone with its final rectangle.
pub(super) struct Placed {
    pub rects: Vec<Rect>,
    pub zones: Vec<Rect>,
    /// The first box of each id, for edges to find their ends.
    pub by_id: BTreeMap<Id, usize>,
    /// Rectangles an edge label must not cover: boxes that hold nothing,
    /// and the headers of containers.
    pub obstacles: Vec<Rect>,
}

fn finite(values: &[f64]) -> bool {
    values.iter().all(|v| v.is_finite())
}

/// The automatic size of every box, children before their containers.
fn auto_sizes(tree: &Tree, layout: &Layout) -> Vec<(f64, f64)> {
    let mut sizes = vec![(0.0, 0.0); tree.items.len()];
    for (i, item) in tree.items.iter().enumerate().rev() {
        let text = text_width(&item.label).max(text_width(&item.sublabel)) + 2.0 * PAD + ICON_SPACE;
        let mut width = text.max(MIN_WIDTH);
        let mut height = LEAF_HEIGHT;
        if item.is_container {
            let children = item.children.iter().filter_map(|&c| sizes.get(c));
            let widest = children.clone().map(|s| s.0).fold(0.0, f64::max);
            let stacked: f64 = children.map(|s| s.1 + GAP).sum();
            width = width.max(widest + 2.0 * PAD);
            height = if stacked > 0.0 {
                HEADER + stacked - GAP + PAD
            } else {
                HEADER + PAD
            };
        }
        if let Some(size) = layout.sizes.get(&item.id) {
            if finite(&[size.width, size.height]) {
                width = width.max(size.width);
                height = height.max(size.height);
            }
        }
        if let Some(slot) = sizes.get_mut(i) {
            *slot = (width, height);
        }
    }
    sizes
}

/// Places every box: where the layout says, else automatically.
pub(super) fn place(tree: &Tree, layout: &Layout) -> Placed {
    let sizes = auto_sizes(tree, layout);
    let size = |i: usize| sizes.get(i).copied().unwrap_or((MIN_WIDTH, LEAF_HEIGHT));

    // Offsets of children within their containers.
    let mut offsets = vec![(0.0, 0.0); tree.items.len()];
    for item in &tree.items {
        let mut y = HEADER;
        for &c in &item.children {
            if let Some(slot) = offsets.get_mut(c) {
                *slot = (PAD, y);
            }
            y += size(c).1 + GAP;
        }
    }

    // Zones side by side, top-level boxes stacked in each.
    let mut zones = Vec::with_capacity(tree.zones.len());
    let mut x = MARGIN;
    let mut tallest: f64 = 0.0;
    for zone in &tree.zones {
        let widest = zone.roots.iter().map(|&r| size(r).0).fold(0.0, f64::max);
        let title = text_width(&zone.title) + 2.0 * ZONE_PAD;
        let width = (widest + 2.0 * ZONE_PAD).max(MIN_ZONE_WIDTH).max(title);
        let mut y = MARGIN + ZONE_HEADER;
        for &r in &zone.roots {
            if let Some(slot) = offsets.get_mut(r) {
                *slot = (x + ZONE_PAD, y);
            }
            y += size(r).1 + ROOT_GAP;
        }
        tallest = tallest.max(y - ROOT_GAP + ZONE_PAD - MARGIN);
        zones.push(Rect::new(x, MARGIN, width, 0.0));
        x += width + ZONE_SPACING;
    }
    for zone in &mut zones {
        zone.height = tallest.max(ZONE_HEADER + LEAF_HEIGHT + ZONE_PAD);
    }

    // The user's positions win; a child without one follows its container.
    let mut rects: Vec<Rect> = Vec::with_capacity(tree.items.len());
    for (i, item) in tree.items.iter().enumerate() {
        let (dx, dy) = offsets.get(i).copied().unwrap_or_default();
        let parent = item.parent.and_then(|p| rects.get(p));
        let (ax, ay) = parent.map_or((dx, dy), |p| (p.x + dx, p.y + dy));
        let (x, y) = match layout.positions.get(&item.id) {
            Some(p) if finite(&[p.x, p.y]) => (p.x, p.y),
            _ => (ax, ay),
        };
        let (w, h) = size(i);
        rects.push(Rect::new(x, y, w, h));
    }

    // Containers grow to hold their children, innermost first.
    for i in (0..tree.items.len()).rev() {
        let Some(item) = tree.items.get(i) else {
            continue;
        };
        for &c in &item.children {
            let Some(child) = rects.get(c).copied() else {
                continue;
            };
            let needed = Rect::new(
                child.x - PAD,
                child.y - HEADER,
                child.width + 2.0 * PAD,
                child.height + HEADER + PAD,
            );
            if let Some(r) = rects.get_mut(i) {
                *r = r.union(&needed);
            }
        }
    }

    // Zones grow to hold their boxes.
    for (z, zone) in tree.zones.iter().enumerate() {
        for &r in &zone.roots {
            let Some(rect) = rects.get(r).copied() else {
                continue;
            };
            let needed = Rect::new(
                rect.x - ZONE_PAD,
                rect.y - ZONE_HEADER,
                rect.width + 2.0 * ZONE_PAD,
                rect.height + ZONE_HEADER + ZONE_PAD,
            );
            if let Some(zr) = zones.get_mut(z) {
                *zr = zr.union(&needed);
            }
        }
    }

    let mut by_id = BTreeMap::new();
    let mut obstacles = Vec::new();
    for (i, item) in tree.items.iter().enumerate() {
        by_id.entry(item.id.clone()).or_insert(i);
        if let Some(r) = rects.get(i) {
            let h = if item.is_container { HEADER } else { r.height };
            obstacles.push(Rect::new(r.x, r.y, r.width, h));
        }
    }
    for zone in &zones {
        obstacles.push(Rect::new(zone.x, zone.y, zone.width, ZONE_HEADER));
    }
    Placed {
        rects,
        zones,
        by_id,
        obstacles,
    }
}

/// Assembles the scene from the placed boxes and the routed edges.
pub(super) fn finish(tree: Tree, placed: Placed, edges: Vec<Edge>) -> Scene {
    let mut bounds: Option<Rect> = None;
    let mut grow = |r: Rect| {
        bounds = Some(bounds.map_or(r, |b| b.union(&r)));
    };
    let zones: Vec<Zone> = tree
        .zones
        .into_iter()
        .zip(&placed.zones)
        .map(|(spec, rect)| {
            grow(*rect);
            Zone {
                id: spec.id,
                title: spec.title,
                rect: *rect,
            }
        })
        .collect();

    let parents: Vec<Option<Id>> = tree
        .items
        .iter()
        .map(|it| {
            it.parent
                .and_then(|p| tree.items.get(p))
                .map(|p| p.id.clone())
        })
        .collect();
    let mut nodes = Vec::with_capacity(tree.items.len());
    for ((item, rect), parent) in tree.items.into_iter().zip(&placed.rects).zip(parents) {
        grow(*rect);
        nodes.push(Node {
            id: item.id,
            kind: item.kind,
            label: item.label,
            sublabel: item.sublabel,
            rect: *rect,
            parent,
            is_container: item.is_container,
        });
    }
    for edge in &edges {
        for p in &edge.points {
            grow(Rect::new(p.x, p.y, 0.0, 0.0));
        }
        let w = text_width(&edge.label);
        grow(Rect::new(edge.label_at.x, edge.label_at.y, w, LINE_HEIGHT));
    }
    Scene {
        zones,
        nodes,
        edges,
        bounds: bounds.unwrap_or_default().inflate(MARGIN),
    }
}

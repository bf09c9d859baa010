//! Edges: which relations are drawn, their polylines and their labels.

use super::geometry::{text_width, Point, Rect};
use super::layout::Placed;
use super::tree::bandwidth;
use super::{Edge, EdgeKind, LINE_HEIGHT};
use crate::model::{Design, Id, PeeringKind};

/// Horizontal distance between the vertical runs of neighbouring edges.
const LANE: f64 = 8.0;
/// How far a loop between boxes of one column reaches past them.
const LOOP: f64 = 18.0;

/// An edge before it is routed.
struct Wanted {
    id: Id,
    key: String,
    kind: EdgeKind,
    from: Id,
    to: Id,
    label: String,
    /// Where on the `to` box's side the edge ends, as a fraction of its height.
    to_at: f64,
}

fn wanted(design: &Design) -> Vec<Wanted> {
    let mut out = Vec::new();
    let mut add = |id: &Id, suffix: &str, kind, from: &Id, to: &Id, label: String, to_at| {
        out.push(Wanted {
            id: id.clone(),
            key: format!("{id}/{suffix}"),
            kind,
            from: from.clone(),
            to: to.clone(),
            label,
            to_at,
        });
    };
    for link in &design.links {
        let label = link.bandwidth_mbps.map(bandwidth).unwrap_or_default();
        add(
            &link.id,
            "link",
            EdgeKind::SiteLink,
            &link.a,
            &link.b,
            label,
            0.5,
        );
    }
    for c in &design.circuits {
        let private = c
            .peering(PeeringKind::AzurePrivatePeering)
            .or_else(|| c.peerings.first());
        let ends = [
            (&c.primary_router, "primary", EdgeKind::CircuitPrimary, 0.3),
            (
                &c.secondary_router,
                "secondary",
                EdgeKind::CircuitSecondary,
                0.7,
            ),
        ];
        for (router, name, kind, at) in ends {
            let Some(router) = router else { continue };
            let prefix = private.map(|p| match kind {
                EdgeKind::CircuitPrimary => p.primary_prefix,
                _ => p.secondary_prefix,
            });
            let label = prefix.map_or(name.to_owned(), |p| format!("{name} {p}"));
            add(&c.id, name, kind, router, &c.id, label, at);
        }
        for g in &c.global_reach {
            let label = g.address_prefix.to_string();
            add(
                &g.id,
                "reach",
                EdgeKind::GlobalReach,
                &c.id,
                &g.peer_circuit,
                label,
                0.5,
            );
        }
    }
    for p in &design.vnet_peerings {
        let label = if p.use_remote_gateways {
            "gateway transit"
        } else {
            "peering"
        };
        let kind = EdgeKind::VnetPeering;
        add(
            &p.id,
            "peering",
            kind,
            &p.local,
            &p.remote,
            label.to_owned(),
            0.5,
        );
    }
    for c in &design.connections {
        let mut label = format!("weight {}", c.routing_weight);
        if c.fast_path {
            label.push_str(", FastPath");
        }
        let kind = EdgeKind::GatewayConnection;
        add(
            &c.id,
            "connection",
            kind,
            &c.circuit,
            &c.gateway,
            label,
            0.5,
        );
    }
    for v in &design.vpn_connections {
        let label = if v.over_private_peering {
            "IPsec over private peering"
        } else {
            "IPsec"
        };
        add(
            &v.id,
            "vpn",
            EdgeKind::Vpn,
            &v.router,
            &v.gateway,
            label.to_owned(),
            0.5,
        );
    }
    out
}

/// Routes every edge whose two ends are drawn, and places its label.
pub(super) fn route(design: &Design, placed: &Placed) -> Vec<Edge> {
    let rect = |id: &Id| {
        placed
            .by_id
            .get(id)
            .and_then(|&i| placed.rects.get(i))
            .copied()
    };
    let mut taken: Vec<Rect> = placed.obstacles.clone();
    let mut edges = Vec::new();
    for (lane, w) in wanted(design).into_iter().enumerate() {
        let (Some(a), Some(b)) = (rect(&w.from), rect(&w.to)) else {
            continue;
        };
        let offset = ((lane % 5) as f64 - 2.0) * LANE;
        let points = polyline(a, b, w.to_at, offset);
        let label_at = place_label(&w.label, &points, &mut taken);
        edges.push(Edge {
            id: w.id,
            key: w.key,
            kind: w.kind,
            from: w.from,
            to: w.to,
            points,
            label: w.label,
            label_at,
        });
    }
    edges
}

/// An orthogonal polyline from `a`'s side to `b`'s side; boxes in one
/// column are joined by a loop out to their right.
fn polyline(a: Rect, b: Rect, to_at: f64, offset: f64) -> Vec<Point> {
    let p = |x, y| Point { x, y };
    let ay = a.y + a.height / 2.0;
    let by = b.y + b.height * to_at;
    if b.x >= a.right() + 2.0 * LANE {
        let mid = (a.right() + b.x) / 2.0 + offset;
        vec![p(a.right(), ay), p(mid, ay), p(mid, by), p(b.x, by)]
    } else if a.x >= b.right() + 2.0 * LANE {
        let mid = (b.right() + a.x) / 2.0 + offset;
        vec![p(a.x, ay), p(mid, ay), p(mid, by), p(b.right(), by)]
    } else {
        let out = a.right().max(b.right()) + LOOP + offset.abs();
        vec![p(a.right(), ay), p(out, ay), p(out, by), p(b.right(), by)]
    }
}

/// Puts a label beside its polyline where it covers no box and no other
/// label: beside the vertical run, or above the first or last run, moving
/// down a line at a time until a place is free.
fn place_label(label: &str, points: &[Point], taken: &mut Vec<Rect>) -> Point {
    let (start, bend, turn, end) = match points {
        [a, b, c, d, ..] => (*a, *b, *c, *d),
        [a, b, ..] => (*a, *a, *b, *b),
        [a] => (*a, *a, *a, *a),
        [] => return Point::default(),
    };
    let width = text_width(label);
    let middle = (bend.y + turn.y) / 2.0 - LINE_HEIGHT / 2.0;
    let anchors = [
        (bend.x + 4.0, middle),
        (bend.x - 4.0 - width, middle),
        (start.x.min(bend.x) + 4.0, start.y - LINE_HEIGHT - 2.0),
        (end.x.min(turn.x) + 4.0, end.y - LINE_HEIGHT - 2.0),
    ];
    if label.is_empty() {
        let (x, y) = anchors[0];
        return Point { x, y };
    }
    let free = |r: &Rect| !taken.iter().any(|t| t.intersects(r));
    for line in 0..40 {
        let down = f64::from(line) * LINE_HEIGHT;
        for (x, y) in anchors {
            let candidate = Rect::new(x, y + down, width, LINE_HEIGHT);
            if free(&candidate) {
                taken.push(candidate);
                return Point { x, y: y + down };
            }
        }
    }
    let (x, y) = anchors[0];
    Point { x, y }
}

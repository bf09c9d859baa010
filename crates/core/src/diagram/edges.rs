//! Edges: which relations are drawn, their polylines and their labels.

use super::geometry::{text_width, Point, Rect};
use super::layout::{Placed, ROOT_GAP, ZONE_SPACING};
use super::tree::bandwidth;
use super::{Edge, EdgeKind, LINE_HEIGHT};
use crate::model::{Design, Id, PeeringKind};

/// Horizontal distance between the vertical runs of neighbouring edges.
const LANE: f64 = 8.0;
/// How far a loop between boxes of one column reaches past them.
const LOOP: f64 = 18.0;
/// How far a detour's row keeps from the box it passes: half the gap
/// between two boxes at the top of a zone, so that it runs down the middle.
const ROW_CLEARANCE: f64 = ROOT_GAP / 2.0;
/// The most rows a detour tries, nearest first, so that a crowded design
/// is still laid out at once; past them the line goes straight.
const ROWS_TRIED: usize = 48;

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
    let boxes = Boxes::new(&placed.obstacles);
    let mut edges = Vec::new();
    for (lane, w) in wanted(design).into_iter().enumerate() {
        let (Some(a), Some(b)) = (rect(&w.from), rect(&w.to)) else {
            continue;
        };
        let offset = ((lane % 5) as f64 - 2.0) * LANE;
        // A line may not pass through a box, or the header of a container,
        // other than its own two ends.
        let blocking = Blocking {
            boxes: &boxes,
            ends: [a, b],
        };
        let direct = polyline(a, b, w.to_at, offset);
        let points = if blocking.is_clear(&direct) {
            direct
        } else {
            detour(a, b, w.to_at, offset, placed, &blocking)
                .or_else(|| wider_loop(a, b, w.to_at, offset, &blocking))
                .unwrap_or(direct)
        };
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

/// The obstacles sorted by their top edge, so that a run is checked only
/// against those level with it: on a design of thousands of subnets,
/// checking every line against every box made the layout lag.
struct Boxes {
    by_top: Vec<Rect>,
    tallest: f64,
}

impl Boxes {
    fn new(obstacles: &[Rect]) -> Boxes {
        let mut by_top = obstacles.to_vec();
        by_top.sort_by(|a, b| a.y.total_cmp(&b.y));
        let tallest = by_top.iter().map(|r| r.height).fold(0.0, f64::max);
        Boxes { by_top, tallest }
    }

    /// The boxes that may reach into the band from `top` to `bottom`.
    fn level_with(&self, top: f64, bottom: f64) -> &[Rect] {
        let first = self.by_top.partition_point(|r| r.y < top - self.tallest);
        let end = self.by_top.partition_point(|r| r.y < bottom);
        &self.by_top[first..end.max(first)]
    }
}

/// What a line must not pass through: every obstacle but its two ends.
struct Blocking<'a> {
    boxes: &'a Boxes,
    ends: [Rect; 2],
}

impl Blocking<'_> {
    /// Tells whether `line` (a run) passes through a box.
    fn hits(&self, line: &Rect) -> bool {
        self.boxes
            .level_with(line.y, line.bottom())
            .iter()
            .any(|r| line.intersects(r) && !self.ends.contains(r))
    }

    /// Tells whether no run of the polyline passes through a box.
    fn is_clear(&self, points: &[Point]) -> bool {
        points
            .windows(2)
            .all(|run| !self.hits(&run_rect(run[0], run[1])))
    }
}

/// The run from `a` to `b` as a rectangle of no width or no height.
fn run_rect(a: Point, b: Point) -> Rect {
    Rect::new(
        a.x.min(b.x),
        a.y.min(b.y),
        (b.x - a.x).abs(),
        (b.y - a.y).abs(),
    )
}

/// A way between boxes of two zones around the boxes of the zones between
/// them: out to the gap beside `a`'s zone, along a row that crosses no box,
/// and down the gap beside `b`'s zone. `None` when the ends share a zone or
/// stand outside every zone (moved there by hand), or no row is free.
fn detour(
    a: Rect,
    b: Rect,
    to_at: f64,
    offset: f64,
    placed: &Placed,
    blocking: &Blocking,
) -> Option<Vec<Point>> {
    let zone_of = |r: Rect| {
        let c = r.center();
        placed
            .zones
            .iter()
            .find(|z| c.x >= z.x && c.x <= z.right())
            .copied()
    };
    let (za, zb) = (zone_of(a)?, zone_of(b)?);
    if za == zb {
        return None;
    }
    let gap = ZONE_SPACING / 2.0;
    let p = |x, y| Point { x, y };
    let (ay, by) = (a.y + a.height / 2.0, b.y + b.height * to_at);
    let (start, x1, x2, end) = if b.x >= a.right() {
        (
            p(a.right(), ay),
            za.right() + gap + offset,
            zb.x - gap + offset,
            p(b.x, by),
        )
    } else {
        (
            p(a.x, ay),
            za.x - gap + offset,
            zb.right() + gap + offset,
            p(b.right(), by),
        )
    };

    // The crossing keeps out of the boxes between the two zones altogether,
    // containers too, not only their headers. Rows to try: the ends' own,
    // and those halfway into the gaps above and below each box it would
    // meet, nearest to the ends first.
    let (low, high) = (x1.min(x2), x1.max(x2));
    let crossed: Vec<&Rect> = placed
        .rects
        .iter()
        .chain(&placed.obstacles)
        .filter(|r| r.right() > low && r.x < high && !blocking.ends.contains(r))
        .collect();
    let mut rows = vec![ay, by];
    for r in &crossed {
        rows.push(r.y - ROW_CLEARANCE);
        rows.push(r.bottom() + ROW_CLEARANCE);
    }
    let cost = |y: f64| (y - ay).abs() + (y - by).abs();
    let nearer = |m: &f64, n: &f64| cost(*m).total_cmp(&cost(*n));
    // Only the nearest rows are tried: pick them out before sorting.
    if rows.len() > ROWS_TRIED {
        rows.select_nth_unstable_by(ROWS_TRIED, nearer);
        rows.truncate(ROWS_TRIED);
    }
    rows.sort_by(nearer);
    rows.dedup();
    rows.into_iter()
        // The crossing itself is checked first, against the boxes it spans
        // with room around them, so that it never grazes a border.
        .filter(|&y| {
            let line = run_rect(p(x1, y), p(x2, y));
            !crossed
                .iter()
                .any(|r| line.intersects(&r.inflate(ROW_CLEARANCE / 2.0)))
        })
        .find_map(|y| {
            let path = simplify(vec![start, p(x1, ay), p(x1, y), p(x2, y), p(x2, by), end]);
            blocking.is_clear(&path).then_some(path)
        })
}

/// A loop between boxes of one column reaching past every box beside its
/// vertical run, such as a wider site between the two ends. `None` when
/// the ends are side by side or a few widenings find no clear way.
fn wider_loop(
    a: Rect,
    b: Rect,
    to_at: f64,
    offset: f64,
    blocking: &Blocking,
) -> Option<Vec<Point>> {
    if b.x >= a.right() + 2.0 * LANE || a.x >= b.right() + 2.0 * LANE {
        return None;
    }
    let p = |x, y| Point { x, y };
    let (ay, by) = (a.y + a.height / 2.0, b.y + b.height * to_at);
    let mut out = a.right().max(b.right()) + LOOP + offset.abs();
    for _ in 0..8 {
        let path = vec![p(a.right(), ay), p(out, ay), p(out, by), p(b.right(), by)];
        let wall = path
            .windows(2)
            .flat_map(|run| {
                let line = run_rect(run[0], run[1]);
                blocking
                    .boxes
                    .level_with(line.y, line.bottom())
                    .iter()
                    .filter(move |r| line.intersects(r) && !blocking.ends.contains(r))
                    .map(Rect::right)
            })
            .fold(None, |m: Option<f64>, r| Some(m.map_or(r, |m| m.max(r))));
        match wall {
            None => return Some(path),
            Some(right) => out = (right + LOOP + offset.abs()).max(out + LANE),
        }
    }
    None
}

/// The polyline without repeated points or points in the middle of a
/// straight run.
fn simplify(points: Vec<Point>) -> Vec<Point> {
    let mut out: Vec<Point> = Vec::with_capacity(points.len());
    for q in points {
        if out.last() == Some(&q) {
            continue;
        }
        if let [.., a, b] = out[..] {
            let straight = (a.x == b.x && b.x == q.x) || (a.y == b.y && b.y == q.y);
            if straight {
                out.pop();
            }
        }
        out.push(q);
    }
    out
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
    // A detour's label goes first above its crossing, the long run in the
    // middle, where there is room between the zones' boxes.
    let crossing = match points {
        [_, _, c, d, _, _, ..] if c.y == d.y => Some((c.x.min(d.x) + 4.0, c.y - LINE_HEIGHT - 2.0)),
        _ => None,
    };
    let anchors: Vec<(f64, f64)> = crossing
        .into_iter()
        .chain([
            (bend.x + 4.0, middle),
            (bend.x - 4.0 - width, middle),
            (start.x.min(bend.x) + 4.0, start.y - LINE_HEIGHT - 2.0),
            (end.x.min(turn.x) + 4.0, end.y - LINE_HEIGHT - 2.0),
        ])
        .collect();
    if label.is_empty() {
        let (x, y) = anchors[0];
        return Point { x, y };
    }
    let free = |r: &Rect| !taken.iter().any(|t| t.intersects(r));
    for line in 0..40 {
        let down = f64::from(line) * LINE_HEIGHT;
        for &(x, y) in &anchors {
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

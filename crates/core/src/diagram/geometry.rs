use serde::Serialize;

/// A point on the canvas, in canvas units.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Point {
    /// Distance from the left edge.
    pub x: f64,
    /// Distance from the top edge.
    pub y: f64,
}

/// An axis-aligned rectangle on the canvas, from its top-left corner.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Rect {
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width.
    pub width: f64,
    /// Height.
    pub height: f64,
}

impl Rect {
    /// A rectangle at `x`, `y` of the given size.
    pub fn new(x: f64, y: f64, width: f64, height: f64) -> Rect {
        Rect {
            x,
            y,
            width,
            height,
        }
    }

    /// The right edge.
    pub fn right(&self) -> f64 {
        self.x + self.width
    }

    /// The bottom edge.
    pub fn bottom(&self) -> f64 {
        self.y + self.height
    }

    /// The centre.
    pub fn center(&self) -> Point {
        Point {
            x: self.x + self.width / 2.0,
            y: self.y + self.height / 2.0,
        }
    }

    /// Tells whether the point lies inside or on the border.
    pub fn contains(&self, p: Point) -> bool {
        p.x >= self.x && p.x <= self.right() && p.y >= self.y && p.y <= self.bottom()
    }

    /// Tells whether the two rectangles share any area.
    pub fn intersects(&self, other: &Rect) -> bool {
        self.x < other.right()
            && other.x < self.right()
            && self.y < other.bottom()
            && other.y < self.bottom()
    }

    /// The smallest rectangle holding both.
    pub fn union(&self, other: &Rect) -> Rect {
        let x = self.x.min(other.x);
        let y = self.y.min(other.y);
        let right = self.right().max(other.right());
        let bottom = self.bottom().max(other.bottom());
        Rect::new(x, y, right - x, bottom - y)
    }

    /// The rectangle grown by `by` on every side.
    pub fn inflate(&self, by: f64) -> Rect {
        Rect::new(
            self.x - by,
            self.y - by,
            self.width + 2.0 * by,
            self.height + 2.0 * by,
        )
    }
}

/// Tells whether `p` lies within `tolerance` of any segment of the polyline.
pub(super) fn near_polyline(points: &[Point], p: Point, tolerance: f64) -> bool {
    points
        .windows(2)
        .any(|pair| distance_to_segment(pair[0], pair[1], p) <= tolerance)
}

fn distance_to_segment(a: Point, b: Point, p: Point) -> f64 {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let length_squared = dx * dx + dy * dy;
    let t = if length_squared > 0.0 {
        (((p.x - a.x) * dx + (p.y - a.y) * dy) / length_squared).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let (cx, cy) = (a.x + t * dx, a.y + t * dy);
    ((p.x - cx).powi(2) + (p.y - cy).powi(2)).sqrt()
}

/// Width of a line of label text under the fixed per-character estimate.
pub(super) fn text_width(text: &str) -> f64 {
    text.chars().count() as f64 * super::CHAR_WIDTH
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_point_on_a_segment_is_near_it() {
        let line = [Point { x: 0.0, y: 0.0 }, Point { x: 10.0, y: 0.0 }];
        assert!(near_polyline(&line, Point { x: 5.0, y: 3.0 }, 4.0));
        assert!(!near_polyline(&line, Point { x: 5.0, y: 5.0 }, 4.0));
        assert!(!near_polyline(&line[..1], Point { x: 0.0, y: 0.0 }, 4.0));
    }

    #[test]
    fn union_holds_both_rectangles() {
        let a = Rect::new(0.0, 0.0, 10.0, 10.0);
        let b = Rect::new(20.0, -5.0, 5.0, 5.0);
        assert_eq!(a.union(&b), Rect::new(0.0, -5.0, 25.0, 15.0));
        assert!(!a.intersects(&b));
    }
}

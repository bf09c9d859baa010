//! The canvas viewport: which part of the drawing shows, and at what zoom.

use serde::{Deserialize, Serialize};

/// Smallest and largest zoom a user can reach.
pub const ZOOM_RANGE: (f64, f64) = (0.2, 3.0);

/// Grid step that moved and placed elements snap to, in canvas units.
pub const GRID: f64 = 10.0;

/// The part of the canvas on screen: the canvas point at the top-left
/// corner of the view, and the zoom (screen pixels per canvas unit).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Viewport {
    /// Canvas x at the left edge of the view.
    pub x: f64,
    /// Canvas y at the top edge of the view.
    pub y: f64,
    /// Screen pixels per canvas unit.
    pub zoom: f64,
}

impl Default for Viewport {
    fn default() -> Viewport {
        Viewport {
            x: -40.0,
            y: -40.0,
            zoom: 1.0,
        }
    }
}

/// An axis-aligned rectangle in canvas units.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
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
    /// The rectangle spanned by two corners given in any order.
    pub fn spanning(a: (f64, f64), b: (f64, f64)) -> Rect {
        Rect {
            x: a.0.min(b.0),
            y: a.1.min(b.1),
            width: (a.0 - b.0).abs(),
            height: (a.1 - b.1).abs(),
        }
    }

    /// Tells whether the point lies inside or on the edge.
    pub fn contains(&self, x: f64, y: f64) -> bool {
        x >= self.x && y >= self.y && x <= self.x + self.width && y <= self.y + self.height
    }

    /// Tells whether the two rectangles overlap at all.
    pub fn intersects(&self, other: &Rect) -> bool {
        self.x < other.x + other.width
            && other.x < self.x + self.width
            && self.y < other.y + other.height
            && other.y < self.y + self.height
    }

    /// The smallest rectangle holding both.
    pub fn union(&self, other: &Rect) -> Rect {
        let x = self.x.min(other.x);
        let y = self.y.min(other.y);
        Rect {
            x,
            y,
            width: (self.x + self.width).max(other.x + other.width) - x,
            height: (self.y + self.height).max(other.y + other.height) - y,
        }
    }
}

impl Viewport {
    /// The canvas point under a screen point given relative to the view.
    pub fn to_canvas(&self, sx: f64, sy: f64) -> (f64, f64) {
        (self.x + sx / self.zoom, self.y + sy / self.zoom)
    }

    /// The SVG `viewBox` for a view of the given size in screen pixels.
    pub fn view_box(&self, width: f64, height: f64) -> String {
        format!(
            "{:.2} {:.2} {:.2} {:.2}",
            self.x,
            self.y,
            width / self.zoom,
            height / self.zoom
        )
    }

    /// Zooms by `factor` keeping the canvas point under (sx, sy) in place.
    pub fn zoom_at(&self, factor: f64, sx: f64, sy: f64) -> Viewport {
        let zoom = (self.zoom * factor).clamp(ZOOM_RANGE.0, ZOOM_RANGE.1);
        let (cx, cy) = self.to_canvas(sx, sy);
        Viewport {
            x: cx - sx / zoom,
            y: cy - sy / zoom,
            zoom,
        }
    }

    /// Moves the view by a drag of (dx, dy) screen pixels.
    pub fn pan(&self, dx: f64, dy: f64) -> Viewport {
        Viewport {
            x: self.x - dx / self.zoom,
            y: self.y - dy / self.zoom,
            zoom: self.zoom,
        }
    }

    /// The viewport that shows `bounds` whole and centred in a view of the
    /// given size, with a margin, never zooming in past 100%.
    pub fn fit(bounds: Rect, width: f64, height: f64) -> Viewport {
        const MARGIN: f64 = 40.0;
        if bounds.width <= 0.0 || bounds.height <= 0.0 || width <= 0.0 || height <= 0.0 {
            return Viewport::default();
        }
        let wanted =
            ((width - 2.0 * MARGIN) / bounds.width).min((height - 2.0 * MARGIN) / bounds.height);
        let zoom = wanted.clamp(ZOOM_RANGE.0, 1.0);
        if wanted < ZOOM_RANGE.0 {
            // Too large to fit even at the smallest zoom: the middle of a
            // huge design is often empty space between zones, so show its
            // top-left corner, where the first zone starts.
            return Viewport {
                x: bounds.x - MARGIN / zoom,
                y: bounds.y - MARGIN / zoom,
                zoom,
            };
        }
        Viewport {
            x: bounds.x + bounds.width / 2.0 - width / zoom / 2.0,
            y: bounds.y + bounds.height / 2.0 - height / zoom / 2.0,
            zoom,
        }
    }
}

/// Rounds a canvas coordinate to the nearest grid line.
pub fn snap(value: f64) -> f64 {
    (value / GRID).round() * GRID
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zooming_keeps_the_point_under_the_pointer() {
        let v = Viewport::default();
        let before = v.to_canvas(300.0, 200.0);
        let after = v.zoom_at(1.5, 300.0, 200.0).to_canvas(300.0, 200.0);
        assert!((before.0 - after.0).abs() < 1e-9 && (before.1 - after.1).abs() < 1e-9);
    }

    #[test]
    fn zoom_stays_within_its_range() {
        assert_eq!(
            Viewport::default().zoom_at(100.0, 0.0, 0.0).zoom,
            ZOOM_RANGE.1
        );
        assert_eq!(
            Viewport::default().zoom_at(0.001, 0.0, 0.0).zoom,
            ZOOM_RANGE.0
        );
    }

    #[test]
    fn fit_centres_the_bounds_without_zooming_in() {
        let b = Rect {
            x: 0.0,
            y: 0.0,
            width: 100.0,
            height: 100.0,
        };
        let v = Viewport::fit(b, 1000.0, 800.0);
        assert_eq!(v.zoom, 1.0);
        assert_eq!(v.to_canvas(500.0, 400.0), (50.0, 50.0));
    }

    #[test]
    fn fit_shows_the_top_left_of_a_design_too_large_to_fit() {
        let b = Rect {
            x: 20.0,
            y: 20.0,
            width: 100_000.0,
            height: 100_000.0,
        };
        let v = Viewport::fit(b, 1000.0, 800.0);
        assert_eq!(v.zoom, ZOOM_RANGE.0);
        let (x, y) = v.to_canvas(40.0, 40.0);
        assert!(
            (x - 20.0).abs() < 1e-9 && (y - 20.0).abs() < 1e-9,
            "{x} {y}"
        );
    }

    #[test]
    fn snapping_rounds_to_the_grid() {
        assert_eq!(snap(14.0), 10.0);
        assert_eq!(snap(15.0), 20.0);
        assert_eq!(snap(-4.0), 0.0);
    }

    #[test]
    fn spanning_rect_accepts_corners_in_any_order() {
        let r = Rect::spanning((10.0, 50.0), (0.0, 20.0));
        assert_eq!(
            r,
            Rect {
                x: 0.0,
                y: 20.0,
                width: 10.0,
                height: 30.0
            }
        );
        assert!(r.intersects(&Rect {
            x: 5.0,
            y: 45.0,
            width: 100.0,
            height: 100.0
        }));
        assert!(!r.intersects(&Rect {
            x: 11.0,
            y: 20.0,
            width: 1.0,
            height: 1.0
        }));
    }
}

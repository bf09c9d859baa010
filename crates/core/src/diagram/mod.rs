//! The diagram: one geometry for the studio's canvas and the exported SVG.
//!
//! [`scene`] turns a design into plain shapes: zones from left to right
//! (customer sites, CSP sites, provider edge and peering locations, then one
//! zone per Azure region), nodes that may contain other nodes (a site holds
//! its routers, a VNet its subnets, a subnet its gateways and appliances),
//! and edges drawn as polylines. The studio draws the scene on its canvas;
//! [`svg`] writes the same scene as a standalone SVG file.
//!
//! Where the design's [`Layout`] places an element, the scene puts it
//! there; everything else is placed by a deterministic automatic layout, and
//! a child without a position keeps its place relative to its container.
//! Containers grow to hold their children. Text is measured with a fixed
//! width per character ([`CHAR_WIDTH`]), so the geometry is the same on
//! every machine.
//!
//! Organization:
//! - [`scene`], [`Scene`], [`Node`], [`Edge`], [`EdgeKind`], [`Zone`],
//!   [`Rect`], [`Point`]: the geometry
//! - [`auto_layout`]: positions for every element, to fill in a layout
//! - [`hit`]: which element is under a point
//! - [`svg`], [`SvgOptions`]: the scene as an SVG document, with a legend
//! - [`circuit_usage`], [`charts`]: each circuit's usage against its
//!   limits, and its chart drawn with plotters

mod chart;
mod edges;
mod geometry;
mod layout;
mod svg;
mod tree;

pub use chart::{charts, circuit_usage, CircuitUsage};
pub use geometry::{Point, Rect};
pub use svg::{svg, SvgOptions};

use serde::{Serialize, Serializer};

use crate::model::{Design, ElementKind, Id, Layout, Position};

/// Estimated width of one character of label text, in canvas units, for a
/// 12-unit sans-serif font. Generous, so that real fonts fit inside.
pub const CHAR_WIDTH: f64 = 7.0;

/// Height of one line of label text, in canvas units.
pub const LINE_HEIGHT: f64 = 16.0;

/// Everything the canvas and the SVG draw, in canvas units.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Scene {
    /// Zones, left to right.
    pub zones: Vec<Zone>,
    /// Nodes, every container before the nodes it holds.
    pub nodes: Vec<Node>,
    /// Edges between nodes.
    pub edges: Vec<Edge>,
    /// The rectangle that holds every zone, node and edge, with a margin.
    pub bounds: Rect,
}

/// One element drawn as a box.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Node {
    /// The element's id.
    pub id: Id,
    /// The element's kind.
    #[serde(serialize_with = "kind_name")]
    pub kind: ElementKind,
    /// The first line: the element's name.
    pub label: String,
    /// The second line: its prefix, SKU or bandwidth; may be empty.
    pub sublabel: String,
    /// Where the box is.
    pub rect: Rect,
    /// The container holding it, if any.
    pub parent: Option<Id>,
    /// Whether it holds other nodes (its labels then sit in a header).
    pub is_container: bool,
}

/// One relation drawn as a line.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Edge {
    /// The element the line stands for, such as the circuit for both of its
    /// connections; selecting the line selects it.
    pub id: Id,
    /// A key unique within the scene, such as `er-1/primary`.
    pub key: String,
    /// What the line stands for.
    pub kind: EdgeKind,
    /// The node it starts at.
    pub from: Id,
    /// The node it ends at.
    pub to: Id,
    /// The polyline, from `from`'s border to `to`'s border.
    pub points: Vec<Point>,
    /// A short label, such as `primary 192.168.10.0/30`; may be empty.
    pub label: String,
    /// Where the label's text starts (its left end, on the baseline's line
    /// box top), placed so that it overlaps no other label or node.
    pub label_at: Point,
}

/// What an edge stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EdgeKind {
    /// A circuit's primary connection, from its router to the circuit.
    CircuitPrimary,
    /// A circuit's secondary connection, drawn apart from the primary.
    CircuitSecondary,
    /// A connection from an ExpressRoute gateway to a circuit.
    GatewayConnection,
    /// A link between routers of two sites.
    SiteLink,
    /// A peering between two VNets.
    VnetPeering,
    /// A Global Reach connection between two circuits.
    GlobalReach,
    /// A site-to-site VPN connection from a VPN gateway to a router.
    Vpn,
}

impl EdgeKind {
    /// Every kind, in the order the legend lists them.
    pub const ALL: [EdgeKind; 7] = [
        EdgeKind::CircuitPrimary,
        EdgeKind::CircuitSecondary,
        EdgeKind::GatewayConnection,
        EdgeKind::SiteLink,
        EdgeKind::VnetPeering,
        EdgeKind::GlobalReach,
        EdgeKind::Vpn,
    ];

    /// The name a user reads, as the legend shows it.
    pub fn label(self) -> &'static str {
        match self {
            EdgeKind::CircuitPrimary => "circuit primary connection",
            EdgeKind::CircuitSecondary => "circuit secondary connection",
            EdgeKind::GatewayConnection => "gateway connection",
            EdgeKind::SiteLink => "site link",
            EdgeKind::VnetPeering => "VNet peering",
            EdgeKind::GlobalReach => "Global Reach",
            EdgeKind::Vpn => "site-to-site VPN",
        }
    }

    /// A stable name for styling, such as `circuit-primary`.
    pub fn as_str(self) -> &'static str {
        match self {
            EdgeKind::CircuitPrimary => "circuit-primary",
            EdgeKind::CircuitSecondary => "circuit-secondary",
            EdgeKind::GatewayConnection => "gateway-connection",
            EdgeKind::SiteLink => "site-link",
            EdgeKind::VnetPeering => "vnet-peering",
            EdgeKind::GlobalReach => "global-reach",
            EdgeKind::Vpn => "vpn",
        }
    }
}

/// A column of the diagram with a title.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Zone {
    /// A stable identifier, such as `customer-sites` or `region-westeurope`.
    pub id: String,
    /// The title shown at the top, such as `Azure West Europe`.
    pub title: String,
    /// Where the zone is.
    pub rect: Rect,
}

fn kind_name<S: Serializer>(kind: &ElementKind, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&format!("{kind:?}"))
}

/// The diagram of a design.
///
/// Never panics: a reference to a missing element is treated as absent,
/// and an element whose container is missing is drawn on its own.
///
/// ```
/// use routecraft_core::{diagram, templates};
/// let design = templates::connect_to();
/// let scene = diagram::scene(&design);
/// assert!(scene.nodes.iter().any(|n| n.id == "er-contoso-ams"));
/// assert_eq!(scene, diagram::scene(&design));
/// ```
pub fn scene(design: &Design) -> Scene {
    let tree = tree::build(design);
    let placed = layout::place(&tree, &design.layout);
    let edges = edges::route(design, &placed);
    layout::finish(tree, placed, edges)
}

/// Positions for every node of the diagram, as [`scene`] draws them: the
/// positions the design already has are kept, the others come from the
/// automatic layout. The studio uses it to fill in a layout.
///
/// ```
/// use routecraft_core::{diagram, templates};
/// let mut design = templates::connect_through();
/// design.layout = diagram::auto_layout(&design);
/// assert_eq!(diagram::auto_layout(&design), design.layout);
/// ```
pub fn auto_layout(design: &Design) -> Layout {
    let mut layout = design.layout.clone();
    for node in scene(design).nodes {
        layout
            .positions
            .insert(node.id, Position::new(node.rect.x, node.rect.y));
    }
    layout
}

/// The element under the point `x`, `y`: a node that is not a container
/// first, then an edge within a few units, then the innermost container.
///
/// ```
/// use routecraft_core::{diagram, templates};
/// let scene = diagram::scene(&templates::connect_to());
/// let circuit = scene.nodes.iter().find(|n| n.id == "er-contoso-ams").unwrap();
/// let (x, y) = (circuit.rect.x + 2.0, circuit.rect.y + 2.0);
/// assert_eq!(diagram::hit(&scene, x, y).unwrap(), "er-contoso-ams");
/// assert_eq!(diagram::hit(&scene, -1000.0, -1000.0), None);
/// ```
pub fn hit(scene: &Scene, x: f64, y: f64) -> Option<Id> {
    let point = Point { x, y };
    let leaf = scene
        .nodes
        .iter()
        .rev()
        .find(|n| !n.is_container && n.rect.contains(point));
    if let Some(node) = leaf {
        return Some(node.id.clone());
    }
    let edge = scene
        .edges
        .iter()
        .rev()
        .find(|e| geometry::near_polyline(&e.points, point, 4.0));
    if let Some(edge) = edge {
        return Some(edge.id.clone());
    }
    scene
        .nodes
        .iter()
        .rev()
        .find(|n| n.rect.contains(point))
        .map(|n| n.id.clone())
}

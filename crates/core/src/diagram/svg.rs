//! The scene as a standalone SVG document: zones, boxes, edges, a legend
//! and the circuits' usage charts, with inline styles and no external
//! resource, so that the file shows the same anywhere.

use std::fmt::Write;

use super::chart::{chart_height, charts, circuit_usage, CircuitUsage, CHART_WIDTH};
use super::geometry::{text_width, Point, Rect};
use super::{EdgeKind, Node, Scene, LINE_HEIGHT};
use crate::model::{Design, ElementKind};

/// What the SVG shows besides the scene.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SvgOptions {
    /// The document's title, such as the design's name; may be empty.
    pub title: String,
    /// Whether to draw the legend below the diagram.
    pub legend: bool,
    /// The circuits' usage to chart below the legend; none draws no chart.
    pub usage: Vec<CircuitUsage>,
}

impl SvgOptions {
    /// The options the export uses: the design's name, the legend and the
    /// usage charts of every circuit.
    pub fn for_design(design: &Design) -> SvgOptions {
        SvgOptions {
            title: design.name.clone(),
            legend: true,
            usage: circuit_usage(design),
        }
    }
}

/// Escapes text for XML content and attribute values, and drops the control
/// characters XML 1.0 cannot hold.
pub(crate) fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A number as SVG writes it: at most one decimal, `0` for anything not finite.
fn num(value: f64) -> String {
    if !value.is_finite() {
        return "0".to_owned();
    }
    let tenths = (value * 10.0).round() / 10.0;
    if tenths == tenths.trunc() {
        format!("{}", tenths as i64)
    } else {
        format!("{tenths:.1}")
    }
}

fn fill_of(kind: ElementKind) -> (&'static str, &'static str) {
    use ElementKind::*;
    match kind {
        Site => ("#f5f5f5", "#757575"),
        Router => ("#e3f2fd", "#1565c0"),
        Circuit | DirectPort => ("#fff3e0", "#e65100"),
        Vnet => ("#e8f5e9", "#2e7d32"),
        Subnet => ("#ffffff", "#66bb6a"),
        Gateway => ("#ede7f6", "#4527a0"),
        Appliance => ("#fce4ec", "#ad1457"),
        RouteTable => ("#fffde7", "#f9a825"),
        Nsg => ("#ffebee", "#c62828"),
        _ => ("#ffffff", "#9e9e9e"),
    }
}

/// Stroke colour, width and dash pattern of an edge kind.
fn stroke_of(kind: EdgeKind) -> (&'static str, &'static str, &'static str) {
    match kind {
        EdgeKind::CircuitPrimary => ("#e65100", "2.5", ""),
        EdgeKind::CircuitSecondary => ("#e65100", "2.5", "7 4"),
        EdgeKind::GatewayConnection => ("#4527a0", "2", ""),
        EdgeKind::SiteLink => ("#546e7a", "1.5", ""),
        EdgeKind::VnetPeering => ("#2e7d32", "1.5", "2 3"),
        EdgeKind::GlobalReach => ("#00838f", "2", "10 4"),
        EdgeKind::Vpn => ("#c62828", "1.5", "4 2"),
    }
}

const LEGEND_NODES: [(ElementKind, &str); 9] = [
    (ElementKind::Site, "site"),
    (ElementKind::Router, "router"),
    (ElementKind::Circuit, "circuit or Direct port"),
    (ElementKind::Vnet, "VNet"),
    (ElementKind::Subnet, "subnet"),
    (ElementKind::Gateway, "gateway"),
    (ElementKind::Appliance, "appliance"),
    (ElementKind::RouteTable, "route table"),
    (ElementKind::Nsg, "network security group"),
];

/// The SVG document of a scene.
///
/// Deterministic and well-formed: every text from the design is escaped,
/// every element carries its id as `data-id`, and styles are inline.
///
/// ```
/// use routecraft_core::{diagram, templates};
/// let design = templates::connect_to();
/// let options = diagram::SvgOptions::for_design(&design);
/// let svg = diagram::svg(&diagram::scene(&design), &options);
/// assert!(svg.contains("data-id=\"er-contoso-ams\""));
/// ```
pub fn svg(scene: &Scene, options: &SvgOptions) -> String {
    let b = scene.bounds;
    let legend_top = b.bottom();
    let legend_height = if options.legend {
        3.0 * LINE_HEIGHT + 60.0
    } else {
        0.0
    };
    let chart = charts(&options.usage);
    let chart_top = legend_top + legend_height;
    let chart_h = if chart.is_empty() {
        0.0
    } else {
        f64::from(chart_height(options.usage.len())) + 20.0
    };
    let width = b.width.max(f64::from(CHART_WIDTH) + 40.0);
    let height = b.height + legend_height + chart_h;

    let mut out = String::new();
    let view = [num(b.x), num(b.y), num(width), num(height)].join(" ");
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{}\" \
         viewBox=\"{view}\" font-family=\"sans-serif\" font-size=\"12\">",
        num(width),
        num(height)
    );
    if !options.title.is_empty() {
        let _ = writeln!(out, "<title>{}</title>", xml(&options.title));
    }
    let _ = writeln!(
        out,
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#ffffff\"/>",
        num(b.x),
        num(b.y),
        num(width),
        num(height)
    );

    write_zones(&mut out, scene);
    for node in scene.nodes.iter().filter(|n| n.is_container) {
        write_node(&mut out, node);
    }
    write_edges(&mut out, scene);
    for node in scene.nodes.iter().filter(|n| !n.is_container) {
        write_node(&mut out, node);
    }
    if options.legend {
        write_legend(
            &mut out,
            Point {
                x: b.x + 20.0,
                y: legend_top,
            },
        );
    }
    if !chart.is_empty() {
        let at = format!("translate({} {})", num(b.x + 20.0), num(chart_top));
        let _ = writeln!(out, "<g class=\"charts\" transform=\"{at}\">");
        out.push_str(&chart);
        out.push_str("</g>\n");
    }
    out.push_str("</svg>\n");
    out
}

fn text(out: &mut String, at: Point, content: &str, attrs: &str) {
    let _ = writeln!(
        out,
        "<text x=\"{}\" y=\"{}\"{attrs}>{}</text>",
        num(at.x),
        num(at.y),
        xml(content)
    );
}

fn rect(out: &mut String, r: Rect, attrs: &str) {
    let _ = writeln!(
        out,
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"{attrs}/>",
        num(r.x),
        num(r.y),
        num(r.width),
        num(r.height)
    );
}

fn write_zones(out: &mut String, scene: &Scene) {
    for zone in &scene.zones {
        let _ = writeln!(out, "<g class=\"zone\" data-zone=\"{}\">", xml(&zone.id));
        let style = " rx=\"8\" fill=\"#fafafa\" stroke=\"#bdbdbd\" stroke-dasharray=\"6 4\"";
        rect(out, zone.rect, style);
        let at = Point {
            x: zone.rect.x + 20.0,
            y: zone.rect.y + 24.0,
        };
        let bold = " font-size=\"14\" font-weight=\"bold\" fill=\"#424242\"";
        text(out, at, &zone.title, bold);
        out.push_str("</g>\n");
    }
}

fn write_node(out: &mut String, node: &Node) {
    let (fill, stroke) = fill_of(node.kind);
    let _ = writeln!(
        out,
        "<g class=\"node\" data-id=\"{}\" data-kind=\"{:?}\">",
        xml(node.id.as_str()),
        node.kind
    );
    let style = format!(" rx=\"4\" fill=\"{fill}\" stroke=\"{stroke}\"");
    rect(out, node.rect, &style);
    let x = node.rect.x + 10.0;
    let y = node.rect.y + LINE_HEIGHT + 2.0;
    text(
        out,
        Point { x, y },
        &node.label,
        " font-weight=\"bold\" fill=\"#212121\"",
    );
    if !node.sublabel.is_empty() {
        let at = Point {
            x,
            y: y + LINE_HEIGHT,
        };
        text(
            out,
            at,
            &node.sublabel,
            " font-size=\"11\" fill=\"#616161\"",
        );
    }
    out.push_str("</g>\n");
}

fn write_edges(out: &mut String, scene: &Scene) {
    for edge in &scene.edges {
        let (color, width, dash) = stroke_of(edge.kind);
        let points: Vec<String> = edge
            .points
            .iter()
            .map(|p| format!("{},{}", num(p.x), num(p.y)))
            .collect();
        let _ = writeln!(
            out,
            "<g class=\"edge edge-{}\" data-id=\"{}\" data-key=\"{}\">",
            edge.kind.as_str(),
            xml(edge.id.as_str()),
            xml(&edge.key)
        );
        let dash = if dash.is_empty() {
            String::new()
        } else {
            format!(" stroke-dasharray=\"{dash}\"")
        };
        let _ = writeln!(
            out,
            "<polyline points=\"{}\" fill=\"none\" stroke=\"{color}\" \
             stroke-width=\"{width}\"{dash}/>",
            points.join(" ")
        );
        if !edge.label.is_empty() {
            let w = text_width(&edge.label);
            let at = edge.label_at;
            let back = Rect::new(at.x - 2.0, at.y, w + 4.0, LINE_HEIGHT);
            rect(out, back, " fill=\"#ffffff\" fill-opacity=\"0.85\"");
            let baseline = Point {
                x: at.x,
                y: at.y + LINE_HEIGHT - 4.0,
            };
            let style = format!(" font-size=\"11\" fill=\"{color}\"");
            text(out, baseline, &edge.label, &style);
        }
        out.push_str("</g>\n");
    }
}

fn write_legend(out: &mut String, at: Point) {
    out.push_str("<g class=\"legend\">\n");
    let bold = " font-weight=\"bold\" fill=\"#424242\"";
    text(
        out,
        Point {
            x: at.x,
            y: at.y + 16.0,
        },
        "Legend",
        bold,
    );
    let mut x = at.x;
    let y = at.y + 36.0;
    for kind in EdgeKind::ALL {
        let (color, width, dash) = stroke_of(kind);
        let dash = if dash.is_empty() {
            String::new()
        } else {
            format!(" stroke-dasharray=\"{dash}\"")
        };
        let _ = writeln!(
            out,
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{color}\" \
             stroke-width=\"{width}\"{dash}/>",
            num(x),
            num(y - 4.0),
            num(x + 30.0),
            num(y - 4.0)
        );
        text(out, Point { x: x + 36.0, y }, kind.label(), "");
        x += 36.0 + text_width(kind.label()) + 20.0;
    }
    let mut x = at.x;
    let y = y + 2.0 * LINE_HEIGHT;
    for (kind, label) in LEGEND_NODES {
        let (fill, stroke) = fill_of(kind);
        let swatch = Rect::new(x, y - 11.0, 18.0, 14.0);
        rect(
            out,
            swatch,
            &format!(" rx=\"3\" fill=\"{fill}\" stroke=\"{stroke}\""),
        );
        text(out, Point { x: x + 24.0, y }, label, "");
        x += 24.0 + text_width(label) + 20.0;
    }
    out.push_str("</g>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_have_at_most_one_decimal() {
        assert_eq!(num(12.0), "12");
        assert_eq!(num(12.25), "12.3");
        assert_eq!(num(-3.04), "-3");
        assert_eq!(num(f64::NAN), "0");
    }

    #[test]
    fn xml_escapes_markup_and_drops_control_characters() {
        assert_eq!(xml("a<b>&\"'\u{1}\nc"), "a&lt;b&gt;&amp;&quot;&apos; c");
    }
}

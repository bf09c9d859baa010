//! The diagram's geometry: zones, containment, both connections of every
//! circuit, labels that do not overlap, and no panic on dangling references.

use routecraft_core::diagram::{self, EdgeKind, Rect, Scene};
use routecraft_core::model::{Design, Id, Position};
use routecraft_core::templates;

fn both_templates() -> Vec<Design> {
    vec![templates::connect_through(), templates::connect_to()]
}

fn node<'a>(scene: &'a Scene, id: &str) -> &'a diagram::Node {
    scene
        .nodes
        .iter()
        .find(|n| n.id == id)
        .unwrap_or_else(|| panic!("no node {id}"))
}

fn inside(inner: &Rect, outer: &Rect) -> bool {
    inner.x >= outer.x
        && inner.y >= outer.y
        && inner.right() <= outer.right()
        && inner.bottom() <= outer.bottom()
}

#[test]
fn the_scene_is_deterministic() {
    for design in both_templates() {
        assert_eq!(diagram::scene(&design), diagram::scene(&design));
    }
}

#[test]
fn zones_run_left_to_right_from_sites_to_azure() {
    let scene = diagram::scene(&templates::connect_through());
    let ids: Vec<&str> = scene.zones.iter().map(|z| z.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "customer-sites",
            "csp-sites",
            "provider-edge",
            "region-westeurope"
        ]
    );
    for pair in scene.zones.windows(2) {
        assert!(pair[0].rect.right() < pair[1].rect.x);
    }
}

#[test]
fn every_child_lies_inside_its_container() {
    for design in both_templates() {
        let scene = diagram::scene(&design);
        for n in &scene.nodes {
            if let Some(parent) = &n.parent {
                let p = node(&scene, parent.as_str());
                assert!(p.is_container);
                assert!(inside(&n.rect, &p.rect), "{} outside {}", n.id, p.id);
            }
        }
    }
}

#[test]
fn gateways_stand_in_the_gateway_subnet() {
    let scene = diagram::scene(&templates::connect_to());
    let gateway = node(&scene, "contoso-hub-ergw");
    assert_eq!(gateway.parent.as_ref().unwrap(), "contoso-hub-gateway");
    assert_eq!(
        node(&scene, "contoso-hub-gateway").parent.as_ref().unwrap(),
        "contoso-hub"
    );
}

#[test]
fn every_circuit_has_two_distinct_connections() {
    for design in both_templates() {
        let scene = diagram::scene(&design);
        for c in &design.circuits {
            let ends: Vec<_> = scene
                .edges
                .iter()
                .filter(|e| e.id == c.id)
                .filter(|e| {
                    matches!(
                        e.kind,
                        EdgeKind::CircuitPrimary | EdgeKind::CircuitSecondary
                    )
                })
                .collect();
            assert_eq!(ends.len(), 2, "{}", c.id);
            assert_ne!(ends[0].kind, ends[1].kind);
            assert_ne!(ends[0].points, ends[1].points);
            assert_ne!(ends[0].key, ends[1].key);
        }
    }
}

#[test]
fn labels_do_not_overlap() {
    for design in both_templates() {
        let scene = diagram::scene(&design);
        let w = diagram::CHAR_WIDTH;
        let h = diagram::LINE_HEIGHT;
        let mut boxes: Vec<(String, Rect)> = Vec::new();
        for e in scene.edges.iter().filter(|e| !e.label.is_empty()) {
            let width = e.label.chars().count() as f64 * w;
            boxes.push((
                e.key.clone(),
                Rect::new(e.label_at.x, e.label_at.y, width, h),
            ));
        }
        for n in scene.nodes.iter().filter(|n| !n.is_container) {
            boxes.push((n.id.to_string(), n.rect));
        }
        for (i, (a, ra)) in boxes.iter().enumerate() {
            for (b, rb) in &boxes[i + 1..] {
                assert!(!ra.intersects(rb), "{a} overlaps {b}");
            }
        }
    }
}

/// What a line must not pass through: every box that holds nothing, and
/// the header (name and detail) of every container.
fn blocking(scene: &Scene) -> Vec<(Id, Rect)> {
    let header = 2.0 * diagram::LINE_HEIGHT + 8.0;
    scene
        .nodes
        .iter()
        .map(|n| {
            let r = n.rect;
            let h = if n.is_container { header } else { r.height };
            (n.id.clone(), Rect::new(r.x, r.y, r.width, h))
        })
        .collect()
}

#[test]
fn lines_pass_through_no_box_but_their_own_ends() {
    use routecraft_core::generate::{largest_realistic, sized, Sizes};
    let generated = (1..=4)
        .map(|seed| sized(&Sizes::small(), seed))
        .chain([largest_realistic(42)]);
    for design in both_templates().into_iter().chain(generated) {
        let scene = diagram::scene(&design);
        let boxes = blocking(&scene);
        for e in &scene.edges {
            for run in e.points.windows(2) {
                let (a, b) = (run[0], run[1]);
                let line = Rect::new(
                    a.x.min(b.x),
                    a.y.min(b.y),
                    (b.x - a.x).abs(),
                    (b.y - a.y).abs(),
                );
                for (id, r) in boxes.iter().filter(|(id, _)| *id != e.from && *id != e.to) {
                    assert!(
                        !line.intersects(r),
                        "{}: {} line {:?} crosses {id} {r:?}",
                        design.name,
                        e.key,
                        e.points
                    );
                }
            }
        }
    }
}

#[test]
fn a_position_in_the_layout_is_kept_and_children_follow() {
    let mut design = templates::connect_to();
    let before = diagram::scene(&design);
    let vnet = node(&before, "contoso-hub").rect;
    let subnet = node(&before, "contoso-hub-shared").rect;
    design
        .layout
        .positions
        .insert(Id::new("contoso-hub"), Position::new(2000.0, 900.0));
    let after = diagram::scene(&design);
    assert_eq!(node(&after, "contoso-hub").rect.x, 2000.0);
    let moved = node(&after, "contoso-hub-shared").rect;
    assert_eq!(moved.x - 2000.0, subnet.x - vnet.x);
    assert!(inside(&moved, &after.bounds));
}

#[test]
fn auto_layout_places_every_node_and_changes_nothing() {
    for mut design in both_templates() {
        let before = diagram::scene(&design);
        design.layout = diagram::auto_layout(&design);
        assert_eq!(design.layout.positions.len(), before.nodes.len());
        assert_eq!(diagram::scene(&design), before);
    }
}

#[test]
fn dangling_references_are_drawn_without_panic() {
    let mut design = templates::connect_through();
    design.routers[0].site = Id::new("nowhere");
    design.gateways[0].vnet = Id::new("nowhere");
    design.circuits[0].primary_router = Some(Id::new("nowhere"));
    design.connections[0].circuit = Id::new("nowhere");
    design
        .layout
        .positions
        .insert(Id::new("nw-ams1"), Position::new(f64::NAN, 1.0));
    let scene = diagram::scene(&design);
    assert!(scene.zones.iter().any(|z| z.id == "unplaced"));
    assert!(scene.bounds.width.is_finite());
    assert!(diagram::scene(&Design::default()).nodes.is_empty());
}

fn render(design: &Design) -> String {
    let options = diagram::SvgOptions::for_design(design);
    diagram::svg(&diagram::scene(design), &options)
}

#[test]
fn the_svg_parses_as_xml_and_carries_every_node_id() {
    for design in both_templates() {
        let text = render(&design);
        let doc = roxmltree::Document::parse(&text).expect("well-formed SVG");
        let ids: Vec<&str> = doc
            .descendants()
            .filter_map(|n| n.attribute("data-id"))
            .collect();
        for node in diagram::scene(&design).nodes {
            assert!(ids.contains(&node.id.as_str()), "{} missing", node.id);
        }
        assert!(doc
            .descendants()
            .any(|n| n.attribute("class") == Some("legend")));
        assert!(doc
            .descendants()
            .any(|n| n.attribute("class") == Some("charts")));
        assert_eq!(text, render(&design));
    }
}

#[test]
fn hostile_names_cannot_break_the_svg() {
    let mut design = templates::connect_to();
    let hostile = "x\"/><script>alert(1)</script>${evil}\n'&\u{1}";
    design.name = hostile.into();
    design.sites[0].name = hostile.into();
    design.circuits[0].name = hostile.into();
    let text = render(&design);
    let doc = roxmltree::Document::parse(&text).expect("well-formed SVG");
    assert!(!doc.descendants().any(|n| n.has_tag_name("script")));
    let title = doc.descendants().find(|n| n.has_tag_name("title")).unwrap();
    assert_eq!(
        title.text(),
        Some("x\"/><script>alert(1)</script>${evil} '&")
    );
}

#[test]
fn usage_counts_links_prefixes_and_limits() {
    let usage = diagram::circuit_usage(&templates::connect_through());
    assert_eq!(usage.len(), 2);
    assert_eq!(usage[0].bandwidth_mbps, 1000);
    assert_eq!(usage[0].bandwidth_limit_mbps, 10_000);
    assert_eq!(usage[0].prefixes, 1);
    assert_eq!(usage[0].prefix_limit, 4000);
    assert_eq!((usage[0].vnet_links, usage[0].vnet_link_limit), (1, 10));
}

#[test]
fn a_site_with_many_prefixes_names_a_few_and_counts_the_rest() {
    let mut design = templates::connect_to();
    let site = &mut design.sites[0];
    site.address_space = (0..2000u32)
        .map(|i| {
            format!("10.{}.{}.0/24", 100 + i / 256, i % 256)
                .parse()
                .unwrap()
        })
        .collect();
    let id = site.id.clone();
    let scene = diagram::scene(&design);
    let n = node(&scene, id.as_str());
    assert!(n.sublabel.ends_with("and 1997 more"), "{}", n.sublabel);
    assert!(
        n.rect.width < 600.0,
        "the box stays narrow: {}",
        n.rect.width
    );
}

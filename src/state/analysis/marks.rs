//! What the canvas marks: the nodes and edges a traced path crosses, and
//! those a failure set takes down. Both are sets of scene ids and edge
//! keys, drawn as a class on the shapes the canvas already has, so no
//! second geometry is ever computed.

use std::collections::{BTreeMap, BTreeSet};

use routecraft_core::diagram::{EdgeKind, Scene};
use routecraft_core::model::{Design, Id};
use routecraft_core::routing::{FailureUnit, Failures, Place, Trace};

/// Nodes by id and edges by key.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Marks {
    /// Node ids.
    pub nodes: BTreeSet<Id>,
    /// Edge keys, such as `er-1/primary`.
    pub edges: BTreeSet<String>,
}

impl Marks {
    /// Tells whether nothing is marked.
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty() && self.edges.is_empty()
    }
}

/// A node a path passes, with the edge key it names when it is one
/// connection of a circuit.
struct Stop {
    node: Id,
    link: Option<String>,
}

fn stop(place: &Place) -> Option<Stop> {
    let node = |id: &Id| {
        Some(Stop {
            node: id.clone(),
            link: None,
        })
    };
    match place {
        Place::Subnet { subnet, .. } => node(subnet),
        Place::Appliance { appliance } => node(appliance),
        Place::Gateway { gateway } => node(gateway),
        Place::Circuit { circuit, link, .. } => Some(Stop {
            node: circuit.clone(),
            link: Some(format!("{circuit}/{}", link.label())),
        }),
        Place::GlobalReach { to, .. } => node(to),
        Place::Router { router, .. } => node(router),
        Place::Site { site } => node(site),
        Place::VpnTunnel { .. } | Place::Internet | Place::MicrosoftService { .. } => None,
    }
}

/// An id with every container around it, innermost first.
fn lineage(parents: &BTreeMap<&Id, &Id>, id: &Id) -> Vec<Id> {
    let mut out = vec![id.clone()];
    let mut at = id;
    while let Some(parent) = parents.get(at) {
        if out.contains(parent) {
            break;
        }
        out.push((*parent).clone());
        at = parent;
    }
    out
}

/// The nodes and edges every path of `trace` crosses.
///
/// An edge counts when it joins two consecutive stops of a path or their
/// containers (a spoke subnet reaches the hub's gateway over the VNets'
/// peering); of a circuit's two connections only the one taken counts.
pub fn path_marks(scene: &Scene, trace: &Trace) -> Marks {
    let parents: BTreeMap<&Id, &Id> = scene
        .nodes
        .iter()
        .filter_map(|n| n.parent.as_ref().map(|p| (&n.id, p)))
        .collect();
    let mut marks = Marks::default();

    for path in &trace.paths {
        let stops: Vec<Stop> = path.hops.iter().filter_map(|h| stop(&h.place)).collect();
        for hop in &path.hops {
            if let Place::VpnTunnel { connection } = &hop.place {
                marks.edges.extend(
                    scene
                        .edges
                        .iter()
                        .filter(|e| &e.id == connection)
                        .map(|e| e.key.clone()),
                );
            }
        }
        for s in &stops {
            marks.nodes.insert(s.node.clone());
        }
        for pair in stops.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            let ends_a = lineage(&parents, &a.node);
            let ends_b = lineage(&parents, &b.node);
            let hints: Vec<&String> = [&a.link, &b.link].into_iter().flatten().collect();
            for e in &scene.edges {
                let joins = (ends_a.contains(&e.from) && ends_b.contains(&e.to))
                    || (ends_b.contains(&e.from) && ends_a.contains(&e.to));
                let is_link = matches!(
                    e.kind,
                    EdgeKind::CircuitPrimary | EdgeKind::CircuitSecondary
                );
                if joins && (!is_link || hints.is_empty() || hints.contains(&&e.key)) {
                    marks.edges.insert(e.key.clone());
                }
            }
        }
    }
    marks
}

/// The nodes and edges down with `failures`: a failed node and every edge
/// touching it, a failed connection or link alone.
pub fn down_marks(design: &Design, scene: &Scene, failures: &Failures) -> Marks {
    let mut marks = Marks::default();
    if failures.is_empty() {
        return marks;
    }
    for c in &design.circuits {
        if failures.is_circuit_down(design, &c.id) {
            marks.nodes.insert(c.id.clone());
        }
    }
    for unit in failures.iter() {
        match unit {
            FailureUnit::CircuitLink { circuit, link } => {
                marks.edges.insert(format!("{circuit}/{}", link.label()));
            }
            FailureUnit::Gateway(id) | FailureUnit::Router(id) => {
                marks.nodes.insert(id.clone());
            }
            FailureUnit::VpnConnection(id) | FailureUnit::SiteLink(id) => {
                marks.edges.extend(
                    scene
                        .edges
                        .iter()
                        .filter(|e| &e.id == id)
                        .map(|e| e.key.clone()),
                );
            }
            FailureUnit::Circuit(_) | FailureUnit::PeeringLocation(_) => {}
        }
    }
    let touching: Vec<String> = scene
        .edges
        .iter()
        .filter(|e| marks.nodes.contains(&e.from) || marks.nodes.contains(&e.to))
        .map(|e| e.key.clone())
        .collect();
    marks.edges.extend(touching);
    marks
}

#[cfg(test)]
mod tests {
    use super::*;
    use routecraft_core::diagram::scene;
    use routecraft_core::routing::{resolve, trace, Link, TraceRequest};
    use routecraft_core::templates::connect_through;

    fn spoke_to_hq(failures: &Failures) -> Marks {
        let design = connect_through();
        let routes = resolve(&design, failures);
        let request = TraceRequest::tcp(
            "10.100.4.4".parse().unwrap(),
            "10.10.0.1".parse().unwrap(),
            443,
        )
        .at("contoso-spoke-app-workload");
        path_marks(&scene(&design), &trace(&design, &routes, &request))
    }

    #[test]
    fn a_path_marks_its_stops_the_peering_and_both_connections_taken() {
        let marks = spoke_to_hq(&Failures::none());
        for node in [
            "contoso-spoke-app-workload",
            "contoso-hub-ergw",
            "er-contoso-ams",
            "contoso-hq",
        ] {
            assert!(marks.nodes.contains(node), "{node} in {marks:?}");
        }
        assert!(
            marks.edges.contains("contoso-spoke-app-to-hub/peering"),
            "{marks:?}"
        );
        assert!(marks.edges.contains("er-contoso-ams/primary"));
        assert!(marks.edges.contains("er-contoso-ams/secondary"));
        assert!(!marks.nodes.contains("fabrikam-hub-ergw"));
    }

    #[test]
    fn with_the_primary_down_only_the_secondary_is_marked() {
        let down = Failures::of([FailureUnit::CircuitLink {
            circuit: "er-contoso-ams".into(),
            link: Link::Primary,
        }]);
        let marks = spoke_to_hq(&down);
        assert!(!marks.edges.contains("er-contoso-ams/primary"), "{marks:?}");
        assert!(marks.edges.contains("er-contoso-ams/secondary"));
    }

    #[test]
    fn a_failed_circuit_takes_its_node_and_every_edge_touching_it_down() {
        let design = connect_through();
        let down = Failures::of([FailureUnit::Circuit("er-contoso-ams".into())]);
        let marks = down_marks(&design, &scene(&design), &down);
        assert!(marks.nodes.contains("er-contoso-ams"));
        assert!(marks.edges.contains("er-contoso-ams/primary"));
        assert!(marks.edges.contains("er-contoso-ams/secondary"));
        assert!(!marks.edges.contains("er-fabrikam-ams/primary"));
    }

    #[test]
    fn a_failed_link_marks_that_edge_alone() {
        let design = connect_through();
        let down = Failures::of([FailureUnit::CircuitLink {
            circuit: "er-contoso-ams".into(),
            link: Link::Secondary,
        }]);
        let marks = down_marks(&design, &scene(&design), &down);
        assert!(marks.nodes.is_empty());
        assert_eq!(marks.edges.len(), 1);
    }
}

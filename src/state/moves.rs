//! Moving nodes on the canvas: one command per drag or nudge, with the
//! nodes a container holds moving along.

use routecraft_core::diagram::Scene;
use routecraft_core::edit::Command;
use routecraft_core::model::{Design, Id, Position};

use super::viewport::Rect;

/// The ids of `ids` and of every node they hold, nested at any depth.
pub fn with_descendants(scene: &Scene, ids: &[Id]) -> Vec<Id> {
    let mut out: Vec<Id> = Vec::new();
    for node in &scene.nodes {
        let held = ids.contains(&node.id) || node.parent.as_ref().is_some_and(|p| out.contains(p));
        if held && !out.contains(&node.id) {
            out.push(node.id.clone());
        }
    }
    out
}

/// The command that moves the nodes `ids` by (dx, dy), or `None` when
/// nothing moves. Nodes the layout has not placed yet are placed where
/// they are drawn plus the offset; placed ones move with `Command::Move`.
pub fn move_nodes(design: &Design, scene: &Scene, ids: &[Id], dx: f64, dy: f64) -> Option<Command> {
    if (dx == 0.0 && dy == 0.0) || ids.is_empty() {
        return None;
    }
    let moving = with_descendants(scene, ids);
    let (placed, unplaced): (Vec<Id>, Vec<Id>) = moving
        .into_iter()
        .partition(|id| design.layout.positions.contains_key(id));
    // A node without a position follows its container, so only the ones
    // the user picked need placing.
    let place: Vec<(Id, Position)> = scene
        .nodes
        .iter()
        .filter(|n| unplaced.contains(&n.id) && ids.contains(&n.id))
        .map(|n| (n.id.clone(), Position::new(n.rect.x + dx, n.rect.y + dy)))
        .collect();

    let mut commands = Vec::new();
    if !place.is_empty() {
        commands.push(Command::Place(place));
    }
    if !placed.is_empty() {
        commands.push(Command::Move {
            ids: placed,
            dx,
            dy,
        });
    }
    let label = match ids {
        [one] => format!(
            "Move {}",
            design
                .find(one.as_str())
                .map_or(one.to_string(), |e| e.name())
        ),
        _ => format!("Move {} elements", ids.len()),
    };
    Some(Command::Batch { label, commands })
}

/// The nodes a rubber band selects: leaves it touches, containers it holds whole.
pub fn in_band(scene: &Scene, band: Rect) -> Vec<Id> {
    scene
        .nodes
        .iter()
        .filter(|n| {
            let r = Rect {
                x: n.rect.x,
                y: n.rect.y,
                width: n.rect.width,
                height: n.rect.height,
            };
            if n.is_container {
                band.contains(r.x, r.y) && band.contains(r.x + r.width, r.y + r.height)
            } else {
                band.intersects(&r)
            }
        })
        .map(|n| n.id.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use routecraft_core::diagram::scene;
    use routecraft_core::edit::apply;
    use routecraft_core::templates::connect_to;

    #[test]
    fn moving_an_unplaced_vnet_carries_its_subnets() {
        let d = connect_to();
        let s = scene(&d);
        let before = s
            .nodes
            .iter()
            .find(|n| n.id == "contoso-hub-shared")
            .unwrap()
            .rect;
        let command = move_nodes(&d, &s, &[Id::new("contoso-hub")], 20.0, 10.0).unwrap();
        let after_design = apply(&d, &command).unwrap();
        let after = scene(&after_design);
        let moved = after
            .nodes
            .iter()
            .find(|n| n.id == "contoso-hub-shared")
            .unwrap()
            .rect;
        assert_eq!((moved.x - before.x, moved.y - before.y), (20.0, 10.0));
    }

    #[test]
    fn a_second_move_of_a_placed_node_uses_move() {
        let d = connect_to();
        let s = scene(&d);
        let ids = [Id::new("contoso-hub")];
        let d = apply(&d, &move_nodes(&d, &s, &ids, 10.0, 0.0).unwrap()).unwrap();
        let Some(Command::Batch { commands, .. }) = move_nodes(&d, &scene(&d), &ids, 10.0, 0.0)
        else {
            panic!("a batch");
        };
        assert!(matches!(commands.as_slice(), [Command::Move { .. }]));
    }

    #[test]
    fn a_band_around_nothing_selects_nothing() {
        let s = scene(&connect_to());
        let band = Rect {
            x: -500.0,
            y: -500.0,
            width: 10.0,
            height: 10.0,
        };
        assert!(in_band(&s, band).is_empty());
    }
}

//! Duplicating a selection: copies with fresh ids, nested elements too,
//! offset so that they do not hide the originals.

use routecraft_core::edit::{Command, Element};
use routecraft_core::model::{Design, Id, Position};

use super::ids::IdPool;

/// How far copies land from their originals, in canvas units.
const OFFSET: f64 = 30.0;

/// The command that duplicates `ids`, and the ids of the copies; `None`
/// when nothing in the selection can be copied.
pub fn duplicate(design: &Design, ids: &[Id]) -> Option<(Command, Vec<Id>)> {
    let mut pool = IdPool::new(design);
    let mut commands = Vec::new();
    let mut copies = Vec::new();

    for id in ids {
        let Some(mut element) = Element::of(design, id.as_str()) else {
            continue;
        };
        renew_ids(&mut element, &mut pool);
        let at = design
            .layout
            .positions
            .get(id)
            .map(|p| Position::new(p.x + OFFSET, p.y + OFFSET));
        copies.push(element.id().clone());
        commands.push(Command::Add { element, at });
    }

    if commands.is_empty() {
        return None;
    }
    let label = if copies.len() == 1 {
        "Duplicate".to_owned()
    } else {
        format!("Duplicate {} elements", copies.len())
    };
    Some((Command::Batch { label, commands }, copies))
}

fn renew_ids(element: &mut Element, pool: &mut IdPool) {
    let prefix = element.kind().label().replace(' ', "-").to_lowercase();
    let fresh = pool.fresh(&prefix);
    match element {
        Element::Customer(e) => e.id = fresh,
        Element::Subscription(e) => e.id = fresh,
        Element::Site(e) => e.id = fresh,
        Element::Router(e) => e.id = fresh,
        Element::SiteLink(e) => e.id = fresh,
        Element::DirectPort(e) => e.id = fresh,
        Element::Circuit(c) => {
            c.id = fresh;
            c.name = format!("{} copy", c.name);
            for p in &mut c.peerings {
                p.id = pool.fresh("peering");
                if let Some(f) = p.microsoft.as_mut().and_then(|m| m.route_filter.as_mut()) {
                    f.id = pool.fresh("route-filter");
                }
            }
            for a in &mut c.authorizations {
                a.id = pool.fresh("authorization");
            }
            for g in &mut c.global_reach {
                g.id = pool.fresh("global-reach");
            }
        }
        Element::Peering { peering, .. } => peering.id = fresh,
        Element::Authorization { authorization, .. } => authorization.id = fresh,
        Element::GlobalReach { global_reach, .. } => global_reach.id = fresh,
        Element::Vnet(v) => {
            v.id = fresh;
            v.name = format!("{}-copy", v.name);
            for s in &mut v.subnets {
                s.id = pool.fresh("subnet");
            }
        }
        Element::Subnet { subnet, .. } => subnet.id = fresh,
        Element::VnetPeering(e) => e.id = fresh,
        Element::Gateway(e) => e.id = fresh,
        Element::Connection(e) => e.id = fresh,
        Element::RouteTable(t) => {
            t.id = fresh;
            for r in &mut t.routes {
                r.id = pool.fresh("route");
            }
        }
        Element::Route { route, .. } => route.id = fresh,
        Element::Nsg(n) => {
            n.id = fresh;
            for r in &mut n.rules {
                r.id = pool.fresh("rule");
            }
        }
        Element::NsgRule { rule, .. } => rule.id = fresh,
        Element::Appliance(e) => e.id = fresh,
        Element::VpnConnection(e) => e.id = fresh,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use routecraft_core::edit::apply;
    use routecraft_core::templates::connect_to;

    #[test]
    fn duplicating_a_vnet_copies_its_subnets_with_fresh_ids() {
        let d = connect_to();
        let (command, copies) = duplicate(&d, &[Id::new("contoso-hub")]).unwrap();
        let next = apply(&d, &command).unwrap();
        assert_eq!(next.vnets.len(), d.vnets.len() + 1);
        assert_eq!(next.vnets.last().unwrap().subnets.len(), 2);
        assert!(next.contains(copies[0].as_str()));
    }

    #[test]
    fn duplicating_nothing_gives_no_command() {
        assert!(duplicate(&connect_to(), &[Id::new("nope")]).is_none());
    }
}

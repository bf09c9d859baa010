//! Removing elements together with what cannot exist without them.

use std::collections::BTreeSet;

use crate::model::*;

/// The ids that removing `ids` takes away: the elements themselves, what
/// they contain, and every element whose required reference points into
/// that set, repeated until nothing more falls.
///
/// Optional references (a circuit's router, a subnet's route table) are
/// cleared instead, so they are not listed.
pub fn removal_set(design: &Design, ids: &[Id]) -> BTreeSet<Id> {
    let mut gone: BTreeSet<Id> = BTreeSet::new();
    for id in ids {
        add_with_children(design, id, &mut gone);
    }
    loop {
        let before = gone.len();
        for id in dependents(design, &gone) {
            add_with_children(design, &id, &mut gone);
        }
        if gone.len() == before {
            return gone;
        }
    }
}

fn add_with_children(design: &Design, id: &Id, gone: &mut BTreeSet<Id>) {
    gone.insert(id.clone());
    if let Some(element) = super::Element::of(design, id.as_str()) {
        gone.extend(element.own_ids());
    }
}

fn dependents(d: &Design, gone: &BTreeSet<Id>) -> Vec<Id> {
    let hit = |id: &Id| gone.contains(id);
    let mut out = Vec::new();
    let mut take = |id: &Id, fall: bool| {
        if fall && !gone.contains(id) {
            out.push(id.clone());
        }
    };
    for e in &d.subscriptions {
        take(&e.id, hit(&e.customer));
    }
    for e in &d.routers {
        take(&e.id, hit(&e.site));
    }
    for e in &d.links {
        take(&e.id, hit(&e.a) || hit(&e.b));
    }
    for e in &d.direct_ports {
        take(&e.id, hit(&e.subscription));
    }
    for c in &d.circuits {
        take(&c.id, hit(&c.customer) || hit(&c.subscription));
        for a in &c.authorizations {
            take(&a.id, hit(&a.subscription));
        }
        for g in &c.global_reach {
            take(&g.id, hit(&g.peer_circuit));
        }
    }
    for e in &d.vnets {
        take(&e.id, hit(&e.subscription));
    }
    for e in &d.vnet_peerings {
        take(&e.id, hit(&e.local) || hit(&e.remote));
    }
    for e in &d.gateways {
        take(&e.id, hit(&e.vnet));
    }
    for e in &d.connections {
        take(&e.id, hit(&e.gateway) || hit(&e.circuit));
    }
    for e in &d.appliances {
        take(&e.id, hit(&e.subnet));
    }
    for e in &d.vpn_connections {
        take(&e.id, hit(&e.gateway) || hit(&e.router));
    }
    out
}

/// Removes every id in `gone` and clears optional references to them.
pub(super) fn purge(d: &mut Design, gone: &BTreeSet<Id>) {
    let keep = |id: &Id| !gone.contains(id);
    let clear = |slot: &mut Option<Id>| {
        if slot.as_ref().is_some_and(|id| gone.contains(id)) {
            *slot = None;
        }
    };

    d.customers.retain(|e| keep(&e.id));
    d.subscriptions.retain(|e| keep(&e.id));
    d.sites.retain(|e| keep(&e.id));
    d.sites.iter_mut().for_each(|e| clear(&mut e.customer));
    d.routers.retain(|e| keep(&e.id));
    d.routers
        .iter_mut()
        .for_each(|e| e.vrfs.retain(|v| keep(v)));
    d.links.retain(|e| keep(&e.id));
    d.links.iter_mut().for_each(|e| clear(&mut e.customer));
    d.direct_ports.retain(|e| keep(&e.id));

    d.circuits.retain(|e| keep(&e.id));
    for c in &mut d.circuits {
        clear(&mut c.direct_port);
        clear(&mut c.primary_router);
        clear(&mut c.secondary_router);
        c.peerings.retain(|p| keep(&p.id));
        for p in &mut c.peerings {
            if let Some(m) = &mut p.microsoft {
                if m.route_filter
                    .as_ref()
                    .is_some_and(|f| gone.contains(&f.id))
                {
                    m.route_filter = None;
                }
            }
        }
        c.authorizations.retain(|a| keep(&a.id));
        c.global_reach.retain(|g| keep(&g.id));
    }

    d.vnets.retain(|e| keep(&e.id));
    for v in &mut d.vnets {
        v.subnets.retain(|s| keep(&s.id));
        for s in &mut v.subnets {
            clear(&mut s.route_table);
            clear(&mut s.nsg);
        }
    }
    d.vnet_peerings.retain(|e| keep(&e.id));
    d.gateways.retain(|e| keep(&e.id));
    d.connections.retain(|e| keep(&e.id));
    d.connections
        .iter_mut()
        .for_each(|e| clear(&mut e.authorization));
    d.route_tables.retain(|e| keep(&e.id));
    d.route_tables
        .iter_mut()
        .for_each(|t| t.routes.retain(|r| keep(&r.id)));
    d.nsgs.retain(|e| keep(&e.id));
    d.nsgs
        .iter_mut()
        .for_each(|n| n.rules.retain(|r| keep(&r.id)));
    d.appliances.retain(|e| keep(&e.id));
    d.vpn_connections.retain(|e| keep(&e.id));

    d.layout.positions.retain(|id, _| keep(id));
    d.layout.sizes.retain(|id, _| keep(id));
}

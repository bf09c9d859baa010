//! The one place where a design changes.

use std::collections::BTreeSet;

use super::remove::{purge, removal_set};
use super::{connect, Command, EditError, Element};
use crate::model::*;

/// Applies a command and returns the changed design.
///
/// On error the given design is untouched and no partial change exists:
/// the work is done on a copy.
///
/// ```
/// use routecraft_core::edit::{apply, Command};
/// use routecraft_core::model::{CspModel, Design};
/// let design = Design::blank("Demo", CspModel::ConnectTo);
/// let renamed = apply(&design, &Command::Describe {
///     name: "Demo 2".into(), model: design.model, partner: design.partner.clone(),
/// }).unwrap();
/// assert_eq!(renamed.name, "Demo 2");
/// assert!(apply(&design, &Command::Remove(vec!["nothing".into()])).is_err());
/// ```
pub fn apply(design: &Design, command: &Command) -> Result<Design, EditError> {
    let mut next = design.clone();
    apply_in_place(&mut next, command)?;

    // An edit may not leave a reference to an element that does not exist.
    // Problems the design already had are not this edit's doing.
    if matches!(
        command,
        Command::Add { .. } | Command::Update(_) | Command::Batch { .. }
    ) {
        let before = design.integrity_problems();
        if let Some(new) = next
            .integrity_problems()
            .into_iter()
            .find(|p| !before.contains(p))
        {
            return Err(EditError::BrokenReference(new.to_string()));
        }
    }
    Ok(next)
}

fn apply_in_place(d: &mut Design, command: &Command) -> Result<(), EditError> {
    match command {
        Command::Add { element, at } => {
            add(d, element.clone())?;
            if let Some(at) = at {
                place(d, element.id(), *at)?;
            }
        }
        Command::Update(element) => update(d, element.clone())?,
        Command::Remove(ids) => {
            if let Some(missing) = ids.iter().find(|id| !d.contains(id.as_str())) {
                return Err(EditError::UnknownElement(missing.clone()));
            }
            let gone = removal_set(d, ids);
            purge(d, &gone);
        }
        Command::Move { ids, dx, dy } => {
            for id in ids {
                if !d.contains(id.as_str()) {
                    return Err(EditError::UnknownElement(id.clone()));
                }
                if let Some(at) = d.layout.positions.get(id).copied() {
                    place(d, id, Position::new(at.x + dx, at.y + dy))?;
                }
            }
        }
        Command::Place(placements) => {
            for (id, at) in placements {
                if !d.contains(id.as_str()) {
                    return Err(EditError::UnknownElement(id.clone()));
                }
                place(d, id, *at)?;
            }
        }
        Command::Connect { from, to } => connect::connect(d, from, to)?,
        Command::Describe {
            name,
            model,
            partner,
        } => {
            d.name = name.clone();
            d.model = *model;
            d.partner = partner.clone();
        }
        Command::KeepBaseline(keep) => {
            d.baseline = keep.then(|| {
                Box::new(Design {
                    baseline: None,
                    ..d.clone()
                })
            });
        }
        Command::Batch { commands, .. } => {
            for command in commands {
                apply_in_place(d, command)?;
            }
        }
    }
    Ok(())
}

fn place(d: &mut Design, id: &Id, at: Position) -> Result<(), EditError> {
    if !at.x.is_finite() || !at.y.is_finite() {
        return Err(EditError::BadPosition(id.clone()));
    }
    d.layout.positions.insert(id.clone(), at);
    Ok(())
}

fn check_new_ids(d: &Design, ids: &[Id], allowed: &BTreeSet<Id>) -> Result<(), EditError> {
    let mut seen = BTreeSet::new();
    for id in ids {
        if !id.is_valid() {
            return Err(EditError::InvalidId(id.clone()));
        }
        if !seen.insert(id.clone()) || (d.contains(id.as_str()) && !allowed.contains(id)) {
            return Err(EditError::DuplicateId(id.clone()));
        }
    }
    Ok(())
}

fn parent_error(parent: &Id, expected: ElementKind) -> EditError {
    EditError::UnknownParent {
        parent: parent.clone(),
        expected,
    }
}

fn add(d: &mut Design, element: Element) -> Result<(), EditError> {
    check_new_ids(d, &element.own_ids(), &BTreeSet::new())?;
    insert(d, element)
}

/// Puts a checked element in its list, or in its parent's.
fn insert(d: &mut Design, element: Element) -> Result<(), EditError> {
    match element {
        Element::Customer(e) => d.customers.push(e),
        Element::Subscription(e) => d.subscriptions.push(e),
        Element::Site(e) => d.sites.push(e),
        Element::Router(e) => d.routers.push(e),
        Element::SiteLink(e) => d.links.push(e),
        Element::DirectPort(e) => d.direct_ports.push(e),
        Element::Circuit(e) => d.circuits.push(e),
        Element::Peering { circuit, peering } => circuit_mut(d, &circuit)?.peerings.push(peering),
        Element::Authorization {
            circuit,
            authorization,
        } => circuit_mut(d, &circuit)?.authorizations.push(authorization),
        Element::GlobalReach {
            circuit,
            global_reach,
        } => circuit_mut(d, &circuit)?.global_reach.push(global_reach),
        Element::Vnet(e) => d.vnets.push(e),
        Element::Subnet { vnet, subnet } => d
            .vnets
            .iter_mut()
            .find(|v| v.id == vnet)
            .ok_or_else(|| parent_error(&vnet, ElementKind::Vnet))?
            .subnets
            .push(subnet),
        Element::VnetPeering(e) => d.vnet_peerings.push(e),
        Element::Gateway(e) => d.gateways.push(e),
        Element::Connection(e) => d.connections.push(e),
        Element::RouteTable(e) => d.route_tables.push(e),
        Element::Route { table, route } => d
            .route_tables
            .iter_mut()
            .find(|t| t.id == table)
            .ok_or_else(|| parent_error(&table, ElementKind::RouteTable))?
            .routes
            .push(route),
        Element::Nsg(e) => d.nsgs.push(e),
        Element::NsgRule { nsg, rule } => d
            .nsgs
            .iter_mut()
            .find(|n| n.id == nsg)
            .ok_or_else(|| parent_error(&nsg, ElementKind::Nsg))?
            .rules
            .push(rule),
        Element::Appliance(e) => d.appliances.push(e),
        Element::VpnConnection(e) => d.vpn_connections.push(e),
    }
    Ok(())
}

fn circuit_mut<'a>(d: &'a mut Design, id: &Id) -> Result<&'a mut Circuit, EditError> {
    d.circuits
        .iter_mut()
        .find(|c| &c.id == id)
        .ok_or_else(|| parent_error(id, ElementKind::Circuit))
}

/// Replaces an element in place, keeping its position in its list so that
/// the file's order and the diagram stay stable.
fn update(d: &mut Design, element: Element) -> Result<(), EditError> {
    let id = element.id().clone();
    let old = Element::of(d, id.as_str()).ok_or_else(|| EditError::UnknownElement(id.clone()))?;
    if old.kind() != element.kind() || parent(&old) != parent(&element) {
        return Err(EditError::KindChanged(id));
    }
    let old_ids: BTreeSet<Id> = old.own_ids().into_iter().collect();
    let new_ids = element.own_ids();
    check_new_ids(d, &new_ids, &old_ids)?;

    replace(d, element);
    let vanished: BTreeSet<Id> = old_ids
        .difference(&new_ids.into_iter().collect())
        .cloned()
        .collect();
    if !vanished.is_empty() {
        let ids: Vec<Id> = vanished.into_iter().collect();
        let gone = removal_set(d, &ids);
        purge(d, &gone);
    }
    Ok(())
}

fn parent(element: &Element) -> Option<&Id> {
    match element {
        Element::Peering { circuit, .. }
        | Element::Authorization { circuit, .. }
        | Element::GlobalReach { circuit, .. } => Some(circuit),
        Element::Subnet { vnet, .. } => Some(vnet),
        Element::Route { table, .. } => Some(table),
        Element::NsgRule { nsg, .. } => Some(nsg),
        _ => None,
    }
}

fn swap<T>(list: &mut [T], id_of: impl Fn(&T) -> &Id, id: &Id, new: T) {
    if let Some(slot) = list.iter_mut().find(|e| id_of(e) == id) {
        *slot = new;
    }
}

fn replace(d: &mut Design, element: Element) {
    let id = element.id().clone();
    match element {
        Element::Customer(e) => swap(&mut d.customers, |e| &e.id, &id, e),
        Element::Subscription(e) => swap(&mut d.subscriptions, |e| &e.id, &id, e),
        Element::Site(e) => swap(&mut d.sites, |e| &e.id, &id, e),
        Element::Router(e) => swap(&mut d.routers, |e| &e.id, &id, e),
        Element::SiteLink(e) => swap(&mut d.links, |e| &e.id, &id, e),
        Element::DirectPort(e) => swap(&mut d.direct_ports, |e| &e.id, &id, e),
        Element::Circuit(e) => swap(&mut d.circuits, |e| &e.id, &id, e),
        Element::Peering { circuit, peering } => {
            for c in d.circuits.iter_mut().filter(|c| c.id == circuit) {
                swap(&mut c.peerings, |p| &p.id, &id, peering.clone());
            }
        }
        Element::Authorization {
            circuit,
            authorization,
        } => {
            for c in d.circuits.iter_mut().filter(|c| c.id == circuit) {
                swap(&mut c.authorizations, |a| &a.id, &id, authorization.clone());
            }
        }
        Element::GlobalReach {
            circuit,
            global_reach,
        } => {
            for c in d.circuits.iter_mut().filter(|c| c.id == circuit) {
                swap(&mut c.global_reach, |g| &g.id, &id, global_reach.clone());
            }
        }
        Element::Vnet(e) => swap(&mut d.vnets, |e| &e.id, &id, e),
        Element::Subnet { vnet, subnet } => {
            for v in d.vnets.iter_mut().filter(|v| v.id == vnet) {
                swap(&mut v.subnets, |s| &s.id, &id, subnet.clone());
            }
        }
        Element::VnetPeering(e) => swap(&mut d.vnet_peerings, |e| &e.id, &id, e),
        Element::Gateway(e) => swap(&mut d.gateways, |e| &e.id, &id, e),
        Element::Connection(e) => swap(&mut d.connections, |e| &e.id, &id, e),
        Element::RouteTable(e) => swap(&mut d.route_tables, |e| &e.id, &id, e),
        Element::Route { table, route } => {
            for t in d.route_tables.iter_mut().filter(|t| t.id == table) {
                swap(&mut t.routes, |r| &r.id, &id, route.clone());
            }
        }
        Element::Nsg(e) => swap(&mut d.nsgs, |e| &e.id, &id, e),
        Element::NsgRule { nsg, rule } => {
            for n in d.nsgs.iter_mut().filter(|n| n.id == nsg) {
                swap(&mut n.rules, |r| &r.id, &id, rule.clone());
            }
        }
        Element::Appliance(e) => swap(&mut d.appliances, |e| &e.id, &id, e),
        Element::VpnConnection(e) => swap(&mut d.vpn_connections, |e| &e.id, &id, e),
    }
}

//! Fields of customers, subscriptions, sites, routers and links.

use routecraft_core::edit::Element;
use routecraft_core::model::{ElementKind as K, ManagedBy, SiteKind};

use super::parse::*;
use super::{reference, unknown, Form};

const SITE_KINDS: [SiteKind; 3] = [
    SiteKind::CustomerDatacenter,
    SiteKind::CspDatacenter,
    SiteKind::ProviderEdge,
];

fn site_kind_key(kind: SiteKind) -> &'static str {
    match kind {
        SiteKind::CustomerDatacenter => "customer-datacenter",
        SiteKind::CspDatacenter => "csp-datacenter",
        SiteKind::ProviderEdge => "provider-edge",
    }
}

pub(super) fn fields(f: &mut Form<'_>, element: &Element) {
    match element {
        Element::Customer(c) => {
            f.text("name", "Name", &c.name);
            f.text(
                "vrf",
                "VRF in the CSP network",
                c.vrf.as_deref().unwrap_or(""),
            );
            f.check(
                "separate_microsoft_peering",
                "Microsoft peering on its own circuit",
                c.security.separate_microsoft_peering,
            );
            f.check(
                "encryption_required",
                "Encryption in transit required",
                c.security.encryption_required,
            );
            f.check(
                "forced_tunnelling",
                "Forced tunnelling through on-premises",
                c.security.forced_tunnelling,
            );
            f.check(
                "entra_sync",
                "Directory synchronised to Entra ID",
                c.identity.entra_sync,
            );
            f.check(
                "admin_on_behalf",
                "CSP administers on behalf (AOBO)",
                c.identity.admin_on_behalf,
            );
            f.text("tenant_domain", "Tenant domain", &c.identity.tenant_domain);
        }
        Element::Subscription(s) => {
            f.text("name", "Name", &s.name);
            f.reference(
                "customer",
                "Customer",
                Some(&s.customer),
                K::Customer,
                false,
            );
            let managed = [(ManagedBy::Csp, "CSP"), (ManagedBy::Customer, "Customer")];
            f.select(
                "managed_by",
                "Managed by",
                managed_key(s.managed_by),
                managed.map(|(m, l)| (managed_key(m), l.to_owned())),
            );
        }
        Element::Site(s) => {
            f.text("name", "Name", &s.name);
            f.select(
                "kind",
                "Kind",
                site_kind_key(s.kind),
                SITE_KINDS.map(|k| (site_kind_key(k), k.label().to_owned())),
            );
            f.reference(
                "customer",
                "Customer",
                s.customer.as_ref(),
                K::Customer,
                true,
            );
            f.list("address_space", "Address space", &s.address_space);
            f.list("advertised", "Advertised over BGP", &s.advertised);
            f.check(
                "advertises_default_route",
                "Advertises a default route",
                s.advertises_default_route,
            );
        }
        Element::Router(r) => {
            f.text("name", "Host name", &r.name);
            f.reference("site", "Site", Some(&r.site), K::Site, false);
            f.text("asn", "ASN", r.asn);
        }
        Element::SiteLink(l) => {
            f.text("name", "Name", &l.name);
            f.reference(
                "customer",
                "Routing domain (customer)",
                l.customer.as_ref(),
                K::Customer,
                true,
            );
            f.text(
                "bandwidth_mbps",
                "Bandwidth (Mbps)",
                l.bandwidth_mbps.map_or(String::new(), |b| b.to_string()),
            );
        }
        _ => {}
    }
}

fn managed_key(m: ManagedBy) -> &'static str {
    match m {
        ManagedBy::Csp => "csp",
        ManagedBy::Customer => "customer",
    }
}

pub(super) fn set(element: &mut Element, key: &str, text: &str) -> Result<(), String> {
    match (element, key) {
        (Element::Customer(c), "name") => c.name = name(text)?,
        (Element::Customer(c), "vrf") => c.vrf = optional(text),
        (Element::Customer(c), "separate_microsoft_peering") => {
            c.security.separate_microsoft_peering = flag(text)
        }
        (Element::Customer(c), "encryption_required") => {
            c.security.encryption_required = flag(text)
        }
        (Element::Customer(c), "forced_tunnelling") => c.security.forced_tunnelling = flag(text),
        (Element::Customer(c), "entra_sync") => c.identity.entra_sync = flag(text),
        (Element::Customer(c), "admin_on_behalf") => c.identity.admin_on_behalf = flag(text),
        (Element::Customer(c), "tenant_domain") => {
            c.identity.tenant_domain = text.trim().to_owned()
        }
        (Element::Subscription(s), "name") => s.name = name(text)?,
        (Element::Subscription(s), "customer") => {
            s.customer = reference(text).ok_or("pick a customer")?
        }
        (Element::Subscription(s), "managed_by") => {
            s.managed_by = if text == "customer" {
                ManagedBy::Customer
            } else {
                ManagedBy::Csp
            }
        }
        (Element::Site(s), "name") => s.name = name(text)?,
        (Element::Site(s), "kind") => {
            s.kind = SITE_KINDS
                .into_iter()
                .find(|k| site_kind_key(*k) == text)
                .ok_or("pick a kind")?
        }
        (Element::Site(s), "customer") => s.customer = reference(text),
        (Element::Site(s), "address_space") => s.address_space = cidr_list(text)?,
        (Element::Site(s), "advertised") => s.advertised = cidr_list(text)?,
        (Element::Site(s), "advertises_default_route") => s.advertises_default_route = flag(text),
        (Element::Router(r), "name") => r.name = name(text)?,
        (Element::Router(r), "site") => r.site = reference(text).ok_or("pick a site")?,
        (Element::Router(r), "asn") => r.asn = asn(text)?,
        (Element::SiteLink(l), "name") => l.name = text.trim().to_owned(),
        (Element::SiteLink(l), "customer") => l.customer = reference(text),
        (Element::SiteLink(l), "bandwidth_mbps") => {
            l.bandwidth_mbps = match optional(text) {
                None => None,
                Some(t) => Some(number(&t, 1u32..=400_000)?),
            }
        }
        (_, key) => return Err(unknown(key)),
    }
    Ok(())
}

//! Each circuit's usage against Azure's limits, and its chart drawn with
//! plotters' SVG backend.
//!
//! Only plotters' drawing primitives are used, never its chart layout,
//! because the layout measures text with the platform's fonts: the chart
//! must come out byte-identical natively and in the browser.

use std::collections::BTreeSet;

use ipnet::IpNet;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use serde::Serialize;

use crate::facts;
use crate::model::{CircuitKind, Design, Id};

/// One circuit's committed bandwidth, prefixes and links against the limits
/// Azure sets for it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CircuitUsage {
    /// The circuit.
    pub circuit: Id,
    /// Its name.
    pub name: String,
    /// Committed bandwidth in Mbps; for a Direct circuit, the sum of every
    /// circuit on its port pair.
    pub bandwidth_mbps: u32,
    /// The most it may have: 10 Gbps for a provider circuit, the subscribed
    /// bandwidth of the port pair for Direct (§1.1).
    pub bandwidth_limit_mbps: u32,
    /// IPv4 prefixes on-premises advertises into private peering: every
    /// prefix the customer's sites and the circuit's terminating sites
    /// advertise, plus a default route where one is advertised.
    pub prefixes: u32,
    /// 4,000 or 10,000 by tier (§2.7).
    pub prefix_limit: u32,
    /// VNet links: gateway connections plus Global Reach connections (§3.1).
    pub vnet_links: u32,
    /// The tier and size's link limit (§3.1).
    pub vnet_link_limit: u32,
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The usage of every circuit of the design, in design order.
///
/// ```
/// use routecraft_core::{diagram, templates};
/// let usage = diagram::circuit_usage(&templates::connect_to());
/// assert_eq!(usage[0].prefix_limit, 4000);
/// assert_eq!(usage[0].vnet_links, 1);
/// ```
pub fn circuit_usage(design: &Design) -> Vec<CircuitUsage> {
    design
        .circuits
        .iter()
        .map(|c| {
            let routers = [&c.primary_router, &c.secondary_router];
            let sites: BTreeSet<&str> = routers
                .iter()
                .filter_map(|r| r.as_ref())
                .filter_map(|r| design.routers.iter().find(|x| x.id == *r))
                .map(|r| r.site.as_str())
                .collect();
            let mut prefixes: BTreeSet<IpNet> = BTreeSet::new();
            for site in &design.sites {
                let own = site.customer.as_ref() == Some(&c.customer);
                if own || sites.contains(site.id.as_str()) {
                    prefixes.extend(site.advertised.iter().filter(|p| p.addr().is_ipv4()));
                    if site.advertises_default_route {
                        prefixes.insert(IpNet::V4(Default::default()));
                    }
                }
            }

            let (bandwidth_mbps, bandwidth_limit_mbps) = match c.kind {
                CircuitKind::Direct => {
                    let port = c
                        .direct_port
                        .as_ref()
                        .and_then(|p| design.direct_ports.iter().find(|d| d.id == *p));
                    let on_port: u32 = design
                        .circuits
                        .iter()
                        .filter(|o| o.direct_port.is_some() && o.direct_port == c.direct_port)
                        .fold(0u32, |sum, o| sum.saturating_add(o.bandwidth_mbps));
                    let subscribed = port.map_or(0, |p| {
                        facts::direct_subscribed_gbps(p.port_speed_gbps).saturating_mul(1000)
                    });
                    (on_port.max(c.bandwidth_mbps), subscribed)
                }
                CircuitKind::Provider => {
                    let most = facts::PROVIDER_BANDWIDTHS_MBPS.iter().max().copied();
                    (c.bandwidth_mbps, most.unwrap_or(0))
                }
            };

            let links = design
                .connections
                .iter()
                .filter(|x| x.circuit == c.id)
                .count();
            CircuitUsage {
                circuit: c.id.clone(),
                name: c.name.clone(),
                bandwidth_mbps,
                bandwidth_limit_mbps,
                prefixes: count(prefixes.len()),
                prefix_limit: facts::private_peering_route_limit(c.tier),
                vnet_links: count(links.saturating_add(c.global_reach.len())),
                vnet_link_limit: facts::vnet_link_limit(c.tier, c.bandwidth_mbps),
            }
        })
        .collect()
}

/// Width of the charts, in canvas units.
pub(super) const CHART_WIDTH: u32 = 640;
const ROW: i32 = 22;
const TITLE: i32 = 24;
const NAME_WIDTH: i32 = 150;
const BAR_WIDTH: i32 = 300;

/// Height of the charts for `n` circuits.
pub(super) fn chart_height(n: usize) -> u32 {
    let rows = i32::try_from(n).unwrap_or(1000).min(1000);
    u32::try_from(TITLE + rows * (3 * ROW + 12) + 8).unwrap_or(0)
}

fn plain(n: u32) -> String {
    n.to_string()
}

/// Text as plotters may draw it: no control characters, which XML forbids.
fn clean(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// The usage of every circuit as horizontal bars against its limits, as a
/// standalone SVG document; empty when there is no circuit.
///
/// ```
/// use routecraft_core::{diagram, templates};
/// let usage = diagram::circuit_usage(&templates::connect_through());
/// let chart = diagram::charts(&usage);
/// assert!(chart.starts_with("<svg"));
/// assert_eq!(chart, diagram::charts(&usage));
/// ```
pub fn charts(usage: &[CircuitUsage]) -> String {
    if usage.is_empty() {
        return String::new();
    }
    let mut buf = String::new();
    if draw(usage, &mut buf).is_err() {
        return String::new();
    }
    buf
}

type DrawResult = Result<(), DrawingAreaErrorKind<std::io::Error>>;

fn draw(usage: &[CircuitUsage], buf: &mut String) -> DrawResult {
    let size = (CHART_WIDTH, chart_height(usage.len()));
    let root = SVGBackend::with_string(buf, size).into_drawing_area();
    root.fill(&WHITE)?;
    let font = |size: f64| TextStyle::from(("sans-serif", size).into_font());
    let left = Pos::new(HPos::Left, VPos::Center);
    let right = Pos::new(HPos::Right, VPos::Center);
    let title = "Circuit usage against Azure's limits";
    root.draw(&Text::new(title, (8, TITLE / 2), font(15.0).pos(left)))?;

    let mut y = TITLE;
    for u in usage.iter().take(1000) {
        let name = clean(&u.name);
        root.draw(&Text::new(name, (8, y + ROW / 2), font(13.0).pos(left)))?;
        let mbps: fn(u32) -> String = super::tree::bandwidth;
        let bars = [
            ("bandwidth", u.bandwidth_mbps, u.bandwidth_limit_mbps, mbps),
            ("prefixes", u.prefixes, u.prefix_limit, plain),
            ("VNet links", u.vnet_links, u.vnet_link_limit, plain),
        ];
        for (i, (what, used, limit, show)) in bars.into_iter().enumerate() {
            let top = y + ROW * i32::try_from(i).unwrap_or(0) + 4;
            let ratio = if limit == 0 {
                1.0
            } else {
                (f64::from(used) / f64::from(limit)).min(1.0)
            };
            let over = used > limit;
            let filled = (ratio * f64::from(BAR_WIDTH)).round() as i32;
            let x0 = NAME_WIDTH;
            let bar = [(x0, top + 2), (x0 + BAR_WIDTH, top + ROW - 4)];
            root.draw(&Rectangle::new(bar, RGBColor(236, 239, 241).filled()))?;
            let color = if over {
                RGBColor(198, 40, 40)
            } else if ratio >= 0.8 {
                RGBColor(239, 108, 0)
            } else {
                RGBColor(46, 125, 50)
            };
            let used_bar = [(x0, top + 2), (x0 + filled.max(1), top + ROW - 4)];
            root.draw(&Rectangle::new(used_bar, color.filled()))?;
            let mid = top + ROW / 2 - 1;
            let label_at = (x0 - 6, mid);
            root.draw(&Text::new(what, label_at, font(11.0).pos(right)))?;
            let text = format!("{} of {}", show(used), show(limit));
            let at = (x0 + BAR_WIDTH + 8, mid);
            root.draw(&Text::new(text, at, font(11.0).pos(left)))?;
        }
        y += 3 * ROW + 12;
    }
    root.present()?;
    Ok(())
}

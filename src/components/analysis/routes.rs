//! The routes panel: a subnet's effective routes as the Azure portal shows
//! them, or a router's routes in each of its routing domains.

use leptos::prelude::*;
use routecraft_core::model::{Design, ElementRef, Id};
use routecraft_core::routing::{BgpPath, EffectiveRoute, RouteState, RouterRoute};

use crate::analysis::use_analysis;
use crate::state::analysis::words;
use crate::studio::use_studio;

/// The most rows drawn before the filter is needed.
const ROW_LIMIT: usize = 200;

/// What the panel shows routes for.
#[derive(Clone, Debug, PartialEq)]
enum Target {
    Subnet(Id),
    Router(Id),
}

/// The subnet or router an element stands for.
fn target_of(design: &Design, id: &Id) -> Option<Target> {
    match design.find(id.as_str())? {
        ElementRef::Subnet(..) => Some(Target::Subnet(id.clone())),
        ElementRef::Router(..) => Some(Target::Router(id.clone())),
        ElementRef::Vnet(v) => v
            .subnets
            .iter()
            .find(|s| s.name != "GatewaySubnet")
            .or(v.subnets.first())
            .map(|s| Target::Subnet(s.id.clone())),
        ElementRef::Site(s) => design
            .routers
            .iter()
            .find(|r| r.site == s.id)
            .map(|r| Target::Router(r.id.clone())),
        _ => None,
    }
}

/// The routes panel.
#[component]
pub fn RoutesPanel() -> impl IntoView {
    let studio = use_studio();
    let analysis = use_analysis();
    let picked = RwSignal::new(None::<Id>);
    let filter = RwSignal::new(String::new());

    // The selection leads when it is something with routes; otherwise the
    // last pick stays.
    let target = Memo::new(move |_| {
        let design = studio.design.read();
        let selected = studio.selection.with(|s| s.first().cloned());
        selected
            .and_then(|id| target_of(&design, &id))
            .or_else(|| picked.get().and_then(|id| target_of(&design, &id)))
            .or_else(|| {
                let first = design.vnets.iter().flat_map(|v| &v.subnets).next()?;
                Some(Target::Subnet(first.id.clone()))
            })
    });
    let options = Memo::new(move |_| {
        studio.design.with(|d| {
            let subnets = d.vnets.iter().flat_map(|v| {
                v.subnets.iter().map(move |s| {
                    (
                        s.id.clone(),
                        format!("Subnet {} / {} ({})", v.name, s.name, s.prefix),
                    )
                })
            });
            let routers = d
                .routers
                .iter()
                .map(|r| (r.id.clone(), format!("Router {}", r.name)));
            subnets.chain(routers).collect::<Vec<_>>()
        })
    });
    let chosen = move || match target.get() {
        Some(Target::Subnet(id) | Target::Router(id)) => id.to_string(),
        None => String::new(),
    };
    let on_pick = move |ev: web_sys::Event| {
        let id = event_target_value(&ev);
        studio.selection.set(Vec::new());
        picked.set(Some(Id::from(id.as_str())));
    };
    let down = move || analysis.failures.with(|f| f.iter().count());

    view! {
        <section class="rc-panel rc-routes" aria-label="Routes" data-testid="routes"
            data-revision=move || { analysis.routes.track(); studio.revision().to_string() }>
            <h2 class="rc-panel__title">"Routes"</h2>
            <label class="rc-field">
                <span class="rc-field__label">"Subnet or router"</span>
                <select class="rc-field__input" data-testid="routes-target" prop:value=chosen on:change=on_pick>
                    {move || options.get().into_iter().map(|(id, label)| {
                        let value = id.to_string();
                        view! { <option value=value.clone() selected=move || chosen() == value>{label}</option> }
                    }).collect_view()}
                </select>
            </label>
            {move || (down() > 0).then(|| view! {
                <p class="rc-routes__down" data-testid="routes-down">
                    {format!("With {} element(s) down: see Failures.", down())}
                </p>
            })}
            <label class="rc-field rc-routes__filter">
                <span class="rc-field__label">"Filter"</span>
                <input class="rc-field__input" type="search" placeholder="Prefix, next hop or source"
                    data-testid="routes-filter" prop:value=move || filter.get()
                    on:input=move |ev| filter.set(event_target_value(&ev)) />
            </label>
            {move || match target.get() {
                None => view! { <p class="rc-panel__hint">"Add a VNet with a subnet, or a router, to see routes."</p> }.into_any(),
                Some(Target::Subnet(id)) => subnet_routes(id, filter).into_any(),
                Some(Target::Router(id)) => router_routes(id, filter).into_any(),
            }}
        </section>
    }
}

/// The filter as rows are matched against it: trimmed and lower case.
fn needle(filter: &str) -> String {
    filter.trim().to_lowercase()
}

/// Tells whether a row's cells hold `needle`, as [`needle`] makes it.
fn matches(needle: &str, cells: &[&str]) -> bool {
    needle.is_empty() || cells.iter().any(|c| c.to_lowercase().contains(needle))
}

fn subnet_routes(id: Id, filter: RwSignal<String>) -> impl IntoView {
    let analysis = use_analysis();
    let rows = move || {
        analysis
            .routes
            .with(|r| r.0.effective_routes(id.as_str()))
            .unwrap_or_default()
    };
    move || {
        let all: Vec<EffectiveRoute> = rows();
        let f = needle(&filter.get());
        // Without a filter no row's cells are written out to be matched:
        // a large table has thousands of rows and shows only the first.
        let shown: Vec<&EffectiveRoute> = all
            .iter()
            .filter(|r| {
                f.is_empty() || {
                    let prefix = r.prefix.to_string();
                    let ips = words::addresses(&r.next_hop_ips);
                    matches(
                        &f,
                        &[
                            &prefix,
                            r.next_hop_type.as_str(),
                            &ips,
                            words::source(r.source),
                            &r.note,
                        ],
                    )
                }
            })
            .collect();
        let total = shown.len();
        view! {
            <p class="rc-panel__hint" data-testid="routes-count">
                {format!("Effective routes: {} of {}", total.min(ROW_LIMIT), all.len())}
            </p>
            <div class="rc-table-wrap">
                <table class="rc-table" data-testid="routes-table">
                    <thead>
                        <tr>
                            <th scope="col">"Source"</th>
                            <th scope="col">"State"</th>
                            <th scope="col">"Address prefix"</th>
                            <th scope="col">"Next hop type"</th>
                            <th scope="col">"Next hop IP"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {shown.into_iter().take(ROW_LIMIT).map(route_row).collect_view()}
                    </tbody>
                </table>
            </div>
            {(total > ROW_LIMIT).then(|| view! {
                <p class="rc-panel__hint">{format!("{} more: narrow the filter to see them.", total - ROW_LIMIT)}</p>
            })}
        }
    }
}

fn route_row(r: &EffectiveRoute) -> impl IntoView {
    let invalid = r.state == RouteState::Invalid;
    view! {
        <tr class:rc-table__row--muted=invalid title=r.note.to_string()>
            <td>{words::source(r.source)}</td>
            <td>{words::state(r.state)}</td>
            <td class="rc-table__mono">{r.prefix.to_string()}</td>
            <td>{r.next_hop_type.as_str()}</td>
            <td class="rc-table__mono">
                {r.next_hop_ips.iter().map(|ip| view! { <span class="rc-table__line">{ip.to_string()}</span> }).collect_view()}
            </td>
        </tr>
    }
}

fn router_routes(id: Id, filter: RwSignal<String>) -> impl IntoView {
    let studio = use_studio();
    let analysis = use_analysis();
    move || {
        let f = needle(&filter.get());
        let design = studio.design.read();
        let domains = analysis.routes.with(|r| {
            r.0.router_domains(id.as_str())
                .into_iter()
                .map(|vrf| {
                    let rows =
                        r.0.router_routes(id.as_str(), vrf.as_ref())
                            .unwrap_or_default();
                    (vrf, rows)
                })
                .collect::<Vec<_>>()
        });
        if domains.is_empty() {
            return view! { <p class="rc-panel__hint">"This router carries no routing domain."</p> }.into_any();
        }
        domains
            .into_iter()
            .map(|(vrf, rows)| {
                let title = words::domain(&design, vrf.as_ref());
                let line = |r: &RouterRoute, p: &BgpPath| {
                    (
                        r.prefix.to_string(),
                        words::router_next_hop(&design, &p.next_hop),
                        words::bgp_attributes(p),
                    )
                };
                // As for subnets, lines are written out only to be matched
                // or shown.
                let paths: Vec<_> = rows
                    .iter()
                    .flat_map(|r: &RouterRoute| r.paths.iter().map(move |p| (r, p)))
                    .filter(|(r, p)| {
                        f.is_empty() || {
                            let (a, b, c) = line(r, p);
                            matches(&f, &[&a, &b, &c])
                        }
                    })
                    .collect();
                let total = paths.len();
                let lines: Vec<(String, String, String)> = paths
                    .into_iter()
                    .take(ROW_LIMIT)
                    .map(|(r, p)| line(r, p))
                    .collect();
                view! {
                    <h3 class="rc-panel__subtitle" data-testid="routes-domain">{title}</h3>
                    <div class="rc-table-wrap">
                        <table class="rc-table">
                            <thead>
                                <tr>
                                    <th scope="col">"Prefix"</th>
                                    <th scope="col">"Next hop"</th>
                                    <th scope="col">"Path"</th>
                                </tr>
                            </thead>
                            <tbody>
                                {lines.into_iter().take(ROW_LIMIT).map(|(prefix, hop, attrs)| view! {
                                    <tr>
                                        <td class="rc-table__mono">{prefix}</td>
                                        <td>{hop}</td>
                                        <td class="rc-table__small">{attrs}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                    {(total > ROW_LIMIT).then(|| view! {
                        <p class="rc-panel__hint">{format!("{} more: narrow the filter to see them.", total - ROW_LIMIT)}</p>
                    })}
                }
            })
            .collect_view()
            .into_any()
    }
}

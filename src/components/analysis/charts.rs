//! The charts panel: each circuit's bandwidth, prefixes and VNet links
//! against Azure's limits, drawn by the core with plotters.

use leptos::prelude::*;
use routecraft_core::diagram::{charts, circuit_usage};

use crate::studio::use_studio;

/// The charts panel.
#[component]
pub fn ChartsPanel() -> impl IntoView {
    let studio = use_studio();
    let usage = Memo::new(move |_| studio.design.with(circuit_usage));
    // The SVG comes from the core's own drawing code, which escapes every
    // name it writes, so it is safe to insert as markup.
    let svg = Memo::new(move |_| usage.with(|u| charts(u)));
    let summary = move || {
        usage.with(|u| {
            u.iter()
                .map(|c| {
                    format!(
                        "{}: {} of {} Mbps, {} of {} prefixes, {} of {} VNet links",
                        c.name,
                        c.bandwidth_mbps,
                        c.bandwidth_limit_mbps,
                        c.prefixes,
                        c.prefix_limit,
                        c.vnet_links,
                        c.vnet_link_limit
                    )
                })
                .collect::<Vec<_>>()
                .join("; ")
        })
    };

    view! {
        <section class="rc-panel rc-charts" aria-label="Charts" data-testid="charts">
            <h2 class="rc-panel__title">"Usage against limits"</h2>
            {move || if svg.with(String::is_empty) {
                view! { <p class="rc-panel__hint">"Add a circuit to chart its usage."</p> }.into_any()
            } else {
                view! {
                    <div class="rc-charts__chart" role="img" aria-label=summary data-testid="charts-svg"
                        inner_html=move || svg.get()></div>
                    <p class="rc-panel__hint">"Green is within limits, orange above 80 percent, red over the limit."</p>
                    <ul class="rc-usage" data-testid="charts-usage">
                        {move || usage.get().into_iter().map(|u| view! {
                            <li class="rc-usage__circuit">
                                <span class="rc-usage__name">{u.name.clone()}</span>
                                {usage_line("Bandwidth", u.bandwidth_mbps, u.bandwidth_limit_mbps, " Mbps")}
                                {usage_line("Prefixes", u.prefixes, u.prefix_limit, "")}
                                {usage_line("VNet links", u.vnet_links, u.vnet_link_limit, "")}
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

/// One usage figure as text, marked when near or over its limit.
fn usage_line(what: &'static str, used: u32, limit: u32, unit: &'static str) -> impl IntoView {
    let over = used > limit;
    let near = !over && limit > 0 && u64::from(used) * 10 >= u64::from(limit) * 8;
    view! {
        <span class="rc-usage__line" class:rc-usage__line--near=near class:rc-usage__line--over=over>
            {format!("{what}: {used}{unit} of {limit}{unit}")}
        </span>
    }
}

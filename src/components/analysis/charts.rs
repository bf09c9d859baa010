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
                }.into_any()
            }}
        </section>
    }
}

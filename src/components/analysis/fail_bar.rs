//! A small bar over the canvas that takes the selected circuit, gateway,
//! router, VPN connection or site link down, or brings it back up.

use leptos::prelude::*;
use routecraft_core::routing::FailureUnit;

use crate::analysis::use_analysis;
use crate::state::analysis::failures::{unit_slug, units_for};
use crate::studio::use_studio;

/// The short name of a unit on the bar, such as `Primary`.
fn short(unit: &FailureUnit) -> String {
    match unit {
        FailureUnit::CircuitLink { link, .. } => {
            let l = link.label();
            format!("{}{}", l[..1].to_uppercase(), &l[1..])
        }
        FailureUnit::Circuit(_) => "Whole circuit".into(),
        FailureUnit::PeeringLocation(p) => format!("All of {p}"),
        FailureUnit::Gateway(_) => "This gateway".into(),
        FailureUnit::VpnConnection(_) => "This VPN connection".into(),
        FailureUnit::Router(_) => "This router".into(),
        FailureUnit::SiteLink(_) => "This link".into(),
    }
}

/// The fail bar; shown only when one failable element is selected.
#[component]
pub fn FailBar() -> impl IntoView {
    let studio = use_studio();
    let analysis = use_analysis();
    let units = Memo::new(move |_| match studio.selection.get().as_slice() {
        [id] => studio.design.with(|d| units_for(d, id.as_str())),
        _ => Vec::new(),
    });

    move || {
        let list = units.get();
        (!list.is_empty()).then(|| view! {
            <div class="rc-failbar" role="toolbar" aria-label="Take the selection down" data-testid="fail-bar">
                <span class="rc-failbar__title">"Fail:"</span>
                {list.into_iter().map(|unit| {
                    let slug = unit_slug(&unit);
                    let label = short(&unit);
                    let is_down = {
                        let unit = unit.clone();
                        move || analysis.failures.with(|f| f.contains(&unit))
                    };
                    let title = {
                        let is_down = is_down.clone();
                        let label = label.clone();
                        move || if is_down() { format!("Bring back up: {label}") } else { format!("Take down: {label}") }
                    };
                    view! {
                        <button class="rc-button rc-failbar__button" class:rc-failbar__button--down=is_down.clone()
                            aria-pressed=move || is_down().to_string() title=title.clone() aria-label=title
                            data-testid=format!("failbar-{slug}")
                            on:click=move |_| analysis.toggle(&unit)>{label}</button>
                    }
                }).collect_view()}
            </div>
        })
    }
}

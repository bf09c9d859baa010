//! Zones and edges of the diagram. The two connections of a circuit are
//! two edges of their own, drawn apart and styled differently.

use leptos::prelude::*;
use routecraft_core::diagram::Scene;
use routecraft_core::model::Id;
use web_sys::PointerEvent;

use crate::analysis::use_analysis;
use crate::studio::use_studio;

/// The zones, as titled columns behind everything else.
pub fn zones_view(scene: &Scene) -> impl IntoView {
    scene
        .zones
        .iter()
        .map(|z| {
            let r = z.rect;
            view! {
                <g class="rc-canvas__zone" data-zone=z.id.clone()>
                    <rect x=r.x y=r.y width=r.width height=r.height rx="10" />
                    <text class="rc-canvas__zone-title" x=r.x + 14.0 y=r.y + 24.0>{z.title.clone()}</text>
                </g>
            }
        })
        .collect_view()
}

/// The edges, each selectable as the element it stands for.
pub fn edges_view(
    scene: &Scene,
    on_press: impl Fn(PointerEvent, Id) + Copy + 'static,
) -> impl IntoView {
    let studio = use_studio();
    let analysis = use_analysis();
    scene
        .edges
        .iter()
        .map(|e| {
            let points = e
                .points
                .iter()
                .map(|p| format!("{},{}", p.x, p.y))
                .collect::<Vec<_>>()
                .join(" ");
            let id = e.id.clone();
            let kind = e.kind.as_str();
            let class = {
                let id = id.clone();
                let key = e.key.clone();
                move || {
                    let selected = studio.selection.with(|s| s.contains(&id));
                    let on_path = analysis.path.with(|m| m.edges.contains(&key));
                    let down = analysis.down.with(|m| m.edges.contains(&key));
                    let flag =
                        |on: bool, name: &str| if on { name.to_owned() } else { String::new() };
                    format!(
                        "rc-canvas__edge rc-canvas__edge--{kind}{}{}{}",
                        flag(selected, " rc-canvas__edge--selected"),
                        flag(on_path, " rc-canvas__edge--on-path"),
                        flag(down, " rc-canvas__edge--down"),
                    )
                }
            };
            let press = {
                let id = id.clone();
                move |ev: PointerEvent| on_press(ev, id.clone())
            };
            let label = e.label.clone();
            let at = e.label_at;
            view! {
                <g class=class data-testid=format!("edge-{}", e.key) on:pointerdown=press>
                    <polyline class="rc-canvas__edge-hit" points=points.clone() />
                    <polyline class="rc-canvas__edge-line" points=points />
                    <title>{format!("{}: {}", e.kind.label(), e.label)}</title>
                    {(!label.is_empty()).then(|| view! {
                        <text class="rc-canvas__edge-label" x=at.x y=at.y + 11.0>{label}</text>
                    })}
                </g>
            }
        })
        .collect_view()
}

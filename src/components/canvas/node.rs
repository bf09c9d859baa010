//! One node of the diagram: a box with its icon, name and detail, focusable
//! and announced by name and kind, with a handle to drag a connection from.

use leptos::prelude::*;
use routecraft_core::diagram::Node;
use web_sys::PointerEvent;

use super::gesture::Gesture;
use crate::analysis::use_analysis;
use crate::components::icons::icon_at;
use crate::studio::use_studio;

/// Draws `node`; pointer presses go to `on_press` (the body) and
/// `on_handle` (the connection handle).
pub fn node_view(
    node: &Node,
    gesture: RwSignal<Gesture>,
    pointer_down: RwSignal<bool>,
    on_press: impl Fn(PointerEvent, routecraft_core::model::Id) + 'static,
    on_handle: impl Fn(PointerEvent, routecraft_core::model::Id) + 'static,
) -> impl IntoView {
    let studio = use_studio();
    let analysis = use_analysis();
    let r = node.rect;
    let id = node.id.clone();
    let kind_class = format!("{:?}", node.kind).to_lowercase();
    let container = node.is_container;

    let class = {
        let id = id.clone();
        move || {
            let selected = studio.selection.with(|s| s.contains(&id));
            let on_path = analysis.path.with(|m| m.nodes.contains(&id));
            let down = analysis.down.with(|m| m.nodes.contains(&id));
            format!(
                "rc-canvas__node rc-canvas__node--{kind_class}{}{}{}{}",
                if container {
                    " rc-canvas__node--container"
                } else {
                    ""
                },
                if selected {
                    " rc-canvas__node--selected"
                } else {
                    ""
                },
                if on_path {
                    " rc-canvas__node--on-path"
                } else {
                    ""
                },
                if down { " rc-canvas__node--down" } else { "" },
            )
        }
    };
    let transform = {
        let id = id.clone();
        move || {
            gesture
                .with(|g| g.offset_of(&id))
                .map(|(dx, dy)| format!("translate({dx} {dy})"))
        }
    };
    let has_error = {
        let id = id.clone();
        move || {
            studio.findings.with(|f| {
                f.iter().any(|f| {
                    f.severity == routecraft_core::validate::Severity::Error
                        && f.elements.first() == Some(&id)
                })
            })
        }
    };
    let label = format!("{}, {}", node.label, node.kind.label());
    let (handle_x, handle_y) = (
        r.x + r.width,
        if container {
            r.y + 20.0
        } else {
            r.y + r.height / 2.0
        },
    );
    let press = {
        let id = id.clone();
        move |ev: PointerEvent| on_press(ev, id.clone())
    };
    let handle = {
        let id = id.clone();
        move |ev: PointerEvent| on_handle(ev, id.clone())
    };
    let focus = {
        let id = id.clone();
        move |_| {
            if !pointer_down.get_untracked() {
                studio.selection.set(vec![id.clone()]);
            }
        }
    };

    view! {
        <g
            class=class
            transform=transform
            tabindex="0"
            role="button"
            aria-label=label
            data-node-id=id.to_string()
            data-testid=format!("node-{id}")
            on:pointerdown=press
            on:focus=focus
        >
            <rect class="rc-canvas__box" x=r.x y=r.y width=r.width height=r.height rx="6" />
            {container.then(|| view! {
                <path
                    class="rc-canvas__header"
                    d=format!("M{} {}h{}", r.x, r.y + 40.0, r.width)
                />
            })}
            {icon_at(node.kind, r.x + 8.0, r.y + 7.0, 15.0)}
            <text class="rc-canvas__label" x=r.x + 28.0 y=r.y + 18.0>{node.label.clone()}</text>
            <text class="rc-canvas__sublabel" x=r.x + 28.0 y=r.y + 33.0>{node.sublabel.clone()}</text>
            <circle
                class="rc-canvas__error"
                class:rc-canvas__error--shown=has_error
                cx=r.x + r.width - 8.0
                cy=r.y + 8.0
                r="4"
            />
            <circle
                class="rc-canvas__handle"
                cx=handle_x
                cy=handle_y
                r="6"
                data-testid=format!("handle-{id}")
                on:pointerdown=handle
            >
                <title>"Drag to connect"</title>
            </circle>
        </g>
    }
}

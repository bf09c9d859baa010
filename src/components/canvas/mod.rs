//! The canvas: the design's diagram drawn from the core's scene, with
//! selection, rubber band, drag to move, drag to connect, pan and zoom, and
//! drops from the palette.

mod edges;
mod gesture;
mod node;

use leptos::prelude::*;
use routecraft_core::diagram;
use routecraft_core::edit::Command;
use routecraft_core::model::{Id, Position};
use wasm_bindgen::JsCast;
use web_sys::{DragEvent, MouseEvent, PointerEvent, WheelEvent};

use self::gesture::Gesture;
use crate::state::moves::{in_band, move_nodes, with_descendants};
use crate::state::palette;
use crate::state::viewport::{snap, Rect};
use crate::studio::{use_studio, Studio};

/// Where an event happened, in screen pixels within the canvas element.
fn local(ev: &MouseEvent, host: &web_sys::Element) -> (f64, f64) {
    let r = host.get_bounding_client_rect();
    (
        ev.client_x() as f64 - r.left(),
        ev.client_y() as f64 - r.top(),
    )
}

/// Adds a palette item, dropped at a canvas point or clicked; selects it.
pub fn add_from_palette(studio: Studio, key: &str, at: Option<(f64, f64)>) {
    let design = studio.design.get_untracked();
    let scene = studio.scene.get_untracked();
    // Dropped onto a container: the layout places it inside. Clicked: it
    // goes under the selection where it fits.
    let target = match at {
        Some((x, y)) => diagram::hit(&scene, x, y),
        None => studio.selection.get_untracked().first().cloned(),
    };
    let position = match (at, &target) {
        (Some((x, y)), None) => Some(Position::new(snap(x), snap(y))),
        _ => None,
    };
    match palette::addition(&design, key, target.as_ref(), position) {
        Ok(addition) => {
            let label = addition.command.label(&design);
            if studio.dispatch(addition.command).is_ok() {
                studio.selection.set(vec![addition.select.clone()]);
                studio.tell(format!("{label}: edit it in the inspector"));
                bring_into_view(studio, &addition.select);
            }
        }
        Err(message) => studio.tell_error(&message),
    }
}

/// Fits the view to the design when `id`'s node is not wholly on screen.
fn bring_into_view(studio: Studio, id: &Id) {
    let Some(r) = studio
        .scene
        .with_untracked(|s| s.nodes.iter().find(|n| &n.id == id).map(|n| n.rect))
    else {
        return;
    };
    let v = studio.viewport.get_untracked();
    let (w, h) = studio.canvas_size.get_untracked();
    let (x0, y0) = v.to_canvas(0.0, 0.0);
    let (x1, y1) = v.to_canvas(w, h);
    if r.x < x0 || r.y < y0 || r.x + r.width > x1 || r.y + r.height > y1 {
        studio.fit();
    }
}

/// The drawing area.
#[component]
pub fn Canvas() -> impl IntoView {
    let studio = use_studio();
    let gesture = RwSignal::new(Gesture::Idle);
    let pointer_down = RwSignal::new(false);
    let host = NodeRef::<leptos::html::Div>::new();

    let host_el = move || -> Option<web_sys::Element> { host.get_untracked().map(|h| h.into()) };
    let canvas_point = move |ev: &MouseEvent| -> (f64, f64) {
        let Some(host) = host_el() else {
            return (0.0, 0.0);
        };
        let (sx, sy) = local(ev, &host);
        studio.viewport.get_untracked().to_canvas(sx, sy)
    };
    let capture = |ev: &PointerEvent| {
        if let Some(el) = ev
            .current_target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        {
            el.set_pointer_capture(ev.pointer_id()).ok();
        }
    };

    // Keep the size known for fit-to-view, and fit once on the first
    // drawing when there is no saved viewport to restore.
    let measure = move || {
        if let Some(h) = host_el() {
            let r = h.get_bounding_client_rect();
            if r.width() > 0.0 {
                studio.canvas_size.set((r.width(), r.height()));
            }
        }
    };
    Effect::new(move |_| {
        measure();
    });
    let _resize = window_event_listener(leptos::ev::resize, move |_| measure());

    let on_node_press = move |ev: PointerEvent, id: Id| {
        if ev.button() != 0 {
            return;
        }
        ev.stop_propagation();
        pointer_down.set(true);
        let shift = ev.shift_key() || ev.ctrl_key() || ev.meta_key();
        studio.selection.update(|s| {
            if shift {
                if let Some(i) = s.iter().position(|x| x == &id) {
                    s.remove(i);
                } else {
                    s.push(id.clone());
                }
            } else if !s.contains(&id) {
                *s = vec![id.clone()];
            }
        });
        let ids = studio.selection.get_untracked();
        if !ids.contains(&id) {
            return;
        }
        let scene = studio.scene.get_untracked();
        let anchor = scene
            .nodes
            .iter()
            .find(|n| n.id == id)
            .map_or((0.0, 0.0), |n| (n.rect.x, n.rect.y));
        capture(&ev);
        gesture.set(Gesture::Drag {
            moving: with_descendants(&scene, &ids),
            ids,
            start: canvas_point(&ev),
            anchor,
            offset: (0.0, 0.0),
        });
    };
    let on_handle_press = move |ev: PointerEvent, id: Id| {
        if ev.button() != 0 {
            return;
        }
        ev.stop_propagation();
        pointer_down.set(true);
        capture(&ev);
        let p = canvas_point(&ev);
        gesture.set(Gesture::Connect {
            from: id,
            start: p,
            now: p,
        });
    };
    let on_edge_press = move |ev: PointerEvent, id: Id| {
        ev.stop_propagation();
        let shift = ev.shift_key();
        studio.selection.update(|s| {
            if shift {
                s.push(id);
            } else {
                *s = vec![id];
            }
        });
    };

    let on_background_press = move |ev: PointerEvent| {
        if ev.button() != 0 {
            return;
        }
        pointer_down.set(true);
        capture(&ev);
        if ev.shift_key() {
            let p = canvas_point(&ev);
            gesture.set(Gesture::Band { start: p, now: p });
        } else if let Some(h) = host_el() {
            gesture.set(Gesture::Pan {
                start: local(&ev, &h),
                from: studio.viewport.get_untracked(),
                moved: false,
            });
        }
    };
    let on_move = move |ev: PointerEvent| {
        let p = canvas_point(&ev);
        let screen = host_el().map(|h| local(&ev, &h)).unwrap_or_default();
        gesture.update(|g| match g {
            Gesture::Pan { start, from, moved } => {
                let (dx, dy) = (screen.0 - start.0, screen.1 - start.1);
                *moved |= dx.abs() + dy.abs() > 3.0;
                studio.viewport.set(from.pan(dx, dy));
            }
            Gesture::Band { now, .. } | Gesture::Connect { now, .. } => *now = p,
            Gesture::Drag {
                start,
                anchor,
                offset,
                ..
            } => {
                let x = snap(anchor.0 + p.0 - start.0) - anchor.0;
                let y = snap(anchor.1 + p.1 - start.1) - anchor.1;
                *offset = (x, y);
            }
            Gesture::Idle => {}
        });
    };
    let on_release = move |ev: PointerEvent| {
        let p = canvas_point(&ev);
        let ended = gesture.get_untracked();
        gesture.set(Gesture::Idle);
        pointer_down.set(false);
        match ended {
            Gesture::Pan { moved: false, .. } => studio.selection.set(Vec::new()),
            Gesture::Band { start, now } => {
                let picked = studio
                    .scene
                    .with_untracked(|s| in_band(s, Rect::spanning(start, now)));
                studio.selection.update(|s| {
                    for id in picked {
                        if !s.contains(&id) {
                            s.push(id);
                        }
                    }
                });
            }
            Gesture::Drag {
                ids,
                offset: (dx, dy),
                ..
            } => {
                let design = studio.design.get_untracked();
                let command = studio
                    .scene
                    .with_untracked(|s| move_nodes(&design, s, &ids, dx, dy));
                if let Some(command) = command {
                    let _ = studio.dispatch(command);
                }
            }
            Gesture::Connect { from, .. } => {
                let target = studio.scene.with_untracked(|s| diagram::hit(s, p.0, p.1));
                match target {
                    Some(to) if to != from => {
                        let design = studio.design.get_untracked();
                        let command = Command::Connect {
                            from,
                            to: to.clone(),
                        };
                        let label = command.label(&design);
                        if studio.dispatch(command).is_ok() {
                            studio.tell(label);
                        }
                    }
                    _ => {
                        studio.tell("Drop the connection on another element to connect them".into())
                    }
                }
            }
            _ => {}
        }
    };
    let on_wheel = move |ev: WheelEvent| {
        ev.prevent_default();
        let Some(h) = host_el() else { return };
        let (sx, sy) = local(&ev, &h);
        let factor = (-ev.delta_y() * 0.0015).exp();
        studio.viewport.update(|v| *v = v.zoom_at(factor, sx, sy));
    };
    let on_drop = move |ev: DragEvent| {
        ev.prevent_default();
        let key = ev
            .data_transfer()
            .and_then(|d| d.get_data("text/plain").ok())
            .unwrap_or_default();
        if palette::find(&key).is_some() {
            add_from_palette(studio, &key, Some(canvas_point(&ev)));
        }
    };

    let transform = move || {
        let v = studio.viewport.get();
        format!("scale({}) translate({} {})", v.zoom, -v.x, -v.y)
    };
    let zoom = move |factor: f64| {
        let (w, h) = studio.canvas_size.get_untracked();
        studio
            .viewport
            .update(|v| *v = v.zoom_at(factor, w / 2.0, h / 2.0));
    };

    view! {
        <div class="rc-canvas" node_ref=host>
            <svg
                class="rc-canvas__svg"
                data-testid="canvas"
                role="application"
                aria-label="Design canvas"
                on:pointerdown=on_background_press
                on:pointermove=on_move
                on:pointerup=on_release
                on:pointercancel=move |_| gesture.set(Gesture::Idle)
                on:wheel=on_wheel
                on:dragover=move |ev: DragEvent| ev.prevent_default()
                on:drop=on_drop
            >
                <defs>
                    <pattern id="rc-grid" width="20" height="20" patternUnits="userSpaceOnUse">
                        <path class="rc-canvas__grid" d="M20 0H0V20" />
                    </pattern>
                </defs>
                <g transform=transform>
                    <rect class="rc-canvas__grid-fill" x="-5000" y="-5000" width="10000" height="10000" />
                    {move || studio.scene.with(edges::zones_view)}
                    {move || studio.scene.with(|s| {
                        s.nodes
                            .iter()
                            .map(|n| node::node_view(n, gesture, pointer_down, on_node_press, on_handle_press))
                            .collect_view()
                    })}
                    {move || studio.scene.with(|s| edges::edges_view(s, on_edge_press))}
                    {move || match gesture.get() {
                        Gesture::Band { start, now } => {
                            let r = Rect::spanning(start, now);
                            Some(view! {
                                <rect class="rc-canvas__band" x=r.x y=r.y width=r.width height=r.height />
                            }.into_any())
                        }
                        Gesture::Connect { start, now, .. } => Some(view! {
                            <line class="rc-canvas__wire" x1=start.0 y1=start.1 x2=now.0 y2=now.1 />
                        }.into_any()),
                        _ => None,
                    }}
                </g>
            </svg>
            <div class="rc-canvas__zoom" role="toolbar" aria-label="Zoom">
                <button class="rc-button rc-button--icon" aria-label="Zoom out" title="Zoom out"
                    data-testid="zoom-out" on:click=move |_| zoom(1.0 / 1.25)>"−"</button>
                <span class="rc-canvas__zoom-level" aria-live="polite">
                    {move || format!("{:.0}%", studio.viewport.get().zoom * 100.0)}
                </span>
                <button class="rc-button rc-button--icon" aria-label="Zoom in" title="Zoom in"
                    data-testid="zoom-in" on:click=move |_| zoom(1.25)>"+"</button>
                <button class="rc-button" aria-label="Fit to view" title="Fit the design to the view (F)"
                    data-testid="fit" on:click=move |_| studio.fit()>"Fit"</button>
            </div>
            {move || studio.scene.with(|s| s.nodes.is_empty()).then(|| view! {
                <p class="rc-canvas__empty">
                    "Drag an element from the palette, or click one to add it."
                </p>
            })}
        </div>
    }
}

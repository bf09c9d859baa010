//! One drawn icon per element kind, in a 24 by 24 box, stroked with the
//! current colour so that both themes and every state colour them.

use leptos::prelude::*;
use routecraft_core::model::ElementKind;

/// The path data of a kind's icon.
fn paths(kind: ElementKind) -> &'static [&'static str] {
    use ElementKind as K;
    match kind {
        // A building with windows.
        K::Site => &[
            "M4 21V5l8-3 8 3v16z",
            "M8 9h2M14 9h2M8 13h2M14 13h2M10 21v-4h4v4",
        ],
        // A router: a box with arrows.
        K::Router => &[
            "M3 9h18v6H3z",
            "M7 12h.01M11 12h.01",
            "M15 5l2-2 2 2M17 3v4M15 19l2 2 2-2M17 21v-4",
        ],
        // A circuit: two parallel links between two ends.
        K::Circuit => &["M4 8h16M4 16h16", "M4 5v14M20 5v14"],
        K::DirectPort => &["M5 4h14v16H5z", "M9 8h6v4H9zM12 12v4"],
        K::Peering => &["M5 12a7 7 0 0 1 14 0", "M3 12h4M17 12h4M12 12v6"],
        K::Authorization => &["M8 11V8a4 4 0 0 1 8 0v3", "M6 11h12v9H6z"],
        K::GlobalReach => &[
            "M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18",
            "M3 12h18M12 3c3 3 3 15 0 18M12 3c-3 3-3 15 0 18",
        ],
        // A cloud-like network: hexagon.
        K::Vnet => &["M12 2l9 5v10l-9 5-9-5V7z", "M8 12h8M12 8v8"],
        K::Subnet => &["M4 4h16v16H4z", "M4 10h16M10 10v10"],
        K::Gateway => &["M4 20V9l8-5 8 5v11", "M9 20v-6h6v6", "M2 20h20"],
        K::Connection | K::VpnConnection | K::SiteLink => {
            &["M4 12h16", "M8 8l-4 4 4 4M16 8l4 4-4 4"]
        }
        K::VnetPeering => &["M7 12a4 4 0 1 0 0.01 0M17 12a4 4 0 1 0 0.01 0", "M11 12h2"],
        K::RouteTable | K::Route => &["M4 5h16v14H4z", "M4 9h16M4 14h16M10 5v14"],
        // A shield.
        K::Nsg | K::NsgRule => &["M12 3l8 3v6c0 5-4 8-8 9-4-1-8-4-8-9V6z", "M9 12l2 2 4-4"],
        // A firewall: bricks.
        K::Appliance => &[
            "M3 5h18v14H3z",
            "M3 9.5h18M3 14.5h18M9 5v4.5M15 9.5v5M9 14.5V19",
        ],
        K::Customer => &["M12 4a4 4 0 1 0 0.01 0", "M4 21c0-4 4-6 8-6s8 2 8 6"],
        K::Subscription => &["M5 3h14v18H5z", "M9 8h6M9 12h6M9 16h3"],
        K::RouteFilter => &["M4 5h16l-6 7v6l-4 2v-8z"],
    }
}

/// A kind's icon as a group, placed with its top-left corner at (x, y) and
/// drawn `size` units wide.
pub fn icon_at(kind: ElementKind, x: f64, y: f64, size: f64) -> impl IntoView {
    let transform = format!("translate({x} {y}) scale({})", size / 24.0);
    view! {
        <g class="rc-icon" transform=transform aria-hidden="true">
            {paths(kind).iter().map(|d| view! { <path d=*d /> }).collect_view()}
        </g>
    }
}

/// A kind's icon as a small standalone image, for lists and the palette.
#[component]
pub fn Icon(
    /// The kind drawn.
    kind: ElementKind,
) -> impl IntoView {
    view! {
        <svg class="rc-icon-box" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
            {icon_at(kind, 0.0, 0.0, 24.0)}
        </svg>
    }
}

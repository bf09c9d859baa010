//! The welcome view: start from a template, from a blank design, or open a
//! design file.

use leptos::prelude::*;
use routecraft_core::model::{CspModel, Design};
use routecraft_core::templates;

use crate::components::header::choose_file;
use crate::studio::use_studio;

/// The welcome card over the canvas.
#[component]
pub fn Welcome() -> impl IntoView {
    let studio = use_studio();

    let start = move |source: &str, design: Design| studio.open_asking(source.to_owned(), design);
    let template = move |name: &'static str| {
        move |_| {
            if let Some(design) = templates::by_name(name) {
                start(name, design);
            }
        }
    };
    let blank = move |model: CspModel| {
        move |_| start("a blank design", Design::blank("Untitled design", model))
    };

    view! {
        <div class="rc-overlay" data-testid="welcome">
            <section class="rc-welcome" role="dialog" aria-modal="true" aria-labelledby="rc-welcome-title">
                <h1 id="rc-welcome-title" class="rc-welcome__title">"Design a hybrid network to Azure"</h1>
                <p class="rc-welcome__lead">
                    "Draw how datacenters reach Azure over ExpressRoute, see at once what Azure would "
                    "refuse, and leave with a file you can open again. Nothing leaves this browser."
                </p>
                <h2 class="rc-welcome__heading">"Start from a template"</h2>
                <div class="rc-welcome__choices">
                    <button class="rc-card" data-testid="template-connect-through" on:click=template("connect-through")>
                        <strong>"Connect-through"</strong>
                        <span>"The CSP owns the circuits; customers reach Azure through the CSP's datacenter, each in its own VRF."</span>
                    </button>
                    <button class="rc-card" data-testid="template-connect-to" on:click=template("connect-to")>
                        <strong>"Connect-to"</strong>
                        <span>"The customer owns the circuit from its own datacenter to the CSP-provisioned subscription."</span>
                    </button>
                </div>
                <h2 class="rc-welcome__heading">"Or start empty"</h2>
                <div class="rc-welcome__choices">
                    <button class="rc-card rc-card--plain" data-testid="blank-connect-to" on:click=blank(CspModel::ConnectTo)>
                        <strong>"Blank connect-to design"</strong>
                    </button>
                    <button class="rc-card rc-card--plain" data-testid="blank-connect-through" on:click=blank(CspModel::ConnectThrough)>
                        <strong>"Blank connect-through design"</strong>
                    </button>
                    <button class="rc-card rc-card--plain" data-testid="welcome-open" on:click=move |_| choose_file()>
                        <strong>"Open a design file…"</strong>
                    </button>
                </div>
                <div class="rc-welcome__footer">
                    <button class="rc-button" data-testid="welcome-close" on:click=move |_| studio.welcome.set(false)>
                        "Continue with the open design"
                    </button>
                </div>
            </section>
        </div>
    }
}

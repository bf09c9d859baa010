//! The design's own properties, shown when nothing is selected: name,
//! model, partner, and the customers and subscriptions to edit.

use leptos::prelude::*;
use routecraft_core::edit::{Command, Element};
use routecraft_core::model::{
    CspModel, Customer, Identity, ManagedBy, SecurityPosture, Subscription,
};

use super::field::FieldRow;
use crate::state::form::{parse, Input};
use crate::studio::use_studio;

/// The design's properties.
#[component]
pub fn DesignForm() -> impl IntoView {
    let studio = use_studio();

    let describe = move |key: &'static str| {
        Callback::new(move |text: String| {
            let d = studio.design.get_untracked();
            let (mut name, mut model, mut partner) = (d.name.clone(), d.model, d.partner.clone());
            let result = match key {
                "design_name" => parse::name(&text).map(|n| name = n),
                "model" => {
                    model = if text == "connect-to" {
                        CspModel::ConnectTo
                    } else {
                        CspModel::ConnectThrough
                    };
                    Ok(())
                }
                "partner_name" => parse::name(&text).map(|n| partner.name = n),
                _ => parse::optional_asn(&text).map(|a| partner.asn = a),
            };
            if let Err(message) = result {
                return Some(message);
            }
            if name == d.name && model == d.model && partner == d.partner {
                return None;
            }
            studio
                .dispatch(Command::Describe {
                    name,
                    model,
                    partner,
                })
                .err()
        })
    };
    let value = move |key: &'static str| {
        Signal::derive(move || {
            studio.design.with(|d| match key {
                "design_name" => d.name.clone(),
                "model" => d.model.label().to_owned(),
                "partner_name" => d.partner.name.clone(),
                _ => d.partner.asn.map_or(String::new(), |a| a.to_string()),
            })
        })
    };
    let models = Input::Select(
        [CspModel::ConnectThrough, CspModel::ConnectTo]
            .map(|m| (m.label().to_owned(), m.label().to_owned()))
            .to_vec(),
    );
    let add_customer = move |_| {
        let d = studio.design.get_untracked();
        let id = d.fresh_id("customer");
        let customer = Customer {
            id: id.clone(),
            name: format!("Customer {}", d.customers.len() + 1),
            vrf: None,
            identity: Identity::default(),
            security: SecurityPosture::default(),
        };
        let subscription = Subscription {
            id: d.fresh_id("subscription"),
            name: format!("{} production", customer.name),
            customer: id.clone(),
            managed_by: ManagedBy::Csp,
        };
        let command = Command::Batch {
            label: "Add customer".into(),
            commands: vec![
                Command::Add {
                    element: Element::Customer(customer),
                    at: None,
                },
                Command::Add {
                    element: Element::Subscription(subscription),
                    at: None,
                },
            ],
        };
        if studio.dispatch(command).is_ok() {
            studio.selection.set(vec![id]);
        }
    };
    let parties = move || {
        studio.design.with(|d| {
            let customers = d
                .customers
                .iter()
                .map(|c| (c.id.clone(), c.name.clone(), "customer"));
            let subscriptions = d
                .subscriptions
                .iter()
                .map(|s| (s.id.clone(), s.name.clone(), "subscription"));
            customers.chain(subscriptions).collect::<Vec<_>>()
        })
    };

    view! {
        <h2 class="rc-panel__title">"Design"</h2>
        <p class="rc-panel__hint">"Select an element on the canvas to edit it."</p>
        <form class="rc-form" on:submit=|ev| ev.prevent_default()>
            <FieldRow key="design_name" label="Design name" input=Input::Text value=value("design_name") on_commit=describe("design_name") />
            <FieldRow key="model" label="CSP model" input=models value=value("model") on_commit=describe("model") />
            <FieldRow key="partner_name" label="Partner (CSP)" input=Input::Text value=value("partner_name") on_commit=describe("partner_name") />
            <FieldRow key="partner_asn" label="Partner ASN" input=Input::Text value=value("partner_asn") on_commit=describe("partner_asn") />
        </form>
        <h3 class="rc-panel__subtitle">"Customers and subscriptions"</h3>
        <p class="rc-panel__hint">"Each customer has a security posture and identity settings: open one to edit them."</p>
        <ul class="rc-inspector__children">
            {move || parties().into_iter().map(|(id, name, kind)| view! {
                <li>
                    <button class="rc-link" data-testid=format!("party-{id}")
                        on:click=move |_| studio.selection.set(vec![id.clone()])>{name}</button>
                    <span class="rc-inspector__kind">" "{kind}</span>
                </li>
            }).collect_view()}
        </ul>
        <button class="rc-button" data-testid="add-customer" on:click=add_customer>"Add customer"</button>
    }
}

//! One field of the inspector's form: a label, an input, and the reason a
//! value was refused, right beside it.

use leptos::prelude::*;

use crate::state::form::Input;

/// A labelled input that commits on change and shows a refusal inline.
#[component]
pub fn FieldRow(
    /// Stable key, used for the input's id and test id.
    key: &'static str,
    /// The label a user reads.
    label: &'static str,
    /// How the value is edited.
    input: Input,
    /// The current value in the design.
    value: Signal<String>,
    /// Called with the typed text; returns why it was refused, if it was.
    on_commit: Callback<String, Option<String>>,
) -> impl IntoView {
    let error = RwSignal::new(None::<String>);
    let id = format!("rc-field-{key}");
    let error_id = format!("{id}-error");

    let commit = move |text: String| error.set(on_commit.run(text));
    let described = {
        let error_id = error_id.clone();
        move || error.get().map(|_| error_id.clone())
    };
    let control = match input {
        Input::Check => view! {
            <input type="checkbox" id=id.clone() class="rc-field__check"
                data-testid=format!("field-{key}")
                prop:checked=move || value.get() == "true"
                on:change=move |ev| commit(event_target_checked(&ev).to_string()) />
        }
        .into_any(),
        Input::Select(options) => view! {
            <select id=id.clone() class="rc-field__input" data-testid=format!("field-{key}")
                prop:value=move || value.get()
                on:change=move |ev| commit(event_target_value(&ev))>
                {options.into_iter().map(|(v, l)| {
                    let selected = v.clone();
                    view! { <option value=v prop:selected=move || value.get() == selected>{l}</option> }
                }).collect_view()}
            </select>
        }
        .into_any(),
        Input::List => view! {
            <textarea id=id.clone() class="rc-field__input rc-field__input--list" rows="2"
                data-testid=format!("field-{key}")
                aria-invalid=move || error.get().is_some().to_string()
                aria-describedby=described.clone()
                prop:value=move || value.get()
                on:change=move |ev| commit(event_target_value(&ev))></textarea>
        }
        .into_any(),
        Input::Text => view! {
            <input type="text" id=id.clone() class="rc-field__input" spellcheck="false"
                data-testid=format!("field-{key}")
                aria-invalid=move || error.get().is_some().to_string()
                aria-describedby=described
                prop:value=move || value.get()
                on:change=move |ev| commit(event_target_value(&ev)) />
        }
        .into_any(),
    };

    view! {
        <div class="rc-field" class:rc-field--invalid=move || error.get().is_some()>
            <label class="rc-field__label" for=id>{label}</label>
            {control}
            {move || error.get().map(|message| view! {
                <p class="rc-field__error" id=error_id.clone() role="alert"
                    data-testid=format!("error-{key}")>{message}</p>
            })}
        </div>
    }
}

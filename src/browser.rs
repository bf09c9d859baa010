//! The few browser calls the studio makes: local storage, downloads, file
//! reading and the service worker. Each failure is logged once, with what
//! it was doing, and reported to the caller.

use wasm_bindgen::JsCast;

fn window() -> web_sys::Window {
    web_sys::window().expect("the studio runs in a browser window")
}

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

/// Reads a value from local storage.
pub fn read(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

/// Writes a value to local storage; `false` when storage is full or refused.
pub fn write(key: &str, value: &str) -> bool {
    storage().is_some_and(|s| s.set_item(key, value).is_ok())
}

/// Offers `text` as a JSON file download named `name`.
pub fn download(name: &str, text: &str) -> Result<(), String> {
    download_bytes(name, text.as_bytes(), "application/json")
}

/// Offers `bytes` as a file download named `name` of the given media type.
pub fn download_bytes(name: &str, bytes: &[u8], media_type: &str) -> Result<(), String> {
    let array = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&array);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(media_type);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)
        .map_err(|_| "the browser refused to make the file".to_owned())?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)
        .map_err(|_| "the browser refused to make the file".to_owned())?;
    let document = window().document().expect("a window has a document");
    let link: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|_| "the browser refused the download".to_owned())?
        .unchecked_into();
    link.set_href(&url);
    link.set_download(name);
    link.style().set_property("display", "none").ok();
    if let Some(body) = document.body() {
        body.append_child(&link).ok();
        link.click();
        body.remove_child(&link).ok();
    }
    // Revoking at once can cancel the download in some browsers; the URL
    // is let go after the click has been handled.
    leptos::task::spawn_local(async move {
        gloo_timers::future::TimeoutFuture::new(1_000).await;
        web_sys::Url::revoke_object_url(&url).ok();
    });
    Ok(())
}

/// Reads a chosen file's text.
pub async fn read_file(file: web_sys::File) -> Result<String, String> {
    let text = wasm_bindgen_futures::JsFuture::from(file.text())
        .await
        .map_err(|_| format!("the browser could not read {}", file.name()))?;
    text.as_string()
        .ok_or_else(|| format!("{} is not a text file", file.name()))
}

/// Registers the offline worker; the site then reloads without a network.
pub fn register_service_worker() {
    let container = window().navigator().service_worker();
    // A relative URL keeps the worker's scope at the site's own sub-path.
    let promise = container.register("./sw.js");
    leptos::task::spawn_local(async move {
        if wasm_bindgen_futures::JsFuture::from(promise).await.is_err() {
            leptos::logging::warn!("registering the offline service worker failed");
        }
    });
}

/// Tells whether a key press was typed into a form field.
pub fn is_typing(event: &web_sys::KeyboardEvent) -> bool {
    event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|e| matches!(e.tag_name().as_str(), "INPUT" | "SELECT" | "TEXTAREA"))
}

/// Moves keyboard focus to the canvas node of `id`, if it is drawn.
pub fn focus_node(id: &str) {
    let Some(document) = window().document() else {
        return;
    };
    let selector = format!("[data-node-id=\"{id}\"]");
    if let Ok(Some(element)) = document.query_selector(&selector) {
        if let Ok(svg) = element.dyn_into::<web_sys::SvgElement>() {
            svg.focus().ok();
        }
    }
}

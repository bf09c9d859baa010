//! The export dialog: the deployment bundle and each file on its own,
//! offered as downloads, with progress while building and the reason when
//! building fails; and the deployed baseline, kept or dropped.

use leptos::prelude::*;
use routecraft_core::edit::Command;
use routecraft_core::export::{self, File, Format};

use crate::analysis::{use_analysis, ExportState};
use crate::browser;
use crate::state::session;
use crate::studio::use_studio;

/// The formats offered file by file, in the order listed.
const FILE_FORMATS: [Format; 6] = [
    Format::Bicep,
    Format::Arm,
    Format::Terraform,
    Format::Runbook,
    Format::Report,
    Format::Svg,
];

/// What a format's files are, for the list.
fn describe(format: Format) -> &'static str {
    match format {
        Format::Bicep => "Bicep",
        Format::Arm => "ARM JSON",
        Format::Terraform => "Terraform",
        Format::Runbook => "Runbook",
        Format::Report => "Report",
        Format::Svg => "Diagram",
        Format::Bundle => "Bundle",
    }
}

/// The media type of an exported file, by its extension.
fn media_type(path: &str) -> &'static str {
    match path.rsplit('.').next() {
        Some("json") => "application/json",
        Some("svg") => "image/svg+xml",
        Some("md") => "text/markdown",
        Some("zip") => "application/zip",
        _ => "text/plain",
    }
}

/// The design file's name without its extension, to name downloads after.
fn stem(design: &routecraft_core::model::Design) -> String {
    let name = session::file_name(design);
    name.trim_end_matches(".routecraft.json").to_owned()
}

/// Lets the page paint the progress before the work blocks it.
async fn paint() {
    gloo_timers::future::TimeoutFuture::new(30).await;
}

/// The export dialog, shown while `export_open` is set.
#[component]
pub fn ExportDialog() -> impl IntoView {
    let analysis = use_analysis();
    move || analysis.export_open.get().then(|| view! { <ExportBody /> })
}

#[component]
fn ExportBody() -> impl IntoView {
    let studio = use_studio();
    let analysis = use_analysis();
    let files = RwSignal::new(None::<Vec<(Format, File)>>);
    analysis.export.set(ExportState::Idle);

    // The text files are built once the dialog has painted.
    leptos::task::spawn_local(async move {
        paint().await;
        let design = studio.design.get_untracked();
        let mut list = Vec::new();
        for format in FILE_FORMATS {
            match export::export(&design, &[format]) {
                Ok(built) => list.extend(built.into_iter().map(|f| (format, f))),
                Err(e) => analysis.export.set(ExportState::Failed(e.to_string())),
            }
        }
        files.set(Some(list));
    });

    let close = move || analysis.export_open.set(false);
    let save = move |name: String, bytes: &[u8], path: &str| match browser::download_bytes(
        &name,
        bytes,
        media_type(path),
    ) {
        Ok(()) => analysis.export.set(ExportState::Done(name)),
        Err(e) => analysis.export.set(ExportState::Failed(e)),
    };
    let download_bundle = move |_| {
        analysis
            .export
            .set(ExportState::Building("the deployment bundle".into()));
        leptos::task::spawn_local(async move {
            paint().await;
            let design = studio.design.get_untracked();
            match export::bundle(&design) {
                Ok(zip) => save(format!("{}-bundle.zip", stem(&design)), &zip, "bundle.zip"),
                Err(e) => analysis.export.set(ExportState::Failed(e.to_string())),
            }
        });
    };
    let has_baseline = move || studio.design.with(|d| d.baseline.is_some());
    let keep = move |keep: bool| {
        if studio.dispatch(Command::KeepBaseline(keep)).is_ok() {
            studio.tell(if keep {
                "Kept as the deployed baseline: later changes are checked against it".into()
            } else {
                "Dropped the deployed baseline".into()
            });
        }
    };
    let on_key = move |ev: web_sys::KeyboardEvent| {
        if ev.key() == "Escape" {
            ev.stop_propagation();
            close();
        }
    };

    view! {
        <div class="rc-overlay" on:click=move |_| close()>
            <section class="rc-dialog rc-export" role="dialog" aria-modal="true" aria-labelledby="rc-export-title"
                data-testid="export-dialog" on:click=|ev| ev.stop_propagation() on:keydown=on_key>
                <h2 id="rc-export-title" class="rc-dialog__title">"Export"</h2>
                <p class="rc-dialog__text">
                    "Everything is built here in the browser; nothing leaves this machine."
                </p>
                <button class="rc-button rc-button--primary rc-export__bundle" data-testid="export-bundle"
                    prop:disabled=move || matches!(analysis.export.get(), ExportState::Building(_))
                    on:click=download_bundle autofocus>
                    "Download the deployment bundle (.zip)"
                </button>
                <p class="rc-export__status" role="status" aria-live="polite" data-testid="export-status">
                    {move || match analysis.export.get() {
                        ExportState::Idle => view! { <span></span> }.into_any(),
                        ExportState::Building(what) => view! {
                            <span class="rc-export__building"><span class="rc-spinner" aria-hidden="true"></span>{format!("Building {what}…")}</span>
                        }.into_any(),
                        ExportState::Done(name) => view! { <span class="rc-export__done">{format!("Downloaded {name}")}</span> }.into_any(),
                        ExportState::Failed(why) => view! {
                            <span class="rc-export__failed" role="alert" data-testid="export-error">{format!("The export failed: {why}")}</span>
                        }.into_any(),
                    }}
                </p>
                <h3 class="rc-panel__subtitle">"Files one by one"</h3>
                {move || match files.get() {
                    None => view! {
                        <p class="rc-panel__hint"><span class="rc-spinner" aria-hidden="true"></span>"Preparing the files…"</p>
                    }.into_any(),
                    Some(list) => {
                        let design_stem = studio.design.with_untracked(stem);
                        view! {
                            <ul class="rc-export__files" data-testid="export-files">
                                {list.into_iter().map(|(format, file)| {
                                    let name = format!("{design_stem}-{}", file.path.replace('/', "-"));
                                    let size = file.contents.len();
                                    let path = file.path.clone();
                                    let label = format!("Download {} file {}", describe(format), file.path);
                                    view! {
                                        <li class="rc-export__file">
                                            <span class="rc-export__kind">{describe(format)}</span>
                                            <code class="rc-export__path">{file.path.clone()}</code>
                                            <span class="rc-export__size">{format!("{:.1} KB", size as f64 / 1024.0)}</span>
                                            <button class="rc-button" aria-label=label
                                                data-testid=format!("export-{}", format.name())
                                                on:click=move |_| save(name.clone(), &file.contents, &path)>"Download"</button>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }
                }}
                <h3 class="rc-panel__subtitle">"Deployed baseline"</h3>
                <p class="rc-panel__hint">
                    {move || if has_baseline() {
                        "A baseline is kept: changes that would re-create deployed resources show as problems."
                    } else {
                        "Once this design is deployed, keep it as the baseline to be warned of changes that re-create resources."
                    }}
                </p>
                <div class="rc-dialog__actions">
                    {move || if has_baseline() {
                        view! { <button class="rc-button" data-testid="baseline-drop" on:click=move |_| keep(false)>"Drop baseline"</button> }.into_any()
                    } else {
                        view! { <button class="rc-button" data-testid="baseline-keep" on:click=move |_| keep(true)>"Keep as deployed baseline"</button> }.into_any()
                    }}
                    <button class="rc-button" data-testid="export-close" on:click=move |_| close()>"Close"</button>
                </div>
            </section>
        </div>
    }
}

//! The analysis state shared by the routes, trace and failures panels and
//! the canvas: the design resolved once per revision and failure set, the
//! trace asked for, and what the canvas marks.
//!
//! The failure set lives here and in local storage, never in the design:
//! taking a link down is a question, not an edit, so it is not undoable.

use std::sync::Arc;

use leptos::prelude::*;
use routecraft_core::routing::{
    failure_units, resolve, trace, FailureImpact, FailureSweep, FailureUnit, Failures, Resolution,
    Trace, TraceRequest,
};

use crate::browser;
use crate::state::analysis::failures::{self, FAILURES_KEY};
use crate::state::analysis::marks::{down_marks, path_marks, Marks};
use crate::state::analysis::panel::Panel;
use crate::state::analysis::trace_form::TraceForm;
use crate::studio::Studio;

/// A value shared without copying; two are equal only when they are the
/// same computation, so a new one always notifies its readers.
#[derive(Clone, Debug)]
pub struct Shared<T>(pub Arc<T>);

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

/// Where the single-failure sweep stands.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Sweep {
    /// Not run for this design.
    #[default]
    Idle,
    /// Running: units done of the total.
    Running(usize, usize),
    /// Done for the design at the given revision.
    Done {
        /// The design's revision when the sweep ran.
        revision: u64,
        /// What each unit's failure does.
        impacts: Vec<FailureImpact>,
    },
}

/// Where an export stands.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum ExportState {
    /// Nothing building.
    #[default]
    Idle,
    /// Building the named file.
    Building(String),
    /// The named file was offered for download.
    Done(String),
    /// The export failed, with why.
    Failed(String),
}

/// The analysis side's state, provided as context beside the studio.
#[derive(Clone, Copy)]
pub struct Analysis {
    /// The side panel's tab.
    pub panel: RwSignal<Panel>,
    /// Elements taken down.
    pub failures: RwSignal<Failures>,
    /// The design resolved with the failures, once per change of either.
    pub routes: Memo<Shared<Resolution>>,
    /// The trace form's text.
    pub form: RwSignal<TraceForm>,
    /// The trace asked for, if any.
    pub request: RwSignal<Option<TraceRequest>>,
    /// The trace, followed again on every change of the design or failures.
    pub trace: Memo<Option<Trace>>,
    /// What the trace crosses on the canvas.
    pub path: Memo<Marks>,
    /// What the failures take down on the canvas.
    pub down: Memo<Marks>,
    /// The single-failure sweep.
    pub sweep: RwSignal<Sweep>,
    /// Whether the export dialog shows.
    pub export_open: RwSignal<bool>,
    /// The export's progress or outcome.
    pub export: RwSignal<ExportState>,
}

impl Analysis {
    /// The analysis over `studio`, with the failure set kept last time.
    pub fn new(studio: Studio) -> Analysis {
        let design = studio.design;
        let kept = browser::read(FAILURES_KEY)
            .map(|text| failures::from_text(&text))
            .unwrap_or_default();
        let failures =
            RwSignal::new(design.with_untracked(|d| failures::retain_existing(d, &kept)));

        let routes = Memo::new(move |_| {
            let down = failures.get();
            Shared(Arc::new(design.with(|d| resolve(d, &down))))
        });
        let request = RwSignal::new(None::<TraceRequest>);
        let trace = Memo::new(move |_| {
            let request = request.get()?;
            let routes = routes.get();
            Some(design.with(|d| trace(d, &routes.0, &request)))
        });
        let path = Memo::new(move |_| {
            trace.with(|t| match t {
                Some(t) => studio.scene.with(|s| path_marks(s, t)),
                None => Marks::default(),
            })
        });
        let down = Memo::new(move |_| {
            failures.with(|f| design.with(|d| studio.scene.with(|s| down_marks(d, s, f))))
        });

        let analysis = Analysis {
            panel: RwSignal::new(Panel::default()),
            failures,
            routes,
            form: RwSignal::new(TraceForm::default()),
            request,
            trace,
            path,
            down,
            sweep: RwSignal::new(Sweep::Idle),
            export_open: RwSignal::new(false),
            export: RwSignal::new(ExportState::Idle),
        };
        analysis.keep_in_step(studio);
        analysis
    }

    fn keep_in_step(self, studio: Studio) {
        // Units the design no longer has are dropped, as after deleting a
        // circuit or opening another design.
        Effect::new(move |_| {
            let kept = studio.design.with(|d| {
                self.failures
                    .with_untracked(|f| failures::retain_existing(d, f))
            });
            if self.failures.with_untracked(|f| *f != kept) {
                self.failures.set(kept);
            }
        });
        Effect::new(move |_| {
            let text = self.failures.with(failures::to_text);
            if !browser::write(FAILURES_KEY, &text) {
                leptos::logging::warn!("keeping the failure set in local storage failed");
            }
        });
    }

    /// Takes a unit down, or brings it back up.
    pub fn toggle(&self, unit: &FailureUnit) {
        self.failures.update(|f| {
            if f.contains(unit) {
                f.remove(unit);
            } else {
                f.insert(unit.clone());
            }
        });
    }

    /// Runs the single-failure sweep one unit at a time, yielding between
    /// units so that the progress shows and the page stays responsive.
    pub fn run_sweep(&self, studio: Studio) {
        if matches!(self.sweep.get_untracked(), Sweep::Running(..)) {
            return;
        }
        let sweep = self.sweep;
        let design = studio.design.get_untracked();
        let revision = studio.revision();
        let units = failure_units(&design);
        sweep.set(Sweep::Running(0, units.len()));
        leptos::task::spawn_local(async move {
            let total = units.len();
            let mut impacts = Vec::with_capacity(total);
            // Let the progress show before the checks are traced once.
            gloo_timers::future::TimeoutFuture::new(0).await;
            let mut failures = FailureSweep::new(&design);
            for (i, unit) in units.into_iter().enumerate() {
                gloo_timers::future::TimeoutFuture::new(0).await;
                impacts.push(failures.impact(unit));
                sweep.set(Sweep::Running(i + 1, total));
            }
            sweep.set(Sweep::Done { revision, impacts });
        });
    }
}

/// The analysis provided by the nearest ancestor.
pub fn use_analysis() -> Analysis {
    expect_context::<Analysis>()
}

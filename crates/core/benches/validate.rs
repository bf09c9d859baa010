//! The validation budgets of issue 4, on the largest realistic design of
//! [`routecraft_core::generate`]: a full validation under 8 ms, and the
//! overlap check under 2 ms and at least 100 times faster than comparing
//! all pairs of prefixes.
//!
//! The overlap check is timed alone through `validate::overlapping_pairs`,
//! on every VNet and on-premises prefix of the design, against a plain
//! comparison of every pair of the same prefixes.
//!
//! Run with `cargo bench -p routecraft-core --bench validate`.

// Criterion's macros define public functions without documentation, and a
// benchmark reports by printing.
#![allow(missing_docs, clippy::print_stdout, clippy::disallowed_macros)]

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::Criterion;
use ipnet::IpNet;
use routecraft_core::generate::largest_realistic;
use routecraft_core::model::Design;
use routecraft_core::validate::{overlapping_pairs, validate};

const SEED: u64 = 42;

/// Every VNet and on-premises prefix with its owner, as the overlap check
/// sees them.
fn prefixes(design: &Design) -> Vec<(IpNet, usize)> {
    let vnets = design
        .vnets
        .iter()
        .enumerate()
        .flat_map(|(i, v)| v.address_space.iter().map(move |p| (p.trunc(), i)));
    let sites = design.sites.iter().enumerate().flat_map(|(i, s)| {
        let owner = design.vnets.len() + i;
        s.advertised.iter().map(move |p| (p.trunc(), owner))
    });
    vnets.chain(sites).collect()
}

/// The baseline: every pair compared.
fn all_pairs(items: &[(IpNet, usize)]) -> usize {
    let mut found = 0;
    for (i, (a, owner_a)) in items.iter().enumerate() {
        for (b, owner_b) in items.iter().skip(i + 1) {
            if owner_a != owner_b && (a.contains(b) || b.contains(a)) {
                found += 1;
            }
        }
    }
    found
}

fn median(runs: usize, mut work: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            work();
            start.elapsed()
        })
        .collect();
    times.sort();
    times.get(times.len() / 2).copied().unwrap_or_default()
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    let design = largest_realistic(SEED);
    let items = prefixes(&design);

    c.bench_function("budget: validate the largest design", |b| {
        b.iter(|| validate(black_box(&design)))
    });
    c.bench_function("budget: overlap check, sorted sweep", |b| {
        b.iter(|| overlapping_pairs(black_box(items.clone())))
    });
    let mut slow = c.benchmark_group("baseline");
    slow.sample_size(10);
    slow.bench_function("budget: overlap, all pairs compared", |b| {
        b.iter(|| all_pairs(black_box(&items)))
    });
    slow.finish();

    let full = median(21, || {
        black_box(validate(&design));
    });
    let pairs = median(3, || {
        black_box(all_pairs(&items));
    });
    let sweep = median(21, || {
        black_box(overlapping_pairs(items.clone()));
    });
    let findings = validate(&design).len();
    let ratio = pairs.as_secs_f64() / sweep.as_secs_f64().max(f64::MIN_POSITIVE);
    let verdict = |ok: bool| if ok { "OK" } else { "OVER BUDGET" };

    println!();
    println!("validation budgets (issue 4), largest realistic design, seed {SEED}:");
    println!(
        "  full validation: {:.2} ms, {findings} findings (budget 8 ms) {}",
        full.as_secs_f64() * 1e3,
        verdict(full < Duration::from_millis(8))
    );
    println!(
        "  overlap check, sorted sweep of {} prefixes: {:.3} ms (budget 2 ms) {}",
        items.len(),
        sweep.as_secs_f64() * 1e3,
        verdict(sweep < Duration::from_millis(2))
    );
    println!(
        "  overlap, all pairs compared: {:.1} ms; the sweep is {ratio:.0}x faster (budget 100x) {}",
        pairs.as_secs_f64() * 1e3,
        verdict(ratio >= 100.0)
    );
    c.final_summary();
}

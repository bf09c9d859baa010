//! The routing budgets of issue 5, on the largest realistic design of
//! [`routecraft_core::generate`]: a lookup against a linear scan of the
//! same table, the effective routes of all 3,000 subnets (time and peak
//! memory), and every single-element failure.
//!
//! Run with `cargo bench -p routecraft-core --bench budgets`. Criterion
//! prints its usual `time:` lines; a summary with each budget's verdict
//! follows them.

// Criterion's macros define public functions without documentation, and a
// benchmark reports by printing.
#![allow(missing_docs, clippy::print_stdout, clippy::disallowed_macros)]

use std::hint::black_box;
use std::net::IpAddr;
use std::time::{Duration, Instant};

use criterion::Criterion;
use ipnet::IpNet;
use routecraft_core::generate::largest_realistic;
use routecraft_core::model::Design;
use routecraft_core::routing::*;

const SEED: u64 = 42;

/// Addresses to look up: spread over the on-premises and Azure plans.
fn addresses(count: u32) -> Vec<IpAddr> {
    (0..count)
        .map(|i| {
            let spread = i.wrapping_mul(2_654_435_761);
            let base: u32 = if i % 4 == 0 { 0x0a00_0000 } else { 0x0a80_0000 };
            let span: u32 = if i % 4 == 0 { 1 << 20 } else { 1 << 23 };
            IpAddr::from((base + spread % span).to_be_bytes())
        })
        .collect()
}

fn linear_scan(table: &[(IpNet, usize)], addr: IpAddr) -> Option<usize> {
    table
        .iter()
        .filter(|(p, _)| p.contains(&addr))
        .max_by_key(|(p, _)| p.prefix_len())
        .map(|(_, i)| *i)
}

fn subnet_ids(design: &Design) -> Vec<String> {
    design
        .vnets
        .iter()
        .flat_map(|v| v.subnets.iter().map(|s| s.id.to_string()))
        .collect()
}

/// Resolves the design and reads every subnet's table to the last row.
fn all_tables(design: &Design, ids: &[String]) -> (Resolution, usize) {
    let resolution = resolve(design, &Failures::none());
    let mut active = 0;
    for id in ids {
        if let Some(table) = resolution.effective_table(id) {
            active += table
                .iter()
                .filter(|r| r.state == RouteState::Active)
                .count();
        }
    }
    (resolution, active)
}

/// The variable that makes the bench, run again as a child, measure the
/// tables' memory alone and exit.
const MEMORY_CHILD: &str = "ROUTECRAFT_BUDGET_MEMORY_CHILD";

/// A field of /proc/self/status in bytes, such as `VmHWM:` (Linux only);
/// a counting allocator would need unsafe code, which the workspace forbids.
fn status_bytes(name: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(name))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// In the child: the peak resident memory that resolving and reading
/// every subnet's table adds to a process that has only built the design,
/// printed for the parent to read.
fn measure_in_child() {
    let design = largest_realistic(SEED);
    let ids = subnet_ids(&design);
    // Reset the peak to what is resident now, so that the design's own
    // build does not count; where the reset is refused, the old peak
    // stands and the figure can only come out lower.
    let reset = std::fs::write("/proc/self/clear_refs", "5").is_ok();
    let field = if reset { "VmRSS:" } else { "VmHWM:" };
    let before = status_bytes(field).unwrap_or(0);
    let kept = all_tables(&design, &ids);
    let peak = status_bytes("VmHWM:").unwrap_or(0);
    black_box(&kept);
    println!("{MEMORY_CHILD}={}", peak.saturating_sub(before));
}

/// The tables' peak memory, measured in a fresh run of this same binary:
/// in this process, memory freed earlier would hide the growth.
fn peak_bytes_in_child() -> Option<u64> {
    let exe = std::env::current_exe().ok()?;
    let out = std::process::Command::new(exe)
        .env(MEMORY_CHILD, "1")
        .output()
        .ok()?;
    let text = String::from_utf8(out.stdout).ok()?;
    let line = text.lines().find(|l| l.starts_with(MEMORY_CHILD))?;
    line.split('=').nth(1)?.trim().parse().ok()
}

/// The bytes the rows of every subnet's table would take if each subnet
/// held its own copy, counting the rows' inline size only.
fn copied_bytes(resolution: &Resolution, ids: &[String]) -> usize {
    let rows: usize = ids
        .iter()
        .filter_map(|id| resolution.effective_table(id))
        .map(|t| t.len())
        .sum();
    rows * std::mem::size_of::<EffectiveRoute>()
}

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs.get(runs.len() / 2).copied().unwrap_or_default()
}

fn timed<T>(runs: usize, mut work: impl FnMut() -> T) -> Duration {
    median(
        (0..runs)
            .map(|_| {
                let start = Instant::now();
                black_box(work());
                start.elapsed()
            })
            .collect(),
    )
}

fn verdict(ok: bool) -> &'static str {
    if ok {
        "OK"
    } else {
        "OVER BUDGET"
    }
}

fn main() {
    if std::env::var_os(MEMORY_CHILD).is_some() {
        measure_in_child();
        return;
    }
    let mut c = Criterion::default().configure_from_args();
    let design = largest_realistic(SEED);
    let ids = subnet_ids(&design);
    let peak = peak_bytes_in_child();
    let base = resolve(&design, &Failures::none());
    let copied = copied_bytes(&base, &ids);
    let (largest, rows) = ids
        .iter()
        .filter_map(|id| Some((id.as_str(), base.effective_routes(id)?)))
        .max_by_key(|(_, rows)| rows.len())
        .unwrap_or_default();

    // Lookups: the prefix map against a scan of the same table.
    let table: Vec<(IpNet, usize)> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| (r.prefix, i))
        .collect();
    let map: PrefixMap<usize> = table.iter().copied().collect();
    let probes = addresses(1_024);
    let agree = probes
        .iter()
        .all(|a| map.longest_match(*a).map(|m| *m.1) == linear_scan(&table, *a));
    let lookup_map = |probes: &[IpAddr]| {
        probes
            .iter()
            .filter_map(|a| map.longest_match(*a).map(|(_, i)| *i))
            .sum::<usize>()
    };
    let lookup_scan = |probes: &[IpAddr]| {
        probes
            .iter()
            .filter_map(|a| linear_scan(&table, *a))
            .sum::<usize>()
    };
    c.bench_function("budget: lookup, prefix map, 1,024 addresses", |b| {
        b.iter(|| lookup_map(black_box(&probes)))
    });
    c.bench_function("budget: lookup, linear scan, 1,024 addresses", |b| {
        b.iter(|| lookup_scan(black_box(&probes)))
    });

    c.bench_function("budget: effective routes of all 3,000 subnets", |b| {
        b.iter(|| all_tables(black_box(&design), &ids))
    });

    // One timed sweep first: criterion takes ten, which is only worth it
    // once the sweep is fast.
    let sweep_once = timed(1, || single_failures(&design));
    if sweep_once < Duration::from_secs(2) {
        let mut slow = c.benchmark_group("sweep");
        slow.sample_size(10);
        slow.bench_function("budget: every single-element failure", |b| {
            b.iter(|| single_failures(black_box(&design)))
        });
        slow.finish();
    }

    // The summary, from medians of our own runs so it does not depend on
    // criterion's output format.
    let n = probes.len() as f64;
    let map_time = timed(51, || lookup_map(&probes)).as_secs_f64() / n;
    let scan_time = timed(11, || lookup_scan(&probes)).as_secs_f64() / n;
    let ratio = scan_time / map_time.max(f64::MIN_POSITIVE);
    let tables = timed(11, || all_tables(&design, &ids));
    let sweep = timed(5, || single_failures(&design));
    let units = failure_units(&design);
    // The routes alone with each unit down, as a what-if or the sweep
    // resolves them before any trace.
    let rerouted = timed(5, || {
        for unit in &units {
            black_box(base.with_failures(&design, &Failures::of([unit.clone()])));
        }
    });
    let units = units.len();

    println!();
    println!("routing budgets (issue 5), largest realistic design, seed {SEED}:");
    println!(
        "  largest table: {} rows ({largest}); prefix map agrees with the scan: {agree}",
        rows.len()
    );
    println!(
        "  lookup: prefix map {:.0} ns, linear scan {:.0} ns, {ratio:.0}x faster (budget 200x) {}",
        map_time * 1e9,
        scan_time * 1e9,
        verdict(ratio >= 200.0)
    );
    println!(
        "  all subnets effective routes: {:.1} ms (budget 100 ms) {}",
        tables.as_secs_f64() * 1e3,
        verdict(tables < Duration::from_millis(100))
    );
    match peak {
        Some(bytes) => println!(
            "  all subnets effective routes: peak {:.1} MB (budget 64 MB) {}",
            bytes as f64 / 1e6,
            verdict(bytes < 64 * 1024 * 1024)
        ),
        None => println!("  all subnets effective routes: peak memory unknown (no /proc)"),
    }
    println!(
        "  (the same rows copied into each subnet would take {:.0} MB before their heap parts)",
        copied as f64 / 1e6
    );
    println!(
        "  single failures, {units} units, routes resolved again with each one down: {:.1} ms in all (budget 200 ms) {}",
        rerouted.as_secs_f64() * 1e3,
        verdict(rerouted < Duration::from_millis(200))
    );
    println!(
        "  single failures, {units} units, with every reachability check: {:.1} ms in all (budget 200 ms) {}",
        sweep.as_secs_f64() * 1e3,
        verdict(sweep < Duration::from_millis(200))
    );
    c.final_summary();
}

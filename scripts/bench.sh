#!/usr/bin/env bash
# Runs the core's criterion benchmarks and prints each figure with its ratio
# to the first, so a slowdown shows as a changed ratio rather than as a
# timing that depends on how busy the machine is.
#   --quick   fewer samples, for the test run
set -euo pipefail
cd "$(dirname "$0")/.."
args=()
[ "${1:-}" = "--quick" ] && args=(--warm-up-time 1 --measurement-time 2 --sample-size 10)
if ! ls crates/core/benches/*.rs >/dev/null 2>&1; then
  echo "no benchmarks yet"
  exit 0
fi
# Each bench target by name: `--benches` would also pass criterion's
# options to the library's own test harness, which refuses them.
targets=()
for file in crates/core/benches/*.rs; do
  targets+=(--bench "$(basename "$file" .rs)")
done
out=target/bench.txt
cargo bench -p routecraft-core "${targets[@]}" -- "${args[@]}" 2>&1 | tee "$out"
python3 - "$out" <<'PY'
import re, sys
units = {"ps": 1e-6, "ns": 1e-3, "µs": 1.0, "us": 1.0, "ms": 1e3, "s": 1e6}
rows = []
name = None
for line in open(sys.argv[1], encoding="utf-8"):
    m = re.match(r"^(\S.*?)\s+time:\s+\[\S+ \S+ (\S+) (\S+)", line)
    if m:
        rows.append((m.group(1).strip(), float(m.group(2)) * units[m.group(3)]))
        continue
    n = re.match(r"^(\S[^\s].*)$", line.rstrip())
    if n and "time:" not in line:
        name = n.group(1)
    m = re.match(r"^\s+time:\s+\[\S+ \S+ (\S+) (\S+)", line)
    if m and name:
        rows.append((name, float(m.group(1)) * units[m.group(2)]))
if rows:
    base = rows[0][1]
    print("\nbenchmark medians (ratios against the first):")
    for n, us in rows:
        print(f"  {n:<50} {us:>12.1f} µs   x{us / base:.2f}")
PY

#!/usr/bin/env bash
# Runs every test, in order: formatting, lints, native tests of the core and
# CLI, component tests in headless Chromium, a release build, and the
# end-to-end run against the built site. Stops at the first failing step and
# ends with the test runners' summary lines.
set -uo pipefail
cd "$(dirname "$0")/.."

./scripts/setup.sh || exit 1
export PATH="$PWD/node_modules/.bin:$PATH"

logs=target/test-logs
mkdir -p "$logs"
summary=()

step() {
  local name=$1
  shift
  printf '\n\033[1m==> %s\033[0m\n' "$name"
  local log="$logs/${name// /-}.log"
  "$@" 2>&1 | tee "$log"
  local status=${PIPESTATUS[0]}
  while IFS= read -r line; do summary+=("$name: $line"); done < <(
    grep -E '^test result:|^[0-9]+ passed, [0-9]+ failed' "$log" | sed 's/; finished in.*//'
  )
  if [ "$status" -ne 0 ]; then
    printf '\n\033[31mFAILED: %s (log: %s)\033[0m\n' "$name" "$log"
    print_summary
    exit "$status"
  fi
}

print_summary() {
  printf '\n==> summary\n'
  local total_passed=0 total_failed=0
  for line in "${summary[@]}"; do
    printf '%s\n' "$line"
    local p f
    p=$(grep -oE '([0-9]+) passed' <<<"$line" | grep -oE '[0-9]+' || echo 0)
    f=$(grep -oE '([0-9]+) failed' <<<"$line" | grep -oE '[0-9]+' || echo 0)
    total_passed=$((total_passed + p))
    total_failed=$((total_failed + f))
  done
  printf '\n%d passed, %d failed\n' "$total_passed" "$total_failed"
}

step "rustfmt" cargo fmt --all -- --check
step "clippy native" cargo clippy --workspace --all-targets -- -D warnings
step "clippy app" cargo clippy --target wasm32-unknown-unknown -p routecraft-app --all-targets -- -D warnings
step "native tests" cargo test --workspace
step "component tests" cargo test --target wasm32-unknown-unknown -p routecraft-app
step "release build" trunk build --release
step "benchmarks" ./scripts/bench.sh --quick
step "end-to-end" node tests/e2e/run.mjs
print_summary

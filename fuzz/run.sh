#!/usr/bin/env bash
# Fuzz every target for a bounded time and fail on the first crash.
#
#   fuzz/run.sh SECONDS_PER_TARGET [TARGET...]
#
# Each target starts from its committed seeds (fuzz/corpus/<target>/, read only) plus a
# writable corpus: a fresh temporary one, or fuzz/work/<target>/ with FUZZ_KEEP=1 so long runs
# build on each other. Crash inputs land in fuzz/artifacts/<target>/. Runs on the stable
# toolchain (RUSTC_BOOTSTRAP=1 unlocks the -Z flags cargo-fuzz passes), with AddressSanitizer
# when the toolchain ships its runtime, without a sanitizer otherwise.
set -euo pipefail

cd "$(dirname "$0")/.."
seconds=${1:?usage: fuzz/run.sh SECONDS_PER_TARGET [TARGET...]}
shift
targets=("$@")
if [[ ${#targets[@]} -eq 0 ]]; then
  mapfile -t targets < <(sed -n 's/^name = "\(.*\)"$/\1/p' fuzz/Cargo.toml | grep -v '^lgsp-paygate-fuzz$')
fi

export RUSTC_BOOTSTRAP=1
probe=$(mktemp -d)
trap 'rm -rf "$probe"' EXIT
if echo 'fn main() {}' | rustc -Zsanitizer=address -o "$probe/asan" - 2>/dev/null; then
  sanitizer=address
else
  sanitizer=none
  echo "fuzz: AddressSanitizer is not available on this toolchain; fuzzing without a sanitizer"
fi

cargo fuzz build --sanitizer "$sanitizer"

summary=()
failed=0
for target in "${targets[@]}"; do
  if [[ ${FUZZ_KEEP:-0} == 1 ]]; then
    work=fuzz/work/$target
  else
    work=$probe/$target
  fi
  mkdir -p "$work" "fuzz/artifacts/$target"
  log=$probe/$target.log
  echo "fuzz: $target for ${seconds}s"
  status=0
  cargo fuzz run --sanitizer "$sanitizer" "$target" "$work" "fuzz/corpus/$target" -- \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -dict=fuzz/lgsp.dict \
    -print_final_stats=1 -close_fd_mask=1 >"$log" 2>&1 || status=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  if [[ $status -ne 0 ]]; then
    failed=1
    { grep -E -A2 'panicked at|ERROR: AddressSanitizer|ERROR: libFuzzer' "$log" | head -12; grep 'Test unit written' "$log"; } \
      | cut -c1-400 || tail -40 "$log"
    summary+=("$(printf '%-18s %10s %8s  CRASH (see fuzz/artifacts/%s)' "$target" "${runs:-?}" "-" "$target")")
  else
    corpus=$(find "$work" -type f | wc -l)
    summary+=("$(printf '%-18s %10s %8s  no crash' "$target" "$runs" "$corpus")")
  fi
done

echo
printf '%-18s %10s %8s  %s\n' target executions 'new' result
printf '%s\n' "${summary[@]}"
exit "$failed"

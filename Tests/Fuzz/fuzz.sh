#!/usr/bin/env bash
# Builds the libFuzzer binary (into .build-fuzz, with AddressSanitizer) and runs fuzz targets,
# each from a scratch copy of its seed corpus, with the libFuzzer options given.
#
#   Tests/Fuzz/fuzz.sh [-t TARGET]... [LIBFUZZER_OPTION]...
#   Tests/Fuzz/fuzz.sh -runs=20000 -max_len=4096            every target, as CI does
#   Tests/Fuzz/fuzz.sh -t index -max_total_time=3600        one target for an hour
#
# A crash stops the script with libFuzzer's report; the input is saved as
# $FUZZ_WORK/crash-TARGET-<sha1> (see Documentation/Fuzzing.md to make it a regression test).
set -euo pipefail
cd "$(dirname "$0")/../.."

targets=()
while [[ $# -gt 0 && $1 == -t ]]; do targets+=("$2"); shift 2; done
[[ ${#targets[@]} -gt 0 ]] || targets=(segment batch record vault index import settings blanked)
work=${FUZZ_WORK:-$(mktemp -d)}
mkdir -p "$work"

swift build --scratch-path .build-fuzz --product ledger-fuzz \
    --sanitize=fuzzer -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING 2>&1 | sed "/Cannot export local symbol/d" >&2
fuzzer=.build-fuzz/debug/ledger-fuzz

for target in "${targets[@]}"; do
    corpus="$work/corpus-$target"
    mkdir -p "$corpus"
    cp Tests/Fuzz/Corpus/"$target"/* "$corpus"/
    started=$(date +%s)
    # The Swift runtime's own backtracer would print over AddressSanitizer's report.
    if ! SWIFT_BACKTRACE=enable=no PDL_FUZZ_TARGET=$target "$fuzzer" "$corpus" \
        -artifact_prefix="$work/crash-$target-" -print_final_stats=1 "$@" > "$work/$target.log" 2>&1; then
        tail -60 "$work/$target.log"
        echo "fuzz target $target failed; the input is in $work/crash-$target-*"
        exit 1
    fi
    summary=$(grep -E '^#[0-9]+.*DONE' "$work/$target.log" | tail -1 || true)
    echo "$target: $(( $(date +%s) - started ))s ${summary:-}"
done

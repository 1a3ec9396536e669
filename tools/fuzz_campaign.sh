#!/usr/bin/env bash
# Runs one fuzz target of fuzz/ (cargo-fuzz + libFuzzer) on its corpus and prints libFuzzer's
# final stats as one line, for fuzz/RESULTS.md:
#
#   tools/fuzz_campaign.sh TARGET -runs=1000000        # a number of executions
#   tools/fuzz_campaign.sh TARGET -max_total_time=60   # a number of seconds (make fuzz)
#
# Any further arguments go to libFuzzer. It resumes from the committed seeds
# (fuzz/corpus/TARGET, read only), the campaign's saved corpus (fuzz/corpus-saved/TARGET, read
# only; `make fuzz-save` refreshes it), the crash regressions (fuzz/regressions/TARGET) and the
# working corpus (fuzz/corpus-work/TARGET, git-ignored, where new inputs are written). A crash,
# an input over -rss_limit_mb=2048 or one that runs longer than -timeout=10 seconds is saved
# under fuzz/artifacts/TARGET/ and the script fails.
#
# Builds hold /tmp/wanumbers-build.lock (the machine is shared; runs are one process). Only the stable
# toolchain is needed: RUSTC_BOOTSTRAP=1 lets it accept cargo-fuzz's nightly flags (see
# fuzz/README.md). FUZZ_SKIP_BUILD=1 skips the build (make fuzz-smoke builds every target once).
# FUZZ_NO_TRACE_COMPARES=1 builds without comparison tracing, into fuzz/target-notc: for `images`,
# whose time goes to deflating decoded pixels (miniz_oxide's match finder), it is ~5x faster;
# the corpus then guides the search where traced comparisons would.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
FUZZ="$ROOT/fuzz"
LOCK=/tmp/wanumbers-build.lock
TRIPLE=$(rustc -vV | sed -n 's/^host: //p')

TARGET=${1:?usage: tools/fuzz_campaign.sh TARGET [-runs=N | -max_total_time=S] [libFuzzer args...]}
shift
if ! grep -qx "name = \"$TARGET\"" "$FUZZ/Cargo.toml"; then
  echo "unknown fuzz target: $TARGET (see: cargo fuzz list --fuzz-dir fuzz)" >&2
  exit 2
fi

export RUSTC_BOOTSTRAP=1
BUILD_DIR="$FUZZ/target"
BUILD_FLAGS=()
if [ "${FUZZ_NO_TRACE_COMPARES:-0}" = 1 ]; then
  BUILD_DIR="$FUZZ/target-notc"
  BUILD_FLAGS=(--no-trace-compares --target-dir "$BUILD_DIR")
fi
if [ "${FUZZ_SKIP_BUILD:-0}" != 1 ]; then
  flock "$LOCK" cargo fuzz build --fuzz-dir "$FUZZ" --sanitizer none ${BUILD_FLAGS[@]+"${BUILD_FLAGS[@]}"} "$TARGET"
fi
BIN="$BUILD_DIR/$TRIPLE/release/$TARGET"

WORK="$FUZZ/corpus-work/$TARGET"
ARTIFACTS="$FUZZ/artifacts/$TARGET"
mkdir -p "$WORK" "$ARTIFACTS"
DIRS=("$WORK" "$FUZZ/corpus/$TARGET")
# The campaign's corpus, minimized and committed, so the next campaign resumes from it.
[ -d "$FUZZ/corpus-saved/$TARGET" ] && DIRS+=("$FUZZ/corpus-saved/$TARGET")
[ -d "$FUZZ/regressions/$TARGET" ] && DIRS+=("$FUZZ/regressions/$TARGET")

# One dictionary per target where one helps (api_request and api_response share api.dict).
DICT=""
for name in "$TARGET" "${TARGET%%_*}"; do
  if [ -f "$FUZZ/dict/$name.dict" ]; then DICT="-dict=$FUZZ/dict/$name.dict"; break; fi
done

LOG=$(mktemp "${TMPDIR:-/tmp}/fuzz-$TARGET.XXXXXX")
trap 'rm -f "$LOG"' EXIT
# The phone target writes down where rlibphonenumber disagrees with us; libphonenumber itself
# judges each one afterwards (tools/check_disagreements.py).
export WANUMBERS_DISAGREEMENTS="$ARTIFACTS/disagreements.jsonl"
rm -f "$WANUMBERS_DISAGREEMENTS"
status=0
"$BIN" ${DICT:+"$DICT"} -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
  -artifact_prefix="$ARTIFACTS/" "$@" "${DIRS[@]}" >"$LOG" 2>&1 || status=$?

# The last status line ("#1234 DONE cov: 567 ft: 890 corp: ...") and the final stats.
last=$(grep -E '^#[0-9]+' "$LOG" | tail -n 1 || true)
stat() { sed -n "s/^stat::$1: *//p" "$LOG" | tail -n 1; }
cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
corp=$(sed -n 's/.* corp: \([0-9]*\/[0-9a-zA-Z]*\).*/\1/p' <<<"$last")
if [ "$status" != 0 ]; then
  echo "---- $TARGET: libFuzzer output (last 60 lines) ----"
  tail -n 60 "$LOG"
  echo "----"
fi
if [ "$TARGET" = phone ] && [ "$status" = 0 ]; then
  "$ROOT/.venv/bin/python" "$ROOT/tools/check_disagreements.py" "$WANUMBERS_DISAGREEMENTS" || status=$?
fi
echo "fuzz $TARGET: execs=$(stat number_of_executed_units) exec/s=$(stat average_exec_per_sec)" \
  "cov=${cov:-?} ft=${ft:-?} corp=${corp:-?} new_units=$(stat new_units_added)" \
  "peak_rss_mb=$(stat peak_rss_mb) status=$([ "$status" = 0 ] && echo ok || echo "FAILED($status)")"
exit "$status"

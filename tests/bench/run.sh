#!/bin/bash
# samordne's benchmark (issue #5): `make bench` runs it from the build dir.
#
# It makes the national data set once per seed (tests/bench/gen; minutes),
# the county one from the built-in demo, and prints one figure a line,
# `name value unit target verdict`, also written to bench.json in the
# build dir for comparing runs. Timings are whole-process medians of RUNS
# (≥ 5) runs after a warm-up; a comparison with another tool is a ratio
# of two medians taken in the same run. Peers that are not installed are
# skipped with a line saying so.
#
# Environment: BUILDDIR (where samordne and the bench programs are; by
# default the current directory), BENCH_DIR (the data; by default
# $BUILDDIR/bench-data), SEED (2015), RUNS (5), BENCH_SCALE (1; e.g. 0.1
# for a quick look), BENCH_ONLY (a list of parts: lists tui sync), and for
# the peers PEER_RUNS (RUNS), PEER_WARMUP (1) and PEER_TIMEOUT (300 s a
# run: calcurse takes minutes for a query over 100,000 appointments).
set -u

BUILDDIR=${BUILDDIR:-$PWD}
HERE=$(cd "$(dirname "$0")" && pwd)
SAMORDNE=$BUILDDIR/samordne
GEN=$BUILDDIR/tests/bench/gen
TIMEIT=$BUILDDIR/tests/bench/timeit
PTYKEYS=$BUILDDIR/tests/bench/ptykeys
SEED=${SEED:-2015}
RUNS=${RUNS:-5}
PEER_RUNS=${PEER_RUNS:-$RUNS}
PEER_WARMUP=${PEER_WARMUP:-1}
PEER_TIMEOUT=${PEER_TIMEOUT:-300}
DATA=${BENCH_DIR:-$BUILDDIR/bench-data}
GEN_SCALE=""
[ -n "${BENCH_SCALE:-}" ] && GEN_SCALE="--scale $BENCH_SCALE"
PARTS=${BENCH_ONLY:-lists tui sync}

. "$HERE/lib.sh"
. "$HERE/lists.sh"
. "$HERE/tui.sh"
. "$HERE/sync.sh"

for p in "$SAMORDNE" "$GEN" "$TIMEIT" "$PTYKEYS"; do
	[ -x "$p" ] || { echo "bench: $p is not built (run make bench)" >&2; exit 1; }
done

# A private home, config and temp dir: no user config, no user database.
WORK=$(mktemp -d "${TMPDIR:-/tmp}/samordne-bench.XXXXXX") || exit 1
cleanup() {
	sync_stop_server
	tmux -L "$TMUX_SOCK" -f /dev/null kill-server >/dev/null 2>&1
	rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 1' HUP INT TERM
export HOME=$WORK/home XDG_CONFIG_HOME=$WORK/home/.config XDG_DATA_HOME=$WORK/home/.local/share
export TMPDIR=$WORK LC_ALL=C.UTF-8 TZ=Europe/Oslo
# The gen devices' author (see gen.c), so a sync adds no op of its own.
export SAMORDNE_USER=Benchmark SAMORDNE_DEVICE_LABEL=bench
unset SAMORDNE_DB SAMORDNE_NOW NO_COLOR TMUX
mkdir -p "$HOME" "$XDG_CONFIG_HOME" "$DATA"

# The national data set, remade when the generator or the seed changed.
STAMP_WANT="seed=$SEED scale=${BENCH_SCALE:-1}"
if [ ! -f "$DATA/stamp" ] || [ "$GEN" -nt "$DATA/stamp" ] ||
	[ "$(cat "$DATA/stamp")" != "$STAMP_WANT" ]; then
	echo "bench: generating the national data set in $DATA (a few minutes)…" >&2
	rm -rf "$DATA/khal" "$DATA/devices" "$DATA/server"
	# shellcheck disable=SC2086
	"$GEN" --seed "$SEED" $GEN_SCALE "$DATA" | tee "$DATA/gen.txt" >&2 || exit 1
	awk '$1 == "gen_records" { print $2 }' "$DATA/gen.txt" >"$DATA/records"
	echo "$STAMP_WANT" >"$DATA/stamp"
fi
NATIONAL=$DATA/national.db
DEMO_DB=$WORK/demo.db
"$SAMORDNE" demo-db "$DEMO_DB" >/dev/null || exit 1

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
echo "# samordne benchmark, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) CPUs, load $LOAD_BEFORE," \
	"$RUNS runs each (peers: $PEER_RUNS, at most $PEER_TIMEOUT s a run)"
printf '%-34s %12s %-8s %-8s %s\n' name value unit target verdict
while read -r name value unit; do
	figure "$name" "$value" "$unit"
done <"$DATA/gen.txt"
for part in $PARTS; do
	"bench_$part"
done
json_write "$BUILDDIR/bench.json" "${BENCH_COMMAND:-make bench}"
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg); figures in $BUILDDIR/bench.json"
[ -z "$MISSED" ] || echo "# targets missed:$MISSED"
exit 0

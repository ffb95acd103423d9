# Shared by the benchmark's parts (sourced by run.sh): printing a figure,
# collecting it for bench.json, timing a whole process, and the checks of
# what is installed.
#
# A figure is one line, `name value unit target`, then a verdict when there
# is a target:
#   list_meetings_year 41.2 ms - 
#   agenda_year_vs_calcurse 23.4 x >=10 met
# A figure that cannot be measured says why instead of a value. OVER=">"
# before a call marks the value as a lower bound (a peer that timed out).

FIGURES_JSON=""
MISSED=""

# figure NAME VALUE UNIT [TARGET]   TARGET: <=N, >=N or =N (same unit)
figure() {
	name=$1 value=$2 unit=$3 target=${4:--}
	verdict=""
	case $target in
	"<="*) awk -v v="$value" -v t="${target#<=}" 'BEGIN { exit !(v <= t) }' && verdict=met || verdict=MISSED ;;
	">="*) awk -v v="$value" -v t="${target#>=}" 'BEGIN { exit !(v >= t) }' && verdict=met || verdict=MISSED ;;
	"="*) awk -v v="$value" -v t="${target#=}" 'BEGIN { exit !(v == t) }' && verdict=met || verdict=MISSED ;;
	esac
	printf '%-34s %12s %-8s %-8s %s\n' "$name" "${OVER:-}$value" "$unit" "$target" "$verdict"
	[ "$verdict" = MISSED ] && MISSED="$MISSED $name"
	json_add "$(printf '{"name":"%s","value":%s,"unit":"%s","target":"%s","verdict":"%s","bound":"%s"}' \
		"$name" "$value" "$unit" "$target" "$verdict" "${OVER:+lower}")"
	OVER=""
}

# absent NAME UNIT TARGET WHY: a figure that is not measured this run.
absent() {
	printf '%-34s %12s %-8s %-8s %s\n' "$1" "-" "$2" "$3" "$4"
	json_add "$(printf '{"name":"%s","value":null,"unit":"%s","target":"%s","verdict":"%s"}' \
		"$1" "$2" "$3" "$(printf '%s' "$4" | sed 's/["\\]/\\&/g')")"
}

json_add() {
	FIGURES_JSON="${FIGURES_JSON:+$FIGURES_JSON,
}  $1"
}

json_write() { # FILE COMMAND
	{
		printf '{\n "date": "%s",\n "host": "%s",\n "cpus": %s,\n "command": "%s",\n' \
			"$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$(uname -n)" "$(nproc)" "$2"
		printf ' "load_before": "%s",\n "figures": [\n%s\n ]\n}\n' "$LOAD_BEFORE" "$FIGURES_JSON"
	} >"$1"
}

# ratio A B: A / B with one decimal (how many times faster B's peer is).
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", (b > 0 ? a / b : 0) }'; }
# minus A B, never below zero.
minus() { awk -v a="$1" -v b="$2" 'BEGIN { d = a - b; printf "%.2f", (d > 0 ? d : 0) }'; }
mb() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }

# timed [timeit options] -- COMMAND…: runs timeit and sets T_MS (median)
# and T_RSS (peak, KiB). Returns 1 (with T_ERR) on failure.
timed() {
	_out=$("$TIMEIT" -n "$RUNS" -w 1 "$@" 2>"$WORK/timeit.err") || {
		T_ERR=$(tail -n 3 "$WORK/timeit.err" | tr '\n' ' ')
		return 1
	}
	# shellcheck disable=SC2086
	set -- $_out
	T_MS=$1 T_RSS=$4
}

# timed_peer … : timed for another tool, with PEER_RUNS runs and a time
# limit of PEER_TIMEOUT seconds a run. A peer that runs over it gives a
# lower bound: T_MS is the limit and T_OVER is ">" (else "").
timed_peer() {
	T_OVER=""
	_out=$("$TIMEIT" -n "$PEER_RUNS" -w "$PEER_WARMUP" -t "$PEER_TIMEOUT" "$@" \
		2>"$WORK/timeit.err")
	case $? in
	0)
		# shellcheck disable=SC2086
		set -- $_out
		T_MS=$1 T_RSS=$4 ;;
	4) T_MS=$((PEER_TIMEOUT * 1000)) T_OVER=">" ;;
	*)
		T_ERR=$(tail -n 3 "$WORK/timeit.err" | tr '\n' ' ')
		return 1 ;;
	esac
}

have() { command -v "$1" >/dev/null 2>&1; }

# A peer that is not installed: one line saying so (and how to get it).
peer_missing() { # NAME UNIT TARGET PACKAGE
	absent "$1" "$2" "$3" "skipped: $4 is not installed (apt-get install $4)"
}

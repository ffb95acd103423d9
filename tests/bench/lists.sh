# The command-line figures at national scale, each beside its peer on the
# same data (sourced by run.sh): a week's and a year's agenda next to
# calcurse -Q and khal list, the contacts as CSV next to abook's export,
# an .ics import next to calcurse -i, and the database's size.

WEEK_FROM=04.01.2021 WEEK_TO=10.01.2021
YEAR_FROM=01.01.2021 YEAR_TO=31.12.2021

khal_config() {
	KHAL_CONF=$WORK/khal.conf
	# khal keeps an SQLite cache of the vdir and syncs it on every run;
	# on tmpfs its first fill takes a minute instead of half an hour of
	# fsyncs. Each timed run after the warm-up only checks the files.
	KHAL_CACHE=${KHAL_CACHE_DIR:-/dev/shm}/samordne-bench-khal-$$.db
	cat >"$KHAL_CONF" <<-EOF
	[calendars]
	[[bench]]
	path = $DATA/khal
	[locale]
	timeformat = %H:%M
	dateformat = %d.%m.%Y
	longdateformat = %d.%m.%Y
	datetimeformat = %d.%m.%Y %H:%M
	longdatetimeformat = %d.%m.%Y %H:%M
	local_timezone = Europe/Oslo
	default_timezone = Europe/Oslo
	[sqlite]
	path = $KHAL_CACHE
	EOF
	khal -c "$KHAL_CONF" list 01.01.2016 02.01.2016 >/dev/null 2>&1
}

# agenda NAME FROM TO TARGET_RATIO
agenda() {
	_name=$1 _from=$2 _to=$3 _target=$4
	if timed -- "$SAMORDNE" --db "$NATIONAL" list meetings --from "$_from" --to "$_to"; then
		_sam=$T_MS
		figure "agenda_${_name}" "$_sam" ms
		figure "agenda_${_name}_rss" "$(mb "$T_RSS")" MB "<=32"
	else
		absent "agenda_${_name}" ms - "failed: $T_ERR"
		return
	fi
	# calcurse takes month/day/year.
	_cfrom=$(echo "$_from" | awk -F. '{ print $2 "/" $1 "/" $3 }')
	_cto=$(echo "$_to" | awk -F. '{ print $2 "/" $1 "/" $3 }')
	if ! have calcurse; then
		peer_missing "agenda_${_name}_vs_calcurse" x "$_target" calcurse
	elif timed_peer -- calcurse -D "$DATA/calcurse" -Q --from "$_cfrom" --to "$_cto"; then
		OVER=$T_OVER figure "calcurse_agenda_${_name}" "$T_MS" ms
		OVER=$T_OVER figure "agenda_${_name}_vs_calcurse" "$(ratio "$T_MS" "$_sam")" x "$_target"
	else
		absent "agenda_${_name}_vs_calcurse" x "$_target" "calcurse failed: $T_ERR"
	fi
	if ! have khal; then
		peer_missing "agenda_${_name}_vs_khal" x "$_target" khal
	elif timed_peer -- khal -c "$KHAL_CONF" list "$_from" "$_to"; then
		OVER=$T_OVER figure "khal_agenda_${_name}" "$T_MS" ms
		OVER=$T_OVER figure "agenda_${_name}_vs_khal" "$(ratio "$T_MS" "$_sam")" x "$_target"
	else
		absent "agenda_${_name}_vs_khal" x "$_target" "khal failed: $T_ERR"
	fi
}

contacts_csv() {
	if timed -- "$SAMORDNE" --db "$NATIONAL" list contacts --format csv; then
		_sam=$T_MS
		figure contacts_csv "$_sam" ms
		figure contacts_csv_rss "$(mb "$T_RSS")" MB "<=32"
	else
		absent contacts_csv ms - "failed: $T_ERR"
		return
	fi
	if ! have abook; then
		peer_missing contacts_csv_vs_abook x ">=2" abook
	elif timed_peer -- abook --config /dev/null --datafile "$DATA/abook/addressbook" --convert \
		--informat abook --infile "$DATA/abook/addressbook" --outformat csv --outfile -; then
		OVER=$T_OVER figure abook_csv "$T_MS" ms
		OVER=$T_OVER figure contacts_csv_vs_abook "$(ratio "$T_MS" "$_sam")" x ">=2"
	else
		absent contacts_csv_vs_abook x ">=2" "abook failed: $T_ERR"
	fi
}

# The import reads the same .ics into an empty database; the peer into an
# empty calcurse folder. Each run starts from empty (untimed).
ics_import() {
	_fresh=$WORK/import.db
	if "$SAMORDNE" import --help >/dev/null 2>&1; then
		if timed -p "rm -f '$_fresh' '$_fresh-wal' '$_fresh-shm'" -- \
			"$SAMORDNE" --db "$_fresh" import "$DATA/meetings.ics"; then
			_sam=$T_MS
			figure ics_import "$_sam" ms
			figure ics_import_rss "$(mb "$T_RSS")" MB "<=32"
		else
			absent ics_import ms - "failed: $T_ERR"
			_sam=""
		fi
	else
		absent ics_import ms - "not implemented (samordne has no import command yet)"
		_sam=""
	fi
	if ! have calcurse; then
		peer_missing ics_import_vs_calcurse x ">=10" calcurse
		return
	fi
	_cdir=$WORK/calcurse-import
	if timed_peer -p "rm -rf '$_cdir' && mkdir '$_cdir' && touch '$_cdir/apts' '$_cdir/todo'" -- \
		calcurse -D "$_cdir" -i "$DATA/meetings.ics"; then
		OVER=$T_OVER figure calcurse_import "$T_MS" ms
		if [ -n "$_sam" ]; then
			OVER=$T_OVER figure ics_import_vs_calcurse "$(ratio "$T_MS" "$_sam")" x ">=10"
		else
			absent ics_import_vs_calcurse x ">=10" "not implemented (no samordne import)"
		fi
	else
		absent ics_import_vs_calcurse x ">=10" "calcurse -i failed: $T_ERR"
	fi
}

db_size() {
	_bytes=$(stat -c %s "$NATIONAL")
	_records=$(cat "$DATA/records")
	figure db_size_national "$(mb "$((_bytes / 1024))")" MB
	figure db_kib_per_1000_records "$(awk -v b="$_bytes" -v r="$_records" \
		'BEGIN { printf "%.0f", b / 1024 / (r / 1000) }')" KiB
}

bench_lists() {
	have khal && khal_config
	agenda week "$WEEK_FROM" "$WEEK_TO" -
	agenda year "$YEAR_FROM" "$YEAR_TO" ">=10"
	contacts_csv
	ics_import
	db_size
	[ -n "${KHAL_CACHE:-}" ] && rm -f "$KHAL_CACHE"
	return 0
}

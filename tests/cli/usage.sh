#!/bin/sh
# Usage: --help and --version succeed; a wrong subcommand, option or a
# missing argument exits 2 with one line that points to --help, and
# touches no database.
# shellcheck source=tests/cli/lib.sh
. "$TESTS_SRCDIR/cli/lib.sh"

ok --help
out_has "Usage: samordne"
for cmd in list show add set delete history; do
	out_has "samordne $cmd"
done
ok -h
out_has "Usage: samordne"

ok --version
[ "$(cat "$OUT")" = "samordne 0.1.0" ] || fail "--version printed '$(cat "$OUT")'"

for cmd in list show add set delete history; do
	ok "$cmd" --help
	out_has "Usage: samordne"
	out_has "$cmd"
done
ok add --help
out_has "settlement: municipality, year"
ok list --help
out_has "--municipality"

# usage_error ARGS…: exit 2, one line on stderr that points to --help.
usage_error() {
	run 2 "$@"
	err_one_line
	err_has "samordne --help"
	[ -s "$OUT" ] && fail "samordne $* printed on stdout"
	return 0
}

usage_error frobnicate
err_has "frobnicate"
usage_error --frobnicate
err_has "--frobnicate"
usage_error list municipalities --frobnicate
err_has "--frobnicate"
usage_error -x
usage_error --db
err_has "--db"
usage_error list
usage_error list municipalities --year
err_has "--year"
usage_error list nonsense
err_has "nonsense"
err_has "municipalities"
usage_error list municipalities contacts
usage_error list municipalities --format xml
err_has "xml"
usage_error show
usage_error show Moss Halden
usage_error add
usage_error add frobnicate name=x
usage_error add municipality name
usage_error set Moss
usage_error delete
usage_error history
usage_error --demo --db "$T/x.db"

[ -e "$SAMORDNE_DB" ] && fail "a usage error created the database"
[ -e "$XDG_DATA_HOME/samordne" ] && fail "a usage error touched the default database folder"
exit 0

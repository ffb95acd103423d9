#!/bin/sh
# Editing in the full-screen program: e opens Moss's 2016 figures in a
# form; a bad value is refused with its reason beside the field and
# nothing is saved (the database says so too); a good one is saved and u
# undoes it; a adds a municipality; d deletes after asking, and u brings
# the figures back; Esc after a change asks before it discards.
. "$TESTS_SRCDIR/tui/lib.sh"
make_db

figures() {
	cli list settlements --municipality Moss --year 2016 --format csv | sed -n 2p
}
history_lines() {
	cli history "$ID" --format csv | wc -l
}
ID=$(figures | sed 's/.*,//')
[ -n "$ID" ] || fail "no figures for Moss 2016 in the demo"

start 80 24
wait_for "Settlement 2015"
keys ']'; wait_for "Settlement 2016"
keys :; type_text "go Moss"; keys Enter
wait_for "Moss 0104"

# A bad value: its reason beside the field and below; F2 refuses.
keys e
wait_for " Moss 2016 "
# The frame can reach tmux in pieces: wait for its last part too.
wait_for "Tab ↑↓ move"
keys Down Down Down Down C-u
type_text "fourty"
wait_for "'fourty' is not a whole number (field 'decided')"
screen_has "✗ 'fourty'"
before=$(history_lines)
keys F2
wait_for "Not saved: 'fourty' is not a whole number (field 'decided')"
case $(figures) in Moss,2016,*,47,*) ;; *) fail "figures changed: $(figures)" ;; esac
[ "$(history_lines)" = "$before" ] || fail "a refused value reached the history"

# A good one is saved, with a change in the history.
keys C-u
type_text "50"
wait_gone "'fourty'"
keys F2
wait_gone "Tab ↑↓ move"
case $(figures) in Moss,2016,*,50,*) ;; *) fail "50 not saved: $(figures)" ;; esac
[ "$(history_lines)" -gt "$before" ] || fail "the change is not in the history"

# u undoes it, as a change of its own.
saved=$(history_lines)
keys u
wait_for "Moss 2016, decided 50 → 47"
case $(figures) in Moss,2016,*,47,*) ;; *) fail "not undone: $(figures)" ;; esac
[ "$(history_lines)" -gt "$saved" ] || fail "the undo is not in the history"

# A choice from its list: Space opens it on the status, Down and Enter
# take the next one.
keys e
wait_for " Moss 2016 "
keys Down Down Down Down Down Down Down Down Space
wait_for "Enter takes it"
keys Down Enter
wait_for "✓ decided in part"
keys F2
wait_gone " Moss 2016 "
case $(figures) in *",decided in part,"*) ;; *) fail "status not saved: $(figures)" ;; esac
keys u
wait_for "Moss 2016, status decided in part → decided"

# Esc after a change asks; n goes back to the form, y leaves it.
keys e
wait_for " Moss 2016 "
type_text "9"
keys Escape
wait_for "Discard changes?"
keys n
wait_gone "Discard changes?"
screen_has " Moss 2016 "
keys Escape
wait_for "Discard changes?"
keys y
wait_gone " Moss 2016 "
case $(figures) in Moss,2016,*,47,*) ;; *) fail "a discarded change was saved: $(figures)" ;; esac

# a: a new municipality.
keys a
wait_for "New municipality"
type_text "0199"
keys Tab
type_text "Øvre Ås"
keys F2
wait_gone "New municipality"
cli list municipalities --format csv | grep -q "^0199,Øvre Ås," ||
	fail "the new municipality is not in the database"

# d asks first; n keeps, y deletes; u brings the figures back.
keys :; type_text "go Moss"; keys Enter
wait_for "Moss 0104"
keys d
wait_for "Delete Moss 2016?"
screen_has "y/n"
keys n
wait_gone "Delete Moss 2016?"
[ -n "$(figures)" ] || fail "n deleted the figures"
keys d
wait_for "Delete Moss 2016?"
keys y
wait_gone "Delete Moss 2016?"
[ -z "$(figures)" ] || fail "y did not delete the figures: $(figures)"
keys u
wait_for "deleting Moss 2016"
case $(figures) in Moss,2016,*,47,*) ;; *) fail "the deletion is not undone: $(figures)" ;; esac
quit

#!/bin/sh
# inmail copy (SPEC 7): a generated SQLite database into a bare createdb,
# in batches, each account's login created; the same figures on both
# sides (counts, every recruiter's stats, a thread, a list); into a
# database with accounts it refuses and changes nothing; a person logs in
# to the copy.  Run under tests/pg/pg_server.sh:  test_copy.sh INMAIL
set -u
: "${PSQL:?run under pg_server.sh}"
inmail=$1
fails=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
NOW=2026-06-01T12:00:00Z
super() { "$PSQL" -X -q -A -t -v ON_ERROR_STOP=1 -U "$INMAIL_PG_SUPER" -d "${2:-copy}" -c "$1"; }
pgdb="pg:dbname=copy user=$INMAIL_PG_SUPER"
check() {
	if [ "$2" = "$3" ]; then echo "ok: $1"
	else echo "FAIL: $1: got '$2', want '$3'"; fails=$((fails + 1)); fi
}
f="$work/src.db"
"$inmail" --db "$f" --now $NOW gen --recruiters 3 --candidates 40 \
	--threads 900 --messages 2600 --seed 7 >/dev/null || exit 1
# A draft, which gen does not write.
sqlite3 "$f" "INSERT INTO draft (account, thread, body, saved_at) VALUES (1, 5, 'Half a thought', 1780000000)" || exit 1
super "CREATE DATABASE copy" postgres >/dev/null || exit 1

"$inmail" copy --from "$f" --to "$pgdb" --client-clock >"$work/out" 2>"$work/err"
check "copy succeeds" "$?" 0
check "no bar off a terminal" "$(cat "$work/err")" ""
for t in account thread message notification draft; do
	a=$(sqlite3 "$f" "SELECT count(*) FROM $t" 2>/dev/null || echo skip)
	b=$(super "SELECT count(*) FROM inmail.$t")
	[ "$a" = skip ] || check "$t rows" "$b" "$a"
done
check "900 threads" "$(super "SELECT count(*) FROM inmail.thread")" 900
check "every account has its login" \
	"$(super "SELECT count(*) FROM inmail.account a JOIN pg_roles r ON r.rolname = a.login")" \
	"$(super "SELECT count(*) FROM inmail.account")"
check "the tallies agree with the rows" \
	"$(super "SELECT sum(threads) FROM inmail.thread_tally")" 900

# The same figures through inmail on both sides.
for h in $("$inmail" --db "$f" user list --role recruiter | awk 'NR > 0 {print $1}'); do
	case $h in handle|HANDLE|-*) continue;; esac
	a=$("$inmail" --db "$f" --as "$h" --now $NOW stats --json | grep -v clock)
	b=$("$inmail" --db "$pgdb" --as "$h" --now $NOW stats --json | grep -v clock)
	check "stats of $h" "$b" "$a"
	a=$("$inmail" --db "$f" --as "$h" --now $NOW list --folder sent --limit 20)
	b=$("$inmail" --db "$pgdb" --as "$h" --now $NOW list --folder sent --limit 20)
	check "sent folder of $h" "$b" "$a"
done
h5=$(sqlite3 "$f" "SELECT a.handle FROM thread t JOIN account a ON a.id = t.recruiter WHERE t.id = 5")
a=$("$inmail" --db "$f" --as "$h5" --now $NOW show 5 --json 2>&1)
b=$("$inmail" --db "$pgdb" --as "$h5" --now $NOW show 5 --json 2>&1)
case $a in *'"subject"'*) echo "ok: thread 5 shown";; *) echo "FAIL: thread 5: $a"; fails=$((fails + 1));; esac
check "thread 5, its ids kept" "$b" "$a"
# New rows take ids past the copied ones.
h=$("$inmail" --db "$pgdb" user list --role candidate | awk 'NR==2{print $1}')
"$inmail" --db "$pgdb" --now $NOW user add newbie --name "New Bie" --role recruiter --credits 1 >/dev/null
"$inmail" --db "$pgdb" --as newbie --now $NOW send --to "$h" --subject New --body Hello >/dev/null
check "a new thread after the copy" "$?" 0
check "its id past the copied" "$(super "SELECT max(id) FROM inmail.thread")" 901

# And back, for a backup: the same rows and figures as the original.
back="$work/back.db"
"$inmail" copy --from "$pgdb" --to "$back" >"$work/out" 2>"$work/err"
check "copy back succeeds" "$?" 0
for t in account thread message notification draft; do
	check "$t rows back" "$(sqlite3 "$back" "SELECT count(*) FROM $t")" \
		"$(super "SELECT count(*) FROM inmail.$t")"
done
for h in rec00001 rec00002 rec00003 newbie; do
	a=$("$inmail" --db "$pgdb" --as "$h" --now $NOW stats --json | grep -v clock)
	b=$("$inmail" --db "$back" --as "$h" --now $NOW stats --json | grep -v clock)
	check "stats of $h back" "$b" "$a"
	a=$("$inmail" --db "$pgdb" --as "$h" --now $NOW list --folder inbox --limit 30)
	b=$("$inmail" --db "$back" --as "$h" --now $NOW list --folder inbox --limit 30)
	check "inbox of $h back" "$b" "$a"
done
a=$("$inmail" --db "$f" --as "$h5" --now $NOW show 5 --json 2>&1)
b=$("$inmail" --db "$back" --as "$h5" --now $NOW show 5 --json 2>&1)
check "thread 5 back" "$b" "$a"
check "the draft back" "$(sqlite3 "$back" "SELECT body FROM draft")" "Half a thought"
"$inmail" copy --from "$pgdb" --to "$back" >/dev/null 2>"$work/err"
check "copy back into a file with accounts is refused (65)" "$?" 65

# Into a database with accounts: refused, nothing changed.
before=$(super "SELECT count(*) FROM inmail.message")
"$inmail" copy --from "$f" --to "$pgdb" >"$work/out" 2>"$work/err"
check "a second copy is refused (65)" "$?" 65
grep -q "already has accounts" "$work/err" && echo "ok: it says why" ||
	{ echo "FAIL: no reason: $(cat "$work/err")"; fails=$((fails + 1)); }
check "nothing changed" "$(super "SELECT count(*) FROM inmail.message")" "$before"
"$inmail" copy --from "$work/none.db" --to "$pgdb" >/dev/null 2>&1
[ $? != 0 ] && echo "ok: a missing file is refused" || { echo "FAIL: missing file"; fails=$((fails + 1)); }
"$inmail" copy --from "$f" >/dev/null 2>&1
check "--to is required" "$?" 64

# A bar on a terminal (script(1), when there is one).
super "CREATE DATABASE copy2" postgres >/dev/null || exit 1
if command -v script >/dev/null 2>&1; then
	script -qec "\"$inmail\" copy --from \"$f\" --to \"pg:dbname=copy2 user=$INMAIL_PG_SUPER\"" \
		/dev/null >"$work/tty" 2>&1
	grep -q "copying \[#*" "$work/tty" && echo "ok: a progress bar on a terminal" ||
		{ echo "FAIL: no bar: $(cat "$work/tty")"; fails=$((fails + 1)); }
fi
[ $fails = 0 ] || exit 1

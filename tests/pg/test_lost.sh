#!/bin/sh
# A command whose server goes away under it (issue 14): the server
# restarted while `reply` waits on a row lock.  One clear line, exit 1,
# nothing half-written (the thread still unanswered once the server is
# back), and the next command works.  Run under pg_server.sh:
#   test_lost.sh INMAIL
set -u
: "${PSQL:?run under pg_server.sh}"
: "${INMAIL_PG_RESTART:?run under pg_server.sh}"
inmail=$1
fails=0
work=$(mktemp -d)
trap 'rm -rf "$work"; [ -z "${holder:-}" ] || kill "$holder" 2>/dev/null' EXIT
NOW=2026-03-02T09:00:00Z
super() { "$PSQL" -X -q -A -t -v ON_ERROR_STOP=1 -U "$INMAIL_PG_SUPER" -d inmail -c "$1"; }
as() { l=$1; shift; "$inmail" --db "pg:dbname=inmail user=$l password=$l-pw" --now $NOW "$@"; }
check() {
	if [ "$2" = "$3" ]; then echo "ok: $1"
	else echo "FAIL: $1: got '$2', want '$3'"; fails=$((fails + 1)); fi
}
admin="pg:dbname=inmail user=$INMAIL_PG_SUPER"
"$inmail" --db "$admin" init --client-clock >/dev/null || exit 1
for p in rita:recruiter jose:candidate; do
	h=${p%%:*}
	echo "$h-pw" >"$work/$h.pw"
	"$inmail" --db "$admin" --now $NOW user add "$h" --name "$h" --role "${p#*:}" \
		$( [ "$h" = rita ] && echo --credits 5 ) --password-file "$work/$h.pw" >/dev/null || exit 1
done
as rita send --to jose --subject Role --body Hello >/dev/null || exit 1

# Another session holds the thread's row; jose's answer waits for it.
{ printf 'BEGIN;\nSELECT 1 FROM inmail.thread WHERE id = 1 FOR UPDATE;\nSELECT pg_sleep(120);\n'; } |
	"$PSQL" -X -q -U "$INMAIL_PG_SUPER" -d inmail >/dev/null 2>&1 &
holder=$!
sleep 0.5
as jose reply 1 --smart yes >"$work/out" 2>"$work/err" &
answer=$!
i=0
until [ "$(super "SELECT count(*) FROM pg_stat_activity WHERE usename = 'jose' AND wait_event_type = 'Lock'")" = 1 ]; do
	i=$((i + 1))
	[ $i -lt 200 ] || { echo "FAIL: jose's answer never waited on the lock"; cat "$work/err"; exit 1; }
	sleep 0.05
done
"$INMAIL_PG_RESTART" || exit 1
wait "$answer"
rc=$?
check "the cut command exits 1" "$rc" 1
check "with one line" "$(wc -l <"$work/err" | tr -d ' ')" 1
if grep -q "lost the connection to the PostgreSQL server while" "$work/err"; then
	echo "ok: it says the connection was lost: $(cat "$work/err")"
else
	echo "FAIL: no clear line: $(cat "$work/err")"; fails=$((fails + 1))
fi
check "nothing half-written: the thread is unanswered" \
	"$(super "SELECT state = inmail.state_pending() AND responded_at IS NULL FROM inmail.thread WHERE id = 1")" t
check "no message of jose's" \
	"$(super "SELECT count(*) FROM inmail.message m JOIN inmail.account a ON a.id = m.sender WHERE a.handle = 'jose'")" 0
as jose reply 1 --smart yes >/dev/null 2>"$work/err"
check "the next command works" "$?" 0
[ $fails = 0 ]

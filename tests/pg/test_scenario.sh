#!/bin/sh
# The CLI scenario of SPEC 1-3 and 5 on both stores (issue 14): the same
# commands, in the same order, on an SQLite file and on the throwaway
# server (a --client-clock database, so --now holds), each command's exit
# code, standard output and error written to a transcript; the two
# transcripts must be the same, line for line.  Run under
# tests/pg/pg_server.sh:  test_scenario.sh INMAIL
set -u
: "${PSQL:?run under pg_server.sh}"
inmail=$1
work=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
"$PSQL" -X -q -v ON_ERROR_STOP=1 -U "$INMAIL_PG_SUPER" -d postgres \
	-c "CREATE DATABASE scenario" >/dev/null || exit 1

# scenario DB: every step of the story, to standard output.
scenario() {
	db=$1
	n=0
	# run [--now T] [--as H] ARGS...: one step, its code and its output
	run() {
		n=$((n + 1))
		out=$("$inmail" --db "$db" "$@" 2>"$work/err")
		rc=$?
		printf '## %d: %s -> %d\n%s\n' "$n" "$*" "$rc" "$out"
		# the error line, without the database's name
		sed "s#$db#DB#g" "$work/err"
	}
	T=2026-03-02T09:00:00Z
	if [ "${db#pg:}" != "$db" ]; then
		"$inmail" --db "$db" init --client-clock >/dev/null 2>&1 || echo "init failed"
	else
		"$inmail" --db "$db" init >/dev/null 2>&1 || echo "init failed"
	fi
	run --now $T user add rita --name "Rita Recruiter" --role recruiter --credits 4
	run --now $T user add jose --name "José Müller" --role candidate
	run --now $T user add ana --name "Ana Lima" --role candidate
	run --now $T user add li --name "李小龙" --role candidate
	run --now $T user add fay --name "Fay Wong" --role candidate
	run user list --json
	# SPEC 1: one InMail, one credit, per candidate; a follow-up planned
	run --now $T --as rita send --to jose,ana --subject "Embedded C developer" \
		--body "Hi, are you open to a role?"
	run --now $T --as rita send --to li --subject "Platform lead" --body "Hello" \
		--followup "3:Any thoughts?"
	run --now $T --as rita send --to fay --subject "SRE" --body "Hi Fay"
	run --now $T --as rita stats --json
	run --now $T --as rita send --to jose --subject "Again" --body "Hi"
	run --now $T --as jose list --json
	run --now $T --as rita list --folder awaiting --json
	# SPEC 2: the first response: a smart yes, the bare No thanks, a custom
	T=2026-03-03T10:00:00Z
	run --now $T --as jose reply 1 --smart yes
	run --now $T --as ana reply 2 --smart no
	run --now $T --as ana reply 2 --smart yes
	run --now $T --as rita show 2 --json
	run --now $T --as rita reply 2 --body "Can I ask why?"
	run --now $T --as rita reply 1 --body "Great, a call on Friday?"
	run --now $T --as jose reply 1 --body "Friday works."
	# The block lifts when the candidate writes again
	run --now $T --as ana reply 2 --body "Actually, tell me more."
	run --now $T --as rita show 2 --json
	run --now $T --as rita reply 2 --body "Gladly: it is a platform role."
	# SPEC 3: notifications, folders, credits, rate
	run --now $T --as rita notifications --json
	run --now $T --as rita list --folder inbox --json
	run --now $T --as rita archive 1
	run --now $T --as rita list --folder archived --json
	run --now $T --as jose list --json
	run --now $T --as rita unarchive 1
	run --now $T --as rita stats --json
	# Follow-ups: by hand while pending, and the automated one's day
	run --now $T --as rita followup 4 --body "Just checking in"
	run --now $T --as rita followup 1 --body "Too late: answered"
	# li's automated follow-up on the third day, then a custom answer
	T=2026-03-05T09:00:00Z
	run --now $T --as li show 3 --json
	run --now $T --as rita list --folder awaiting --json
	run --now $T --as li reply 3 --body "Not interested, thanks."
	run --now $T --as rita show 3 --json
	run --now $T --as fay show 4 --json
	# The 90-day window closes: Fay's credit is forfeited, a late answer
	# gives nothing back
	T=2026-06-01T09:00:01Z
	run --now $T --as rita stats --json
	run --now $T --as fay reply 4 --smart yes
	run --now $T --as rita show 4 --json
	run --now $T --as rita credits grant rita 2
	run --now $T credits grant rita 2
	run --now $T --as rita stats --json
	# Errors a user makes: each one line, the same code on both stores
	run --now $T --as jose reply 99 --body "Hello?"
	run --now $T --as jose reply 2 --body "Not mine"
	run --now $T --as nobody list
	run --now 1969-12-31T23:59:59Z --as rita list
	run --now 2026-01-01 --as jose reply 1 --body "Before the last message"
	run --now $T --as rita send --to jose --subject "" --body "x"
}

scenario "$work/s.db" >"$work/sqlite.txt"
scenario "pg:dbname=scenario user=$INMAIL_PG_SUPER" >"$work/pg.txt"
steps=$(grep -c '^## ' "$work/sqlite.txt")
if diff -u "$work/sqlite.txt" "$work/pg.txt" >"$work/diff"; then
	echo "ok: $steps steps, the same on both stores"
	exit 0
fi
echo "FAIL: the stores differ (- SQLite, + PostgreSQL):"
cat "$work/diff"
exit 1

#!/bin/sh
# SPEC 9 on the server: the monthly allotment arrives once a month however
# many sessions race for it.  20 client processes at once, each the
# recruiter at her own login with a password (a --client-clock database,
# so the first of the month can be chosen), catch up three missed months,
# then the first of the next at 00:00:00, then race an admin's re-allot:
# every command succeeds (a transaction that loses is retried whole), each
# month is in the ledger once, and the balance is the ledger's sum.
# Run under tests/pg/pg_server.sh:  test_allot_race.sh INMAIL
set -u
: "${PSQL:?run under pg_server.sh}"
inmail=$1
N=20
fails=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

super() { "$PSQL" -X -q -A -t -v ON_ERROR_STOP=1 -U "$INMAIL_PG_SUPER" -d inmail -c "$1"; }
person() { # person HANDLE NOW ARGS...: inmail as HANDLE at its own login
	who=$1 now=$2; shift 2
	PGPASSWORD="$who-pw" "$inmail" --db "pg:dbname=inmail user=$who" --now "$now" "$@"
}
admin() { now=$1; shift; "$inmail" --db "pg:dbname=inmail user=$INMAIL_PG_SUPER" --now "$now" "$@"; }
check() { # check WHAT GOT WANT
	if [ "$2" = "$3" ]; then echo "ok: $1 ($2)"
	else echo "FAIL: $1: got '$2', want '$3'"; fails=$((fails + 1)); fi
}
race() { # race NAME NOW: N sessions of rita at NOW at once
	i=0
	while [ $i -lt $N ]; do
		( person rita "$2" stats >"$work/$1.$i.out" 2>"$work/$1.$i.err"
		  echo $? >"$work/$1.$i.rc" ) &
		i=$((i + 1))
	done
	wait
	bad=0
	for f in "$work"/"$1".*.rc; do
		[ "$(cat "$f")" = 0 ] || { bad=$((bad + 1)); cat "${f%.rc}.err"; }
	done
	check "$1: every one of $N sessions succeeded" "$bad" 0
}
allotments() { super "SELECT count(*) || ' ' || coalesce(string_agg(to_char(to_timestamp(at) AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') || ' +' || amount, ', ' ORDER BY at), '') FROM inmail.ledger l JOIN inmail.account a ON a.id = l.account WHERE a.handle = 'rita' AND l.kind = inmail.ledger_allotment()"; }
credits() { super "SELECT credits FROM inmail.balance b JOIN inmail.account a ON a.id = b.account WHERE a.handle = 'rita'"; }
summed() { super "SELECT bool_and(b.credits = (SELECT coalesce(sum(amount), 0) FROM inmail.ledger l WHERE l.account = b.account)) FROM inmail.balance b"; }

admin 2026-01-01 init --client-clock >/dev/null || exit 1
echo rita-pw >"$work/pw"
admin 2026-01-01 user add rita --name "Rita Recruiter" --role recruiter \
	--password-file "$work/pw" >/dev/null || exit 1
echo jose-pw >"$work/pw"
admin 2026-01-01 user add jose --name "José Müller" --role candidate \
	--password-file "$work/pw" >/dev/null || exit 1
admin 2026-01-15T10:00:00Z credits allot rita 10 >/dev/null || exit 1

# 1. Three months missed (February to April), caught up by 20 at once.
race missed 2026-04-15T12:00:00Z
check "three months, each at its first, once" "$(allotments)" \
	"3 2026-02-01 00:00:00 +10, 2026-03-01 00:00:00 +10, 2026-04-01 00:00:00 +10"
check "the balance" "$(credits)" 30

# 2. The first of May at 00:00:00; one second before, nothing.
race before 2026-04-30T23:59:59Z
check "not before the first" "$(credits)" 30
race first 2026-05-01T00:00:00Z
check "May once" "$(allotments | cut -d' ' -f1)" 4
check "the balance at 4 x 10" "$(credits)" 40

# 3. Below the cap (an InMail spent), an admin's re-allot at the first of
#    a month while the sessions race: the month arrives once with the old
#    N (up to the cap: 1), the new N from the next first.
person rita 2026-05-02 send --to jose --subject Hi --body Hello >/dev/null || exit 1
check "spent" "$(credits)" 39
( admin 2026-06-01T00:00:00Z credits allot rita 3 >"$work/allot.out" 2>"$work/allot.err"
  echo $? >"$work/allot.rc" ) &
race reallot 2026-06-01T00:00:00Z
wait
check "the admin's allot succeeded" "$(cat "$work/allot.rc")" 0
check "June once, with the old N up to the cap" "$(allotments | sed 's/.*, //')" "2026-06-01 00:00:00 +1"
check "five months in all" "$(allotments | cut -d' ' -f1)" 5
check "the new N from July" "$(super "SELECT amount || ' ' || to_char(to_timestamp(next_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD') FROM inmail.allotment l JOIN inmail.account a ON a.id = l.account WHERE a.handle = 'rita'")" "3 2026-07-01"
check "the balance" "$(credits)" 40

# 4. The InMail of 2 May unanswered: its forfeit (amount 0) recorded once
#    at the first second after its 90 days, by 20 sessions at once.
race forfeit 2026-08-01T00:00:00Z
check "one forfeit, at its second, of 0" "$(super "SELECT count(*) || ' ' || max(to_char(to_timestamp(at) AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS')) || ' ' || max(amount) FROM inmail.ledger WHERE kind = inmail.ledger_forfeit()")" "1 2026-07-31 00:00:01 0"
check "nothing more at 40, past 4 x 3" "$(allotments | cut -d' ' -f1)" 5
check "every balance is the sum of its ledger" "$(summed)" t

# 5. Who sees a history (SPEC 7: a balance is its account's and the
#    admins'), and a person cannot allot.
h=$(person rita 2026-08-02 credits history --json) || { echo "FAIL: rita's history"; fails=$((fails + 1)); }
case $h in *'"credits": 40'*'"allotment": 3'*) echo "ok: rita reads her own history";;
	*) echo "FAIL: rita's history: $h"; fails=$((fails + 1));; esac
person jose 2026-08-02 credits history rita >/dev/null 2>"$work/h.err"
check "jose reads no one's history (77)" "$?" 77
person jose 2026-08-02 credits history >/dev/null 2>&1
check "a candidate has none (77)" "$?" 77
person rita 2026-08-02 credits allot rita 100 >/dev/null 2>&1
check "rita allots herself nothing (77)" "$?" 77
admin 2026-08-02 credits history rita >/dev/null
check "an admin reads it" "$?" 0
check "every balance is the sum of its ledger" "$(summed)" t

[ $fails = 0 ] || exit 1

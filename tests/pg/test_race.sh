#!/bin/sh
# SPEC 7, Concurrency: 20 client processes at once, each a person at
# their own login with a password, racing sends from one balance,
# first responses, second messages and the recruiter's follow-ups in
# the same threads.  Every command succeeds (a transaction that loses a
# race is retried whole), nothing is lost or doubled, credits balance.
# Run under tests/pg/pg_server.sh:  test_race.sh INMAIL
set -u
: "${PSQL:?run under pg_server.sh}"
inmail=$1
N=20
fails=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

super() { "$PSQL" -X -q -A -t -v ON_ERROR_STOP=1 -U "$INMAIL_PG_SUPER" -d inmail -c "$1"; }
person() { # person HANDLE ARGS...: inmail as HANDLE at its own login
	who=$1; shift
	PGPASSWORD="$who-pw" "$inmail" --db "pg:dbname=inmail user=$who" --as "$who" "$@"
}
check() { # check WHAT GOT WANT
	if [ "$2" = "$3" ]; then echo "ok: $1 ($2)"
	else echo "FAIL: $1: got '$2', want '$3'"; fails=$((fails + 1)); fi
}
race() { # race NAME: waits for the processes started, counts failures
	bad=0
	for f in "$work"/"$1".*.rc; do
		[ "$(cat "$f")" = 0 ] || { bad=$((bad + 1)); cat "${f%.rc}.err"; }
	done
	check "$1: every one of $N processes succeeded" "$bad" 0
}

admin() { "$inmail" --db "pg:dbname=inmail user=$INMAIL_PG_SUPER" "$@"; }
admin init >/dev/null || exit 1
# user add creates each login, with the password in a file.
echo rita-pw >"$work/pw"
admin user add rita --name "Rita Recruiter" --role recruiter --credits $N \
	--password-file "$work/pw" >/dev/null || exit 1
i=0
while [ $i -lt $N ]; do
	echo "c$i-pw" >"$work/pw"
	admin user add "c$i" --name "Candidate $i" --role candidate \
		--password-file "$work/pw" >/dev/null || exit 1
	i=$((i + 1))
done

# 1. 20 sends at once from one balance of 20 credits.
i=0
while [ $i -lt $N ]; do
	( person rita send --to "c$i" --subject "Role $i" --body "Hello $i" \
		>"$work/send.$i.out" 2>"$work/send.$i.err"; echo $? >"$work/send.$i.rc" ) &
	i=$((i + 1))
done
wait
race send
check "threads" "$(super "SELECT count(*) FROM inmail.thread")" $N
check "one thread per candidate" \
	"$(super "SELECT count(DISTINCT candidate) FROM inmail.thread")" $N
check "credits spent" "$(super "SELECT credits FROM inmail.balance b JOIN inmail.account a ON a.id = b.account WHERE a.handle = 'rita'")" 0
thread_of() { super "SELECT t.id FROM inmail.thread t JOIN inmail.account a ON a.id = t.candidate WHERE a.handle = 'c$1'"; }

# 2. In threads 0-9 each candidate twice at once (one is the response,
#    the other a message after it); in threads 10-19 the candidate's
#    first answer races the recruiter's reply (a follow-up before it, a
#    message after).
i=0
while [ $i -lt $N ]; do
	t=$(thread_of $i)
	if [ $i -lt 10 ]; then
		( person "c$i" reply "$t" --body "Yes, I am interested in this role" \
			>"$work/answer.a$i.out" 2>"$work/answer.a$i.err"; echo $? >"$work/answer.a$i.rc" ) &
		( person "c$i" reply "$t" --body "Also, I can start in May" \
			>"$work/answer.b$i.out" 2>"$work/answer.b$i.err"; echo $? >"$work/answer.b$i.rc" ) &
	else
		( person "c$i" reply "$t" --body "Yes, I am interested in this role" \
			>"$work/answer.a$i.out" 2>"$work/answer.a$i.err"; echo $? >"$work/answer.a$i.rc" ) &
		( person rita reply "$t" --body "Any news?" \
			>"$work/answer.b$i.out" 2>"$work/answer.b$i.err"; echo $? >"$work/answer.b$i.rc" ) &
	fi
	i=$((i + 1))
done
wait
N=$((2 * N)) race answer; N=20
check "every thread answered once" \
	"$(super "SELECT count(*) FROM inmail.thread WHERE responded_at IS NOT NULL AND state <> inmail.state_pending()")" $N
check "every answer refunded once" \
	"$(super "SELECT count(*) FROM inmail.thread WHERE refunded")" $N
check "credits back" "$(super "SELECT credits FROM inmail.balance b JOIN inmail.account a ON a.id = b.account WHERE a.handle = 'rita'")" $N
check "one notification per thread" \
	"$(super "SELECT count(*) || '/' || count(DISTINCT thread) FROM inmail.notification")" "$N/$N"
check "one system line per thread" \
	"$(super "SELECT count(*) || '/' || count(DISTINCT thread) FROM inmail.message WHERE sender IS NULL OR sender = 0")" "$N/$N"
check "candidates' messages: 2 in 0-9, 1 in 10-19" \
	"$(super "SELECT count(*) FROM inmail.message m JOIN inmail.thread t ON t.id = m.thread WHERE m.sender = t.candidate")" 30
check "recruiter's messages: the InMail, and 10 replies" \
	"$(super "SELECT count(*) FROM inmail.message m JOIN inmail.thread t ON t.id = m.thread WHERE m.sender = t.recruiter")" 30
check "the response is each thread's first candidate message" \
	"$(super "SELECT count(*) FROM inmail.thread t WHERE t.responded_at = (SELECT min(sent_at) FROM inmail.message m WHERE m.thread = t.id AND m.sender = t.candidate)")" $N
check "rate settled: every counted message settled" \
	"$(super "SELECT count(*) FROM inmail.message WHERE counted AND rate = inmail.rate_pending()")" 0
stats=$(person rita stats --json) || { echo "FAIL: stats"; fails=$((fails + 1)); }
echo "$stats"
case $stats in *'"credits":20'*|*'"credits": 20'*) echo "ok: stats credits";;
	*) echo "FAIL: stats credits"; fails=$((fails + 1));; esac

[ $fails = 0 ] || exit 1

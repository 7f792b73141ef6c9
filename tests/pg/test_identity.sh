#!/bin/sh
# SPEC 7 on the command line: identity is the login, the admin's
# commands, the server's clock, and a --db value shown without its
# password.  Run under tests/pg/pg_server.sh:  test_identity.sh INMAIL
set -u
: "${PSQL:?run under pg_server.sh}"
inmail=$1
fails=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

super() { "$PSQL" -X -q -A -t -v ON_ERROR_STOP=1 -U "$INMAIL_PG_SUPER" -d "${2:-inmail}" -c "$1"; }
as_login() { # as_login LOGIN PASSWORD ARGS...: inmail connected as LOGIN
	l=$1 pw=$2; shift 2
	PGPASSWORD=$pw "$inmail" --db "pg:dbname=${DB:-inmail} user=$l" "$@"
}
expect() { # expect WHAT CODE [TEXT] -- command...: its exit code (and stderr)
	what=$1 code=$2 text=$3; shift 4
	"$@" >"$work/out" 2>"$work/err"
	got=$?
	if [ "$got" != "$code" ]; then
		echo "FAIL: $what: exit $got, want $code"; cat "$work/err"
		fails=$((fails + 1)); return
	fi
	if [ -n "$text" ] && ! grep -qF -- "$text" "$work/err" "$work/out"; then
		echo "FAIL: $what: no '$text' in:"; cat "$work/err" "$work/out"
		fails=$((fails + 1)); return
	fi
	echo "ok: $what"
}

# The admin: a login with CREATEROLE, a member of inmail_admin.
admin_db="postgresql://inmail_super:s3cret-pw@/inmail?host=$PGHOST&port=$PGPORT"
expect "init as the superuser, the password not shown" 0 \
	"database ready: postgresql://inmail_super:***@/inmail?host=" -- \
	"$inmail" --db "$admin_db" init
if grep -q s3cret "$work/out" "$work/err"; then
	echo "FAIL: init printed the password"; fails=$((fails + 1)); fi
super "CREATE ROLE boss LOGIN CREATEROLE PASSWORD 'boss-pw'; GRANT inmail_admin TO boss;
       CREATE ROLE stranger LOGIN PASSWORD 'stranger-pw'" >/dev/null || exit 1
echo rita-pw >"$work/rita.pw"
printf 'jose-pw\nsecond line\n' >"$work/jose.pw"
printf 'ana-pw' >"$work/ana.pw"
expect "the admin adds rita, creating her login" 0 "" -- \
	as_login boss boss-pw user add rita --name Rita --role recruiter \
	--credits 3 --password-file "$work/rita.pw"
expect "the admin adds jose (the file's first line)" 0 "" -- \
	as_login boss boss-pw user add jose --name José --role candidate \
	--password-file "$work/jose.pw"
expect "the admin adds ana with a login of her own" 0 "" -- \
	as_login boss boss-pw user add ana --name Ana --role candidate \
	--login ana_l --password-file "$work/ana.pw"
[ "$(super "SELECT string_agg(rolname, ',' ORDER BY rolname) FROM pg_roles WHERE rolname IN ('rita','jose','ana_l','ana')")" = "ana_l,jose,rita" ] &&
	echo "ok: the logins were created" || { echo "FAIL: logins"; fails=$((fails + 1)); }
[ "$(super "SELECT login FROM inmail.account WHERE handle = 'ana'")" = ana_l ] &&
	echo "ok: ana logs in as ana_l" || { echo "FAIL: ana's login"; fails=$((fails + 1)); }
expect "the admin grants credits" 0 "" -- as_login boss boss-pw credits grant rita 2
expect "the admin acts as no one" 77 "connected as boss; cannot act as rita" -- \
	as_login boss boss-pw --as rita list
expect "the admin's own login is no account's" 77 "no inmail account" -- \
	as_login boss boss-pw list

# People: --as may be left out; another account is refused.
expect "rita sends without --as" 0 "" -- \
	as_login rita rita-pw send --to jose --subject Hi --body Hello
expect "jose lists without --as" 0 "Hi" -- as_login jose "jose-pw" list
# A person removes a template through inmail.template_delete (policies.sql
# grants no table-level DELETE a LOCK could use).
expect "rita keeps a template" 0 "" -- \
	as_login rita rita-pw template add intro --subject "About {job}" --body "Hello {first_name}"
expect "rita removes a template that is not there" 66 "no template named 'other'" -- \
	as_login rita rita-pw template rm other
expect "rita removes hers" 0 "" -- as_login rita rita-pw template rm intro
expect "... and it is gone" 66 "" -- as_login rita rita-pw template show intro
expect "ana at her own login" 0 "" -- as_login ana_l ana-pw list
expect "ana with --as herself" 0 "" -- as_login ana_l ana-pw --as ana list
# SPEC 1: an account that takes no part in a thread is "not permitted"
# (77), as on SQLite, though the server's row security hides the thread;
# a thread that is not there is still 66 (attack2 L5).
expect "ana may not read rita's thread with jose" 77 \
	"not permitted: ana takes no part in thread 1" -- as_login ana_l ana-pw show 1
expect "... nor mark it unread" 77 "not permitted: ana takes no part in thread 1" -- \
	as_login ana_l ana-pw unread 1
expect "... nor answer it" 77 "not permitted: ana takes no part in thread 1" -- \
	as_login ana_l ana-pw reply 1 --smart yes
expect "a thread that is not there" 66 "no such thread: 99" -- \
	as_login ana_l ana-pw show 99
expect "jose --as rita is refused" 77 "connected as jose; cannot act as rita" -- \
	as_login jose jose-pw --as rita list
expect "INMAIL_USER=rita is refused too" 77 "connected as jose; cannot act as rita" -- \
	env INMAIL_USER=rita PGPASSWORD=jose-pw "$inmail" --db "pg:dbname=inmail user=jose" list
expect "--as nobody known is refused" 77 "connected as jose; cannot act as zed" -- \
	as_login jose jose-pw --as zed list
expect "a person may not add accounts" 77 "inmail_admin" -- \
	as_login rita rita-pw user add zed --name Zed --role candidate
expect "a person may not grant credits" 77 "inmail_admin" -- \
	as_login rita rita-pw credits grant rita 5
expect "a person may not init" 77 "" -- as_login rita rita-pw init
expect "a login that is no account's" 77 "the login stranger is no inmail account's" -- \
	as_login stranger stranger-pw list
expect "... nor may it send" 77 "" -- as_login stranger stranger-pw send --to jose --subject x --body y
expect "... nor list the accounts" 77 "no inmail account" -- as_login stranger stranger-pw user list
expect "the admin lists them" 0 "rita" -- as_login boss boss-pw user list
expect "... nor add accounts" 77 "" -- as_login stranger stranger-pw user add zed --name Zed --role candidate

# The server's clock: --now and INMAIL_NOW refused; stats says whose.
expect "--now is refused" 64 "server's clock" -- \
	as_login rita rita-pw --now 2026-03-01T10:00:00Z list
expect "INMAIL_NOW is refused" 64 "server's clock" -- \
	env INMAIL_NOW=2026-03-01T10:00:00Z PGPASSWORD=rita-pw "$inmail" --db "pg:dbname=inmail user=rita" list
expect "stats: the server's clock" 0 '"clock": "server"' -- as_login rita rita-pw stats --json
expect "stats: credits 3 + 2 - 1" 0 '"credits": 4' -- as_login rita rita-pw stats --json

# A balance another program set where the credit back cannot be held:
# jose's answer gives rita's credit back inside the server's respond(),
# which says so in one line (65) and changes nothing.
thread=$(super "SELECT min(t.id) FROM inmail.thread t JOIN inmail.account a ON a.id = t.recruiter WHERE a.handle = 'rita'")
super "UPDATE inmail.balance SET credits = 9223372036854775807, ledger_sum = 9223372036854775807
       WHERE account = (SELECT id FROM inmail.account WHERE handle = 'rita')" >/dev/null || exit 1
expect "a credit back past a planted balance" 65 "balance of rita holds a value inmail never writes" -- \
	as_login jose jose-pw reply "$thread" --smart yes
[ "$(super "SELECT state FROM inmail.thread WHERE id = $thread")" = 0 ] &&
	echo "ok: ... and the thread is still pending" ||
	{ echo "FAIL: the thread changed"; fails=$((fails + 1)); }

# A --client-clock database takes the clients' clock.
super "CREATE DATABASE demo" postgres >/dev/null || exit 1
expect "init --client-clock" 0 "database ready" -- \
	"$inmail" --db "pg:dbname=demo user=$INMAIL_PG_SUPER" init --client-clock
DB=demo
expect "add rita (client clock)" 0 "" -- \
	as_login boss boss-pw --now 2026-03-01T10:00:00Z user add rita \
	--name Rita --role recruiter --credits 1
expect "--now is taken" 0 "" -- \
	as_login rita rita-pw --now 2026-03-01T10:00:00Z stats --json
expect "stats: the client's clock" 0 '"clock": "client"' -- \
	as_login rita rita-pw --now 2026-03-01T10:00:00Z stats --json
DB=inmail

# SQLite: no logins, the client's clock.
f="$work/t.db"
expect "sqlite init" 0 "database ready: $f" -- "$inmail" --db "$f" init
expect "sqlite --login is refused" 64 "PostgreSQL" -- \
	"$inmail" --db "$f" user add rita --name Rita --role recruiter --login rita
"$inmail" --db "$f" user add rita --name Rita --role recruiter --credits 1 >/dev/null
expect "sqlite --as still needed" 64 "who is acting" -- "$inmail" --db "$f" list
expect "sqlite --now taken" 0 "" -- "$inmail" --db "$f" --now 2026-03-01T10:00:00Z --as rita list
expect "sqlite stats: the client's clock" 0 '"clock": "client"' -- \
	"$inmail" --db "$f" --as rita stats --json

[ $fails = 0 ] || exit 1

#!/bin/sh
# gen and demo write new SQLite files only (SPEC 7): a server's --db (or
# INMAIL_DB) is refused with one line, 64, its password not shown, before
# anything is connected to or written.  Needs no server: the hosts below
# do not exist, and a connection attempt would say "cannot connect".
#   test_sqlite_only.sh INMAIL
set -u
inmail=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
fails=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
unset INMAIL_DB INMAIL_USER INMAIL_NOW 2>/dev/null || true
export HOME="$work" XDG_DATA_HOME="$work/data" XDG_CONFIG_HOME="$work/config"
refused() { # refused WHAT WANT -- ENV... inmail ARGS...
	what=$1 want=$2; shift 3
	env "$@" >"$work/out" 2>"$work/err" </dev/null
	rc=$?
	lines=$(wc -l <"$work/err")
	if [ "$rc" != 64 ]; then
		echo "FAIL: $what: exit $rc, want 64"; cat "$work/err"; fails=$((fails + 1))
	elif [ "$lines" != 1 ] || ! grep -qF -- "$want" "$work/err"; then
		echo "FAIL: $what: want one line with '$want':"; cat "$work/err"; fails=$((fails + 1))
	elif grep -q s3cret "$work/err" "$work/out"; then
		echo "FAIL: $what: the password was shown"; fails=$((fails + 1))
	elif grep -q 'cannot connect' "$work/err"; then
		echo "FAIL: $what: it tried the server"; fails=$((fails + 1))
	else
		echo "ok: $what"
	fi
}
for db in 'postgresql://jose:s3cret@db.invalid/inmail' 'postgres://db.invalid/inmail' \
	  'pg:host=db.invalid dbname=inmail password=s3cret'; do
	refused "gen --db $db" "names a PostgreSQL server" -- \
		"$inmail" --db "$db" --now 2026-03-01 gen --messages 10 --threads 2 --candidates 2 --recruiters 1
	refused "demo --db $db" "names a PostgreSQL server" -- \
		TERM=xterm "$inmail" --db "$db" demo
done
refused "gen with INMAIL_DB a server's" "names a PostgreSQL server" -- \
	INMAIL_DB='postgresql://jose:s3cret@db.invalid/inmail' "$inmail" --now 2026-03-01 gen --messages 10
# Nothing was written: no file named after a URI, no default database.
left=$(find "$work" -mindepth 1 -not -name out -not -name err | head -5)
if [ -n "$left" ]; then echo "FAIL: files were made: $left"; fails=$((fails + 1)); else echo "ok: nothing written"; fi
[ $fails = 0 ] || exit 1

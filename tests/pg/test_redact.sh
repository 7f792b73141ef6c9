#!/bin/sh
# The command line never shows a --db value's password (SPEC 7): config
# show prints the db setting with each form of password as ***.  Needs no
# server.   test_redact.sh INMAIL
set -u
inmail=$1
fails=0
export HOME=$(mktemp -d)
trap 'rm -rf "$HOME"' EXIT
unset INMAIL_DB XDG_CONFIG_HOME 2>/dev/null || true
t() { # t DB WANT
	out=$("$inmail" --db "$1" config show 2>&1 | grep '^db\|db ' | head -1)
	case $out in
	*"$2"*) case $out in *s3cr*) echo "FAIL: $1 shown as: $out"; fails=$((fails + 1));;
		*) echo "ok: $2";; esac;;
	*) echo "FAIL: $1: want '$2' in: $out"; fails=$((fails + 1));;
	esac
}
t 'postgresql://jose:s3cret@db.example.org:5432/inmail' 'postgresql://jose:***@db.example.org:5432/inmail'
t 'postgres://jose:s3c@r%40et@db/inmail?sslmode=require' 'postgres://jose:***@db/inmail?sslmode=require'
t 'postgresql:///inmail?host=/tmp&password=s3cret&user=jose' 'postgresql:///inmail?host=/tmp&password=***&user=jose'
t "pg:dbname=inmail user=jose password=s3cret host=db" 'pg:dbname=inmail user=jose password=*** host=db'
t "pg:dbname=inmail password='s3cr et\\'x' user=jose" 'pg:dbname=inmail password=*** user=jose'
t 'postgresql://jose@db/inmail' 'postgresql://jose@db/inmail'
t '/tmp/my password=file.db' '/tmp/my password=file.db'
[ $fails = 0 ] || exit 1

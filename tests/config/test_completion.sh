#!/bin/bash
# The bash completion completes commands, options, folders and the handles
# of the database; both completions name every command and option that
# inmail's --help and each command's --help name.
#   test_completion.sh INMAIL BASH-COMPLETION ZSH-COMPLETION
set -u
exe=$1 bashc=$2 zshc=$3
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
export HOME="$tmp" XDG_CONFIG_HOME="$tmp/config"
unset INMAIL_DB INMAIL_USER INMAIL_NOW
mkdir "$tmp/bin" && ln -s "$(cd "$(dirname "$exe")" && pwd)/$(basename "$exe")" "$tmp/bin/inmail"
PATH=$tmp/bin:$PATH
db=$tmp/data/t.db
inmail --db "$db" init >/dev/null || exit 1
inmail --db "$db" user add rita --name Rita --role recruiter >/dev/null || exit 1
inmail --db "$db" user add rob --name Rob --role recruiter >/dev/null || exit 1
inmail --db "$db" user add jose --name José --role candidate >/dev/null || exit 1
fail=0

# shellcheck source=/dev/null
. "$bashc"
complete_words() { # the words typed so far, the last being completed
	COMP_WORDS=("$@")
	COMP_CWORD=$(($# - 1))
	COMPREPLY=()
	_inmail
	printf '%s\n' "${COMPREPLY[@]}" | sort | tr '\n' ' '
}
expect() { # want, words...
	local want=$1
	shift
	local got
	got=$(complete_words "$@")
	[ "$got" = "$want" ] || { echo "'$*': got '$got', want '$want'"; fail=1; }
}
expect "search send show stats " inmail s
expect "--db " inmail --d
expect "rita rob " inmail --db "$db" --as r
expect "jose,rita jose,rob " inmail --db="$db" send --to jose,r
expect "jose " inmail --db "$db" credits grant j
expect "archived awaiting " inmail list --folder a
expect "--body --body-file " inmail --as rita reply 3 --bo
expect "candidate recruiter " inmail user add x --role ""
expect "check show " inmail config ""
# No database: no handles, and nothing on the terminal.
out=$(complete_words inmail --db "$tmp/none.db" --as r 2>&1)
[ "$out" = " " ] || [ -z "$out" ] || { echo "no database gave '$out'"; fail=1; }

"$exe" --help >"$tmp/help"
cmds=$(awk '/^Commands/{f=1; next} f && /^$/{exit} f{print $1}' "$tmp/help")
for c in $cmds; do
	"$exe" "$c" --help >>"$tmp/opts" 2>&1
	for f in "$bashc" "$zshc"; do
		grep -qw -- "$c" "$f" || { echo "not in $f: command $c"; fail=1; }
	done
done
for o in $(grep -o -- '--[a-z][a-z-]*' "$tmp/help" "$tmp/opts" | sed 's/^[^:]*://' | sort -u); do
	for f in "$bashc" "$zshc"; do
		grep -q -- "$o\\b" "$f" || { echo "not in $f: option $o"; fail=1; }
	done
done
exit $fail

#!/bin/sh
# The man pages name every command, option, action, element and setting
# that inmail itself knows (its --help, each command's --help, and
# inmail config show, which reads the key table); and man -l renders them.
#   test_pages.sh INMAIL PAGE1.scd PAGE5.scd [PAGE1 PAGE5]
set -u
exe=$1 p1=$2 p5=$3
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
export HOME="$tmp" XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data"
unset INMAIL_DB INMAIL_USER INMAIL_NOW
fail=0
missing() { echo "not in $1: $2"; fail=1; }

"$exe" --help >"$tmp/help" || { echo "inmail --help failed"; exit 1; }
cmds=$(awk '/^Commands/{f=1; next} f && /^$/{exit} f{print $1}' "$tmp/help")
[ -n "$cmds" ] || { echo "no commands in inmail --help"; exit 1; }
ncmd=0 nopt=0 nact=0 ncol=0
for c in $cmds; do
	ncmd=$((ncmd + 1))
	grep -qF "*inmail $c" "$p1" || missing "$p1" "command $c"
	"$exe" "$c" --help >>"$tmp/opts" 2>&1
done
for o in $(grep -o -- '--[a-z][a-z-]*' "$tmp/help" "$tmp/opts" | sed 's/^[^:]*://' | sort -u); do
	nopt=$((nopt + 1))
	grep -qF -- "*$o*" "$p1" || missing "$p1" "option $o"
done
"$exe" config show >"$tmp/show" || { echo "inmail config show failed"; exit 1; }
for s in $(sed -n 's/^\([a-z]*\.[a-z0-9_-]*\) = .*/\1/p' "$tmp/show"); do
	sec=${s%%.*} name=${s#*.}
	grep -qF "*$name* =" "$p5" || missing "$p5" "[$sec] $name"
	case $sec in
	keys) nact=$((nact + 1)); grep -qF "(_${name}_;" "$p1" || missing "$p1" "action $name" ;;
	colors) ncol=$((ncol + 1)) ;;
	esac
done
[ "$nact" -gt 10 ] && [ "$ncol" -gt 5 ] || { echo "too few actions ($nact) or elements ($ncol)"; fail=1; }
echo "$ncmd commands, $nopt options, $nact actions, $ncol elements"

if [ $# -ge 5 ]; then
	if command -v man >/dev/null 2>&1; then
		for p in "$4" "$5"; do
			out=$(MANWIDTH=80 man -l "$p" 2>"$tmp/err") || { echo "man -l $p failed"; cat "$tmp/err"; fail=1; }
			[ -s "$tmp/err" ] && { echo "man -l $p warned:"; cat "$tmp/err"; fail=1; }
			echo "$out" | grep -q '^NAME' || { echo "man -l $p: no NAME"; fail=1; }
		done
		echo "man -l renders both pages"
	else
		echo "man is not installed: rendering not checked"
	fi
fi
exit $fail

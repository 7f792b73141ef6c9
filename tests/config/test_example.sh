#!/bin/sh
# The installed example config names every setting inmail knows, and with
# every setting uncommented it is a good config file.
#   test_example.sh INMAIL config.example
set -u
exe=$1 ex=$2
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
export HOME="$tmp" XDG_CONFIG_HOME="$tmp/config"
unset INMAIL_DB INMAIL_USER INMAIL_NOW
fail=0
"$exe" config show >"$tmp/show" || exit 1
n=0
for s in $(sed -n 's/^[a-z]*\.\([a-z0-9_-]*\) = .*/\1/p' "$tmp/show"); do
	n=$((n + 1))
	grep -q "^# $s = " "$ex" || { echo "not in $ex: $s"; fail=1; }
done
sed 's/^# \([a-z0-9_-]* = \)/\1/; s/^account = HANDLE$/account = rita/' "$ex" >"$tmp/all"
"$exe" config check "$tmp/all" || fail=1
# Uncommented, each default is the one in force.
mkdir -p "$tmp/config/inmail" && cp "$tmp/all" "$tmp/config/inmail/config"
"$exe" config show | sed -n 's/^\([a-z]*\.[a-z0-9_-]*\) = \(.*\)  (.*)$/\1 = \2/p' | grep -v '^general' >"$tmp/a"
sed -n 's/^\([a-z]*\.[a-z0-9_-]*\) = \(.*\)  (.*)$/\1 = \2/p' "$tmp/show" | grep -v '^general' >"$tmp/b"
cmp -s "$tmp/a" "$tmp/b" || { echo "the example's values are not the defaults:"; diff "$tmp/b" "$tmp/a"; fail=1; }
echo "$n settings in the example"
exit $fail

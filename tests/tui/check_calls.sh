#!/bin/sh
# No two TUI files call each other (issue 11): from the symbols of the
# library's objects, A -> B when A uses a function B defines.  Fails and
# names the pair when two files call each other; tables read across files
# are data, not calls, and are listed for the log.
# Usage: check_calls.sh path/to/libimtui.a
lib=${1:?usage: check_calls.sh libimtui.a}
command -v nm >/dev/null || { echo "nm not found: skipped"; exit 77; }
nm -A "$lib" | awk '
{
	# "lib.a:file.c.o: ADDR T name" or "lib.a:file.c.o:          U name"
	split($1, p, ":"); f = p[2]; sub(/.*\//, "", f); sub(/\.c\.o$/, "", f)
	if ($2 == "U") use[f " " $3] = 1
	else if ($3 != "" && $2 == "T") fn[$3] = f
	else if ($3 != "" && $2 ~ /^[DBR]$/) dt[$3] = f
}
END {
	for (k in use) {
		split(k, a, " ")
		if ((a[2] in fn) && fn[a[2]] != a[1]) e[a[1] " -> " fn[a[2]]] = 1
		if ((a[2] in dt) && dt[a[2]] != a[1])
			print "data: " a[1] " reads " a[2] " of " dt[a[2]]
	}
	bad = 0
	for (k in e) {
		split(k, b, " -> ")
		if ((b[2] " -> " b[1]) in e) { print "calls both ways: " k; bad++ }
	}
	n = 0; for (k in e) n++
	print n " calls between files, " bad " both ways"
	exit bad ? 1 : 0
}'

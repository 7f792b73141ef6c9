#!/bin/sh
# Side by side: `inmail search` on a data set vs `notmuch search` on the
# same data as mail.  Prints a Markdown table (also kept in
# $WORK/notmuch.md).
#
#   bench/compare/notmuch.sh [DB] [INMAIL]
#
# DB defaults to build-perf/bench/data/bench-1m.db (read only), INMAIL to
# build-perf/src/cli/inmail.  Needs notmuch (apt-get install notmuch),
# python3 and the build-perf build directory (its bench_inmail times both
# programs the benchmark's way: median and worst of 15 runs after one,
# CPU the median of the children's user + system).  The mail is the
# lead's (LEAD, default rec00001): export.py's lead.maildir, every message
# of the threads inmail searches when acting as LEAD, so both search the
# same messages.  Scratch goes to $WORK (default /tmp/inmail-compare):
# the exported mail and the notmuch database, both kept between runs
# (`notmuch new` runs once, under nice -n 19; its time is kept in
# notmuch-NAME/new.time).  CLEAN=1 deletes them afterwards.  ALL_RUNS
# (default 3) sets the repeats of the "every result" columns.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
db=$(realpath "${1:-$root/build-perf/bench/data/bench-1m.db}")
inmail=$(realpath "${2:-$root/build-perf/src/cli/inmail}")
work=${WORK:-/tmp/inmail-compare}
lead=${LEAD:-rec00001}
all_runs=${ALL_RUNS:-3}
now=2026-03-01T12:00:00Z
command -v notmuch >/dev/null || { echo "notmuch.sh: no notmuch (apt-get install notmuch)" >&2; exit 1; }
name=$(basename "$db" .db)
out="$work/mail-$name"
nm="$work/notmuch-$name"
mkdir -p "$work"
chmod 700 "$work" # inmail wants its files private (SPEC 5)

ninja -C "$root/build-perf" bench/bench_inmail src/cli/inmail >/dev/null
bench="$root/build-perf/bench/bench_inmail"
notmuch_exe=$(command -v notmuch)

if [ ! -d "$out/lead.maildir" ] || [ "$db" -nt "$out/lead.maildir" ]; then
	rm -rf "$out" "$nm"
	python3 "$here/export.py" "$db" "$out" --maildir --as "$lead"
fi
n_mail=$(find "$out/lead.maildir/cur" -type f | wc -l)

# notmuch's whole configuration: the mail, its database beside it, no
# tags excluded from searches, maildir flags as tags (no S: unread), and
# X-Inmail-State indexed as State: (the thread's state, for state:).
export NOTMUCH_CONFIG="$nm/config"
if [ ! -f "$nm/new.time" ]; then
	rm -rf "$nm"
	mkdir -p "$nm/db"
	cat >"$nm/config" <<EOF
[database]
mail_root=$out/lead.maildir
path=$nm/db
[user]
name=Bench
primary_email=bench@example.com
[new]
tags=inbox
ignore=
[search]
exclude_tags=
[maildir]
synchronize_flags=true
[index]
header.State=X-Inmail-State
EOF
	echo "notmuch.sh: notmuch new over $n_mail mails (nice -n 19)" >&2
	t0=$(date +%s.%N)
	/usr/bin/time -f '%U %S' -o "$nm/new.cpu" nice -n 19 notmuch new --quiet
	t1=$(date +%s.%N)
	echo "$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.3f", b - a}') $(cat "$nm/new.cpu")" >"$nm/new.time"
fi
read -r new_wall new_user new_sys <"$nm/new.time"
nm_kib=$(du -sk "$nm/db" | cut -f1)
db_kib=$(du -sk "$db" | cut -f1)

# "median worst cpu" of 15 runs -> "median / worst (cpu)"
timed() {
	"$bench" time "$@" | awk '{printf "%s / %s (%s)", $1, $2, $3}'
}
ms_since() { # start (date +%s%N)
	echo "$(( ($(date +%s%N) - $1) / 1000000 ))"
}
median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
# Every thread of an inmail query, 1000 a page (the CLI's most), one run:
# prints "ms threads pages".
inmail_all() {
	q=$1 after= total=0 pages=0
	t0=$(date +%s%N)
	while :; do
		page=$("$inmail" --db "$db" --as "$lead" --now "$now" search "$q" \
			--limit 1000 ${after:+--after "$after"})
		n=$(printf '%s' "$page" | grep -c . || true)
		total=$((total + n)); pages=$((pages + 1))
		[ "$n" -lt 1000 ] && break
		# The id is the row's first number (an unread row starts with ●).
		after=$(printf '%s\n' "$page" | tail -n 1 |
			awk '{for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+$/) {print $i; exit}}')
	done
	echo "$(ms_since "$t0") $total $pages"
}
notmuch_all() { # query: prints "ms threads"
	t0=$(date +%s%N)
	n=$(notmuch search --output=threads "$1" | wc -l)
	echo "$(ms_since "$t0") $n"
}

row() { # label, inmail query, notmuch query
	echo "notmuch.sh: $1" >&2
	first=$(timed "$inmail" --db "$db" --as "$lead" --now "$now" search "$2" --limit 50)
	nfirst=$(timed "$notmuch_exe" search --limit=50 "$3")
	ncount=$(timed "$notmuch_exe" count --output=threads "$3")
	nthreads=$(notmuch count --output=threads "$3")
	i=0 ims= nms=
	while [ $i -lt "$all_runs" ]; do
		set -- "$1" "$2" "$3" $(inmail_all "$2")
		ims="$ims $4" itotal=$5 ipages=$6
		set -- "$1" "$2" "$3" $(notmuch_all "$3")
		nms="$nms $4" ntotal=$5
		i=$((i + 1))
	done
	im=$(echo "$ims" | tr ' ' '\n' | grep . | median)
	nmm=$(echo "$nms" | tr ' ' '\n' | grep . | median)
	echo "| $1 | \`$2\` | \`$3\` | $itotal / $nthreads | $first | $nfirst | $ncount | $im ($ipages pages) | $nmm ($ntotal) |"
}

{
	echo "$(date -u '+%Y-%m-%d %H:%M') UTC, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min) at the start, notmuch $(notmuch --version | cut -d' ' -f2), sqlite $(sqlite3 --version 2>/dev/null | cut -d' ' -f1), $name.db as $lead: $n_mail mails"
	echo
	echo "Index: inmail's whole file $((db_kib / 1024)) MiB (every account, FTS5 included); notmuch $((nm_kib / 1024)) MiB for $lead's mail, \`notmuch new\` $(printf '%.0f' "$new_wall") s wall, $(printf '%.0f' "$new_user") s user + $(printf '%.0f' "$new_sys") s system CPU (nice -n 19)."
	echo
	echo "| query | inmail | notmuch | threads inmail / notmuch | inmail page 1 (50), ms median / worst (CPU) | notmuch search --limit=50, ms | notmuch count --output=threads, ms | inmail every thread, ms (pages of 1000) | notmuch search --output=threads, ms (threads) |"
	echo "|---|---|---|---|---|---|---|---|---|"
} | tee "$work/notmuch.md"
{
	row "no match" "zyzzyva" "zyzzyva"
	row "rare word" "thursday" "thursday"
	row "common word" "team" "team"
	row "prefix" "engin*" "engin*"
	row "phrase" '"the team"' '"the team"'
	row "word + unread" "team is:unread" "thread:{team} and thread:{tag:unread}"
	row "term only" "state:accepted" "State:accepted"
	echo
	echo "load at the end $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee -a "$work/notmuch.md"
[ "${CLEAN:-0}" = 1 ] && rm -rf "$out" "$nm"
exit 0

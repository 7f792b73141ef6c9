#!/bin/sh
# Side by side: inmail's TUI on a data set vs mutt on the same data as
# mail.  Prints a Markdown table (also kept in $WORK/results.md).
#
#   bench/compare/run.sh [DB] [INMAIL]
#
# DB defaults to build-perf/bench/data/bench-1m.db (read only; never
# written), INMAIL to build-perf/src/cli/inmail.  Needs mutt (apt-get
# install mutt), python3 and the build-perf build directory.  Scratch goes to
# $WORK (default /tmp/inmail-compare; ~3 GB for the 1M set: the mboxes and
# a Maildir); CLEAN=1 deletes the exported mail afterwards.  FIRST_RUNS
# (default 3) and KEY_RUNS (default 100) set the repeats.  One job at a
# time: the rows run one after another.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
db=$(realpath "${1:-$root/build-perf/bench/data/bench-1m.db}")
export INMAIL=$(realpath "${2:-$root/build-perf/src/cli/inmail}")
work=${WORK:-/tmp/inmail-compare}
export FIRST_RUNS=${FIRST_RUNS:-3} KEY_RUNS=${KEY_RUNS:-100}
command -v mutt >/dev/null || { echo "run.sh: no mutt (apt-get install mutt)" >&2; exit 1; }
mkdir -p "$work"
out="$work/mail-$(basename "$db" .db)"

# The driver is built with the benchmark (meson setup build-perf
# --buildtype=release, as the README's Performance section says).
ninja -C "$root/build-perf" bench/compare_mutt >/dev/null
driver="$root/build-perf/bench/compare_mutt"
if [ ! -f "$out/all.mbox" ] || [ "$db" -nt "$out/all.mbox" ]; then
	rm -rf "$out"
	python3 "$here/export.py" "$db" "$out" --maildir
fi
n_all=$(grep -c '^From ' "$out/all.mbox")
n_lead=$(grep -c '^From ' "$out/lead.mbox")

row() { # label, then compare's arguments
	label=$1; shift
	echo "run.sh: $label" >&2
	LABEL="$label" "$driver" "$@" | tee -a "$work/results.md"
}
{
	echo "$(date -u +%Y-%m-%d) $(nproc) cores, $(uname -m), mutt $(mutt -v | sed -n '1s/^Mutt \([^ ]*\).*/\1/p'), $(basename "$db"), first-screen runs $FIRST_RUNS, key presses $KEY_RUNS"
	echo
	echo "| program, data | first screen ms, median runs 2-$FIRST_RUNS | first screen ms, run 1 | Down ms med / worst | PgDn ms med / worst | to end ms med / worst | B/Down mean / most | B/PgDn mean / most | B/end | peak RSS MiB |"
	echo "|---|---|---|---|---|---|---|---|---|---|"
} | tee "$work/results.md"
row "inmail, $(basename "$db") as rec00001 (keys: Sent)" inmail "$db"
row "mutt, mbox, all $n_all msgs" mutt "$out/all.mbox" "$here/muttrc"
row "mutt, mbox, rec00001's $n_lead msgs" mutt "$out/lead.mbox" "$here/muttrc"
HCACHE="$work/hcache" row "mutt, Maildir + header cache, rec00001's $n_lead msgs (run 1 = cold cache)" \
	mutt "$out/lead.maildir" "$here/muttrc" -e "set header_cache=$work/hcache"
row "mutt, mbox, all $n_all msgs, sort=date (no threads)" mutt "$out/all.mbox" "$here/muttrc" -e "set sort=reverse-date-sent"
rm -rf "$work/hcache"
[ "${CLEAN:-0}" = 1 ] && rm -rf "$out"
exit 0

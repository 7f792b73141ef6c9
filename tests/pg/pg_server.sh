#!/bin/sh
# A throwaway PostgreSQL server for one test (SPEC 7): initdb in a new
# temporary directory, a Unix socket in it and no TCP at all, run as an
# unprivileged user when this runs as root, the inmail schema loaded, and
# everything torn down when the test ends, whatever its outcome.
#
#   pg_server.sh SQL_FILE... -- TEST [ARG...]
#
# loads the SQL files in order (as the server's bootstrap superuser, in
# one transaction, as init would) into the database inmail, and runs TEST
# with PGHOST, PGPORT, PGDATABASE, INMAIL_PG_SUPER (the superuser's name,
# who connects by trust; everyone else by password), INMAIL_TEST_PG_URI
# (a URI of the database, for --db) and INMAIL_PG_RESTART (a command that
# restarts the server) set.  A test wanting a fresh database
# per case can CREATE DATABASE ... TEMPLATE inmail (roles are the
# server's, shared by all its databases).  Exits with
# TEST's status, or 77 (skipped: never passed) when PostgreSQL's server
# binaries are missing; PG_BINDIR names their directory if they are not
# where Debian puts them.
set -eu

skip() { echo "SKIP: $*" >&2; exit 77; }

find_bindir() {
	if [ -n "${PG_BINDIR:-}" ]; then
		echo "$PG_BINDIR"; return
	fi
	if command -v pg_config >/dev/null 2>&1; then
		d=$(pg_config --bindir 2>/dev/null || true)
		if [ -x "$d/postgres" ]; then echo "$d"; return; fi
	fi
	for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -n -r); do
		if [ -x "$d/postgres" ]; then echo "$d"; return; fi
	done
	d=$(dirname "$(command -v postgres 2>/dev/null || echo /nonexistent/x)")
	echo "$d"
}

sql=""
while [ $# -gt 0 ] && [ "$1" != "--" ]; do
	sql="$sql $1"
	shift
done
[ $# -gt 1 ] || { echo "usage: pg_server.sh SQL_FILE... -- TEST [ARG...]" >&2; exit 64; }
shift

bindir=$(find_bindir)
for b in initdb pg_ctl postgres; do
	[ -x "$bindir/$b" ] || skip "PostgreSQL server binaries not found ($b; set PG_BINDIR)"
done
PSQL=$(command -v psql 2>/dev/null || echo "$bindir/psql")
[ -x "$PSQL" ] || skip "psql not found"
export PSQL

dir=$(mktemp -d "${TMPDIR:-/tmp}/inmail-pg.XXXXXX")
chmod 755 "$dir"
# The server refuses to run as root: as root, it runs as nobody (or
# INMAIL_PG_USER), which owns the temporary directory and nothing else.
as_server=""
if [ "$(id -u)" = 0 ]; then
	user=${INMAIL_PG_USER:-nobody}
	id "$user" >/dev/null 2>&1 || skip "no unprivileged user '$user' to run the server as"
	chown "$user" "$dir"
	as_server="setpriv --reuid=$(id -u "$user") --regid=$(id -g "$user") --clear-groups --"
	command -v setpriv >/dev/null 2>&1 || as_server="runuser -u $user --"
fi

server_started=0
cleanup() {
	status=$?
	if [ "$server_started" = 1 ]; then
		(cd "$dir" && $as_server "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1) || true
	fi
	if [ "$status" != 0 ] && [ -f "$dir/server.log" ]; then
		echo "---- server log (last lines) ----" >&2
		tail -n 30 "$dir/server.log" >&2 || true
	fi
	rm -rf "$dir"
	exit "$status"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP PIPE

export INMAIL_PG_SUPER=inmail_super
(cd "$dir" && $as_server "$bindir/initdb" -D "$dir/data" -U "$INMAIL_PG_SUPER" \
	-E UTF8 --locale=C --auth-local=trust --no-instructions >"$dir/initdb.log" 2>&1) \
	|| { cat "$dir/initdb.log" >&2; exit 1; }
mkdir "$dir/sock"
[ -z "$as_server" ] || chown "$user" "$dir/sock"
cat >>"$dir/data/postgresql.conf" <<CONF
listen_addresses = ''
unix_socket_directories = '$dir/sock'
unix_socket_permissions = 0777
port = 5432
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 60
shared_buffers = 32MB
log_min_messages = warning
CONF
# The bootstrap superuser by trust (it is this script); everyone else by
# password, as a person at another machine would be.
cat >"$dir/data/pg_hba.conf" <<HBA
local all $INMAIL_PG_SUPER trust
local all all scram-sha-256
HBA
(cd "$dir" && $as_server "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start >/dev/null) \
	|| { cat "$dir/server.log" >&2; exit 1; }
server_started=1
# For a test of a restart under a running client (issue 14): the same
# server, stopped fast (sessions cut off, as a real restart does) and
# started again.
cat >"$dir/restart" <<RESTART
#!/bin/sh
cd "$dir" && exec $as_server "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -m fast -w -t 60 restart >/dev/null
RESTART
chmod 755 "$dir/restart"
export INMAIL_PG_RESTART="$dir/restart"

export PGHOST="$dir/sock" PGPORT=5432 PGDATABASE=inmail
export INMAIL_TEST_PG_URI="postgresql:///inmail?host=$dir/sock&port=5432"
unset PGUSER PGPASSWORD PGSERVICE PGSERVICEFILE PGPASSFILE 2>/dev/null || true
export PGPASSFILE="$dir/no-pgpass"
"$PSQL" -X -q -v ON_ERROR_STOP=1 -U "$INMAIL_PG_SUPER" -d postgres \
	-c "CREATE DATABASE inmail" >/dev/null
if [ -n "$sql" ]; then
	# shellcheck disable=SC2086
	set -- "$@"
	files=""
	for f in $sql; do files="$files -f $f"; done
	# shellcheck disable=SC2086
	PGOPTIONS="-c client_min_messages=warning" "$PSQL" -X -q -v ON_ERROR_STOP=1 --single-transaction -U "$INMAIL_PG_SUPER" $files >/dev/null
fi
"$@"

#!/usr/bin/env bash
# Installs (Debian's `postgresql` package) and starts a throwaway PostgreSQL
# server on 127.0.0.1 for the store tests, creates a database, and prints its
# URL on standard output (everything else goes to standard error).
#
#   url=$(bash .ci/postgres.sh)          # run it: prints the URL
#   source .ci/postgres.sh               # or source it: also exports
#                                        # DATABASE_URL and PAPERBOT_TEST_DATABASE_URL
#   bash .ci/postgres.sh stop            # stop the server
#
# The cluster is private to PaperBot: its own data directory (owned by the
# postgres user when run as root), its own port, sockets inside the data
# directory, password auth on loopback only, and durability switched off
# (fsync=off) because it only ever holds test data. It never touches the
# system's `main` cluster. Idempotent: when the server is already up it only
# prints the URL (well under a second).
#
# Settings (environment): PAPERBOT_PG_DIR (default /tmp/paperbot-pg),
# PAPERBOT_PG_PORT (default 54329), PAPERBOT_PG_DB (default paperbot_test).

paperbot_pg_main() (
	set -euo pipefail
	local dir="${PAPERBOT_PG_DIR:-/tmp/paperbot-pg}"
	local port="${PAPERBOT_PG_PORT:-54329}"
	local db="${PAPERBOT_PG_DB:-paperbot_test}"
	local user=paperbot password=paperbot
	local data="$dir/data" log="$dir/server.log"

	log() { echo "postgres.sh: $*" >&2; }

	bindir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

	local bin
	bin="$(bindir)"
	if [[ -z "$bin" || ! -x "$bin/pg_ctl" ]]; then
		if [[ $EUID -ne 0 ]]; then
			log "PostgreSQL is not installed and this is not root: run 'apt-get install postgresql' as root"
			return 1
		fi
		log "installing Debian's postgresql package"
		export DEBIAN_FRONTEND=noninteractive
		if ! apt-get install -y -q --no-install-recommends postgresql >&2; then
			apt-get update -q >&2
			apt-get install -y -q --no-install-recommends postgresql >&2
		fi
		bin="$(bindir)"
	fi

	# As root, run the server as the postgres user (it refuses to run as root).
	local as=()
	if [[ $EUID -eq 0 ]]; then
		as=(runuser -u postgres --)
	fi

	if [[ ! -s "$data/PG_VERSION" ]]; then
		log "creating a cluster in $data"
		rm -rf "$data"
		mkdir -p "$dir"
		[[ $EUID -eq 0 ]] && chown postgres:postgres "$dir"
		chmod 700 "$dir"
		local pwfile="$dir/pwfile"
		"${as[@]}" sh -c "umask 077; printf '%s\n' '$password' > '$pwfile'"
		"${as[@]}" "$bin/initdb" -D "$data" -U "$user" --pwfile="$pwfile" \
			--auth-local=scram-sha-256 --auth-host=scram-sha-256 \
			-E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
			{ cat "$dir/initdb.log" >&2; return 1; }
		rm -f "$pwfile"
	fi

	ready() { "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" -t 2; }
	start() {
		log "starting PostgreSQL on 127.0.0.1:$port"
		"${as[@]}" "$bin/pg_ctl" -D "$data" -l "$log" -w -t 60 start \
			-o "-c listen_addresses=127.0.0.1 -p $port -k $data -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" >&2
	}
	if ! ready; then
		# A server killed a moment ago can still look alive (its pid not yet
		# reaped, or in crash recovery): give it a few seconds, then start.
		local i
		for i in 1 2 3 4 5; do
			"${as[@]}" "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1 || break
			sleep 1
			ready && break
		done
		if ! ready && ! start; then
			tail -n 30 "$log" >&2 || true
			return 1
		fi
	fi

	export PGPASSWORD="$password"
	local psql=("$bin/psql" -X -q -h 127.0.0.1 -p "$port" -U "$user" -v ON_ERROR_STOP=1)
	if [[ "$("${psql[@]}" -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'")" != 1 ]]; then
		log "creating database $db"
		"${psql[@]}" -d postgres -c "CREATE DATABASE \"$db\"" >&2
	fi
	echo "postgres://$user:$password@127.0.0.1:$port/$db?sslmode=disable"
)

paperbot_pg_stop() (
	local dir="${PAPERBOT_PG_DIR:-/tmp/paperbot-pg}"
	local bin
	bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
	local as=()
	[[ $EUID -eq 0 ]] && as=(runuser -u postgres --)
	[[ -n "$bin" && -s "$dir/data/PG_VERSION" ]] && "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >&2
	return 0
)

if [[ "${BASH_SOURCE[0]}" != "$0" ]]; then
	# Sourced: export the URL into the caller's shell.
	if PAPERBOT_PG_URL="$(paperbot_pg_main)"; then
		export DATABASE_URL="$PAPERBOT_PG_URL" PAPERBOT_TEST_DATABASE_URL="$PAPERBOT_PG_URL"
		unset PAPERBOT_PG_URL
	else
		echo "postgres.sh: PostgreSQL is not available" >&2
		unset PAPERBOT_PG_URL
		return 1
	fi
elif [[ "${1:-}" == stop ]]; then
	paperbot_pg_stop
else
	paperbot_pg_main
fi

#!/usr/bin/env bash
# Installs CI's Go tools at pinned versions into a cache directory, and
# builds the offline Go vulnerability database. Sourced by .ci/run; run it
# by hand to get the same tools:
#
#   bash .ci/tools.sh          # installs what is missing, prints the paths
#
# Everything comes through the Go module proxy: staticcheck and govulncheck
# are `go install`ed; the vulnerability database is built from the
# golang.org/x/vulndb module (its data/osv/*.json reports) by that module's
# own cmd/indexdb, into the v1 layout govulncheck reads with -db file://...
# Each tool's file name carries its version, so a version bump reinstalls.
#
# Settings: PAPERBOT_CI_CACHE (default ${XDG_CACHE_HOME:-$HOME/.cache}/paperbot-ci).

STATICCHECK_VERSION=v0.8.2
GOVULNCHECK_VERSION=v1.9.0
VULNDB_VERSION=v0.0.0-20261105234957-e22db6528018

CI_CACHE="${PAPERBOT_CI_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/paperbot-ci}"

# tools_install NAME PACKAGE VERSION: prints the path of NAME-VERSION,
# `go install`ing it first when missing.
tools_install() {
	local name=$1 pkg=$2 version=$3
	local bin="$CI_CACHE/bin/$name-$version"
	if [[ ! -x "$bin" ]]; then
		echo "tools: installing $pkg@$version" >&2
		local tmp
		tmp="$(mktemp -d)"
		GOBIN="$tmp" GOFLAGS= go install "$pkg@$version" >&2
		mkdir -p "$CI_CACHE/bin"
		mv "$tmp/$name" "$bin"
		rm -rf "$tmp"
	fi
	echo "$bin"
}

tools_staticcheck() {
	tools_install staticcheck honnef.co/go/tools/cmd/staticcheck "$STATICCHECK_VERSION"
}

tools_govulncheck() {
	tools_install govulncheck golang.org/x/vuln/cmd/govulncheck "$GOVULNCHECK_VERSION"
}

# tools_vulndb: prints the directory of the offline vulnerability database,
# building it first when missing.
tools_vulndb() {
	local db="$CI_CACHE/vulndb-$VULNDB_VERSION"
	if [[ ! -s "$db/index/modules.json" ]]; then
		echo "tools: building the vulnerability database from golang.org/x/vulndb@$VULNDB_VERSION" >&2
		local src
		src="$(GOFLAGS= go mod download -json "golang.org/x/vulndb@$VULNDB_VERSION" |
			sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
		if [[ -z "$src" || ! -d "$src/data/osv" ]]; then
			echo "tools: golang.org/x/vulndb@$VULNDB_VERSION has no data/osv directory" >&2
			return 1
		fi
		local tmp="$db.tmp.$$"
		rm -rf "$tmp"
		GOFLAGS= go run "golang.org/x/vulndb/cmd/indexdb@$VULNDB_VERSION" -vulns "$src/data/osv" -out "$tmp" >&2
		rm -rf "$db"
		mv "$tmp" "$db"
		echo "tools: $(ls "$db/ID" | wc -l) vulnerability reports in $db" >&2
	fi
	echo "$db"
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
	set -euo pipefail
	cd "$(dirname "$0")/.."
	echo "staticcheck: $(tools_staticcheck)"
	echo "govulncheck: $(tools_govulncheck)"
	echo "vulndb:      $(tools_vulndb)"
fi

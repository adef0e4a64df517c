#!/usr/bin/env bash
# Debian packages the test suite needs: headless Chromium and its driver (browser tests),
# PostgreSQL with PostGIS (server backend), and Java 17 (Splink on Spark).
# Idempotent: installs only what is missing. Needs root (or sudo).
set -euo pipefail
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
[ -x /usr/lib/postgresql/15/bin/postgres ] || missing+=(postgresql postgresql-15-postgis-3)
command -v java >/dev/null 2>&1 || missing+=(openjdk-17-jre-headless)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}" >&2
  $SUDO apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >&2
fi

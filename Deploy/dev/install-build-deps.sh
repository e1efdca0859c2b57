#!/usr/bin/env bash
# Installs the Debian 12 packages needed to build and test SensorGateway, only if missing.
# Usage: Deploy/dev/install-build-deps.sh [extra-package ...]
set -euo pipefail
packages=(pkg-config libsystemd-dev libgpiod-dev libi2c-dev libmosquitto-dev libssl-dev libsqlite3-dev libyaml-dev libcjson-dev mosquitto mosquitto-clients openssl ca-certificates sqlite3 chromium fonts-dejavu-core fonts-ipafont-gothic openssh-server openssh-client tar tmux libpq-dev postgresql-15 "$@")
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  echo "installing: ${missing[*]}"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# The Debian mosquitto package may start a system broker on 1883; our tests and demo use private brokers on
# free ports, so it is left alone.
# postgresql-15 is for the PostgreSQL store's tests, which start their own cluster (Sources/TestSupport/
# PostgresCluster.swift) on a unix socket in a temporary folder; Debian's own cluster service is not needed.

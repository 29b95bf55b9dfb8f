#!/usr/bin/env bash
# Installs what stepsim needs to build and test on Debian 12, only what is missing. Idempotent.
set -euo pipefail

packages=(build-essential cmake ninja-build ccache pkg-config libboost-dev nlohmann-json3-dev catch2
          libspdlog-dev libcli11-dev python3)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# The tests drive the emulator with real clients: boto3 (whose botocore models are also the API
# spec the build embeds) and the AWS CLI. Use the ones on PATH if present, else Debian's.
python3 -c 'import boto3' 2>/dev/null || missing+=(python3-boto3)
command -v aws >/dev/null 2>&1 || missing+=(awscli)

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

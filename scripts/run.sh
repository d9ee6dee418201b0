#!/usr/bin/env bash
# Quick start 1: set up and open the desktop app on its embedded defaults
# (local SQLite in the user data folder, offline provider, evaluation licence).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$root/scripts/venv.sh"
exec "$root/.venv/bin/rooting-future" "$@"

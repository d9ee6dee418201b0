#!/usr/bin/env bash
# Quick start 2: set up and run the whole test suite (headless: Qt offscreen).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$root/scripts/venv.sh"
cd "$root"
export QT_QPA_PLATFORM=offscreen
"$root/.venv/bin/ruff" check --quiet .
exec "$root/.venv/bin/python" -m pytest -q "$@"

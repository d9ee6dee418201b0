#!/usr/bin/env bash
# Create (or reuse) .venv and install the project with its dev extra. Sourced by run/test.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$root/scripts/system-deps.sh"
python="${PYTHON:-python3}"
if [ ! -x "$root/.venv/bin/python" ]; then
  "$python" -m venv "$root/.venv"
fi
stamp="$root/.venv/.installed-$(cat "$root/pyproject.toml" "$root/setup.py" | sha256sum | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  "$root/.venv/bin/python" -m pip install -q --upgrade pip
  "$root/.venv/bin/python" -m pip install -q -e "$root[dev]"
  rm -f "$root"/.venv/.installed-* && touch "$stamp"
fi

#!/usr/bin/env bash
# Create (or reuse) .venv and install the project with its dev extra. Sourced by run/test.
# The packages come from the lock requirements/dev.txt (exact versions, hashes checked); the
# project itself is then installed editable without dependencies and without build isolation
# (setuptools and wheel are in the lock too): nothing is resolved, nothing unpinned fetched.
# Re-installs when the lock, pyproject.toml or setup.py change.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$root/scripts/system-deps.sh"
python="${PYTHON:-python3}"
lock="$root/requirements/dev.txt"
# Offline: a dependency edited in pyproject.toml without refreshing the locks is named here
# (the test suite fails on it too; python build/lock.py refreshes them).
"$python" "$root/build/lock.py" --check >/dev/null \
  || echo "warning: installing from stale locks (see above)" >&2
if [ ! -x "$root/.venv/bin/python" ]; then
  "$python" -m venv "$root/.venv"
fi
stamp="$root/.venv/.installed-$(cat "$lock" "$root/pyproject.toml" "$root/setup.py" \
  | sha256sum | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  "$root/.venv/bin/python" -m pip install -q --require-hashes -r "$lock"
  "$root/.venv/bin/python" -m pip install -q --no-deps --no-build-isolation -e "$root"
  rm -f "$root"/.venv/.installed-* && touch "$stamp"
fi

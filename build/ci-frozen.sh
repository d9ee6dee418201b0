#!/usr/bin/env bash
# CI job (called by .ci/run after the test suite): build the Linux frozen app with
# installer.spec from a clean virtual environment installed from requirements/build.txt
# (hashes checked), inspect the built folder (BUILD_INFO.json must match the lock), run the
# frozen self-test, and print the figures (folder and archive size, build and self-test time).
# About 5-7 minutes on a 2-core machine, inside the 90-minute CI budget, so it runs on every
# push: a packaging mistake (a file not collected, a hidden import) fails CI, not a customer.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
python="${PYTHON:-python3}"
# PyInstaller reads shared-library dependencies with binutils (objdump) and strips with it.
if ! command -v objdump >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1 \
   && [ "$(id -u)" -eq 0 ]; then
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
      --no-install-recommends binutils; } \
    >/dev/null
fi
"$python" build/build_app.py --self-test --archive
ROOTING_FUTURE_BUNDLE="$root/dist/RootingFuture" QT_QPA_PLATFORM=offscreen \
  "$root/.venv/bin/python" -m pytest -q -p no:cacheprovider tests/packaging/test_bundle_rules.py

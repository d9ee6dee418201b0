# Quick start 2 on Windows: set up and run the whole test suite (PowerShell).
$ErrorActionPreference = "Stop"
$root = Split-Path -Parent $PSScriptRoot
if (-not (Test-Path "$root\.venv\Scripts\python.exe")) { py -3.11 -m venv "$root\.venv" }
& "$root\.venv\Scripts\python.exe" -m pip install -q -e "$root[dev]"
$env:QT_QPA_PLATFORM = "offscreen"
Set-Location $root
& "$root\.venv\Scripts\ruff.exe" check --quiet .
& "$root\.venv\Scripts\python.exe" -m pytest -q @args
exit $LASTEXITCODE

# Quick start 2 on Windows: set up and run the whole test suite (PowerShell).
$ErrorActionPreference = "Stop"
$root = Split-Path -Parent $PSScriptRoot
& "$PSScriptRoot\venv.ps1"
$env:QT_QPA_PLATFORM = "offscreen"
Set-Location $root
& "$root\.venv\Scripts\ruff.exe" check --quiet .
if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
& "$root\.venv\Scripts\python.exe" -m pytest -q @args
exit $LASTEXITCODE

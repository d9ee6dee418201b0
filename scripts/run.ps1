# Quick start 1 on Windows: set up and open the desktop app (PowerShell).
$ErrorActionPreference = "Stop"
$root = Split-Path -Parent $PSScriptRoot
if (-not (Test-Path "$root\.venv\Scripts\python.exe")) { py -3.11 -m venv "$root\.venv" }
& "$root\.venv\Scripts\python.exe" -m pip install -q -e "$root[dev]"
& "$root\.venv\Scripts\rooting-future.exe" @args

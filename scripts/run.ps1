# Quick start 1 on Windows: set up and open the desktop app (PowerShell).
$ErrorActionPreference = "Stop"
$root = Split-Path -Parent $PSScriptRoot
& "$PSScriptRoot\venv.ps1"
& "$root\.venv\Scripts\rooting-future.exe" @args
exit $LASTEXITCODE

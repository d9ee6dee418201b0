# Create (or reuse) .venv and install the project with its dev extra (PowerShell twin of
# scripts/venv.sh, called by run.ps1 and test.ps1). The packages come from the lock
# requirements\dev.txt (exact versions, hashes checked); the project itself is then installed
# editable without dependencies and without build isolation (setuptools and wheel are in the
# lock too). Re-installs when the lock, pyproject.toml or setup.py change.
$ErrorActionPreference = "Stop"
$root = Split-Path -Parent $PSScriptRoot
$lock = "$root\requirements\dev.txt"
$python = "$root\.venv\Scripts\python.exe"
# Offline: a dependency edited in pyproject.toml without refreshing the locks is named here.
& py -3.11 "$root\build\lock.py" --check | Out-Null
if ($LASTEXITCODE -ne 0) { Write-Warning "installing from stale locks (see above)" }
if (-not (Test-Path $python)) {
    & py -3.11 -m venv "$root\.venv"
    if ($LASTEXITCODE -ne 0) { throw "could not create $root\.venv" }
}
$inputs = (Get-Content -Raw $lock) + (Get-Content -Raw "$root\pyproject.toml") +
          (Get-Content -Raw "$root\setup.py")
$sha = [System.Security.Cryptography.SHA256]::Create()
$digest = -join ($sha.ComputeHash([System.Text.Encoding]::UTF8.GetBytes($inputs)) |
                 ForEach-Object { $_.ToString("x2") })
$stamp = "$root\.venv\.installed-$($digest.Substring(0, 16))"
if (-not (Test-Path $stamp)) {
    & $python -m pip install -q --require-hashes -r $lock
    if ($LASTEXITCODE -ne 0) { throw "pip install --require-hashes -r $lock failed" }
    & $python -m pip install -q --no-deps --no-build-isolation -e $root
    if ($LASTEXITCODE -ne 0) { throw "pip install -e $root failed" }
    Remove-Item "$root\.venv\.installed-*" -ErrorAction SilentlyContinue
    New-Item -ItemType File $stamp | Out-Null
}

"""Refresh the dependency locks from pyproject.toml, deliberately; or check they are current.

    python build/lock.py                      # re-resolve, keeping today's pins where possible
    python build/lock.py --upgrade            # take the newest versions pyproject.toml allows
    python build/lock.py --upgrade-package weasyprint [--upgrade-package ...]
    python build/lock.py --check              # offline: do the locks match pyproject.toml?

Every install of the project reads a lock, never a fresh resolution: the frozen
build's clean environment (``build/build_app.py``) installs ``requirements/build.txt``
and the developers' and CI's ``.venv`` (``scripts/venv.sh``, ``scripts/*.ps1``)
installs ``requirements/dev.txt``, each with ``pip install --require-hashes``,
then the project itself with ``--no-deps --no-build-isolation``. So a build made
next month bundles the same libraries as today's, byte for byte (the hashes).

The locks are written by ``uv pip compile --universal --generate-hashes``: one
file valid on Linux, Windows and macOS and every Python from 3.11 (platform
markers such as keyring's ``pywin32-ctypes ; sys_platform == 'win32'`` stay in,
where a resolution on this machine alone would drop them and a Windows install
with ``--require-hashes`` would then fail). uv is needed only here, to refresh:
``python -m pip install uv`` in any environment. The dev lock is resolved first
(run-time + ``dev`` + ``build`` extras); the build lock is resolved under it as
a constraint, so the shipped libraries are exactly the tested ones.

Each lock also pins pip and pyproject's ``[build-system]`` requirements (the
project is installed without build isolation from them: nothing unpinned is
fetched) and starts with the digest of its inputs; ``--check`` and
``tests/packaging/test_locks.py`` compare that digest and the pins with
pyproject.toml without any network, so a dependency edited without a refresh
fails the test suite and stops the frozen build.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[1]
PYTHON_FLOOR = "3.11"  # the oldest Python the locks are resolved for (requires-python)
# Not declared by the project but installed from the locks all the same.
TOOLS = ("pip",)
DIGEST_LINE = re.compile(r"^# inputs-sha256: ([0-9a-f]{64})$", re.MULTILINE)
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)\s*(?:;\s*([^\\]+?))?\s*\\?$")
REQUIREMENT_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")


class Lock(NamedTuple):
    name: str
    path: str  # relative to the root, POSIX
    extras: tuple[str, ...]
    constraint: str | None  # another lock this one must agree with
    purpose: str


# Resolved in this order: the dev lock first, then the build lock constrained by it.
LOCKS = (
    Lock("dev", "requirements/dev.txt", ("dev", "build"), None,
         "the developers' and CI's .venv (scripts/venv.sh, scripts/*.ps1)"),
    Lock("build", "requirements/build.txt", ("build",), "requirements/dev.txt",
         "the frozen build's clean environment (build/build_app.py)"),
)


def lock_named(name: str) -> Lock:
    return next(lock for lock in LOCKS if lock.name == name)


def _pyproject(root: Path) -> dict:
    with open(root / "pyproject.toml", "rb") as handle:
        return tomllib.load(handle)


def declared(root: Path, lock: Lock) -> list[str]:
    """The requirement strings a lock is resolved from, as written in pyproject.toml."""
    data = _pyproject(root)
    project = data["project"]
    requirements = list(project.get("dependencies", []))
    for extra in lock.extras:
        requirements += project.get("optional-dependencies", {}).get(extra, [])
    requirements += data.get("build-system", {}).get("requires", [])
    requirements += TOOLS
    return requirements


def inputs_digest(root: Path, lock: Lock) -> str:
    """Changes whenever a requirement the lock is made from changes (spacing aside)."""
    data = _pyproject(root)
    lines = sorted({"".join(r.split()) for r in declared(root, lock)})
    lines.append("requires-python:" + data["project"].get("requires-python", ""))
    lines.append("extras:" + ",".join(lock.extras))
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(text: str) -> list[tuple[str, str, str | None]]:
    """(canonical name, version, marker or None) for each ``name==version`` line of a lock."""
    found = []
    for line in text.splitlines():
        match = PIN.match(line)
        if match:
            found.append((canonical(match[1]), match[2], match[3]))
    return found


def _header(root: Path, lock: Lock, uv_version: str) -> str:
    extras = ", ".join(f"[{extra}]" for extra in lock.extras)
    return (
        f"# Lock for {lock.purpose}.\n"
        f"# pyproject.toml's dependencies + {extras} + [build-system] requires + pip, resolved\n"
        f"# for Linux, Windows and macOS, Python >= {PYTHON_FLOOR} by `{uv_version} pip compile\n"
        "# --universal --generate-hashes`. Do not edit: refresh with `python build/lock.py`\n"
        "# (see build/README.md); install with `pip install --require-hashes -r` this file.\n"
        f"# inputs-sha256: {inputs_digest(root, lock)}\n"
    )


def problems(root: Path = ROOT) -> list[str]:
    """Why the locks do not match pyproject.toml (empty when they do). No network."""
    try:
        from packaging.requirements import Requirement
        from packaging.version import Version
    except ImportError:  # the digest alone still catches every change
        Requirement = None  # type: ignore[assignment,misc]
    found: list[str] = []
    pinned_by_lock: dict[str, dict[str, set[str]]] = {}
    for lock in LOCKS:
        path = root / lock.path
        if not path.is_file():
            found.append(f"{lock.path} is missing: run python build/lock.py")
            continue
        text = path.read_text(encoding="utf-8")
        digest = DIGEST_LINE.search(text)
        if digest is None or digest[1] != inputs_digest(root, lock):
            found.append(
                f"{lock.path} was not refreshed after pyproject.toml's requirements changed: "
                "run python build/lock.py"
            )
        locked = pins(text)
        versions: dict[str, set[str]] = {}
        for name, version, _marker in locked:
            versions.setdefault(name, set()).add(version)
        pinned_by_lock[lock.name] = versions
        entries = re.split(r"\n(?=[A-Za-z0-9])", text)
        unhashed = [e.split("==")[0] for e in entries if "==" in e and "--hash=" not in e]
        if unhashed:
            found.append(f"{lock.path}: pins without hashes: {', '.join(unhashed)}")
        for requirement in declared(root, lock):
            name = canonical(REQUIREMENT_NAME.match(requirement)[1])  # type: ignore[index]
            if name not in versions:
                found.append(f"{lock.path} does not pin {name} ({requirement})")
            elif Requirement is not None:
                specifier = Requirement(requirement).specifier
                bad = [v for v in versions[name] if not specifier.contains(Version(v), True)]
                if bad:
                    found.append(f"{lock.path} pins {name}=={bad[0]}, outside {requirement}")
    if len(pinned_by_lock) == len(LOCKS):
        for lock in LOCKS:
            if lock.constraint is None:
                continue
            parent = next(other for other in LOCKS if other.path == lock.constraint)
            for name, versions in pinned_by_lock[lock.name].items():
                if versions != pinned_by_lock[parent.name].get(name, set()):
                    found.append(
                        f"{lock.path} pins {name} {sorted(versions)} but {parent.path} "
                        f"{sorted(pinned_by_lock[parent.name].get(name, set()))}: "
                        "run python build/lock.py"
                    )
    return found


def uv_command() -> list[str]:
    if shutil.which("uv"):
        return ["uv"]
    if importlib.util.find_spec("uv") is not None:
        return [sys.executable, "-m", "uv"]
    raise SystemExit("uv is needed to refresh the locks: python -m pip install uv")


def refresh(root: Path, upgrade: bool, upgrade_packages: list[str]) -> None:
    uv = uv_command()
    uv_version = " ".join(  # "uv 0.13.9"
        subprocess.run([*uv, "--version"], capture_output=True, text=True, check=True)
        .stdout.split()[:2]
    )
    build_system = "\n".join(
        [*_pyproject(root).get("build-system", {}).get("requires", []), *TOOLS]
    )
    for lock in LOCKS:
        (root / lock.path).parent.mkdir(parents=True, exist_ok=True)
        command = [
            *uv, "pip", "compile", "--quiet", "--no-config", "--universal",
            "--python-version", PYTHON_FLOOR, "--generate-hashes", "--no-header",
            "pyproject.toml", *(f"--extra={extra}" for extra in lock.extras),
            "-",  # stdin: pip and the [build-system] requirements
            "--output-file", lock.path,
        ]
        if lock.constraint:
            command += ["--constraint", lock.constraint]
        if upgrade:
            command.append("--upgrade")
        command += [f"--upgrade-package={name}" for name in upgrade_packages]
        print("  $", " ".join(command), flush=True)
        subprocess.run(command, input=build_system, text=True, cwd=root, check=True)
        path = root / lock.path
        body = path.read_text(encoding="utf-8")
        path.write_text(_header(root, lock, uv_version) + body, encoding="utf-8", newline="\n")
        print(f"  {lock.path}: {len(pins(body))} pins")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check, offline")
    parser.add_argument("--upgrade", action="store_true", help="newest allowed versions")
    parser.add_argument(
        "--upgrade-package", action="append", default=[], metavar="NAME",
        help="newest allowed version of this package only (repeatable)",
    )
    args = parser.parse_args()
    if not args.check:
        refresh(ROOT, args.upgrade, args.upgrade_package)
    found = problems(ROOT)
    for line in found:
        print(line, file=sys.stderr)
    if not found and args.check:
        print("the locks match pyproject.toml")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())

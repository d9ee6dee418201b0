"""build/macos: make_dmg.sh and its entitlements, tested as far as Linux allows.

The script must refuse to run off macOS. Its logic (bundle checks, signing order,
notarisation, dmg) runs here against stand-ins for uname, codesign, otool, lipo,
hdiutil, xcrun and friends, on a fake .app whose "binaries" describe themselves
(architectures, minimum macOS, linked libraries) in a JSON line. What only a
Mac can show (real signatures, Apple's notary service, Gatekeeper) is listed in
build/macos/README.md.
"""

from __future__ import annotations

import json
import os
import plistlib
import shlex
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MACOS = ROOT / "build" / "macos"
SCRIPT = MACOS / "make_dmg.sh"
ENTITLEMENTS = MACOS / "entitlements.plist"
README = MACOS / "README.md"
BASH = shutil.which("bash")
IDENTITY = "Developer ID Application: Test Club (TEAM123456)"

# A POSIX bash runs the script (Git Bash or WSL on Windows would see other paths).
needs_bash = pytest.mark.skipif(
    BASH is None or sys.platform == "win32", reason="needs bash on a POSIX system"
)


def _version() -> str:
    with open(ROOT / "pyproject.toml", "rb") as handle:
        return str(tomllib.load(handle)["project"]["version"])


def run_script(
    *args: str, env: dict[str, str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BASH), str(SCRIPT), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
        check=False,
    )


# -------------------------------------------------------------- static checks


@needs_bash
def test_script_parses() -> None:
    result = subprocess.run([str(BASH), "-n", str(SCRIPT)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


@needs_bash
def test_shellcheck_is_clean() -> None:
    shellcheck = shutil.which("shellcheck")
    if shellcheck is None:
        pytest.skip("shellcheck is not installed")
    result = subprocess.run([shellcheck, str(SCRIPT)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


def test_strict_mode_and_shebang() -> None:
    lines = SCRIPT.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "#!/usr/bin/env bash"
    assert "set -euo pipefail" in lines


@needs_bash
@pytest.mark.skipif(sys.platform == "darwin", reason="the refusal is for other systems")
def test_refuses_off_macos_with_a_clear_message(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_script("--out", str(out))
    assert result.returncode == 2
    assert "runs only on macOS" in result.stderr
    assert "build/macos/README.md" in result.stderr
    assert not out.exists()


@needs_bash
def test_help_works_anywhere() -> None:
    result = run_script("--help")
    assert result.returncode == 0
    assert "RF_CODESIGN_IDENTITY" in result.stdout and "RF_NOTARY_PROFILE" in result.stdout


@needs_bash
def test_unknown_option_is_refused() -> None:
    result = run_script("--sign-everything")
    assert result.returncode == 2 and "unknown option" in result.stderr


# ---------------------------------------------------------------- entitlements


ALLOWED_ENTITLEMENTS = {
    # ctypes/cffi callbacks (pypdfium2, keyring's macOS backend) may need W+X memory.
    "com.apple.security.cs.allow-unsigned-executable-memory",
}
NEVER = {
    "com.apple.security.cs.disable-library-validation",  # would let Homebrew dylibs load
    "com.apple.security.cs.allow-dyld-environment-variables",  # library injection
    "com.apple.security.cs.disable-executable-page-protection",
    "com.apple.security.get-task-allow",  # debugging: notarisation rejects it
    "com.apple.security.app-sandbox",  # not a Mac App Store build
}


def test_entitlements_parse_and_stay_minimal() -> None:
    with open(ENTITLEMENTS, "rb") as handle:
        entitlements = plistlib.load(handle)
    assert isinstance(entitlements, dict) and entitlements
    assert set(entitlements) <= ALLOWED_ENTITLEMENTS
    assert not set(entitlements) & NEVER
    assert all(value is True for value in entitlements.values())
    assert b"<!--" not in ENTITLEMENTS.read_bytes()  # comments: keep them in the README


def test_every_entitlement_is_justified_in_the_readme() -> None:
    readme = README.read_text(encoding="utf-8")
    with open(ENTITLEMENTS, "rb") as handle:
        for key in plistlib.load(handle):
            assert f"`{key}`" in readme, key


# ------------------------------------------------------ stubbed macOS run

STUB = r"""
import json, os, sys

tool = sys.argv[1]
args = sys.argv[2:]
with open(os.environ["STUB_LOG"], "a") as log:
    log.write(json.dumps([tool, *args]) + "\n")


def described(path):
    try:
        with open(path, errors="replace") as handle:
            lines = handle.read().splitlines()
    except (IsADirectoryError, FileNotFoundError):
        return None
    for line in lines:
        if line.startswith("#MACHO "):
            return json.loads(line[len("#MACHO "):])
    return None


if tool == "uname":
    print("Darwin")
elif tool == "file":
    info = described(args[-1])
    print("Mach-O 64-bit dynamically linked shared library" if info else "data")
elif tool == "lipo":
    print(" ".join(described(args[-1])["archs"]))
elif tool == "otool":
    path = args[-1]
    info = described(path)
    if "-L" in args:
        print(f"{path}:")
        for dep in info.get("deps", []):
            print(f"\t{dep} (compatibility version 1.0.0, current version 1.0.0)")
    else:
        print(f"{path}:\nLoad command 9\n      cmd LC_BUILD_VERSION\n  cmdsize 32\n"
              f" platform 1\n    minos {info.get('minos', '11.0')}\n      sdk 14.0\n"
              "Load command 10\n      cmd LC_SOURCE_VERSION")
elif tool == "PlistBuddy":
    import plistlib
    key = args[1].split(":", 1)[1]
    with open(args[2], "rb") as handle:
        data = plistlib.load(handle)
    if key not in data:
        sys.exit(1)
    print(data[key])
elif tool == "security":
    print('  1) 0123456789ABCDEF "' + os.environ.get("STUB_IDENTITY", "") + '"')
    print("     1 valid identities found")
elif tool == "hdiutil" and args[0] == "create":
    source = args[args.index("-srcfolder") + 1]
    listing = {}
    for name in os.listdir(source):
        full = os.path.join(source, name)
        listing[name] = os.readlink(full) if os.path.islink(full) else "dir"
    with open(os.environ["STUB_LOG"], "a") as log:
        log.write(json.dumps(["hdiutil-srcfolder", listing]) + "\n")
    with open(args[-1], "wb") as handle:
        handle.write(b"koly")
elif tool == "xcrun" and args[:2] == ["notarytool", "submit"]:
    import plistlib
    status = os.environ.get("STUB_NOTARY_STATUS", "Accepted")
    sys.stdout.buffer.write(plistlib.dumps({"id": "req-1", "status": status}))
elif tool == "xcrun" and args[:2] == ["notarytool", "log"]:
    print("notary log: The binary is not signed with a valid Developer ID certificate.")
elif tool == "ditto":
    if "-c" in args:
        with open(args[-1], "wb") as handle:
            handle.write(b"PK")
    else:
        import shutil
        shutil.copytree(args[-2], args[-1], symlinks=True)
elif tool == "shasum":
    print(f"0123abcd  {args[-1]}")
sys.exit(int(os.environ.get("STUB_EXIT_" + tool.upper(), "0")))
"""

TOOLS = (
    "uname",
    "file",
    "lipo",
    "otool",
    "PlistBuddy",
    "security",
    "codesign",
    "hdiutil",
    "xcrun",
    "spctl",
    "ditto",
    "shasum",
)


def _macho(
    path: Path,
    archs: tuple[str, ...] = ("arm64",),
    minos: str = "11.0",
    deps: tuple[str, ...] = ("/usr/lib/libSystem.B.dylib",),
    prefix: str = "",
) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    info = {"archs": list(archs), "minos": minos, "deps": list(deps)}
    path.write_text(f"{prefix}#MACHO {json.dumps(info)}\n")
    return path


class FakeMac:
    """A stand-in macOS toolchain on PATH, a fake .app and the log of every tool call."""

    def __init__(self, tmp_path: Path) -> None:
        self.tmp = tmp_path
        self.bin = tmp_path / "bin"
        self.bin.mkdir()
        stub = tmp_path / "stub.py"
        stub.write_text(STUB)
        for tool in TOOLS:  # a wrapper per tool: quoting survives spaces in the paths
            wrapper = self.bin / tool
            wrapper.write_text(
                f"#!/bin/sh\nexec {shlex.quote(sys.executable)} -S {shlex.quote(str(stub))}"
                f' {tool} "$@"\n'
            )
            wrapper.chmod(0o755)
        self.log = tmp_path / "calls.jsonl"
        self.out = tmp_path / "out"
        self.app = tmp_path / "dist" / "RootingFuture.app"
        self.marker = tmp_path / "self-test-ran"
        contents = self.app / "Contents"
        self.executable = _macho(
            contents / "MacOS" / "RootingFuture",
            prefix=f'#!/bin/sh\ntouch "{self.marker}"\nexit 0\n',
        )
        self.executable.chmod(0o755)
        frameworks = contents / "Frameworks"
        self.pango = _macho(frameworks / "libpango-1.0.0.dylib", deps=("@rpath/libglib.dylib",))
        self.glib = _macho(frameworks / "libglib-2.0.0.dylib")
        self.extension = _macho(frameworks / "PySide6" / "QtCore.abi3.so")
        self.framework = frameworks / "PySide6" / "Qt" / "lib" / "QtCore.framework"
        self.framework_binary = _macho(self.framework / "Versions" / "A" / "QtCore")
        (contents / "Resources").mkdir(parents=True)
        (contents / "Resources" / "base_library.zip").write_bytes(b"PK")
        self.info(LSMinimumSystemVersion="11.0")

    def info(self, **changes: str) -> None:
        info = {
            "CFBundleExecutable": "RootingFuture",
            "CFBundleIdentifier": "it.rootingfuture.desktop",
            "CFBundleShortVersionString": _version(),
        }
        info.update(changes)
        with open(self.app / "Contents" / "Info.plist", "wb") as handle:
            plistlib.dump(info, handle)

    def run(self, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
        environment = {
            "PATH": f"{self.bin}:/usr/bin:/bin",
            "TMPDIR": str(self.tmp),
            "STUB_LOG": str(self.log),
            "STUB_IDENTITY": IDENTITY,
            "HOME": str(self.tmp),
            **env,
        }
        return run_script("--app", str(self.app), "--out", str(self.out), *args, env=environment)

    def calls(self, tool: str | None = None) -> list[list[str]]:
        if not self.log.exists():
            return []
        calls = [json.loads(line) for line in self.log.read_text().splitlines()]
        return [call for call in calls if tool is None or call[0] == tool]

    def signed(self) -> list[list[str]]:
        return [call for call in self.calls("codesign") if "--sign" in call]

    @property
    def dmg(self) -> Path:
        return self.out / f"RootingFuture-{_version()}-macos-arm64.dmg"


@pytest.fixture
def mac(tmp_path: Path) -> FakeMac:
    if BASH is None or sys.platform == "win32":
        pytest.skip("needs bash on a POSIX system")
    return FakeMac(tmp_path)


def test_signed_and_notarised_release(mac: FakeMac) -> None:
    result = mac.run(RF_CODESIGN_IDENTITY=IDENTITY, RF_NOTARY_PROFILE="rf-notary")
    assert result.returncode == 0, result.stderr
    signed = mac.signed()
    targets = [call[-1] for call in signed]
    app, dmg = str(mac.app), str(mac.dmg)
    # Inside-out: every binary but the main executable, then the framework, then the app,
    # then (after packaging) the dmg.
    expected_binaries = {str(p) for p in (mac.pango, mac.glib, mac.extension, mac.framework_binary)}
    assert set(targets[:4]) == expected_binaries
    assert targets[4:] == [str(mac.framework), app, dmg]
    assert targets.index(str(mac.framework_binary)) < targets.index(str(mac.framework))
    assert str(mac.executable) not in targets
    for call in signed:
        assert "--deep" not in call
        assert "--timestamp" in call and call[call.index("--sign") + 1] == IDENTITY
        assert ("--options" in call) == (call[-1] != dmg)  # hardened runtime on code
        assert ("--entitlements" in call) == (call[-1] == app)
    entitlements = signed[targets.index(app)]
    assert entitlements[entitlements.index("--entitlements") + 1] == str(ENTITLEMENTS)
    verify = [c for c in mac.calls("codesign") if "--verify" in c and c[-1] == app]
    assert verify and {"--deep", "--strict"} <= set(verify[0])
    assert mac.marker.exists()  # the signed app's self-test ran
    # Notarised twice (the zipped app, then the dmg), each stapled and validated.
    submits = [c for c in mac.calls("xcrun") if c[1:3] == ["notarytool", "submit"]]
    assert [Path(c[3]).suffix for c in submits] == [".zip", ".dmg"]
    assert all(
        "--wait" in c and c[c.index("--keychain-profile") + 1] == "rf-notary" for c in submits
    )
    staples = [c[2:] for c in mac.calls("xcrun") if c[1] == "stapler"]
    assert staples == [["staple", app], ["validate", app], ["staple", dmg], ["validate", dmg]]
    # The app is stapled before it is copied into the image.
    order = [c[0] if c[0] != "xcrun" else f"xcrun {c[2]}" for c in mac.calls()]
    assert order.index("xcrun staple") < order.index("hdiutil-srcfolder")
    assert mac.dmg.is_file()
    assert "SHA-256 0123abcd" in result.stdout


def test_dmg_holds_the_app_and_an_applications_link(mac: FakeMac) -> None:
    result = mac.run()
    assert result.returncode == 0, result.stderr
    (listing,) = [c[1] for c in mac.calls("hdiutil-srcfolder")]
    assert listing == {"RootingFuture.app": "dir", "Applications": "/Applications"}
    create = next(c for c in mac.calls("hdiutil") if c[1] == "create")
    assert create[create.index("-format") + 1] == "ULFO"
    assert create[create.index("-volname") + 1] == f"Rooting Future {_version()}"
    assert create[-1] == str(mac.dmg)


def test_unsigned_build_keeps_the_ad_hoc_signature(mac: FakeMac) -> None:
    result = mac.run(RF_DMG_FORMAT="UDZO")
    assert result.returncode == 0, result.stderr
    assert mac.signed() == []
    assert [c for c in mac.calls("codesign") if "--verify" in c]
    assert not [c for c in mac.calls("xcrun")]
    assert "Gatekeeper will block" in result.stderr and "not notarised" in result.stderr
    create = next(c for c in mac.calls("hdiutil") if c[1] == "create")
    assert create[create.index("-format") + 1] == "UDZO"


def _fails(mac: FakeMac, result: subprocess.CompletedProcess[str], message: str) -> None:
    assert result.returncode != 0
    assert message in result.stderr, result.stderr
    assert not mac.dmg.exists()


def test_bundle_problems_are_all_reported_before_signing(mac: FakeMac) -> None:
    _macho(mac.executable, archs=("arm64", "x86_64"), prefix="#!/bin/sh\n")
    _macho(mac.glib, archs=("arm64", "x86_64"), minos="14.0")
    _macho(mac.extension, deps=("/opt/homebrew/lib/libffi.8.dylib",))  # arm64 only
    _macho(mac.framework_binary, archs=("arm64", "x86_64"))
    mac.pango.unlink()
    result = mac.run(RF_CODESIGN_IDENTITY=IDENTITY)
    _fails(mac, result, "4 problem(s)")
    for message in (
        "PySide6/QtCore.abi3.so links to libraries outside the bundle",
        "    /opt/homebrew/lib/libffi.8.dylib",
        "PySide6/QtCore.abi3.so has [arm64], the app needs [arm64 x86_64]",
        "libglib-2.0.0.dylib needs macOS 14.0 but the app declares 11.0",
        "libpango-1.0 is not in the bundle",
    ):
        assert message in result.stderr, message
    assert mac.signed() == []


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"CFBundleShortVersionString": "0.0.0"}, "rebuild the app"),
        ({"CFBundleIdentifier": "org.example.app"}, "expected it.rootingfuture.desktop"),
    ],
    ids=["stale version", "wrong bundle id"],
)
def test_bundle_identity_must_match_the_release(
    mac: FakeMac, changes: dict[str, str], message: str
) -> None:
    mac.info(**changes)
    _fails(mac, mac.run(RF_CODESIGN_IDENTITY=IDENTITY), message)
    assert mac.signed() == []


def test_missing_pango_can_be_allowed_for_a_test_build(mac: FakeMac) -> None:
    mac.pango.unlink()
    result = mac.run("--allow-missing-pango", "--skip-self-test")
    assert result.returncode == 0, result.stderr
    assert not mac.marker.exists()


def test_rejected_notarisation_fails_with_apples_log(mac: FakeMac) -> None:
    result = mac.run(
        RF_CODESIGN_IDENTITY=IDENTITY, RF_NOTARY_PROFILE="rf-notary", STUB_NOTARY_STATUS="Invalid"
    )
    _fails(mac, result, "ended with status 'Invalid'")
    assert "notary log:" in result.stderr
    assert not [c for c in mac.calls("xcrun") if c[1] == "stapler"]


def test_failed_self_test_stops_packaging(mac: FakeMac) -> None:
    _macho(mac.executable, prefix="#!/bin/sh\nexit 1\n")
    mac.executable.chmod(0o755)
    _fails(mac, mac.run(), "self-test failed")


def test_notarising_needs_an_identity(mac: FakeMac) -> None:
    _fails(mac, mac.run(RF_NOTARY_PROFILE="rf-notary"), "RF_CODESIGN_IDENTITY is not")


def test_unknown_identity_is_refused(mac: FakeMac) -> None:
    result = mac.run(RF_CODESIGN_IDENTITY="Developer ID Application: Someone Else (X)")
    _fails(mac, result, "no valid signing identity")


def test_failing_verification_stops_the_build(mac: FakeMac) -> None:
    result = mac.run(STUB_EXIT_CODESIGN="1")
    assert result.returncode != 0
    assert not mac.dmg.exists()


def test_bad_image_format_is_refused(mac: FakeMac) -> None:
    _fails(mac, mac.run(RF_DMG_FORMAT="ZIP"), "RF_DMG_FORMAT=ZIP")


def test_stub_toolchain_is_what_the_script_uses(mac: FakeMac) -> None:
    """Guard for the tests above: every external tool the script calls has a stand-in."""
    text = SCRIPT.read_text(encoding="utf-8")
    for tool in ("codesign", "hdiutil", "otool", "lipo", "xcrun", "spctl", "ditto", "security"):
        assert tool in text and (mac.bin / tool).exists()
    assert all(os.access(mac.bin / tool, os.X_OK) for tool in TOOLS)

"""Machine fingerprint: ``v1:`` + HMAC-SHA256(key=machine id, msg=product constant).

The raw machine id is read, normalised, fed to HMAC and forgotten: it is
never stored, logged or shown. HMAC with a product constant means our
fingerprint cannot be correlated with other software's use of the same id.

Sources (no shell anywhere; no subprocess on Windows, where a windowed
frozen app would flash a console and ``wmic`` no longer exists):

* Windows: ``HKLM\\SOFTWARE\\Microsoft\\Cryptography\\MachineGuid`` through
  ``winreg`` with ``KEY_WOW64_64KEY`` so 32-bit Python reads the 64-bit view.
* macOS: ``IOPlatformUUID`` from ``/usr/sbin/ioreg -rd1 -c IOPlatformExpertDevice``.
* Linux and other POSIX: ``/etc/machine-id``, then ``/var/lib/dbus/machine-id``.

A missing or unusable source raises ``FingerprintUnavailable``; an empty
string is never hashed. Sources are plain callables so tests (and odd
platforms) can inject their own.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

VERSION = "v1"
PRODUCT_CONSTANT = b"rooting-future-desktop/machine-fingerprint/v1"
LINUX_MACHINE_ID_PATHS: tuple[Path, ...] = (
    Path("/etc/machine-id"),
    Path("/var/lib/dbus/machine-id"),
)
IOREG = "/usr/sbin/ioreg"
WINDOWS_KEY = r"SOFTWARE\Microsoft\Cryptography"

log = logging.getLogger(__name__)

RawIdSource = Callable[[], str]
"""Returns the raw machine id, or raises FingerprintUnavailable."""

_FINGERPRINT = re.compile(r"v1:[0-9a-f]{64}")
_HEX = re.compile(r"[0-9a-f]{16,64}")
_IOREG_UUID = re.compile(r'"IOPlatformUUID"\s*=\s*"([^"]+)"')
_cache: dict[str, str] = {}


class FingerprintUnavailable(Exception):
    """The machine id could not be read or is unusable (reason is technical, English)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def normalise_machine_id(raw: str) -> str:
    """Lowercase, no whitespace, no braces, no hyphens; must be a plausible hex id.

    Applied identically when issuing and checking, so ``{ABCD-...}`` and
    ``abcd...`` are the same machine. Placeholders (empty, "uninitialized",
    all zeros) are refused: hashing them would make every such machine equal.
    """
    if not isinstance(raw, str):
        raise FingerprintUnavailable("machine id is not text")
    text = "".join(raw.split()).lower()
    if text.startswith("{") and text.endswith("}"):
        text = text[1:-1]
    text = text.replace("-", "")
    if not text:
        raise FingerprintUnavailable("machine id is empty")
    if not _HEX.fullmatch(text):
        raise FingerprintUnavailable("machine id is not a hexadecimal identifier")
    if len(set(text)) == 1:
        raise FingerprintUnavailable("machine id is a placeholder (all one digit)")
    return text


def derive_fingerprint(raw_id: str) -> str:
    """``v1:<64 hex>`` for a raw machine id (raises FingerprintUnavailable if unusable)."""
    key = normalise_machine_id(raw_id).encode("ascii")
    return f"{VERSION}:{hmac.new(key, PRODUCT_CONSTANT, hashlib.sha256).hexdigest()}"


def is_fingerprint(text: object) -> bool:
    return isinstance(text, str) and _FINGERPRINT.fullmatch(text) is not None


def parse_fingerprint(text: str) -> str:
    """Accept a fingerprint typed or pasted by a person: trims spaces, any case."""
    candidate = "".join(str(text).split()).lower()
    if not is_fingerprint(candidate):
        raise ValueError("expected a fingerprint like v1:<64 hexadecimal digits>")
    return candidate


def linux_machine_id_source(paths: Sequence[Path] = LINUX_MACHINE_ID_PATHS) -> RawIdSource:
    """A source reading the first usable machine-id file of ``paths``."""

    def read() -> str:
        problems = []
        for path in paths:
            try:
                with open(path, "rb") as handle:
                    text = handle.read(256).decode("ascii", errors="strict")
                normalise_machine_id(text)
            except FileNotFoundError:
                problems.append(f"{path}: missing")
                continue
            except (OSError, UnicodeDecodeError) as exc:
                problems.append(f"{path}: {type(exc).__name__}")
                continue
            except FingerprintUnavailable as exc:
                problems.append(f"{path}: {exc.reason}")
                continue
            return text
        raise FingerprintUnavailable("; ".join(problems) or "no machine-id file configured")

    return read


def read_windows_machine_guid() -> str:
    """MachineGuid from the 64-bit registry view, without spawning anything."""
    try:
        import winreg
    except ImportError as exc:
        raise FingerprintUnavailable("winreg is not available") from exc
    try:
        access = winreg.KEY_READ | winreg.KEY_WOW64_64KEY
        with winreg.OpenKeyEx(winreg.HKEY_LOCAL_MACHINE, WINDOWS_KEY, 0, access) as key:
            value, kind = winreg.QueryValueEx(key, "MachineGuid")
    except OSError as exc:
        raise FingerprintUnavailable(f"registry: {type(exc).__name__}") from exc
    if kind != winreg.REG_SZ or not isinstance(value, str):
        raise FingerprintUnavailable("registry: MachineGuid is not a string")
    return value


def read_macos_platform_uuid() -> str:
    """IOPlatformUUID via ``ioreg`` as an argument list (no shell, bounded time)."""
    import subprocess  # only macOS needs it; keeps the import off other platforms' startup

    try:
        result = subprocess.run(
            [IOREG, "-rd1", "-c", "IOPlatformExpertDevice"],
            capture_output=True,
            timeout=5,
            check=False,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        raise FingerprintUnavailable(f"ioreg: {type(exc).__name__}") from exc
    if result.returncode != 0:
        raise FingerprintUnavailable(f"ioreg exited with {result.returncode}")
    match = _IOREG_UUID.search(result.stdout.decode("utf-8", errors="replace"))
    if not match:
        raise FingerprintUnavailable("ioreg: IOPlatformUUID not found")
    return match.group(1)


def default_source(platform: str | None = None) -> RawIdSource:
    """The reader for this operating system."""
    platform = platform or sys.platform
    if platform == "win32":
        return read_windows_machine_guid
    if platform == "darwin":
        return read_macos_platform_uuid
    return linux_machine_id_source()


def machine_fingerprint(source: RawIdSource | None = None) -> str:
    """This machine's fingerprint; raises FingerprintUnavailable.

    The default source's answer is cached for the process (on macOS it costs
    a subprocess); injected sources are never cached, so tests can switch
    machines freely.
    """
    if source is None:
        cached = _cache.get("default")
        if cached is not None:
            return cached
        fingerprint = derive_fingerprint(default_source()())
        _cache["default"] = fingerprint
        return fingerprint
    return derive_fingerprint(source())


def try_machine_fingerprint(source: RawIdSource | None = None) -> str | None:
    """``machine_fingerprint`` or None (logged) when the source is unavailable."""
    try:
        return machine_fingerprint(source)
    except FingerprintUnavailable as exc:
        log.warning("Machine fingerprint unavailable: %s", exc.reason)
        return None


def clear_cache() -> None:
    """Forget the cached fingerprint (tests and benchmarks)."""
    _cache.clear()

"""Machine fingerprint: pinned derivation, normalisation, and each OS source without a shell."""

from __future__ import annotations

import hashlib
import hmac
import subprocess
import sys
import types
from pathlib import Path

import pytest

from licensing import fingerprint
from licensing.fingerprint import FingerprintUnavailable, derive_fingerprint

# Pinned: changing the constant, the HMAC layout or the normalisation breaks every
# licence ever issued, so it must be a deliberate "v2", never an accident.
VECTOR_RAW = "{6F9619FF-8B86-D011-B42D-00C04FC964FF}"
VECTOR = "v1:04e8c6686c029f9b8d4eccc2bdbc6ac5eba41172414a846f11c22025d9ccbc28"


def test_fixed_test_vector() -> None:
    assert derive_fingerprint(VECTOR_RAW) == VECTOR
    # The same value computed from first principles.
    expected = hmac.new(
        b"6f9619ff8b86d011b42d00c04fc964ff",
        b"rooting-future-desktop/machine-fingerprint/v1",
        hashlib.sha256,
    ).hexdigest()
    assert f"v1:{expected}" == VECTOR


@pytest.mark.parametrize(
    "spelling",
    [
        "6f9619ff-8b86-d011-b42d-00c04fc964ff",
        "6F9619FF8B86D011B42D00C04FC964FF",
        "  {6f9619ff-8b86-d011-b42d-00c04fc964ff}\r\n",
        "6f9619ff8b86d011b42d00c04fc964ff\n",
        "\t6F9619FF-8B86-D011-B42D-00C04FC964FF ",
    ],
)
def test_normalisation_is_identical_for_every_spelling(spelling: str) -> None:
    assert derive_fingerprint(spelling) == VECTOR


@pytest.mark.parametrize(
    "raw",
    ["", "   ", "\n", "{}", "uninitialized", "0" * 32, "f" * 32, "not-hex-at-all", "12ab"],
)
def test_unusable_ids_are_their_own_error_never_hashed(raw: str) -> None:
    with pytest.raises(FingerprintUnavailable):
        derive_fingerprint(raw)


def test_raw_id_never_appears_in_the_fingerprint() -> None:
    fp = derive_fingerprint(VECTOR_RAW)
    assert "6f9619ff" not in fp
    assert fingerprint.is_fingerprint(fp)
    assert fingerprint.parse_fingerprint(f"  {fp.upper()} ") == fp
    with pytest.raises(ValueError):
        fingerprint.parse_fingerprint("v1:1234")


def test_linux_source_reads_first_usable_file(tmp_path: Path) -> None:
    etc = tmp_path / "machine-id"
    dbus = tmp_path / "dbus-machine-id"
    source = fingerprint.linux_machine_id_source([etc, dbus])
    with pytest.raises(FingerprintUnavailable) as info:
        source()
    assert "missing" in info.value.reason
    dbus.write_text("3d1219c7c4c5404aa1f6d2a48adfda4e\n")
    assert fingerprint.machine_fingerprint(source) == derive_fingerprint(dbus.read_text())
    etc.write_text("uninitialized\n")  # systemd's placeholder during first boot
    assert fingerprint.machine_fingerprint(source) == derive_fingerprint(dbus.read_text())
    etc.write_text("6f9619ff8b86d011b42d00c04fc964ff\n")
    assert fingerprint.machine_fingerprint(source) == VECTOR
    etc.write_bytes(b"\xff\xfe\x00")
    assert fingerprint.machine_fingerprint(source) == derive_fingerprint(dbus.read_text())


def test_windows_source_uses_winreg_64_bit_view_and_no_subprocess(monkeypatch) -> None:
    calls: dict[str, object] = {}

    class Key:
        def __enter__(self) -> Key:
            return self

        def __exit__(self, *exc: object) -> None:
            return None

    fake = types.SimpleNamespace(
        HKEY_LOCAL_MACHINE=0x80000002,
        KEY_READ=0x20019,
        KEY_WOW64_64KEY=0x0100,
        REG_SZ=1,
    )

    def open_key(root: int, path: str, reserved: int, access: int) -> Key:
        calls.update(root=root, path=path, access=access)
        return Key()

    def query(key: Key, name: str) -> tuple[str, int]:
        calls["name"] = name
        return "6F9619FF-8B86-D011-B42D-00C04FC964FF", 1

    fake.OpenKeyEx = open_key
    fake.QueryValueEx = query
    monkeypatch.setitem(sys.modules, "winreg", fake)

    def no_subprocess(*args: object, **kwargs: object) -> None:
        raise AssertionError("no subprocess on Windows")

    monkeypatch.setattr(subprocess, "run", no_subprocess)
    monkeypatch.setattr(subprocess, "Popen", no_subprocess)
    source = fingerprint.default_source("win32")
    assert fingerprint.machine_fingerprint(source) == VECTOR
    assert calls["path"] == r"SOFTWARE\Microsoft\Cryptography"
    assert calls["name"] == "MachineGuid"
    assert calls["access"] == fake.KEY_READ | fake.KEY_WOW64_64KEY

    def denied(*args: object) -> Key:
        raise PermissionError("access denied")

    fake.OpenKeyEx = denied
    with pytest.raises(FingerprintUnavailable):
        source()
    fake.OpenKeyEx = open_key
    fake.QueryValueEx = lambda key, name: (b"\x00", 3)  # REG_BINARY
    with pytest.raises(FingerprintUnavailable):
        source()


def test_macos_source_runs_ioreg_without_a_shell(monkeypatch) -> None:
    seen: dict[str, object] = {}
    output = (
        b"+-o J314sAP  <class IOPlatformExpertDevice>\n  {\n"
        b'    "IOPlatformSerialNumber" = "C02XXXXXXX"\n'
        b'    "IOPlatformUUID" = "6F9619FF-8B86-D011-B42D-00C04FC964FF"\n  }\n'
    )

    def fake_run(args: list[str], **kwargs: object) -> subprocess.CompletedProcess:
        seen["args"] = args
        seen["kwargs"] = kwargs
        return subprocess.CompletedProcess(args, 0, stdout=output, stderr=b"")

    monkeypatch.setattr(subprocess, "run", fake_run)
    source = fingerprint.default_source("darwin")
    assert fingerprint.machine_fingerprint(source) == VECTOR
    assert seen["args"] == ["/usr/sbin/ioreg", "-rd1", "-c", "IOPlatformExpertDevice"]
    assert not seen["kwargs"].get("shell")  # type: ignore[union-attr]
    assert seen["kwargs"]["timeout"]  # type: ignore[index]

    monkeypatch.setattr(
        subprocess,
        "run",
        lambda args, **kw: subprocess.CompletedProcess(args, 0, stdout=b"{}", stderr=b""),
    )
    with pytest.raises(FingerprintUnavailable):
        source()

    def missing(*args: object, **kwargs: object) -> None:
        raise FileNotFoundError("ioreg")

    monkeypatch.setattr(subprocess, "run", missing)
    with pytest.raises(FingerprintUnavailable):
        source()

    def slow(*args: object, **kwargs: object) -> None:
        raise subprocess.TimeoutExpired("ioreg", 5)

    monkeypatch.setattr(subprocess, "run", slow)
    with pytest.raises(FingerprintUnavailable):
        source()


def test_default_source_is_cached_only_for_the_real_machine(monkeypatch) -> None:
    reads = []

    def counting() -> str:
        reads.append(1)
        return VECTOR_RAW

    monkeypatch.setattr(fingerprint, "default_source", lambda platform=None: counting)
    fingerprint.clear_cache()
    assert fingerprint.machine_fingerprint() == VECTOR
    assert fingerprint.machine_fingerprint() == VECTOR
    assert len(reads) == 1
    assert fingerprint.machine_fingerprint(counting) == VECTOR
    assert len(reads) == 2
    fingerprint.clear_cache()

"""The one atomic writer (exports, the export cache, the wizard draft) and the export's files."""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

import pytest

from engine.atomic import replacing, write_atomic
from engine.export.errors import ExportError
from engine.export.files import STALE_AFTER_S, sweep_stale_temporaries, write_file


def test_write_atomic_replaces_the_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "plan.pdf"
    target.write_bytes(b"old")
    assert write_atomic(target, b"new") == target
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.pdf"]


def test_a_failed_write_leaves_the_old_file_intact(tmp_path: Path) -> None:
    target = tmp_path / "draft.json"
    target.write_bytes(b'{"kept": true}')
    with pytest.raises(OSError, match="disk full"), replacing(target) as stream:
        stream.write(b'{"half')
        raise OSError("disk full")
    assert target.read_bytes() == b'{"kept": true}'
    assert [p.name for p in tmp_path.iterdir()] == ["draft.json"]


def test_a_failed_rename_removes_the_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows refuses to replace a file another program holds open."""
    target = tmp_path / "plan.docx"
    target.write_bytes(b"open in Word")

    def locked(_source: str, _target: object) -> None:
        raise PermissionError(13, "file in use")

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(PermissionError):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"open in Word"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.docx"]


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX file modes")
def test_the_mode_is_the_callers_narrowed_by_the_umask(tmp_path: Path) -> None:
    previous = os.umask(0o022)
    try:
        shared = write_atomic(tmp_path / "shared.pdf", b"x")
        with replacing(tmp_path / "entry", mode=0o600, prefix=".tmp-") as stream:
            stream.write(b"x")
    finally:
        os.umask(previous)
    assert stat.S_IMODE(shared.stat().st_mode) == 0o644
    assert stat.S_IMODE((tmp_path / "entry").stat().st_mode) == 0o600


def test_a_killed_writes_temporary_is_one_the_export_sweep_removes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The sweep matches the writer's naming exactly: what a killed export leaves goes."""
    left: list[str] = []
    real_replace = os.replace

    def killed(source: str, target: object) -> None:
        left.append(Path(source).name)
        raise KeyboardInterrupt  # the process dies before the rename

    monkeypatch.setattr(os, "replace", killed)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(tmp_path / "Club_2026-27_2028-29_v1.pdf", b"x")
    monkeypatch.setattr(os, "replace", real_replace)
    (name,) = left
    temporary = tmp_path / name  # removed by the writer; as a killed process would leave it:
    temporary.write_bytes(b"x")
    old = time.time() - STALE_AFTER_S - 60
    os.utime(temporary, (old, old))
    assert sweep_stale_temporaries(tmp_path) == [temporary]


def test_an_export_file_that_cannot_be_written_is_an_export_error(tmp_path: Path) -> None:
    target = tmp_path / "plan.pdf"
    target.mkdir()  # a folder where the file should go: the rename fails
    with pytest.raises(ExportError) as caught:
        write_file(target, b"%PDF")
    assert caught.value.code == "file_not_writable"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.pdf"]

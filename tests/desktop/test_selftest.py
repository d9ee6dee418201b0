"""``rooting-future --self-test``: every step really runs, and a broken build is reported."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from desktop import selftest
from engine import selftest as engine_selftest
from engine.paths import resources_root

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_from_source_every_step_passes_and_the_exit_code_says_so(tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    env = {**os.environ, "QT_QPA_PLATFORM": ""}  # the self-test needs no display: it forces one
    result = subprocess.run(
        [sys.executable, "-m", "desktop.launcher", "--self-test", "--report", str(report)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    for step in ("build", "licence", "database", "plan", "export", "window"):
        assert any(line.startswith(f"[ OK ] {step}") for line in lines), (step, lines)
    assert "Traceback" not in result.stdout + result.stderr
    assert "Self-test passed: 6/6" in result.stdout
    assert "library lists 1 plan(s)" in result.stdout  # the window saw the plan just saved
    assert report.read_text(encoding="utf-8").splitlines()[-1].startswith("Self-test passed")
    kept = [line for line in lines if line.startswith("temporary data folder:")]
    assert kept and not Path(kept[0].split(": ", 1)[1]).exists()  # cleaned up on success


def test_a_broken_trusted_keys_file_fails_the_licence_step_and_keeps_the_evidence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "resources"
    (broken / "licensing").mkdir(parents=True)
    (broken / "licensing" / "trusted_keys.json").write_text("{not json", encoding="utf-8")

    def fake_resource_path(*parts: str) -> Path:
        return broken.joinpath(*parts) if parts[0] == "licensing" else resources_root().joinpath(
            *parts
        )

    monkeypatch.setattr(engine_selftest, "resource_path", fake_resource_path)
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "the.callers.Backend")
    code = selftest.run(["--self-test", "--only", "licence,database"])
    out = capsys.readouterr().out
    assert os.environ["PYTHON_KEYRING_BACKEND"] == "the.callers.Backend"  # put back
    assert code == 1
    assert "[FAIL] licence" in out and "TrustedKeysError" in out
    assert "[ OK ] database" in out
    assert "1 of 2 steps failed" in out
    kept = Path(out.split("Data and log kept in ")[1].strip())
    log = (kept / "logs" / "rooting-future.log").read_text(encoding="utf-8")
    assert "self-test step licence failed" in log and "Traceback" in log
    assert "Traceback" not in out  # the console gets one line; the log gets the details
    shutil.rmtree(kept)


def test_export_without_a_plan_is_a_named_failure_not_a_crash(tmp_path: Path) -> None:
    steps = dict(engine_selftest.engine_checks(tmp_path))
    result = engine_selftest.run_step("export", steps["export"])
    assert not result.ok
    assert "no plan was generated" in result.detail


def test_unknown_steps_are_refused_with_the_list_of_valid_ones(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert selftest.run(["--self-test", "--only", "licence,paint"]) == 2
    err = capsys.readouterr().err
    assert "paint" in err and "window" in err


def test_the_build_step_checks_the_stamp_against_the_loaded_libraries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Frozen, BUILD_INFO.json must exist, describe this build and match what is loaded."""
    import json
    from importlib import metadata

    from engine.version import app_version

    monkeypatch.setattr(engine_selftest, "resource_path", lambda *parts: tmp_path.joinpath(*parts))
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr("engine.version.build_id", lambda: "b" * 20)
    recorded = engine_selftest.RECORDED_LIBRARIES
    packages = {dist: metadata.version(dist) for _module, dist in recorded}
    info = {
        "version": app_version(),
        "build_id": "b" * 20,
        "lock": {"file": "requirements/build.txt", "sha256": "c" * 64},
        "packages": {**packages, "jinja2": metadata.version("jinja2")},
    }
    stamp = tmp_path / "BUILD_INFO.json"
    stamp.write_text(json.dumps(info), encoding="utf-8")
    detail = engine_selftest.check_build()
    assert detail.startswith("8 packages from requirements/build.txt (sha256 cccccccccccc)")
    assert f"weasyprint {packages['weasyprint']}" in detail
    info["packages"]["weasyprint"] = "1.0"
    stamp.write_text(json.dumps(info), encoding="utf-8")
    with pytest.raises(engine_selftest.SelfTestFailure, match="weasyprint"):
        engine_selftest.check_build()
    stamp.unlink()
    result = engine_selftest.run_step("build", engine_selftest.check_build)
    assert not result.ok and "BUILD_INFO.json" in result.detail

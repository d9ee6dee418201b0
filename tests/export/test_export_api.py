"""The public API: formats, file names, one document model per export, the ZIP, errors."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from engine.domain import Plan
from engine.export import ExportError, ExportFormat, export_plan, parse_formats, safe_file_stem
from tests.export.export_support import ExportRun
from tests.factories import make_plan


def test_parse_formats() -> None:
    assert parse_formats("pdf,docx") == {ExportFormat.PDF, ExportFormat.DOCX}
    assert parse_formats(" PDF ; one-pager zip") == {
        ExportFormat.PDF,
        ExportFormat.ONEPAGER,
        ExportFormat.ZIP,
    }
    assert parse_formats("all") == set(ExportFormat)
    with pytest.raises(ExportError) as caught:
        parse_formats("pdf,odt,epub")
    assert caught.value.message("it").startswith("Formato di esportazione sconosciuto: odt, epub")
    assert "Unknown export format: odt, epub" in caught.value.message("en")
    assert "pdf, docx, onepager, html, zip" in caught.value.messages[1]
    with pytest.raises(ExportError):
        parse_formats(" , ")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ASD Virtus Seregno Calcio", "ASD-Virtus-Seregno-Calcio"),
        ("Società Sportiva Àrezzo", "Societa-Sportiva-Arezzo"),
        ('a<b>c:d"e/f\\g|h?i*j', "a-b-c-d-e-f-g-h-i-j"),
        ("CON", "piano-CON"),
        ("nul.txt", "piano-nul.txt"),
        ("  ...  ", "piano"),
        ("日本語", "piano"),
        ("x" * 300, "x" * 80),
    ],
)
def test_safe_file_stem(text: str, expected: str) -> None:
    assert safe_file_stem(text) == expected


def test_full_export_writes_every_file_once_from_one_document(it_export: ExportRun) -> None:
    names = [p.name for p in it_export.paths]
    stem = "ASD-Virtus-Seregno-Calcio_2026-27_2028-29_v2"
    assert names == [
        f"{stem}.pdf",
        f"{stem}.docx",
        f"{stem}_sintesi.pdf",
        f"{stem}_sintesi.png",
        f"{stem}.html",
        f"{stem}.zip",
    ]
    assert it_export.builds == 1  # the document model is built once for all formats
    assert not list(it_export.paths[0].parent.glob(".*tmp"))  # no temporary files left


def test_zip_holds_everything_plus_json_and_readme(it_export: ExportRun) -> None:
    with zipfile.ZipFile(io.BytesIO(it_export.read(".zip"))) as archive:
        names = archive.namelist()
        stem = "ASD-Virtus-Seregno-Calcio_2026-27_2028-29_v2"
        assert set(names) == {
            f"{stem}.pdf",
            f"{stem}.docx",
            f"{stem}_sintesi.pdf",
            f"{stem}_sintesi.png",
            f"{stem}.html",
            f"{stem}.json",
            "LEGGIMI.txt",
        }
        # The ZIP reuses the bytes the other formats produced: nothing rendered twice.
        assert archive.read(f"{stem}.pdf") == it_export.read(".pdf")
        assert archive.read(f"{stem}.docx") == it_export.read(".docx")
        plan = Plan.model_validate_json(archive.read(f"{stem}.json"))
        assert plan.uid == it_export.plan.uid
        readme = archive.read("LEGGIMI.txt").decode("utf-8")
        assert f"{stem}_sintesi.png" in readme and "provenienza" in readme


def test_english_export_names_and_readme(en_export: ExportRun) -> None:
    names = [p.name for p in en_export.paths]
    assert names[2].endswith("_summary.pdf")
    assert all(name.startswith("script-alert-1-script-Co_2026-27_2028-29") for name in names)
    with zipfile.ZipFile(io.BytesIO(en_export.read(".zip"))) as archive:
        readme = archive.read("README.txt").decode("utf-8")
    assert "Evaluation copy" in readme


def test_unwritable_folder_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file.txt"
    blocker.write_text("x")
    with pytest.raises(ExportError) as caught:
        export_plan(make_plan(), {ExportFormat.HTML}, blocker / "sub")
    assert caught.value.code == "folder_not_writable"
    assert "Non è possibile scrivere nella cartella" in caught.value.message("it")


def test_base_name_is_sanitised_and_string_formats_accepted(tmp_path: Path) -> None:
    paths = export_plan(make_plan(), "html", tmp_path, base_name="../../Piano: finale?")
    assert [p.name for p in paths] == ["Piano-finale.html"]
    assert paths[0].parent == tmp_path


def test_rendering_bug_becomes_an_export_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from engine.export import html as html_module

    def broken(*_args: object, **_kwargs: object) -> str:
        raise RuntimeError("template exploded")

    monkeypatch.setattr(html_module, "render_plan_html", broken)
    with pytest.raises(ExportError) as caught:
        export_plan(make_plan(), {ExportFormat.HTML}, tmp_path)
    assert caught.value.code == "render_failed"
    assert "template exploded" not in caught.value.message("it")


def test_missing_pdf_engine_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    from engine.export import pdf

    real_import = builtins.__import__

    def no_weasyprint(name: str, *args: object, **kwargs: object) -> object:
        if name.startswith("weasyprint"):
            raise OSError("cannot load library 'libpango-1.0-0'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_weasyprint)
    with pytest.raises(ExportError) as caught:
        pdf.layout("<p>x</p>")
    assert caught.value.code == "pdf_engine"
    assert "DOCX" in caught.value.message("en")


def test_exported_files_get_ordinary_permissions(tmp_path) -> None:
    import os
    import stat

    from engine.agents.writers import OfflineWriter
    from engine.export import ExportFormat, export_plan
    from engine.generation import generate
    from tests.factories import example_club

    plan = generate(example_club(), OfflineWriter(), emit=lambda e: None).plan
    (path,) = export_plan(plan, {ExportFormat.HTML}, tmp_path)
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~umask


# --- temporaries and file modes (issue 15.9 and 15.10) -----------------------------------------


def test_a_killed_exports_stale_temporaries_are_swept_on_the_next_export(
    home: Path, tmp_path: Path
) -> None:
    """Ours (exact naming, older than a few minutes) go; fresh ones and the user's stay."""
    import os
    import time

    from engine.cli import run
    from tests.factories import EXAMPLES

    def cli(*argv: str) -> tuple[int, str]:
        out, err = io.StringIO(), io.StringIO()
        code = run(list(argv), out=out, err=err)
        return code, out.getvalue() + ("\n" + err.getvalue() if code else "")

    plan_id = cli("plan", str(EXAMPLES / "pallavolo-ssd.json"))[1].strip().splitlines()[-1]
    folder = tmp_path / "out"
    folder.mkdir()
    stale = [folder / ".Club_2026-27_2028-29_v1.pdf.k3x9_2ab.tmp", folder / ".rf-probe-a1b2c3d4"]
    fresh = folder / ".Club_2026-27_2028-29_v1.docx.zz11yy22.tmp"  # an export still running
    users = [folder / ".notes.txt.abcd1234.tmp", folder / "Club.pdf.abcd1234.tmp"]
    an_hour_ago = time.time() - 3600
    for path in [*stale, fresh, *users]:
        path.write_bytes(b"")
        if path is not fresh:
            os.utime(path, (an_hour_ago, an_hour_ago))
    code, text = cli("export", plan_id, "--format", "html", "--out", str(folder))
    assert code == 0, text
    assert not any(path.exists() for path in stale)
    assert fresh.exists() and all(path.exists() for path in users)
    assert len(list(folder.glob("*.html"))) == 1


@pytest.mark.skipif(not hasattr(__import__("os"), "getuid"), reason="POSIX file modes")
def test_exported_files_get_the_users_ordinary_mode_without_touching_the_umask(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The export set the process-wide umask to 0 and back, racing other threads' files."""
    import os

    previous = os.umask(0o027)
    try:

        def no_umask(_mask: int) -> int:
            raise AssertionError("the export must not change the process-wide umask")

        monkeypatch.setattr(os, "umask", no_umask)
        [path] = export_plan(make_plan(), "html", tmp_path)
    finally:
        monkeypatch.undo()
        os.umask(previous)
    assert path.stat().st_mode & 0o777 == 0o640  # 0o666 narrowed by the umask, not 0o600

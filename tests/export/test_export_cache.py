"""The export cache: hits return the very bytes, every input that changes the output misses,
damaged entries are rendered again, the folder keeps to its size cap, and the cache never
turns a working export into a failing one.

Most tests export HTML (a fraction of a second); what they check is the cache, which
treats every format alike. Assertions read the cache's counters, never the clock.
"""

from __future__ import annotations

import logging
import os
import shutil
import time
import zipfile
from pathlib import Path

import pytest

from engine.domain.language import Language
from engine.export import ExportFormat, export_plan
from engine.export import fingerprint as fingerprint_module
from engine.export.cache import ExportCache
from engine.export.compose import build_document
from engine.export.fingerprint import export_key, resources_digest
from engine.paths import resources_root
from tests.export.export_support import png_logo
from tests.factories import make_plan


@pytest.fixture
def cache(tmp_path: Path) -> ExportCache:
    return ExportCache(tmp_path / "cache" / "exports")


def key_of(plan, **options) -> str:
    watermark = options.pop("watermark", False)
    return export_key(build_document(plan, **options), watermark=watermark)


# --- hits and misses --------------------------------------------------------------------------


def test_a_hit_returns_the_same_bytes_and_renders_nothing(
    tmp_path: Path, cache: ExportCache
) -> None:
    plan = make_plan()
    (first,) = export_plan(plan, {ExportFormat.HTML}, tmp_path / "a", version=2, cache=cache)
    assert cache.stats["miss"] == 1 and cache.stats["stored"] == 1
    (second,) = export_plan(plan, {ExportFormat.HTML}, tmp_path / "b", version=2, cache=cache)
    assert cache.stats["miss"] == 1  # nothing rendered the second time
    assert cache.stats["hit"] == 1
    assert second.read_bytes() == first.read_bytes()
    assert second.name == first.name  # names still come from this call


def test_the_pdf_comes_back_byte_for_byte(tmp_path: Path, cache: ExportCache) -> None:
    plan = make_plan()
    (first,) = export_plan(plan, "pdf", tmp_path / "a", cache=cache)
    (second,) = export_plan(plan, "pdf", tmp_path / "b", cache=cache)
    assert cache.stats["miss"] == 1 and cache.stats["hit"] == 1
    assert first.read_bytes() == second.read_bytes()
    assert first.read_bytes().startswith(b"%PDF-")


def test_without_a_cache_nothing_is_stored(tmp_path: Path) -> None:
    export_plan(make_plan(), {ExportFormat.HTML}, tmp_path / "out")
    assert not (tmp_path / "cache").exists()


@pytest.mark.parametrize(
    "change",
    ["language", "colour", "logo", "other_logo", "watermark", "version", "text"],
)
def test_anything_that_changes_the_output_changes_the_key(tmp_path: Path, change: str) -> None:
    plan = make_plan()
    logo = png_logo(tmp_path / "logo.png")
    base = key_of(plan, version=2, logo=logo)
    options: dict[str, object] = {"version": 2, "logo": logo}
    if change == "language":
        plan = plan.model_copy(update={"language": Language.EN})
    elif change == "colour":
        identity = plan.club.identity.model_copy(update={"colours": ["#C8102E"]})
        plan = plan.model_copy(update={"club": plan.club.model_copy(update={"identity": identity})})
    elif change == "logo":
        options["logo"] = None
    elif change == "other_logo":
        options["logo"] = png_logo(tmp_path / "other.png", colour="#0B3D91")
    elif change == "watermark":
        options["watermark"] = True
    elif change == "version":
        options["version"] = 3
    elif change == "text":
        plan = plan.model_copy(update={"title": plan.title + " (rivisto)"})
    assert key_of(plan, **options) != base


def test_the_same_inputs_give_the_same_key_in_any_order_of_calls(tmp_path: Path) -> None:
    plan = make_plan()
    logo = png_logo(tmp_path / "logo.png")
    copy = png_logo(tmp_path / "copy.png")  # same pixels, another file: same key
    assert key_of(plan, version=1, logo=logo) == key_of(plan, version=1, logo=copy)


def test_a_different_watermark_misses_in_a_real_export(tmp_path: Path, cache: ExportCache) -> None:
    plan = make_plan()
    (plain,) = export_plan(plan, "html", tmp_path / "a", cache=cache)
    (stamped,) = export_plan(plan, "html", tmp_path / "b", watermark=True, cache=cache)
    assert cache.stats["miss"] == 2 and cache.stats["hit"] == 0
    assert b"COPIA DI VALUTAZIONE" in stamped.read_bytes()
    assert b"COPIA DI VALUTAZIONE" not in plain.read_bytes()


# --- what invalidates every entry ----------------------------------------------------------


def test_a_template_or_font_change_changes_the_renderer_fingerprint(tmp_path: Path) -> None:
    root = tmp_path / "resources"
    for folder in ("templates", "fonts"):
        shutil.copytree(resources_root() / folder, root / folder)
    before = resources_digest(root)
    assert before == resources_digest(resources_root())  # names and bytes, not the location
    css = root / "templates" / "print.css"
    css.write_text(css.read_text("utf-8") + "\n/* wider margins */\n", "utf-8")
    after_css = resources_digest(root)
    assert after_css != before
    (root / "fonts" / "DejaVuSans.ttf").write_bytes(b"not the same font")
    assert resources_digest(root) != after_css


def test_a_new_app_version_misses(
    tmp_path: Path, cache: ExportCache, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = make_plan()
    export_plan(plan, "html", tmp_path / "a", cache=cache)
    fingerprint_module.renderer_fingerprint.cache_clear()
    monkeypatch.setattr(fingerprint_module, "app_version", lambda: "99.0.0")
    try:
        export_plan(plan, "html", tmp_path / "b", cache=cache)
        assert cache.stats["miss"] == 2 and cache.stats["hit"] == 0
    finally:
        fingerprint_module.renderer_fingerprint.cache_clear()


def test_a_changed_template_misses(
    tmp_path: Path, cache: ExportCache, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = make_plan()
    export_plan(plan, "html", tmp_path / "a", cache=cache)
    fingerprint_module.renderer_fingerprint.cache_clear()
    monkeypatch.setattr(fingerprint_module, "resources_digest", lambda: "edited templates")
    try:
        export_plan(plan, "html", tmp_path / "b", cache=cache)
        assert cache.stats["miss"] == 2
    finally:
        fingerprint_module.renderer_fingerprint.cache_clear()


# --- damaged, missing, unwritable --------------------------------------------------------------


@pytest.mark.parametrize(
    "damage",
    ["garbage", "truncated", "flipped", "empty", "wrong_parts", "encrypted_flag", "bad_method"],
)
def test_a_damaged_entry_is_logged_and_rendered_again(
    tmp_path: Path, cache: ExportCache, caplog: pytest.LogCaptureFixture, damage: str
) -> None:
    plan = make_plan()
    (good,) = export_plan(plan, "html", tmp_path / "a", cache=cache)
    (entry,) = cache.entries()
    data = entry.read_bytes()
    if damage == "garbage":
        entry.write_bytes(b"\x00garbage" * 100)
    elif damage == "truncated":
        entry.write_bytes(data[: len(data) // 2])
    elif damage == "flipped":  # one bit inside the stored HTML: only the CRC can tell
        middle = len(data) // 2
        entry.write_bytes(data[:middle] + bytes([data[middle] ^ 0x01]) + data[middle + 1 :])
    elif damage == "empty":
        entry.write_bytes(b"")
    elif damage in {"encrypted_flag", "bad_method"}:
        # zipfile raises RuntimeError / NotImplementedError for these, not BadZipFile.
        central = data.index(b"PK\x01\x02")
        field, value = (8, b"\x01\x00") if damage == "encrypted_flag" else (10, b"\x63\x00")
        start = central + field
        entry.write_bytes(data[:start] + value + data[start + 2 :])
    else:
        with zipfile.ZipFile(entry, "w") as archive:
            archive.writestr("something-else", b"x")
    with caplog.at_level(logging.WARNING, logger="rooting_future.export"):
        (again,) = export_plan(plan, "html", tmp_path / "b", cache=cache)
    assert again.read_bytes() == good.read_bytes()
    assert cache.stats["corrupt"] == 1 and cache.stats["miss"] == 2
    assert "damaged" in caplog.text and entry.name in caplog.text
    # ... and the entry is whole again: the next export is a plain hit.
    export_plan(plan, "html", tmp_path / "c", cache=cache)
    assert cache.stats["hit"] == 1 and cache.stats["corrupt"] == 1


def test_a_missing_entry_is_simply_rendered(tmp_path: Path, cache: ExportCache) -> None:
    plan = make_plan()
    export_plan(plan, "html", tmp_path / "a", cache=cache)
    for entry in cache.entries():
        entry.unlink()
    export_plan(plan, "html", tmp_path / "b", cache=cache)
    assert cache.stats["miss"] == 2 and cache.stats["corrupt"] == 0


def test_an_unwritable_cache_never_fails_the_export(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the cache folder should be")
    cache = ExportCache(blocker / "exports")
    with caplog.at_level(logging.WARNING, logger="rooting_future.export"):
        (path,) = export_plan(make_plan(), "html", tmp_path / "out", cache=cache)
    assert path.read_bytes().startswith(b"<!DOCTYPE html>")
    assert "cannot store" in caplog.text
    assert cache.stats["stored"] == 0


def test_a_failed_render_stores_nothing(tmp_path: Path, cache: ExportCache) -> None:
    def broken() -> dict[str, bytes]:
        raise RuntimeError("renderer exploded")

    with pytest.raises(RuntimeError):
        cache.fetch("k" * 64, "pdf", ("pdf",), broken)
    assert cache.entries() == []
    assert cache.fetch("k" * 64, "pdf", ("pdf",), lambda: {"pdf": b"%PDF"}) == {"pdf": b"%PDF"}


def test_entries_are_written_whole_or_not_at_all(tmp_path: Path, cache: ExportCache) -> None:
    cache.put("a" * 64, "onepager", {"pdf": b"%PDF-1.7", "png": b"\x89PNG"})
    assert sorted(p.name for p in cache.folder.iterdir()) == ["a" * 64 + ".onepager.entry"]
    assert cache.get("a" * 64, "onepager", ("pdf", "png")) == {
        "pdf": b"%PDF-1.7",
        "png": b"\x89PNG",
    }


# --- size cap ------------------------------------------------------------------------------------


def _age(path: Path, seconds_ago: float) -> None:
    stamp = time.time() - seconds_ago
    os.utime(path, (stamp, stamp))


def test_the_size_cap_evicts_the_least_recently_used(cache: ExportCache) -> None:
    blob = {"pdf": os.urandom(4000)}
    for name in "abc":
        cache.put(name * 64, "pdf", blob)
    a, b, c = (cache.path(name * 64, "pdf") for name in "abc")
    _age(a, 300)
    _age(b, 200)
    _age(c, 100)
    assert cache.get("a" * 64, "pdf", ("pdf",)) == blob  # a hit: a is now the most recent
    size = a.stat().st_size
    cache.max_bytes = 3 * size + size // 2  # room for three entries
    cache.put("d" * 64, "pdf", blob)
    assert not b.exists()  # the oldest unused one went
    assert a.exists() and c.exists() and cache.path("d" * 64, "pdf").exists()
    assert cache.stats["evicted"] == 1


def test_an_entry_larger_than_the_cap_is_kept_until_the_next_one(cache: ExportCache) -> None:
    cache.max_bytes = 100
    cache.put("a" * 64, "pdf", {"pdf": os.urandom(1000)})
    assert cache.contains("a" * 64, "pdf")  # what was just rendered is served at least once
    cache.put("b" * 64, "pdf", {"pdf": os.urandom(1000)})
    assert not cache.contains("a" * 64, "pdf") and cache.contains("b" * 64, "pdf")


def test_stale_temporary_files_are_cleaned_up(cache: ExportCache) -> None:
    cache.folder.mkdir(parents=True)
    stale = cache.folder / ".tmp-crashed-writer"
    fresh = cache.folder / ".tmp-writing-now"
    stale.write_bytes(b"x")
    fresh.write_bytes(b"x")
    _age(stale, 2 * 3600)
    cache.put("a" * 64, "pdf", {"pdf": b"%PDF"})
    assert not stale.exists() and fresh.exists()


def test_a_render_that_outlives_a_clear_is_not_stored(tmp_path: Path, cache: ExportCache) -> None:
    """Emptying the trash clears the cache; a render already running must not refill it."""
    parts = cache.fetch("k" * 64, "html", ("index.html",), lambda: _clear_then(cache))
    assert parts == {"index.html": b"<p>x</p>"}
    assert cache.entries() == [] and cache.stats["stored"] == 0


def _clear_then(cache: ExportCache) -> dict[str, bytes]:
    cache.clear()  # as if the trash were emptied while this render ran
    return {"index.html": b"<p>x</p>"}

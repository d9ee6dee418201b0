"""Pre-rendering into the export cache: the service's ``prerender``, the export that
follows it, a pre-render and an export of the same version at once, stopping early,
and the CLI's ``--no-cache``.
"""

from __future__ import annotations

import io
import threading
import zipfile
from pathlib import Path

import pytest

from engine import cli
from engine.export import ExportError, ExportFormat, export_plan
from engine.export import cache as cache_module
from engine.export import html as html_module
from engine.export import pdf as pdf_module
from engine.export.cache import ExportCache
from engine.export.prerender import PRERENDER_ARTEFACTS, prerender
from engine.service import Service
from tests.factories import make_plan

KEY = "AI" + "za-prerender-test-key-0123456789abcdef"


def wait_until(condition, timeout: float = 30.0) -> None:
    """Poll a condition another thread will make true (a deadline, not a timed assertion)."""
    done = threading.Event()
    for _ in range(int(timeout / 0.01)):
        if condition():
            return
        done.wait(0.01)
    raise AssertionError("condition not met in time")


def test_prerender_then_export_renders_nothing_more(
    service: Service, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ROOTING_FUTURE_GEMINI_API_KEY", KEY)
    plan_id = service.save_new_plan(make_plan()).id
    result = service.prerender(plan_id)
    assert result.rendered == PRERENDER_ARTEFACTS and not result.cancelled
    cache = service.export_cache
    assert cache.folder == service.home / "cache" / "exports"
    assert cache.stats["miss"] == 4 and cache.stats["stored"] == 4

    paths = service.export_plan(plan_id, set(ExportFormat), tmp_path / "out")
    assert cache.stats["miss"] == 4  # every format came from the cache
    assert cache.stats["hit"] == 4
    pdf = next(p for p in paths if p.suffix == ".pdf" and "_sintesi" not in p.name)
    assert pdf.name.endswith("_v1.pdf")
    with zipfile.ZipFile(
        io.BytesIO(next(p for p in paths if p.suffix == ".zip").read_bytes())
    ) as z:
        assert z.read(pdf.name) == pdf.read_bytes()
    # A second pre-render of the same version finds everything in place.
    again = service.prerender(plan_id)
    assert again.rendered == () and again.cached == PRERENDER_ARTEFACTS
    # Only rendered documents are stored: no settings, no secrets.
    for entry in cache.folder.iterdir():
        assert entry.name.endswith(".entry")
        assert KEY.encode() not in entry.read_bytes()


def test_a_newer_version_or_another_licence_is_not_served_from_an_older_render(
    service: Service, tmp_path: Path
) -> None:
    plan_id = service.save_new_plan(make_plan()).id
    service.prerender(plan_id)
    edited = make_plan().model_copy(update={"title": "Piano rivisto"})
    service.save_version(plan_id, edited)
    before = service.export_cache.stats["miss"]
    service.export_plan(plan_id, {ExportFormat.HTML}, tmp_path / "v2")
    assert service.export_cache.stats["miss"] == before + 1
    service.watermark = True  # the licence lapsed: exports are stamped again
    service.export_plan(plan_id, {ExportFormat.HTML}, tmp_path / "stamped", version=1)
    assert service.export_cache.stats["miss"] == before + 2


def test_export_without_the_cache_renders_afresh_and_stores_nothing(
    service: Service, tmp_path: Path
) -> None:
    plan_id = service.save_new_plan(make_plan()).id
    service.export_plan(plan_id, {ExportFormat.HTML}, tmp_path / "out", use_cache=False)
    assert service.export_cache.entries() == []


def test_export_and_prerender_of_the_same_version_render_it_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = ExportCache(tmp_path / "cache")
    plan = make_plan()
    real_render = pdf_module.render_pdf
    calls: list[str] = []
    started, release = threading.Event(), threading.Event()

    def slow_render(html: str, **options: object) -> pdf_module.RenderedPdf:
        calls.append(threading.current_thread().name)
        started.set()
        release.wait(30)
        return real_render(html, **options)

    monkeypatch.setattr(pdf_module, "render_pdf", slow_render)
    outcome: dict[str, object] = {}
    background = threading.Thread(
        target=lambda: outcome.setdefault(
            "prerender", prerender(plan, cache, version=1, artefacts=("pdf",))
        ),
        name="prerender",
    )
    background.start()
    assert started.wait(30)
    user = threading.Thread(
        target=lambda: outcome.setdefault(
            "export", export_plan(plan, "pdf", tmp_path / "out", version=1, cache=cache)
        ),
        name="export",
    )
    user.start()
    entry = str(cache.path(outcome_key(plan), "pdf"))
    wait_until(lambda: cache_module._ENTRY_LOCKS.users(entry) == 2)  # the export is waiting
    release.set()
    background.join(60)
    user.join(60)
    assert calls == ["prerender"]  # rendered once, by the pre-render
    assert cache.stats["waited"] == 1 and cache.stats["miss"] == 1
    (path,) = outcome["export"]  # type: ignore[misc]
    assert path.read_bytes() == cache.get(outcome_key(plan), "pdf", ("pdf",))["pdf"]  # type: ignore[index]


def outcome_key(plan) -> str:
    from engine.export.compose import build_document
    from engine.export.fingerprint import export_key

    return export_key(build_document(plan, version=1), watermark=False)


def test_a_failed_prerender_lets_the_waiting_export_render_itself(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = ExportCache(tmp_path / "cache")
    plan = make_plan()
    real_render = html_module.render_plan_html
    failures = iter([True])

    def flaky(*args: object, **options: object) -> str:
        if next(failures, False):
            raise RuntimeError("out of memory, once")
        return real_render(*args, **options)

    monkeypatch.setattr(html_module, "render_plan_html", flaky)
    with pytest.raises(ExportError):
        prerender(plan, cache, artefacts=("html",))
    assert cache.entries() == []
    (path,) = export_plan(plan, "html", tmp_path / "out", cache=cache)
    assert path.read_bytes().startswith(b"<!DOCTYPE html>")


def test_a_stop_request_ends_the_prerender_between_stages_and_stores_nothing_half_done(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = ExportCache(tmp_path / "cache")
    stop = threading.Event()
    real_html = html_module.render_plan_html
    layouts: list[int] = []
    real_layout = pdf_module.layout

    def html_then_stop(*args: object, **options: object) -> str:
        text = real_html(*args, **options)
        stop.set()  # a newer version was saved while the HTML was being built
        return text

    monkeypatch.setattr(html_module, "render_plan_html", html_then_stop)
    monkeypatch.setattr(pdf_module, "layout", lambda *a, **k: layouts.append(1) or real_layout(*a))
    result = prerender(make_plan(), cache, should_stop=stop.is_set)
    assert result.cancelled and result.rendered == ()
    assert layouts == []  # the slow part never started
    assert cache.entries() == []


def test_a_prerender_waits_while_the_user_exports(tmp_path: Path) -> None:
    from engine.export.prerender import foreground

    cache = ExportCache(tmp_path / "cache")
    asked: list[int] = []
    outcome: dict[str, object] = {}

    def should_stop() -> bool:
        asked.append(1)
        return False

    with foreground():  # a user's export is running
        background = threading.Thread(
            target=lambda: outcome.setdefault(
                "result",
                prerender(make_plan(), cache, artefacts=("html",), should_stop=should_stop),
            )
        )
        background.start()
        wait_until(lambda: len(asked) >= 2)  # polling, not rendering
        assert cache.entries() == [] and background.is_alive()
    background.join(60)
    assert outcome["result"].rendered == ("html",)  # type: ignore[attr-defined]


def test_a_stop_before_starting_renders_nothing(tmp_path: Path) -> None:
    cache = ExportCache(tmp_path / "cache")
    result = prerender(make_plan(), cache, should_stop=lambda: True)
    assert result.cancelled and result.rendered == () and cache.entries() == []


def test_prerender_of_an_unknown_plan_is_a_service_error(service: Service) -> None:
    from engine.service import PlanNotFound

    with pytest.raises(PlanNotFound):
        service.prerender(999)


# --- the command line -------------------------------------------------------------------------


def test_cli_export_reuses_the_cache_unless_told_not_to(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    service = Service(home)
    plan_id = service.save_new_plan(make_plan()).id
    service.close()
    renders: list[str] = []
    real_render = html_module.render_plan_html

    def counted(*args: object, **options: object) -> str:
        renders.append(str(options.get("mode")))
        return real_render(*args, **options)

    monkeypatch.setattr(html_module, "render_plan_html", counted)
    out = io.StringIO()
    base = ["export", str(plan_id), "--format", "html", "--home", str(home)]
    assert cli.run([*base, "--out", str(tmp_path / "a")], out, io.StringIO()) == 0
    assert cli.run([*base, "--out", str(tmp_path / "b")], out, io.StringIO()) == 0
    assert renders == ["file"]  # the second export came from the cache
    assert cli.run([*base, "--out", str(tmp_path / "c"), "--no-cache"], out, io.StringIO()) == 0
    assert renders == ["file", "file"]
    printed = out.getvalue().split()
    files = [Path(line) for line in printed]
    assert [f.parent.name for f in files] == ["a", "b", "c"]
    assert files[0].read_bytes() == files[1].read_bytes() == files[2].read_bytes()


def test_emptying_the_trash_removes_the_plans_rendered_files(service: Service) -> None:
    """A plan deleted for good must not live on as a cached PDF of its contents."""
    plan_id = service.save_new_plan(make_plan()).id
    service.prerender(plan_id)
    assert service.export_cache.entries()
    service.delete_plan(plan_id)
    assert service.export_cache.entries()  # in the trash: still restorable, cache kept
    assert service.empty_trash() == 1
    assert service.export_cache.entries() == []

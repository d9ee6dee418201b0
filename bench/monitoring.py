"""Monitoring benchmark (issue 17): status, the board's progress report, spreadsheet import.

Run: ``python bench/monitoring.py`` (``--runs N`` per figure, ``--rows N`` for the import).

Set-up: an offline plan for ``resources/examples/calcio-giovanile-asd.json`` in a temporary
data folder, with actuals recorded through the ``Service`` for every KPI, finance row and
objective budget over three seasons x two reviews, and the actions' states (the data of
``tests/export/test_export_progress.py``: a fifth of the objectives off track).

Medians, each compared in the same run with a naive way:

(a) status: ``Service.progress`` at the last review (reads the plan version and every
    record, then ``engine.monitoring.status.progress``; goal < 20 ms). Naive: for each
    KPI, finance row and budget, re-read the plan version JSON and all the actuals and
    recompute that one status (what a view asking item by item would do).
(b) the progress report (PDF, two pages): cold = the first render in a fresh process
    (a subprocess per run; goal < 1 s), timed after the imports, which are printed apart
    (the engine's and WeasyPrint's); "in the app" = the same after ``warm_up()``, which
    the desktop runs on the task pool when the progress page opens; warm = later renders
    in one process; and the DOCX, and ``Service.export_progress`` writing both files.
(c) import of a ``--rows`` row sheet (5,000 by default; a title row above the header,
    Italian decimals) as XLSX (written with openpyxl) and CSV, through
    ``Service.import_actuals`` (read, parse, store). Naive baselines, each storing the
    same rows in one transaction too: XLSX read with openpyxl's default (non read-only)
    mode, which builds every cell object; CSV parsed row by row, each row finding the
    header row and building the plan's name lookup afresh (a per-row parser).

(d) the progress view's first paint: a new ``ProgressPage`` loads the plan (the status at
    all six reviews, the tree, the grid) and is painted (``QWidget.grab``), offscreen.
    Naive: the same page asking ``Service.progress`` for each review (six reads of the
    plan version and every record) instead of reading them once.
(e) "Aggiorna il piano" at the first season's end: ``Service.roll_forward`` (the actuals
    into the season's columns, the finances computed again, a new version saved).

The load average is printed before and after: other CPU-heavy work inflates every figure.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

STATUS_GOAL_MS = 20.0
COLD_GOAL_S = 1.0


def median_ms(action: Callable[[], object], runs: int) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def load() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def verdict(value: float, goal: float) -> str:
    return "OK" if value < goal else "MISSED"


# --- set-up ------------------------------------------------------------------------------------


def setup(home: Path) -> tuple[object, int]:
    from engine.service import Service
    from tests.export.test_export_progress import offline_plan, store_actuals

    service = Service(home)
    plan_id = offline_plan(service)
    store_actuals(service, plan_id)
    return service, plan_id


# --- (a) status --------------------------------------------------------------------------------


def naive_progress(service: object, plan_id: int, season: str, review: object) -> int:
    """Each KPI, finance row and budget re-reads the version JSON and every actual."""
    from engine.monitoring.rules import load_rules
    from engine.monitoring.status import budget_status, finance_status, kpi_status, latest

    rules = load_rules()
    plan = service.get_plan(plan_id).plan  # type: ignore[attr-defined]
    computed = 0
    for section in plan.areas:
        for objective in section.objectives:
            for kpi in objective.kpis:
                fresh = service.get_plan(plan_id).plan  # type: ignore[attr-defined]
                found = latest(service.actuals(plan_id))  # type: ignore[attr-defined]
                again = next(o for o in fresh.objectives() if o.code == objective.code)
                item = next(k for k in again.kpis if k.name == kpi.name)
                kpi_status(fresh, again, item, season, review, found, rules)  # type: ignore[arg-type]
                computed += 1
        fresh = service.get_plan(plan_id).plan  # type: ignore[attr-defined]
        found = latest(service.actuals(plan_id))  # type: ignore[attr-defined]
        again = next(a for a in fresh.areas if a.area == section.area)
        budget_status(fresh, again.objectives, season, review, found, rules)  # type: ignore[arg-type]
        computed += 1
    for _key in rules.finance_rows:
        fresh = service.get_plan(plan_id).plan  # type: ignore[attr-defined]
        found = latest(service.actuals(plan_id))  # type: ignore[attr-defined]
        finance_status(fresh, season, review, found, rules)  # type: ignore[arg-type]
        computed += 1
    return computed


def bench_status(service: object, plan_id: int, runs: int) -> None:
    from engine.monitoring import status
    from engine.monitoring.model import Review

    plan = service.get_plan(plan_id).plan  # type: ignore[attr-defined]
    season, review = plan.seasons[-1], Review.END
    records = len(service.actuals(plan_id))  # type: ignore[attr-defined]
    states = service.action_states(plan_id)  # type: ignore[attr-defined]
    found = service.actuals(plan_id)  # type: ignore[attr-defined]
    progress = service.progress(plan_id, season, review)  # type: ignore[attr-defined]
    kpis = sum(len(o.kpis) for o in progress.objectives())
    whole = median_ms(lambda: service.progress(plan_id, season, review), runs)  # type: ignore[attr-defined]
    read_plan = median_ms(lambda: service.get_plan(plan_id), runs)  # type: ignore[attr-defined]
    read_records = median_ms(
        lambda: (service.actuals(plan_id), service.action_states(plan_id)),  # type: ignore[attr-defined]
        runs,
    )
    pure = median_ms(lambda: status.progress(plan, found, states, season, review), runs)
    naive = median_ms(lambda: naive_progress(service, plan_id, season, review), max(3, runs // 10))
    print(
        f"(a) status at {season} end: {len(progress.objectives())} objectives, {kpis} KPIs, "
        f"{len(progress.finance)} finance rows, {records} actual records, {len(states)} action "
        "states"
    )
    print(
        f"    Service.progress        {whole:8.2f} ms   goal < {STATUS_GOAL_MS:g} ms "
        f"{verdict(whole, STATUS_GOAL_MS)}"
    )
    print(
        f"      of which: plan version {read_plan:.2f} ms, records {read_records:.2f} ms, "
        f"status rules {pure:.2f} ms"
    )
    print(
        f"    naive (re-read per item) {naive:7.2f} ms   ({naive / max(whole, 1e-6):,.0f}x slower)"
    )


# --- (b) the progress report -------------------------------------------------------------------


def child_render(home: str, plan_id: int, out: str, warmed: bool = False) -> None:
    """In a fresh process: imports, then the first report render, timed apart (JSON out).
    ``warmed``: first ``warm_up()``, as the desktop does when the progress page opens."""
    started = time.perf_counter()
    from engine.export.charts import ChartRenderer
    from engine.export.compose_progress import compose_progress
    from engine.export.progress import render_progress_docx, render_progress_pdf
    from engine.monitoring.model import Review
    from engine.service import Service

    engine_imports = time.perf_counter() - started
    start = time.perf_counter()
    import weasyprint  # noqa: F401 - the app's background pre-render has usually loaded it

    weasy = time.perf_counter() - start
    warm = 0.0
    if warmed:
        from engine.export.progress import warm_up

        start = time.perf_counter()
        warm_up()
        warm = time.perf_counter() - start
    service = Service(home)
    plan = service.get_plan(plan_id).plan
    progress = service.progress(plan_id, plan.seasons[-1], Review.END)
    start = time.perf_counter()
    charts = ChartRenderer()
    report = compose_progress(plan, progress)
    rendered = render_progress_pdf(report, charts)
    cold_pdf = time.perf_counter() - start
    start = time.perf_counter()
    render_progress_docx(report, charts)
    cold_docx = time.perf_counter() - start
    Path(out).write_bytes(rendered.data)
    service.close()
    print(
        json.dumps(
            {
                "engine_imports": engine_imports,
                "weasyprint_import": weasy,
                "warm_up": warm,
                "cold_pdf": cold_pdf,
                "cold_docx": cold_docx,
                "pages": rendered.pages,
                "attempts": rendered.attempts,
                "since_start": time.perf_counter() - started,
            }
        )
    )


def bench_report(service: object, plan_id: int, home: Path, folder: Path, runs: int) -> None:
    from engine.export.charts import ChartRenderer
    from engine.export.compose_progress import compose_progress
    from engine.export.progress import render_progress_docx, render_progress_pdf
    from engine.monitoring.model import Review

    colds: list[dict] = []
    warmed: list[dict] = []
    walls = []
    for index in range(max(3, runs)):
        for found, flags in ((colds, []), (warmed, ["--warmed"])):
            start = time.perf_counter()
            result = subprocess.run(
                [
                    sys.executable,
                    str(Path(__file__).resolve()),
                    "--child-render",
                    str(home),
                    str(plan_id),
                    str(folder / f"cold-{index}.pdf"),
                    *flags,
                ],
                capture_output=True,
                text=True,
                check=True,
                cwd=ROOT,
            )
            if not flags:
                walls.append(time.perf_counter() - start)
            found.append(json.loads(result.stdout.strip().splitlines()[-1]))

    def med(key: str, runs: list[dict] = colds) -> float:
        return statistics.median(c[key] for c in runs)

    plan = service.get_plan(plan_id).plan  # type: ignore[attr-defined]
    progress = service.progress(plan_id, plan.seasons[-1], Review.END)  # type: ignore[attr-defined]

    def warm_pdf() -> None:
        render_progress_pdf(compose_progress(plan, progress), ChartRenderer())

    def warm_docx() -> None:
        render_progress_docx(compose_progress(plan, progress), ChartRenderer())

    warm_pdf()
    pdf_ms = median_ms(warm_pdf, runs)
    docx_ms = median_ms(warm_docx, runs)
    files_ms = median_ms(
        lambda: service.export_progress(  # type: ignore[attr-defined]
            plan_id, "pdf,docx", folder / "files", plan.seasons[-1], Review.END
        ),
        runs,
    )
    compose_ms = median_ms(lambda: compose_progress(plan, progress), runs)
    cold = med("cold_pdf")
    print(
        f"(b) progress report at {plan.seasons[-1]} end: {colds[0]['pages']} PDF pages, "
        f"{len(progress.reds())} objectives off track"
    )
    print(
        f"    cold PDF (first render in a fresh process, {len(colds)} processes) "
        f"{cold * 1000:7.0f} ms   goal < {COLD_GOAL_S * 1000:g} ms {verdict(cold, COLD_GOAL_S)}"
    )
    print(
        f"      before it, in that process: engine imports {med('engine_imports') * 1000:.0f} ms, "
        f"WeasyPrint import {med('weasyprint_import') * 1000:.0f} ms; whole process (interpreter "
        f"start to exit) {statistics.median(walls) * 1000:.0f} ms"
    )
    in_app = med("cold_pdf", warmed)
    print(
        f"    cold PDF in the app (engines warmed on the task pool when the progress page "
        f"opens: {med('warm_up', warmed) * 1000:.0f} ms) {in_app * 1000:7.0f} ms   "
        f"goal < {COLD_GOAL_S * 1000:g} ms {verdict(in_app, COLD_GOAL_S)}"
    )
    print(f"    cold DOCX (right after)  {med('cold_docx') * 1000:7.0f} ms")
    print(f"    warm PDF                 {pdf_ms:7.0f} ms   (compose {compose_ms:.1f} ms)")
    print(f"    warm DOCX                {docx_ms:7.0f} ms")
    print(f"    Service.export_progress pdf+docx, files written (warm) {files_ms:.0f} ms")


# --- (c) import ---------------------------------------------------------------------------------


def sheet_rows(plan: object, count: int) -> list[list[object]]:
    """A title row, a blank row, the header, then ``count`` rows cycling over the plan's
    KPIs, finance rows and budgets, seasons and reviews; Italian decimals as text."""
    targets: list[tuple[str, str]] = []
    for objective in plan.objectives():  # type: ignore[attr-defined]
        targets += [(objective.code, kpi.name) for kpi in objective.kpis]
        targets.append(("", f"Budget {objective.code}"))
    targets += [("", row.label) for row in plan.financial_plan.rows]  # type: ignore[attr-defined]
    rows: list[list[object]] = [["Consuntivi della società", "", "", "", ""], []]
    rows.append(["Obiettivo", "Indicatore", "Stagione", "Rilevazione", "Valore"])
    seasons = plan.seasons  # type: ignore[attr-defined]
    for index in range(count):
        code, name = targets[index % len(targets)]
        season = seasons[(index // len(targets)) % len(seasons)]
        review = "metà" if (index // (len(targets) * len(seasons))) % 2 == 0 else "fine"
        value = f"{1000 + index % 997},{index % 10}"
        rows.append([code, name, season, review, value])
    return rows


def write_sheets(rows: list[list[object]], folder: Path) -> tuple[Path, Path]:
    from openpyxl import Workbook

    xlsx = folder / "consuntivi.xlsx"
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Consuntivi")
    for row in rows:
        sheet.append(row)
    book.save(xlsx)
    csv_path = folder / "consuntivi.csv"
    with csv_path.open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream, delimiter=";").writerows(rows)
    return xlsx, csv_path


def naive_xlsx(service: object, plan_id: int, path: Path) -> int:
    """openpyxl's default mode (every cell an object), then the same parse and store."""
    from openpyxl import load_workbook

    from engine.monitoring import importer
    from engine.storage import actuals as actuals_store

    plan = service.get_plan(plan_id).plan  # type: ignore[attr-defined]
    book = load_workbook(path, data_only=True)
    rows = [list(row) for row in book.worksheets[0].iter_rows(values_only=True)]
    book.close()
    result = importer.parse_rows(rows, plan, f"file: {path.name}")
    with service.db.write() as session:  # type: ignore[attr-defined]
        actuals_store.add_actuals(session, plan_id, result.actuals)
    return len(result.actuals)


def naive_csv(service: object, plan_id: int, path: Path) -> int:
    """Row by row: each row finds the header and builds the plan's name lookup again."""
    from engine.monitoring import importer
    from engine.storage import actuals as actuals_store

    plan = service.get_plan(plan_id).plan  # type: ignore[attr-defined]
    rows = importer.read_rows(path)
    header, _mapping = importer.detect_mapping(rows)
    found = []
    for row in rows[header + 1 :]:
        result = importer.parse_rows([*rows[: header + 1], row], plan, f"file: {path.name}")
        found += result.actuals
    with service.db.write() as session:  # type: ignore[attr-defined]
        actuals_store.add_actuals(session, plan_id, found)
    return len(found)


def bench_import(service: object, plan_id: int, folder: Path, count: int, runs: int) -> None:
    from engine.monitoring import importer

    plan = service.get_plan(plan_id).plan  # type: ignore[attr-defined]
    rows = sheet_rows(plan, count)
    xlsx, csv_path = write_sheets(rows, folder)
    check = service.import_actuals(plan_id, xlsx)  # type: ignore[attr-defined]
    assert len(check.actuals) == count and not check.errors, check.errors[:3]
    runs = max(3, runs)
    print(
        f"(c) import of {count:,} rows ({xlsx.stat().st_size // 1024} kB XLSX, "
        f"{csv_path.stat().st_size // 1024} kB CSV): all {len(check.actuals):,} stored"
    )
    for name, path, naive, naive_name in (
        ("XLSX", xlsx, naive_xlsx, "openpyxl default mode"),
        ("CSV", csv_path, naive_csv, "header and lookup per row"),
    ):
        whole = median_ms(lambda path=path: service.import_actuals(plan_id, path), runs)  # type: ignore[attr-defined]
        read = median_ms(lambda path=path: importer.read_rows(path), runs)
        parsed_rows = importer.read_rows(path)
        parse = median_ms(lambda rows=parsed_rows: importer.parse_rows(rows, plan, "bench"), runs)
        slow = median_ms(lambda naive=naive, path=path: naive(service, plan_id, path), 3)
        print(
            f"    {name:4} Service.import_actuals {whole:7.0f} ms   (read {read:.0f} ms, "
            f"parse {parse:.0f} ms, the rest storing)"
        )
        print(
            f"         naive ({naive_name}) {slow:7.0f} ms   "
            f"({slow / max(whole, 1e-6):.1f}x slower)"
        )


# --- (d) the progress view's first paint ------------------------------------------------------


def bench_view(service: object, plan_id: int, runs: int) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from desktop.progress.page import ProgressPage, Snapshot
    from engine.monitoring.model import Review

    app = QApplication.instance() or QApplication([])
    plan = service.get_plan(plan_id).plan  # type: ignore[attr-defined]
    season = plan.seasons[-1]

    def naive_read(page: ProgressPage, document: object = None) -> None:
        document = service.get_plan(plan_id)  # type: ignore[attr-defined]
        progress = {
            (s, r): service.progress(plan_id, s, r, today=page.today())  # type: ignore[attr-defined]
            for s in plan.seasons
            for r in Review
        }
        page.snapshot = Snapshot(document, service.actuals(plan_id), progress)  # type: ignore[arg-type,attr-defined]

    def paint(naive: bool) -> None:
        page = ProgressPage(service)  # type: ignore[arg-type]
        page.resize(1280, 800)
        if naive:
            page._read = lambda document=None: naive_read(page, document)  # type: ignore[method-assign]
        page.load(plan_id, season, Review.END)
        page.show()
        page.grab()
        app.processEvents()
        page.close()
        page.deleteLater()

    paint(False)  # Qt's own first-use costs (fonts, styles) are not the page's
    fast = median_ms(lambda: paint(False), runs)
    slow = median_ms(lambda: paint(True), runs)
    print("(d) the progress view's first paint (new page, six reviews, tree, grid; offscreen)")
    print(f"    read once: {fast:8.1f} ms")
    print(f"    naive, Service.progress per review: {slow:8.1f} ms ({slow / fast:.1f}x slower)")


# --- (e) roll forward ----------------------------------------------------------------------------


def bench_roll(service: object, plan_id: int, runs: int) -> None:
    """Each run first records a corrected value, so every roll has something to close."""
    from engine.monitoring.model import Actual, Review, Subject

    plan = service.get_plan(plan_id).plan  # type: ignore[attr-defined]
    season = plan.seasons[0]
    objective = plan.objectives()[0]
    kpi = objective.kpis[0]
    samples = []
    for run in range(runs):
        correction = Actual(Subject.KPI, kpi.name, season, Review.END, 100 + run, objective.code)
        service.record_actuals(plan_id, [correction])  # type: ignore[attr-defined]
        start = time.perf_counter()
        version = service.roll_forward(plan_id, season)  # type: ignore[attr-defined]
        samples.append((time.perf_counter() - start) * 1000)
        assert version is not None
    print('(e) "Aggiorna il piano" at the first season\'s end (actuals in, finances again, saved)')
    print(f"    Service.roll_forward: {statistics.median(samples):8.1f} ms")


# --- main ---------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=15, help="runs per figure (median)")
    parser.add_argument("--rows", type=int, default=5000, help="rows of the imported sheet")
    parser.add_argument("--child-render", nargs=3, metavar=("HOME", "PLAN", "OUT"))
    parser.add_argument("--warmed", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_render:
        home, plan_id, out = args.child_render
        child_render(home, int(plan_id), out, args.warmed)
        return
    folder = Path(tempfile.mkdtemp(prefix="rf-monitoring-bench-"))
    before = load()
    service, plan_id = setup(folder / "home")
    print(f"Monitoring benchmark: medians of {args.runs} runs per figure, data in {folder}")
    print(f"Load average before (1, 5, 15 min; {os.cpu_count()} CPUs): {before}")
    bench_status(service, plan_id, args.runs * 2)
    bench_report(service, plan_id, folder / "home", folder, args.runs)
    # the view and the roll forward on the club's three seasons of records (432), before
    # the import below adds thousands more
    bench_view(service, plan_id, max(5, args.runs // 2))
    bench_roll(service, plan_id, max(3, args.runs // 3))
    bench_import(service, plan_id, folder, args.rows, max(3, args.runs // 3))
    print(f"Load average after: {load()}")
    service.close()  # type: ignore[attr-defined]


if __name__ == "__main__":
    main()

"""The board's progress report ("Stato di avanzamento"): figures, statuses, files, CLI.

The data helpers at the top (an offline plan of an example club, three seasons x two
reviews of actuals) are shared with ``bench/monitoring.py``.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from engine import formatting
from engine.cli import run
from engine.domain import load_club_file
from engine.domain.language import Language
from engine.domain.plan import Plan
from engine.export.charts import ChartRenderer
from engine.export.compose_progress import RAG_ORDER, ProgressReport, compose_progress
from engine.export.document import Notice, Table, Text
from engine.export.errors import ExportError
from engine.export.html import render_progress_html
from engine.export.progress import parse_progress_formats, render_progress_pdf
from engine.monitoring.model import (
    ActionRecord,
    ActionState,
    Actual,
    Progress,
    Rag,
    Review,
    Subject,
)
from engine.monitoring.status import review_date
from engine.providers import ProviderChoice, make_writer
from engine.service import Service

EXAMPLE = Path(__file__).resolve().parents[2] / "resources" / "examples"
# Objectives by position in the plan: every fifth is off track, every seventh to watch.
RED_EVERY, AMBER_EVERY = 5, 7


def offline_plan(
    service: Service, example: str = "calcio-giovanile-asd", language: Language = Language.IT
) -> int:
    """An offline plan (no AI) for an example club, stored in ``service``."""
    club = load_club_file(EXAMPLE / f"{example}.json")
    summary, _ = service.generate_plan(
        club, make_writer(ProviderChoice()), language=language, emit=lambda e: None
    )
    return summary.id


def _health(index: int) -> float:
    """How an objective does: 1.04 on track, 0.95 a little short, 0.75 far short."""
    if index % RED_EVERY == 0:
        return 0.75
    if index % AMBER_EVERY == 3:
        return 0.95
    return 1.04


def _number(value: object) -> float | None:
    raw = getattr(value, "value", None)
    return float(raw) if isinstance(raw, int | float) else None


def three_seasons_of_actuals(
    plan: Plan, *, skip_kpis: int = 0, seasons: int = 3, until: dt.date | None = None
) -> tuple[list[Actual], list[ActionRecord]]:
    """Actuals for every KPI, finance row and budget, for ``seasons`` seasons x 2 reviews,
    and action states: done on their deadline (those due by ``until``, when given), except
    the first two actions of every objective off track (left open: late once due).
    ``skip_kpis`` leaves the first KPIs of the plan unmeasured at every review.
    Deterministic."""
    actuals: list[Actual] = []
    kpi_index = 0
    for index, objective in enumerate(plan.objectives()):
        health = _health(index)
        for kpi in objective.kpis:
            kpi_index += 1
            if kpi_index <= skip_kpis:
                continue
            values = [_number(kpi.baseline), *(_number(t) for t in kpi.targets)]
            for s, season in enumerate(plan.seasons[:seasons]):
                target, previous = values[s + 1], values[s]
                if target is None:
                    continue
                more = previous is None or target >= previous
                factor = health if more else 2 - health
                for review in (Review.MID, Review.END):
                    expected = target
                    if review is Review.MID and previous is not None:
                        expected = previous + (target - previous) / 2
                    value = round(expected * factor, 1)
                    if kpi.unit in ("sì/no", "yes/no"):
                        value = float(expected if health > 0.9 else 0)
                    actuals.append(
                        Actual(
                            Subject.KPI,
                            kpi.name,
                            season,
                            review,
                            value,
                            objective.code,
                            "test",
                        )
                    )
        for season in plan.seasons[:seasons]:
            for review in (Review.MID, Review.END):
                middle = (objective.budget.min_eur + objective.budget.max_eur) / 2
                spent = middle / len(plan.seasons) / 2 * (2 - health)
                actuals.append(
                    Actual(
                        Subject.BUDGET,
                        "spent",
                        season,
                        review,
                        round(spent),
                        objective.code,
                        "test",
                    )
                )
    factors = {"revenue_total": 0.97, "cost_total": 1.02, "investments": 0.9, "cash": 0.93}
    for s, season in enumerate(plan.seasons[:seasons]):
        for row in plan.financial_plan.rows:
            value = _number(row.values[s + 1])
            if value is None:
                continue
            for review in (Review.MID, Review.END):
                share = 0.5 if review is Review.MID and row.key != "cash" else 1.0
                actual = value * share * factors.get(row.key, 0.96)
                actuals.append(
                    Actual(Subject.FINANCE, row.key, season, review, round(actual), None, "test")
                )
    states = []
    for index, objective in enumerate(plan.objectives()):
        keep_open = 2 if _health(index) < 0.8 else 0
        for position, action in enumerate(sorted(objective.actions, key=lambda a: a.deadline)):
            if position < keep_open or (until is not None and action.deadline > until):
                continue
            states.append(ActionRecord(action.code, ActionState.DONE, action.deadline, "test"))
    return actuals, states


def store_actuals(service: Service, plan_id: int, **options: object) -> None:
    plan = service.get_plan(plan_id).plan
    actuals, states = three_seasons_of_actuals(plan, **options)  # type: ignore[arg-type]
    service.record_actuals(plan_id, actuals)
    for record in states:
        service.set_action_state(plan_id, record.action, record.state, record.on, record.source)


def last_review(plan: Plan) -> tuple[str, Review, dt.date]:
    return plan.seasons[-1], Review.END, review_date(plan.seasons[-1], Review.END)


# --- fixtures ----------------------------------------------------------------------------------


@dataclass
class Exported:
    service: Service
    plan_id: int
    plan: Plan
    progress: Progress
    report: ProgressReport
    pdf: Path
    docx: Path

    def pdf_pages(self) -> list[str]:
        reader = PdfReader(io.BytesIO(self.pdf.read_bytes()))
        return [" ".join((page.extract_text() or "").split()) for page in reader.pages]

    def docx_text(self) -> str:
        document = docx.Document(str(self.docx))
        parts = [p.text for p in document.paragraphs]
        for table in document.tables:
            parts += [cell.text for row in table.rows for cell in row.cells]
        return " ".join(" ".join(parts).split())


@contextmanager
def pinned_today() -> Iterator[None]:
    """The season a new plan starts from depends on today: pinned, as for every test."""
    from engine.domain import context

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(context, "current_date", lambda: dt.date(2026, 3, 2))
        yield


def _exported(folder: Path, language: Language = Language.IT, **options: object) -> Exported:
    with pinned_today():
        service = Service(folder / "home", watermark=bool(options.pop("watermark", False)))
        plan_id = offline_plan(service, language=language)
    plan = service.get_plan(plan_id).plan
    store_actuals(service, plan_id, **options)
    season, review, _ = last_review(plan)
    at = review_date(season, review)  # as if read on the review's day
    files = service.export_progress(plan_id, "pdf,docx", folder / "out", season, review, at)
    progress = service.progress(plan_id, season, review, at)
    report = compose_progress(plan, progress)
    pdf, docx_file = files
    return Exported(service, plan_id, plan, progress, report, pdf, docx_file)


@pytest.fixture(scope="module")
def it_report(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Exported]:
    """The football example, three seasons x two reviews of actuals, at the last season end."""
    run = _exported(tmp_path_factory.mktemp("progress-it"))
    yield run
    run.service.close()


@pytest.fixture(scope="module")
def partial_report(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Exported]:
    """Only the first season measured, and the plan's first six KPIs never: the last
    review has KPIs, finances and budgets still to be measured."""
    run = _exported(tmp_path_factory.mktemp("progress-partial"), skip_kpis=6, seasons=1)
    yield run
    run.service.close()


def _number_text(value: float, unit: str, language: Language = Language.IT) -> str:
    return formatting.quantity(round(value, 2), unit, language)


def _money(value: float, language: Language = Language.IT) -> str:
    return formatting.money(round(value), language)


# --- the figures are the Progress object's ----------------------------------------------------


def test_two_pages_named_for_the_review_and_nothing_left_behind(it_report: Exported) -> None:
    assert it_report.pdf.name == (
        "ASD-Virtus-Seregno-Calcio_2026-27_2028-29_avanzamento_2028-29_fine.pdf"
    )
    assert it_report.docx.name == it_report.pdf.name.replace(".pdf", ".docx")
    assert len(PdfReader(str(it_report.pdf)).pages) == 2
    assert sorted(p.name for p in it_report.pdf.parent.iterdir()) == sorted(
        [it_report.pdf.name, it_report.docx.name]
    )  # the atomic writer's temporaries are gone
    first, second = it_report.pdf_pages()
    assert "Stato di avanzamento" in first and "ASD Virtus Seregno Calcio" in first
    assert "2028/29, fine stagione (al 30/06/2029)" in first
    assert "Gli obiettivi in ritardo" in second and "Gli obiettivi in ritardo" not in first


def test_header_and_areas_match_the_progress(it_report: Exported) -> None:
    progress, first = it_report.progress, it_report.pdf_pages()[0]
    assert f"stato complessivo {progress.rag.label('it')}" in first.lower()  # upper-cased label
    counts = " · ".join(f"{progress.counts[r]} {r.label('it')}" for r in RAG_ORDER)
    assert counts in first
    table = next(b for b in it_report.report.overview if isinstance(b, Table))
    for area, row in zip(progress.areas, table.rows, strict=False):
        cells = [c.text for c in row]
        assert cells[1] == area.rag.label("it")
        assert cells[2:6] == [str(sum(o.rag is r for o in area.objectives)) for r in RAG_ORDER]
        assert cells[6] == _money(area.budget.spent)
        budget = formatting.money_range(
            area.budget.planned_low, area.budget.planned_high, Language.IT
        )
        assert cells[7] == budget and budget in first
        assert cells[8] == area.budget.rag.label("it")
        assert " ".join(cells[:2]) in first  # e.g. "Sportiva da seguire"
    total = [c.text for c in table.rows[-1]]
    assert total[2:6] == [str(sum(o.rag is r for o in progress.objectives())) for r in RAG_ORDER]


def test_finance_table_equals_progress_finance(it_report: Exported) -> None:
    progress, first = it_report.progress, it_report.pdf_pages()[0]
    table = [b for b in it_report.report.overview if isinstance(b, Table)][1]
    assert len(table.rows) == len(progress.finance) == 6
    for row, cells in zip(progress.finance, table.rows, strict=True):
        assert row.actual is not None and row.forecast is not None and row.variance is not None
        shown = [c.text for c in cells]
        variance = _money(row.variance)
        variance = variance if variance.startswith("−") else "+" + variance
        assert shown == [
            row.label,
            _money(row.forecast),
            _money(row.actual),
            variance,
            row.rag.label("it"),
        ]
        for text in (_money(row.forecast), _money(row.actual), variance):
            assert text in first, text
    chart = it_report.report.charts()[0]
    assert chart.series[0].values == tuple(r.forecast for r in progress.finance)
    assert chart.series[1].values == tuple(r.actual for r in progress.finance)
    assert "Consuntivo e previsione per voce, 2028/29" in first


def test_every_red_objective_with_its_kpis_late_actions_and_owners(it_report: Exported) -> None:
    progress, second = it_report.progress, it_report.pdf_pages()[1]
    reds = progress.reds()
    assert len(reds) >= 3 and [r.code for r in it_report.report.reds] == [r.code for r in reds]
    assert f"Gli obiettivi in ritardo {len(reds)}" in second
    for objective in reds:
        assert f"{objective.code} {objective.title}" in second
        for kpi in objective.kpis:
            assert kpi.name in second
            for value in (kpi.expected, kpi.actual):  # None: a KPI without a target
                if value is not None:
                    assert _number_text(value, kpi.unit) in second
        assert objective.late, objective.code  # red here because actions are late
        for action in objective.late:
            assert action.code in second and action.owner in second
            assert f"entro il {formatting.date(action.deadline, Language.IT)}" in second
    for objective, card in zip(reds, it_report.report.reds, strict=True):
        assert card.kpis is not None
        for kpi, row in zip(objective.kpis, card.kpis.rows, strict=True):
            assert [c.text for c in row] == [
                kpi.name,
                "—" if kpi.expected is None else _number_text(kpi.expected, kpi.unit),
                "—" if kpi.actual is None else _number_text(kpi.actual, kpi.unit),
                kpi.rag.label("it"),
            ]


def test_next_actions_are_the_next_open_ones_by_deadline(tmp_path: Path) -> None:
    with pinned_today():
        service = Service(tmp_path / "home")
        plan_id = offline_plan(service)
    try:
        plan = service.get_plan(plan_id).plan
        season, review = plan.seasons[1], Review.MID
        store_actuals(service, plan_id, until=review_date(season, review))
        progress = service.progress(plan_id, season, review, review_date(season, review))
        report = compose_progress(plan, progress)
        found = 0
        for objective, card in zip(progress.reds(), report.reds, strict=True):
            open_ = sorted(
                (a for a in objective.actions if a.state is ActionState.OPEN),
                key=lambda a: (a.deadline, a.code),
            )
            assert [a.code for a in card.upcoming] == [a.code for a in open_[:2]]
            assert all(a.deadline > progress.as_of for a in open_)
            found += len(card.upcoming)
        assert found  # the mid-season review has actions still ahead
        (pdf,) = service.export_progress(
            plan_id, ["pdf"], tmp_path / "out", season, review, review_date(season, review)
        )
        assert pdf.name.endswith("_avanzamento_2027-28_meta.pdf")
        text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(str(pdf)).pages)
        assert "Prossime azioni".upper() in text.upper()
        assert "A metà stagione la previsione è metà" in text
    finally:
        service.close()


def test_status_words_in_the_pdf_and_the_docx(it_report: Exported) -> None:
    pdf_text = " ".join(it_report.pdf_pages())
    docx_text = it_report.docx_text()
    words = set(it_report.report.words())
    present = {o.rag for o in it_report.progress.objectives()} | {it_report.progress.rag}
    assert {r.label("it") for r in present} <= words
    assert {Rag.GREEN.label("it"), Rag.RED.label("it")} <= words
    for word in words:
        assert word in pdf_text and word in docx_text, word
    assert "ASD Virtus Seregno Calcio" in docx_text
    document = docx.Document(str(it_report.docx))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert headings == [f"{r.code} · {r.title}" for r in it_report.progress.reds()]
    for objective in it_report.progress.reds():
        for action in objective.late:
            assert action.code in docx_text and action.owner in docx_text


# --- never green unless measured --------------------------------------------------------------


def test_unmeasured_values_are_never_green(partial_report: Exported) -> None:
    progress, report = partial_report.progress, partial_report.report
    unmeasured = [k for o in progress.objectives() for k in o.kpis if k.rag is Rag.UNMEASURED]
    assert len(unmeasured) == sum(len(o.kpis) for o in progress.objectives())  # season 3
    assert all(row.actual is None for row in progress.finance)
    html = render_progress_html(report, ChartRenderer())
    greens = re.findall(r'class="tone tone-rag-green">([^<]*)<', html)
    assert set(greens) <= {Rag.GREEN.label("it")}
    assert "da rilevare" in re.findall(r'class="tone tone-rag-unmeasured">([^<]*)<', html)
    for block in report.overview:
        if isinstance(block, Table):
            for row in block.rows:
                for cell in row:
                    if isinstance(cell, Text) and cell.text == Rag.UNMEASURED.label("it"):
                        assert cell.tone == "rag-unmeasured"
                    if isinstance(cell, Text) and cell.tone == "rag-green":
                        assert cell.text == Rag.GREEN.label("it")
    finance = [b for b in report.overview if isinstance(b, Table)][1]
    for row in finance.rows:
        assert [c.text for c in row[2:]] == ["—", "—", Rag.UNMEASURED.label("it")]
    notice = [b for b in report.overview if isinstance(b, Notice)][-1]
    assert notice.text.startswith("Ancora da rilevare (mai contati come in linea)")
    assert f"{len(unmeasured)} indicatori" in notice.text
    assert "Totale entrate" in notice.text  # the finances still to be measured, named
    first = partial_report.pdf_pages()[0]
    assert "Grafico non disponibile" in first  # no bars drawn for values nobody measured
    assert "Ancora da rilevare" in first
    assert "da rilevare" in partial_report.docx_text()


def test_a_review_with_some_kpis_unmeasured_names_them(it_report: Exported, tmp_path: Path) -> None:
    with pinned_today():
        service = Service(tmp_path / "home")
        plan_id = offline_plan(service)
    try:
        store_actuals(service, plan_id, skip_kpis=3)
        plan = service.get_plan(plan_id).plan
        first = plan.seasons[0]
        progress = service.progress(plan_id, first, Review.END, review_date(first, Review.END))
        report = compose_progress(plan, progress)
        skipped = [k for o in progress.objectives() for k in o.kpis][:3]
        assert all(k.rag is Rag.UNMEASURED for k in skipped)
        notice = [b for b in report.overview if isinstance(b, Notice)][-1].text
        for kpi in skipped:
            assert f"{kpi.objective} {kpi.name}" in notice
        for red in report.reds:
            for row in red.kpis.rows if red.kpis else ():
                if row[3].text == Rag.UNMEASURED.label("it"):
                    assert row[2].text == "—" and row[3].tone == "rag-unmeasured"
    finally:
        service.close()


# --- language, watermark, fitting, CLI --------------------------------------------------------


def test_english_plan_with_watermark(tmp_path_factory: pytest.TempPathFactory) -> None:
    run = _exported(tmp_path_factory.mktemp("progress-en"), Language.EN, watermark=True)
    try:
        assert run.pdf.name.endswith("_progress_2028-29_end.pdf")
        first, second = run.pdf_pages()
        assert "Progress report" in first and "season end (as of 30 Jun 2029)" in first
        assert "EVALUATION COPY" in first and "EVALUATION COPY" in second
        for word in run.report.words():
            assert word in first + second
        assert Rag.GREEN.label("en") in first and "The objectives off track" in second
        text = run.docx_text()
        assert "Evaluation copy" in text and Rag.RED.label("en") in text
        with zipfile.ZipFile(run.docx) as package:
            header = package.read("word/header1.xml").decode("utf-8")
        assert "EVALUATION COPY" in header
    finally:
        run.service.close()


def test_many_objectives_off_track_stay_on_two_pages_in_the_tight_style(
    it_report: Exported, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tests.export.test_export_progress as data

    monkeypatch.setattr(data, "_health", lambda index: 0.75 if index % 2 == 0 else 1.04)
    actuals, states = data.three_seasons_of_actuals(it_report.plan)
    from engine.monitoring.status import progress as compute

    season, review, _ = last_review(it_report.plan)
    progress = compute(it_report.plan, actuals, states, season, review)
    assert len(progress.reds()) >= 10
    report = compose_progress(it_report.plan, progress)
    rendered = render_progress_pdf(report)
    assert rendered.attempts == 2 and rendered.pages == 2
    text = " ".join(
        " ".join((p.extract_text() or "").split())
        for p in PdfReader(io.BytesIO(rendered.data)).pages
    )
    for objective in progress.reds():  # none left out
        assert f"{objective.code} {objective.title}" in text


def test_formats_are_checked() -> None:
    assert parse_progress_formats("docx, PDF") == ["pdf", "docx"]
    assert parse_progress_formats("all") == ["pdf", "docx"]
    with pytest.raises(ExportError) as refused:
        parse_progress_formats("pdf,zip")
    assert refused.value.code == "bad_format" and "zip" in refused.value.message("it")


def _cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_cli_progress_export_writes_the_report(home: Path, tmp_path: Path) -> None:
    with pinned_today():
        service = Service(home)
        plan_id = offline_plan(service)
    try:
        store_actuals(service, plan_id)
        last = service.get_plan(plan_id).plan.seasons[-1]
    finally:
        service.close()
    out = tmp_path / "report"
    code, stdout, err = _cli(
        "--home", str(home), "progress", str(plan_id), "--season", last, "--export", "pdf",
        "--out", str(out),
    )  # fmt: skip
    assert code == 0, err
    (written,) = [Path(line) for line in stdout.splitlines()]
    assert written.parent == out and written.is_file()
    assert written.name.endswith("_avanzamento_2028-29_fine.pdf")
    assert len(PdfReader(str(written)).pages) == 2
    code, stdout, _ = _cli("--home", str(home), "progress", str(plan_id), "--season", last)
    assert code == 0 and stdout.startswith("Stato del piano 2028/29, fine stagione")  # as before
    code, _, err = _cli(
        "--home", str(home), "progress", str(plan_id), "--export", "zip", "--out", str(out)
    )
    assert code == 2 and "pdf, docx" in err and "Traceback" not in err
    code, _, err = _cli(
        "--home", str(home), "progress", str(plan_id), "--season", "1999/00", "--export", "pdf"
    )
    assert code == 2 and "1999/00" in err


def test_a_plan_rolled_forward_shows_the_closed_season_as_actual_in_its_exports(
    tmp_path: Path,
) -> None:
    """After 'Aggiorna il piano' the plan's PDF/DOCX head the closed season's columns
    "(consuntivo)" and badge its figures as recorded, not as the questionnaire's."""
    from engine.export.compose import build_document
    from engine.export.html import render_plan_html

    service = Service(tmp_path / "home")
    plan_id = offline_plan(service)
    plan = service.get_plan(plan_id).plan
    season = plan.seasons[0]
    sp2 = next(o for o in plan.objectives() if o.code == "SP2")
    fees = next(line for line in plan.financial_plan.lines if line.category == "membership_fees")
    records = [  # every KPI of SP2, every line; SP1's KPIs only in part
        Actual(Subject.KPI, kpi.name, season, Review.END, 250 + n, "SP2")
        for n, kpi in enumerate(sp2.kpis)
    ]
    sp1 = next(o for o in plan.objectives() if o.code == "SP1")
    records.append(Actual(Subject.KPI, sp1.kpis[0].name, season, Review.END, 3, "SP1"))
    records += [
        Actual(Subject.FINANCE, f"{line.kind.value}.{line.category}", season, Review.END, 1000)
        for line in plan.financial_plan.lines
        if line.kind.value in ("revenue", "cost")
    ]
    records.append(Actual(Subject.FINANCE, "revenue.membership_fees", season, Review.END, 190_000))
    service.record_actuals(plan_id, records)
    service.roll_forward(plan_id, season, [])
    rolled = service.get_plan(plan_id).plan
    document = build_document(rolled)
    html = render_plan_html(document, ChartRenderer())
    assert f"Anno 1 · {season} (consuntivo)" in html  # the finance tables
    kpi_years = {  # the KPI tables' first plan year, as headed
        code: next(
            b
            for s in document.walk()
            if s.id == f"obj-{code}"
            for b in s.blocks[::-1]
            if isinstance(b, Table)
        )
        .columns[3]
        .label
        for code in ("SP1", "SP2")
    }
    assert kpi_years == {  # SP2's KPIs were all recorded, SP1's in part
        "SP2": f"Anno 1 · {season} (consuntivo)",
        "SP1": f"Anno 1 · {season}",
    }
    assert "anno 1: consuntivo" in html  # SP1's table says it row by row
    assert "consuntivo 2026/27 registrato dal club" in html  # the badge's full provenance
    assert "Anno 2 (consuntivo)" not in html
    files = service.export_plan(plan_id, "docx", tmp_path / "out")
    text = "\n".join(
        cell.text
        for table in docx.Document(str(files[0])).tables
        for row in table.rows
        for cell in row.cells
    )
    assert f"Anno 1 · {season} (consuntivo)" in text and "190.000" in text
    assert fees.values[1].value != 190_000  # the figure shown is the recorded one
    service.close()

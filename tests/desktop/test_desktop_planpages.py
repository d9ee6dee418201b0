"""The plan view's pages say what the exports say: one wording, laid out twice."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import get_args

import pytest
from PySide6.QtCore import QUrl

from desktop import i18n
from desktop.main_window import MainWindow
from desktop.planview import render
from engine.domain import Area, SectionStatus
from engine.export.compose import build_document
from engine.export.document import (
    Badges,
    Block,
    Bullets,
    Facts,
    Labelled,
    Notice,
    Panels,
    Paragraph,
    Section,
    Subheading,
    Table,
    Text,
    Value,
)
from engine.export.errors import UnknownPage
from engine.service import Service

PAGES = {  # the plan view's page -> the PDF's section
    "summary": "sec-summary",
    "analysis": "sec-analysis",
    "area:sports": "area-sports",
    "objective:SP2": "obj-SP2",
    "objective:SO1": "obj-SO1",
    "compliance": "sec-compliance",
    "monitoring": "sec-monitoring",
    "gaps": "sec-gaps",
}


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


def cell_words(cell: object) -> Iterator[str]:
    if isinstance(cell, str):
        yield cell
    elif isinstance(cell, Value):
        yield cell.text
        if cell.badge:
            yield cell.badge.short
    elif isinstance(cell, Text):
        yield cell.text
        if cell.sub:
            yield cell.sub
    elif isinstance(cell, Badges):
        yield from (badge.short for _scope, badge in cell.parts)


def words(block: Block) -> Iterator[str]:
    """Every text a block prints, as the PDF prints it."""
    if isinstance(block, Paragraph | Subheading | Notice):
        yield block.text
    elif isinstance(block, Labelled):
        yield from (block.label, block.text)
    elif isinstance(block, Bullets):
        yield from block.items
    elif isinstance(block, Facts):
        for label, value in block.items:
            yield label
            yield from cell_words(value)
    elif isinstance(block, Panels):
        for panel in block.panels:
            yield panel.title
            yield from panel.items or (panel.empty,)
    elif isinstance(block, Table):
        yield from (column.label for column in block.columns)
        for row in block.rows:
            for cell in row:
                yield from cell_words(cell)
        if block.provenance:
            yield from cell_words(block.provenance)


def section(sections: Iterator[Section], anchor: str) -> Section:
    return next(s for s in sections if s.id == anchor)


def test_every_page_says_what_the_pdf_says(
    qtbot, window: MainWindow, service: Service, make_plan_offline
) -> None:
    plan_id = make_plan_offline("canottaggio-lago-asd")
    window.open_plan(plan_id)
    document = build_document(service.get_plan(plan_id).plan)
    view = window.plan_view
    for key, anchor in PAGES.items():
        view.select(key)
        shown = flat(view.browser.toPlainText())
        printed = section(document.walk(), anchor)
        if key != "summary":  # the summary opens with the plan's title, as it did
            assert printed.title in shown, key
        said = [flat(w) for block in printed.blocks for w in words(block) if w.strip()]
        assert said, key
        missing = [w for w in said if w not in shown]
        assert not missing, (key, missing[:3])


def test_an_area_lists_its_objectives_and_links_to_each(
    qtbot, window: MainWindow, make_plan_offline, opened_urls: list[str]
) -> None:
    window.open_plan(make_plan_offline())
    view = window.plan_view
    view.select("area:sports")
    page = view.browser.toHtml()
    assert all(f'href="objective:SP{n}"' in page for n in range(1, 9))
    text = flat(view.browser.toPlainText())
    assert "avvio nell'anno 1 (2026/27)" in text and "SP8" in text
    view.browser.anchorClicked.emit(QUrl("objective:SP8"))
    assert view.current_key == "objective:SP8"
    assert "SP8 · Area portieri e calcio femminile" in view.browser.toPlainText()
    view.browser.anchorClicked.emit(QUrl("https://www.istat.it/"))  # a source's web page
    assert opened_urls == ["https://www.istat.it/"] and view.current_key == "objective:SP8"


def test_an_edited_area_says_so_on_each_objective_page(
    qtbot, window: MainWindow, service: Service, make_plan_offline
) -> None:
    plan_id = make_plan_offline()
    plan = service.get_plan(plan_id).plan
    areas = [
        a.model_copy(update={"status": SectionStatus.EDITED}) if a.area is Area.SOCIAL else a
        for a in plan.areas
    ]
    service.save_version(plan_id, plan.model_copy(update={"areas": areas}), "edited")
    window.open_plan(plan_id)
    view = window.plan_view
    view.select("objective:SO2")
    assert "Sezione modificata da voi dopo la generazione." in view.browser.toPlainText()
    view.select("objective:SP2")
    assert "modificata da voi" not in view.browser.toPlainText()


def test_pages_speak_the_interface_language_around_the_plans_text(
    qtbot, service: Service, make_plan_offline
) -> None:
    plan_id = make_plan_offline()
    plan = service.get_plan(plan_id).plan
    failed = plan.model_copy(
        update={
            "areas": [
                a.model_copy(
                    update={"status": SectionStatus.FAILED, "failure_reason": "il modello tace."}
                )
                if a.area is Area.MARKETING
                else a
                for a in plan.areas
            ]
        }
    )
    service.save_version(plan_id, failed, "failed marketing")
    i18n.set_current("en")
    try:
        window = MainWindow(service, "en")
        qtbot.addWidget(window)
        window.open_plan(plan_id)
        view = window.plan_view
        view.select("objective:SP2")
        text = view.browser.toPlainText()
        assert "Current situation." in text and "Gap to close." in text  # the labels
        assert "Dati di partenza" in text  # the plan's own words stay as written
        view.select("area:marketing")
        text = flat(view.browser.toPlainText())
        assert "Generating this section failed" in text
        assert "il modello tace" not in text  # an Italian reason in an English sentence: left out
        window.runner.shutdown()
    finally:
        i18n.set_current("it")
    view = MainWindow(service, "it")
    qtbot.addWidget(view)
    view.open_plan(plan_id)
    view.plan_view.select("area:marketing")
    assert "Motivo: il modello tace." in flat(view.plan_view.browser.toPlainText())
    view.runner.shutdown()


def test_user_text_is_shown_never_run_as_markup(
    qtbot, window: MainWindow, service: Service, make_plan_offline
) -> None:
    plan_id = make_plan_offline()
    plan = service.get_plan(plan_id).plan
    hostile = '<a href="objective:SP1">clic</a> <img src="x"> & «ok»'
    areas = list(plan.areas)
    objective = areas[0].objectives[1].model_copy(update={"objective": hostile})
    areas[0] = areas[0].model_copy(
        update={"objectives": [areas[0].objectives[0], objective, *areas[0].objectives[2:]]}
    )
    service.save_version(plan_id, plan.model_copy(update={"areas": areas}), "hostile")
    window.open_plan(plan_id)
    window.plan_view.select("objective:SP2")
    browser = window.plan_view.browser
    assert hostile in browser.toPlainText()
    assert "<img" not in browser.toHtml() and 'href="objective:SP1"' not in browser.toHtml()


def test_the_layout_knows_every_block_kind_a_page_can_hold() -> None:
    """A block kind added to the model must be laid out on screen too, not silently skipped
    (charts excepted: no page has one, the finance page is its own widget)."""
    kinds = {kind.__name__ for kind in get_args(Block)}
    assert kinds - set(render.BLOCKS) == {"Chart"}


def test_line_breaks_the_user_typed_are_kept(
    qtbot, window: MainWindow, service: Service, make_plan_offline
) -> None:
    plan_id = make_plan_offline()
    plan = service.get_plan(plan_id).plan
    summary = plan.executive_summary.model_copy(update={"vision": "Prima riga\nSeconda riga"})
    service.save_version(plan_id, plan.model_copy(update={"executive_summary": summary}), "vision")
    window.open_plan(plan_id)
    assert "Prima riga\nSeconda riga" in window.plan_view.browser.toPlainText()


def test_a_page_the_plan_lacks_falls_back_to_the_summary(
    qtbot, window: MainWindow, make_plan_offline
) -> None:
    window.open_plan(make_plan_offline())
    view = window.plan_view
    for key in ("objective:SP9", "no-such-page"):  # the tree never offers them: defensive
        view.select("objective:SP2")
        view._show(key)
        assert view.current_key == "summary", key
        assert "Visione a tre anni" in view.browser.toPlainText()


def test_a_page_the_plan_does_not_have_is_named_plainly(service: Service, make_plan_offline):
    plan = service.get_plan(make_plan_offline()).plan
    with pytest.raises(UnknownPage) as raised:
        service.plan_page(plan, "objective:SP9")
    assert raised.value.message("it") == (
        "Il piano non ha la pagina «SP9»: sceglietene un'altra dall'elenco."
    )
    assert service.plan_page(plan, "gaps").items == len(plan.data_gaps)

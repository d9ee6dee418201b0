"""A plan page as rich text for ``QTextBrowser``: the exports' document model, laid out.

The words, numbers and provenance of every page come from ``Service.plan_page`` (the
exports' own section functions); this module only lays the blocks out in the HTML
subset Qt draws, the way ``resources/templates/blocks.html`` does for the PDF. A badge
is a link ``tip:<n>`` into ``Rendered.tips``, so hovering or activating it shows where
the number comes from. User text is escaped here: it can never become markup.

Charts are not drawn: no page of the plan view has one (the finance page is its own
widget, ``desktop.finance_view``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from desktop.planview.figures import esc
from desktop.theme import BADGES, pair

if TYPE_CHECKING:  # the model loads with the first page (``Service.plan_page``), not at launch
    from engine.export.document import (
        Badge,
        Badges,
        Block,
        Bullets,
        Cell,
        Facts,
        Labelled,
        Legend,
        Notice,
        Panels,
        Paragraph,
        Subheading,
        Table,
        Text,
        Value,
    )
    from engine.export.pages import Page

NOTICE_COLOURS = {
    "missing": "missing",
    "failed": "missing",
    "edited": "research",
    "info": "research",
}
TONE_COLOURS = {"ok": "questionnaire", "todo": "missing", "check": "estimate", "na": "research"}
KEEP_BREAKS = "white-space:pre-line"  # the user's line breaks, as print.css keeps them
TIER_COLOURS = {"sum": "research"}  # the other tiers share the badge palette's names


@dataclass
class Rendered:
    """HTML plus the tooltip texts its badges point to."""

    tips: list[str] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)

    def add(self, text: str) -> None:
        self.parts.append(text)

    def badge(self, badge: Badge, scope: str = "", tip: str = "") -> str:
        self.tips.append(tip or badge.full or badge.short)
        tier = str(badge.tier)
        background, colour = pair(BADGES, TIER_COLOURS.get(tier, tier))
        label = f"{scope}: {badge.short}" if scope else badge.short
        return (
            f'<a href="tip:{len(self.tips) - 1}" style="text-decoration:none">'
            f'<span style="background-color:{background}; color:{colour}; font-size:small">'
            f"&nbsp;{esc(label)}&nbsp;</span></a>"
        )

    @property
    def html(self) -> str:
        return "".join(self.parts)


def page_html(page: Page) -> Rendered:
    """The page's heading and blocks, in order."""
    out = Rendered()
    section = page.section
    level = 2 if section.kind == "objective" else 1
    out.add(f"<h{level}>{esc(section.heading if section.code else section.title)}</h{level}>")
    for block in section.blocks:
        out.add(block_html(out, block, page))
    return out


def block_html(out: Rendered, block: Block, page: Page) -> str:
    """One block, by its kind (the class name, as the PDF's template reads it); a chart,
    or a kind this layout does not know, draws nothing (see the module's docstring)."""
    layout = BLOCKS.get(type(block).__name__)
    return layout(out, block, page) if layout else ""


def cell_html(out: Rendered, cell: Cell) -> str:
    kind = type(cell).__name__
    if kind == "Value":
        return _value(out, cell)  # type: ignore[arg-type]
    if kind == "Text":
        return _text(cell)  # type: ignore[arg-type]
    if kind == "Badges":
        return _badges(out, cell)  # type: ignore[arg-type]
    return esc(cell)  # a plain string


def _value(out: Rendered, cell: Value) -> str:
    text = _missing(cell.text) if cell.missing else esc(cell.text)
    return f"{text} {out.badge(cell.badge)}" if cell.badge else text


def _labelled(_out: Rendered, block: Labelled, _page: Page) -> str:
    text = _missing(block.text) if block.missing else esc(block.text)
    return f'<p style="{KEEP_BREAKS}"><b>{esc(block.label)}.</b> {text}</p>'


def _notice(_out: Rendered, block: Notice, _page: Page) -> str:
    background, colour = pair(BADGES, NOTICE_COLOURS.get(block.kind, "missing"))
    return (
        f'<table width="100%" cellpadding="8" style="background-color:{background}; '
        f'color:{colour}"><tr><td style="{KEEP_BREAKS}">{esc(block.text)}</td></tr></table>'
    )


def _subheading(_out: Rendered, block: Subheading, _page: Page) -> str:
    return f"<h3>{esc(block.text)}</h3>"


def _bullets(_out: Rendered, block: Bullets, _page: Page) -> str:
    tag = "ol" if block.ordered else "ul"
    return f"<{tag}>" + "".join(f"<li>{esc(i)}</li>" for i in block.items) + f"</{tag}>"


def _legend(out: Rendered, block: Legend, page: Page) -> str:
    badges = " ".join(out.badge(e.badge, tip=e.text) for e in block.entries)
    return f'<p style="font-size:small">{esc(page.legend)}: {badges}</p>'


def _paragraph(_out: Rendered, block: Paragraph, _page: Page) -> str:
    if block.style == "lead":
        return f'<p style="font-size:large; {KEEP_BREAKS}">{esc(block.text)}</p>'
    if block.style == "quote":
        return f'<p style="margin-left:18px; {KEEP_BREAKS}"><i>{esc(block.text)}</i></p>'
    return f"<p>{esc(block.text)}</p>"


def _missing(text: str) -> str:
    return f'<span style="color:{pair(BADGES, "missing")[1]}">{esc(text)}</span>'


def _text(cell: Text) -> str:
    """A link, a status in its colour, or bold text: one of them, as the PDF's template."""
    text = esc(cell.text)
    if cell.link:
        text = f'<a href="{esc(cell.link)}">{text}</a>'
    elif cell.tone:
        background, colour = pair(BADGES, TONE_COLOURS.get(cell.tone, "research"))
        style = f"background-color:{background}; color:{colour}"
        text = f'<span style="{style}">&nbsp;<b>{text}</b>&nbsp;</span>'
    elif cell.strong:
        text = f"<b>{text}</b>"
    if cell.sub:
        text += f"<br><small>{esc(cell.sub)}</small>"
    return text


def _badges(out: Rendered, group: Badges) -> str:
    return " ".join(out.badge(badge, scope) for scope, badge in group.parts)


def _facts(out: Rendered, block: Facts, _page: Page) -> str:
    if block.inline:
        items = " · ".join(f"<b>{esc(k)}:</b> {cell_html(out, v)}" for k, v in block.items)
        return f"<p>{items}</p>"
    rows = "".join(
        f"<tr><td><b>{esc(k)}</b></td><td>{cell_html(out, v)}</td></tr>" for k, v in block.items
    )
    return f'<table cellpadding="4">{rows}</table>'


def _panels(_out: Rendered, block: Panels, _page: Page) -> str:
    width = 100 // max(1, block.columns)
    rows = []
    for start in range(0, len(block.panels), block.columns):
        cells = []
        for panel in block.panels[start : start + block.columns]:
            body = (
                "<ul>" + "".join(f"<li>{esc(i)}</li>" for i in panel.items) + "</ul>"
                if panel.items
                else f"<p>{_missing(panel.empty)}</p>"
            )
            cells.append(f'<td valign="top" width="{width}%"><b>{esc(panel.title)}</b>{body}</td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return '<table width="100%" cellpadding="6">' + "".join(rows) + "</table>"


def _table(out: Rendered, block: Table, page: Page) -> str:
    total = sum(c.width for c in block.columns) or 1
    head = "".join(
        f'<th align="{"right" if c.numeric else "left"}" width="{round(100 * c.width / total)}%">'
        f"{esc(c.label)}</th>"
        for c in block.columns
    )
    rows = []
    for index, row in enumerate(block.rows):
        cells = []
        for column, cell in zip(block.columns, row, strict=False):
            text = cell_html(out, cell)
            if index in block.emphasis:
                text = f"<b>{text}</b>"
            align = ' align="right"' if column.numeric else ""
            cells.append(f'<td valign="top"{align}>{text}</td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    parts = [
        f'<table width="100%" cellspacing="0" cellpadding="4"><tr>{head}</tr>',
        *rows,
        "</table>",
    ]
    if block.provenance:
        parts.append(
            f'<p style="font-size:small">{esc(page.provenance)}: '
            f"{_badges(out, block.provenance)}</p>"
        )
    if block.note:
        parts.append(f'<p style="font-size:small">{esc(block.note)}</p>')
    return "".join(parts)


BLOCKS: dict[str, Callable[[Rendered, Any, Page], str]] = {
    "Paragraph": _paragraph,
    "Labelled": _labelled,
    "Notice": _notice,
    "Subheading": _subheading,
    "Bullets": _bullets,
    "Facts": _facts,
    "Panels": _panels,
    "Table": _table,
    "Legend": _legend,
}

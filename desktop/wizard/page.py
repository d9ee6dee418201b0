"""The questionnaire, in six steps and a review, validated as the user types.

The form edits a club document (the same JSON a club file holds). Every
change is validated by the domain model (``parse_club``, as club files are);
a field's messages appear under it, in the user's language, once the user has
left the field or pressed *Next* on its step (a blank form shows none; see
``Reveal`` for documents opened from elsewhere), and then follow every change.
The step list shows which steps still need attention. The document is saved as a
draft in the data folder a moment after each change, so closing the app
loses nothing. Club files can be opened and saved, and a new plan can start
from the club data of an earlier plan ("start from last season's plan").
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from enum import Enum
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import i18n
from desktop.icons import icon
from desktop.wizard.fields import (
    Binding,
    BoolBinding,
    Caption,
    ChoiceBinding,
    ColoursBinding,
    ListBinding,
    MembersBinding,
    NumberBinding,
    TableBinding,
    TextBinding,
    column_header,
    contains,
    format_number,
    get_in,
    has_answer,
    label,
    number_of,
)
from engine.atomic import write_atomic
from engine.domain import Area, ClubProfile, DomainValidationError, Issue, Plan
from engine.domain.club import (
    CLUB_SCHEMA_VERSION,
    TOPIC_PREFIX,
    AffiliationKind,
    CostBasis,
    Costs,
    Ownership,
    PlanTopic,
    Region,
    Revenue,
    objective_codes,
)
from engine.domain.context import current_date
from engine.domain.fields import season_label, season_of
from engine.domain.files import parse_club
from engine.domain.jsondepth import MAX_NESTING, nesting_depth
from engine.domain.plan import macro_codes
from engine.finance.inputs import facilities_cost

log = logging.getLogger(__name__)
VALIDATE_DELAY_MS = 250
AUTOSAVE_DELAY_MS = 800
DRAFT_NAME = "questionnaire.json"
WIDE = 60  # the header of a table's first column, which takes the room left, stays on one line
CAPTION_CHARS = 30  # a field's caption wraps past about this many characters
STOCKS = {("balance", "debts"), ("balance", "reserves")}  # amounts held, not yearly flows: EUR


class Reveal(Enum):
    """Which messages a document shows as soon as it is loaded.

    A new blank questionnaire shows none: a field's messages wait until the user leaves it
    or presses *Next*. A draft shows those of the answers already written (empty fields wait,
    as on a blank form). A club file or an earlier plan shows every message: the answers
    come from elsewhere and the user needs to see what to fix.
    """

    NONE = "none"
    ANSWERED = "answered"
    ALL = "all"


def current_season(today: dt.date | None = None) -> str:
    """The season a new questionnaire starts on (the rule the validation checks against)."""
    return season_label(season_of(today or current_date()))


def next_season(season: str) -> str:
    try:
        start = int(season[:4]) + 1
    except ValueError:
        return current_season()
    return f"{start}/{(start + 1) % 100:02d}"


def empty_document() -> dict[str, Any]:
    return {
        "schema_version": CLUB_SCHEMA_VERSION,
        "identity": {
            "name": "",
            "legal_form": "ASD",
            "rasd_registered": False,
            "rasd_number": None,
            "city": "",
            "province": "",
            "region": None,
            "municipality_population": None,
            "sports": [],
            "affiliations": [],
            "year_founded": None,
            "colours": ["#1F6F4A"],
            "logo_file": None,
            "reference_season": current_season(),
        },
        "people": {},
        "facilities": [],
        "equipment": [],
        "revenue": {},
        "costs": {},
        "balance": {},
        "loans": [],
        "funding": [],
        "board": {"goals": [], "problems": []},
        "qualitative": {"swot": {}},
    }


def from_earlier_plan(plan: Plan) -> dict[str, Any]:
    """The club data of an earlier plan, moved on one season.

    This season's members become last season's; this season starts from the
    same figures for the user to update (the form says so). Everything else
    carries over as it was: the board's goals and problems, equipment, loans.
    """
    doc = json.loads(plan.club.model_dump_json())
    doc["schema_version"] = CLUB_SCHEMA_VERSION
    identity = doc["identity"]
    identity["reference_season"] = next_season(identity.get("reference_season", ""))
    people = doc.setdefault("people", {})
    if "members_current_season" in people:
        people["members_last_season"] = json.loads(json.dumps(people["members_current_season"]))
    for key in ("joined_this_season", "left_this_season", "waiting_list"):
        people[key] = None
    return doc


class Step:
    def __init__(self, key: str, title: str, prefixes: list[tuple[str, ...]]) -> None:
        self.key = key
        self.title = title
        self.prefixes = prefixes
        self.page: QWidget | None = None


class WizardPage(QWidget):
    """The new-plan questionnaire. Emits ``generate`` with a valid ``ClubProfile``."""

    generate = Signal(object)
    cancelled = Signal()
    start_from_plan = Signal()

    def __init__(
        self,
        home: Path,
        parent: QWidget | None = None,
        objective_titles: dict[str, str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.home = home
        self.objective_titles = objective_titles or {}  # code -> title, when the caller has them
        self.doc: dict[str, Any] = empty_document()
        self.bindings: list[Binding] = []
        self.issues: list[Issue] = []
        self.revealed: set[Binding] = set()  # fields whose messages are shown
        self.reveal_unplaced = False  # messages of no field (the review lists them)
        self.profile: ClubProfile | None = None
        self._loading = False
        self._validate_timer = self._timer(VALIDATE_DELAY_MS, self.validate)
        self._autosave_timer = self._timer(AUTOSAVE_DELAY_MS, self.save_draft)

        title = QLabel(self.tr("New plan: the questionnaire"))
        title.setObjectName("pageTitle")
        self.origin = QLabel()
        self.origin.setObjectName("hint")
        self.origin.setWordWrap(True)
        self.open_button = QPushButton(icon("import"), self.tr("Open club file…"))
        self.open_button.clicked.connect(self.choose_club_file)
        self.save_button = QPushButton(icon("export"), self.tr("Save club file…"))
        self.save_button.clicked.connect(self.choose_export_file)
        self.from_plan_button = QPushButton(icon("duplicate"), self.tr("Start from a saved plan…"))
        self.from_plan_button.clicked.connect(self.start_from_plan.emit)
        self.clear_button = QPushButton(self.tr("Start over"))
        self.clear_button.clicked.connect(self.start_over)
        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(self.from_plan_button)
        top.addWidget(self.open_button)
        top.addWidget(self.save_button)
        top.addWidget(self.clear_button)

        self.steps = [
            Step("identity", self.tr("1. Identity"), [("identity",)]),
            Step("people", self.tr("2. People"), [("people",)]),
            Step(
                "facilities",
                self.tr("3. Facilities and equipment"),
                [("facilities",), ("equipment",)],
            ),
            Step(
                "finances",
                self.tr("4. Finances"),
                [("revenue",), ("costs",), ("balance",), ("loans",), ("funding",)],
            ),
            Step("board", self.tr("5. Goals and problems"), [("board",)]),
            Step("vision", self.tr("6. Vision and SWOT"), [("qualitative",)]),
            Step("review", self.tr("7. Review and write"), []),
        ]
        self.step_list = QListWidget()
        self.step_list.setAccessibleName(self.tr("Steps"))
        self.step_list.setMaximumWidth(230)
        self.step_list.setMinimumWidth(190)
        self.pages = QStackedWidget()
        builders = (
            self._identity_page,
            self._people_page,
            self._facilities_page,
            self._finances_page,
            self._board_page,
            self._vision_page,
            self._review_page,
        )
        for step, build in zip(self.steps, builders, strict=True):
            step.page = build()
            self.pages.addWidget(step.page)
            QListWidgetItem(step.title, self.step_list)
        self.step_list.currentRowChanged.connect(self.go_to)

        self.back_button = QPushButton(icon("back"), self.tr("Back"))
        self.back_button.clicked.connect(lambda: self.go_to(self.pages.currentIndex() - 1))
        self.next_button = QPushButton(self.tr("Next"))
        self.next_button.setObjectName("primary")
        self.next_button.clicked.connect(self._next)
        self.cancel_button = QPushButton(self.tr("Close"))
        self.cancel_button.setToolTip(self.tr("Your answers stay saved as a draft"))
        self.cancel_button.clicked.connect(self.close_wizard)
        self.draft_state = QLabel()
        self.draft_state.setObjectName("hint")
        bottom = QHBoxLayout()
        bottom.addWidget(self.cancel_button)
        bottom.addWidget(self.draft_state, 1)
        bottom.addWidget(self.back_button)
        bottom.addWidget(self.next_button)

        middle = QHBoxLayout()
        middle.addWidget(self.step_list)
        middle.addWidget(self.pages, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.origin)
        layout.addLayout(middle, 1)
        layout.addLayout(bottom)
        for binding in self.bindings:
            binding.changed.connect(self._changed)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)
        self.go_to(0)

    # --- building -----------------------------------------------------------------------

    def _timer(self, ms: int, slot) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(ms)
        timer.timeout.connect(slot)
        return timer

    def _add(self, form: QFormLayout, binding: Binding, text: str | None = None) -> Binding:
        self.bindings.append(binding)
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(getattr(binding, "container", binding.widget))
        column.addWidget(binding.error)
        widest = self.fontMetrics().averageCharWidth() * CAPTION_CHARS
        caption = Caption(text if text is not None else label(binding.path), widest)
        caption.setBuddy(binding.widget)
        form.addRow(caption, box)
        return binding

    def _add_table(self, form: QFormLayout, binding: TableBinding, hint: str) -> TableBinding:
        """A table across the whole page: its title, a hint in plain words, the table and
        its messages (the columns need the width more than a caption beside them)."""
        self.bindings.append(binding)
        title = label(binding.path)
        heading = QLabel(title)
        heading.setObjectName("sectionTitle")
        heading.setBuddy(binding.table)
        note = QLabel(hint)
        note.setObjectName("hint")
        note.setWordWrap(True)
        binding.table.setAccessibleName(title)
        binding.table.setAccessibleDescription(hint)
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 6, 0, 0)
        column.setSpacing(4)
        column.addWidget(heading)
        column.addWidget(note)
        column.addWidget(binding.container)
        column.addWidget(binding.error)
        form.addRow(box)
        return binding

    def _scroll(self, heading: str, hint: str) -> tuple[QScrollArea, QFormLayout]:
        inner = QWidget()
        column = QVBoxLayout(inner)
        title = QLabel(heading)
        title.setObjectName("sectionTitle")
        note = QLabel(hint)
        note.setObjectName("hint")
        note.setWordWrap(True)
        column.addWidget(title)
        column.addWidget(note)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setVerticalSpacing(4)  # each field keeps a line for its message below it
        column.addLayout(form)
        column.addStretch(1)
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setWidget(inner)
        return area, form

    def _subtitle(self, form: QFormLayout, text: str) -> None:
        heading = QLabel(text)
        heading.setObjectName("sectionTitle")
        form.addRow(heading)

    def _identity_page(self) -> QWidget:
        area, form = self._scroll(
            self.tr("Who the club is"),
            self.tr(
                "These answers appear on the plan's cover. Fields you leave empty are never "
                "invented: the plan lists them as data to collect."
            ),
        )
        i = ("identity",)
        self._add(form, TextBinding((*i, "name")))
        self._add(form, ChoiceBinding((*i, "legal_form"), [("ASD", "ASD"), ("SSD", "SSD")]))
        self._add(form, BoolBinding((*i, "rasd_registered"), self.tr("Yes")))
        self._add(form, TextBinding((*i, "rasd_number"), optional=True, max_width=220))
        self._add(form, TextBinding((*i, "city")))
        self._add(form, TextBinding((*i, "province"), max_width=60))
        self._add(
            form,
            ChoiceBinding((*i, "region"), [(r.value, r.value) for r in Region], self.tr("Choose…")),
        )
        self._add(form, NumberBinding((*i, "municipality_population")))
        sports = self._add(form, ListBinding((*i, "sports"), one_line=True))
        sports.widget.setPlaceholderText(
            self.tr("e.g. calcio, pallavolo (the first is the main one)")
        )
        self._add(
            form,
            TableBinding(
                (*i, "affiliations"),
                [
                    ("name", label((*i, "affiliations", 0, "name")), "text", None),
                    (
                        "kind",
                        column_header((*i, "affiliations", 0, "kind")),
                        "choice",
                        self._affiliation_kinds(),
                    ),
                ],
                lambda: {"name": "", "kind": "FSN"},
                self.tr("Add a federation or body"),
            ),
        )
        self._add(form, NumberBinding((*i, "year_founded"), plain=True, width=90))
        colours = self._add(form, ColoursBinding((*i, "colours")))
        colours.widget.setPlaceholderText("#0B3D91, #FFFFFF")
        logo = self._add(form, TextBinding((*i, "logo_file"), optional=True))
        browse = QPushButton(icon("open"), self.tr("Choose logo…"))
        browse.clicked.connect(lambda: self._choose_logo(logo))
        form.addRow("", browse)
        season = self._add(form, TextBinding((*i, "reference_season"), max_width=100))
        season.widget.setPlaceholderText("2025/26")
        return area

    def _affiliation_kinds(self) -> list[tuple[str, str]]:
        """Each kind of body with its meaning, CONI's first and then the Paralympic ones (CIP)."""
        words = {
            AffiliationKind.FSN: self.tr("FSN – national sports federation"),
            AffiliationKind.EPS: self.tr("EPS – sports promotion body"),
            AffiliationKind.DSA: self.tr("DSA – associated sports discipline"),
            AffiliationKind.FSP: self.tr("FSP – Paralympic federation"),
            AffiliationKind.FSNP: self.tr("FSNP – national federation with Paralympic sports"),
            AffiliationKind.DSP: self.tr("DSP – Paralympic sports discipline"),
            AffiliationKind.EPP: self.tr("EPP – Paralympic promotion body"),
        }
        return [(kind.value, words.get(kind, kind.value)) for kind in AffiliationKind]

    def _people_page(self) -> QWidget:
        area, form = self._scroll(
            self.tr("Members, teams, coaches and volunteers"),
            self.tr(
                "Count registered members (tesserati) by age and gender. A zero is an answer; "
                "an empty cell means you do not know yet."
            ),
        )
        p = ("people",)
        self._add(form, MembersBinding(), self.tr("Members"))
        self._add(form, NumberBinding((*p, "joined_this_season")))
        self._add(form, NumberBinding((*p, "left_this_season")))
        self._add(form, NumberBinding((*p, "waiting_list")))
        self._add(form, NumberBinding((*p, "athletes_with_disabilities")))
        self._add(
            form,
            TableBinding(
                (*p, "teams"),
                [
                    ("category", label((*p, "teams", 0, "category")), "text", None),
                    ("league_level", label((*p, "teams", 0, "league_level")), "text", None),
                    ("count", label((*p, "teams", 0, "count")), "int", None),
                ],
                lambda: {"category": "", "league_level": "", "count": 1},
                self.tr("Add a team category"),
            ),
        )
        self._add(
            form,
            TableBinding(
                (*p, "coaches"),
                [
                    ("qualification", label((*p, "coaches", 0, "qualification")), "text", None),
                    ("count", label((*p, "coaches", 0, "count")), "int", None),
                ],
                lambda: {"qualification": "", "count": 1},
                self.tr("Add a qualification"),
            ),
        )
        self._add(form, NumberBinding((*p, "paid_workers")))
        self._add(form, NumberBinding((*p, "paid_workers_fees")))
        self._add(form, NumberBinding((*p, "volunteers")))
        return area

    def _facilities_page(self) -> QWidget:
        area, form = self._scroll(
            self.tr("Where the club plays and trains, and what it uses"),
            self.tr(
                "One row per facility. The cost is per hour or per year, as you pay it: the "
                "plan turns hourly rates into a yearly figure over a 40-week season."
            ),
        )
        f = ("facilities", 0)
        ownership = {
            Ownership.OWNED: self.tr("owned"),
            Ownership.LEASED: self.tr("leased"),
            Ownership.MUNICIPAL_CONCESSION: self.tr("municipal concession"),
        }
        basis = {
            CostBasis.PER_YEAR: self.tr("per year (or season)"),
            CostBasis.PER_HOUR: self.tr("per hour"),
        }
        owners, bases = list(ownership.items()), list(basis.items())
        self._add_table(
            form,
            TableBinding(
                ("facilities",),
                [
                    ("name", column_header((*f, "name"), WIDE), "text", None),
                    ("kind", column_header((*f, "kind")), "text", None),
                    ("ownership", column_header((*f, "ownership")), "choice", owners),
                    ("hours_per_week", column_header((*f, "hours_per_week")), "number", None),
                    ("cost_basis", column_header((*f, "cost_basis")), "choice", bases),
                    ("cost", self.tr("Cost (EUR)"), "cost", None),
                    (
                        "concession_expiry",
                        column_header((*f, "concession_expiry")) + "\n" + self.tr("dd/mm/yyyy"),
                        "date",
                        None,
                    ),
                ],
                lambda: {
                    "name": "",
                    "kind": "",
                    "ownership": "municipal_concession",
                    "hours_per_week": None,
                    "cost_basis": "per_year",
                    "cost": None,
                    "concession_expiry": None,
                },
                self.tr("Add a facility"),
            ),
            self.tr(
                "For a concession or a lease, write when it expires (e.g. 30/06/2027): the plan "
                "times the renewal before that date. Leave it empty for a facility you own."
            ),
        )
        e = ("equipment", 0)
        self._add_table(
            form,
            TableBinding(
                ("equipment",),
                [
                    ("item", column_header((*e, "item"), WIDE), "text", None),
                    ("count", column_header((*e, "count")), "int", None),
                    ("age_years", column_header((*e, "age_years")), "int", None),
                    ("replacement_cost", column_header((*e, "replacement_cost")), "number", None),
                ],
                lambda: {"item": "", "count": 1, "age_years": None, "replacement_cost": None},
                self.tr("Add equipment"),
            ),
            self.tr(
                "Only what costs real money to renew: boats, sports wheelchairs, a minibus, "
                "the scoreboard. The cost is for one unit, not for all of them. Leave the age or "
                "the cost empty if you do not know them."
            ),
        )
        return area

    def _finances_page(self) -> QWidget:
        area, form = self._scroll(
            self.tr("Money in and out, in euro per year"),
            self.tr(
                "Use the last approved accounts (rendiconto). The plan's figures are computed "
                "from these answers, never by the AI."
            ),
        )
        self._subtitle(form, label(("revenue",)))
        for name in Revenue.money_fields():
            self._add(form, NumberBinding(("revenue", name)))
            if name == "sponsorship":
                self._add(form, NumberBinding(("revenue", "largest_sponsor_share"), width=80))
        self._subtitle(form, label(("costs",)))
        for name in Costs.model_fields:
            self._add(form, NumberBinding(("costs", name)))
        self._subtitle(form, label(("balance",)))
        for name in ("debts", "reserves", "average_fee_per_athlete"):
            path = ("balance", name)
            binding = self._add(form, NumberBinding(path, unit="EUR" if path in STOCKS else None))
            if name == "reserves":
                binding.widget.setToolTip(self.tr("A loss carried forward is a negative number"))
        loan = ("loans", 0)
        self._add_table(
            form,
            TableBinding(
                ("loans",),
                [
                    ("lender", column_header((*loan, "lender"), WIDE), "text", None),
                    (
                        "yearly_instalment",
                        column_header((*loan, "yearly_instalment")),
                        "number",
                        None,
                    ),
                    ("end_year", column_header((*loan, "end_year"), 14), "int", None),
                    ("rate", column_header((*loan, "rate"), 14), "number", None),
                    ("outstanding", column_header((*loan, "outstanding")), "number", None),
                ],
                lambda: {
                    "lender": "",
                    "yearly_instalment": None,
                    "end_year": None,
                    "rate": None,
                    "outstanding": None,
                },
                self.tr("Add a loan"),
            ),
            self.tr(
                "One row per mortgage or loan: who lent the money and for what (e.g. Credito "
                "Sportivo, new changing rooms), the yearly instalment, the year of the last "
                "instalment and the debt still to repay."
            ),
        )
        funding = ("funding", 0)
        self._add_table(
            form,
            TableBinding(
                ("funding",),
                [
                    ("source", column_header((*funding, "source"), WIDE), "text", None),
                    ("amount", column_header((*funding, "amount")), "number", None),
                    ("year", column_header((*funding, "year"), 14), "int", None),
                ],
                lambda: {"source": "", "amount": None, "year": None},
                self.tr("Add secured funding"),
            ),
            self.tr(
                "Only money already granted or pledged for the next three seasons: a call you "
                "won, a donor's pledge, a municipal contribution for the works. Calls you have "
                "not won yet stay out: the plan computes how much new funding to look for."
            ),
        )
        self.totals = QLabel()
        self.totals.setWordWrap(True)
        form.addRow(self.totals)
        return area

    def _board_page(self) -> QWidget:
        area, form = self._scroll(
            label(("board",)),
            self.tr(
                "In the board's own words. Every goal and problem you write here is answered "
                "in the plan by an objective, with actions, targets and a budget."
            ),
        )
        topics = self._topics()
        g = ("board", "goals", 0)
        self._add_table(
            form,
            TableBinding(
                ("board", "goals"),
                [
                    ("text", column_header((*g, "text"), WIDE), "text", None),
                    ("area", column_header((*g, "area")), "choice", topics),
                    ("target", column_header((*g, "target"), 16), "number", None),
                    ("target_unit", column_header((*g, "target_unit"), 14), "optional_text", None),
                    ("objective", column_header((*g, "objective"), 16), "choice", self._objectives),
                ],
                lambda: {"text": "", "area": PlanTopic.SPORTS.value, "objective": None},
                self.tr("Add a goal"),
            ),
            self.tr(
                "One sentence per row: what you want to achieve in three seasons (e.g. "
                '"replace two boats"). If it has a number, write it as the target with its '
                "unit (2, boats). The plan chooses the objective that answers it, unless you "
                "choose one."
            ),
        )
        p = ("board", "problems", 0)
        self._add_table(
            form,
            TableBinding(
                ("board", "problems"),
                [
                    ("text", column_header((*p, "text"), WIDE), "text", None),
                    ("area", column_header((*p, "area")), "choice", topics),
                    ("objective", column_header((*p, "objective"), 16), "choice", self._objectives),
                ],
                lambda: {"text": "", "area": PlanTopic.SPORTS.value, "objective": None},
                self.tr("Add a problem"),
            ),
            self.tr(
                'One sentence per row: what holds the club back today (e.g. "the gym is free '
                'only three evenings a week").'
            ),
        )
        return area

    def _topics(self) -> list[tuple[str, str]]:
        """The parts of the plan a goal or problem can touch: the four areas and the finances."""
        lang = i18n.current()
        return [
            (
                topic.value,
                Area(topic.value).label(lang) if topic in TOPIC_PREFIX else self.tr("Finances"),
            )
            for topic in PlanTopic
        ]

    def _objectives(self, row: dict[str, Any]) -> list[tuple[str | None, str]]:
        """ "Let the plan choose", then the objectives of the row's area (any for the finances)."""
        try:
            topic = PlanTopic(row.get("area"))
        except ValueError:
            topic = None
        codes = (
            objective_codes(topic)
            if topic is not None
            else [code for area in Area for code in macro_codes(area)]
        )
        options: list[tuple[str | None, str]] = [(None, self.tr("Let the plan choose"))]
        for code in codes:
            title = self.objective_titles.get(code)
            options.append((code, f"{code} – {title}" if title else code))
        return options

    def _vision_page(self) -> QWidget:
        area, form = self._scroll(
            self.tr("Values, vision and SWOT"),
            self.tr(
                "In your own words: the agents build the plan's prose on them. One item per "
                "line in the lists."
            ),
        )
        q = ("qualitative",)
        for name in ("values", "vision", "mission"):
            self._add(form, TextBinding((*q, name), multiline=True, optional=True))
        for name in ("strengths", "weaknesses", "opportunities", "threats"):
            self._add(form, ListBinding((*q, "swot", name)))
        self._add(form, ListBinding((*q, "competitors")))
        self._add(
            form,
            TableBinding(
                (*q, "stakeholders"),
                [
                    ("name", label((*q, "stakeholders", 0, "name")), "text", None),
                    ("importance", label((*q, "stakeholders", 0, "importance")), "int", None),
                ],
                lambda: {"name": "", "importance": 3},
                self.tr("Add a stakeholder"),
            ),
        )
        self._add(form, TextBinding((*q, "notes"), multiline=True, optional=True))
        return area

    def _review_page(self) -> QWidget:
        page = QWidget()
        title = QLabel(self.tr("Review and write the plan"))
        title.setObjectName("sectionTitle")
        self.review_text = QLabel()
        self.review_text.setWordWrap(True)
        self.issue_list = QListWidget()
        self.issue_list.setAccessibleName(self.tr("Problems to fix"))
        self.issue_list.setWordWrap(True)  # a row's issue has a long path: wrap, never cut
        self.issue_list.setResizeMode(QListView.ResizeMode.Adjust)
        self.issue_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.issue_list.itemActivated.connect(self._jump_to_issue)
        self.issue_list.itemClicked.connect(self._jump_to_issue)
        self.generate_button = QPushButton(icon("regenerate", "#FFFFFF"), self.tr("Write the plan"))
        self.generate_button.setObjectName("primary")
        self.generate_button.clicked.connect(self._generate)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.generate_button)
        layout = QVBoxLayout(page)
        layout.addWidget(title)
        layout.addWidget(self.review_text)
        layout.addWidget(self.issue_list, 1)
        layout.addLayout(row)
        return page

    # --- document in and out -------------------------------------------------------------

    def load_document(
        self, doc: dict[str, Any], origin: str = "", reveal: Reveal = Reveal.ALL
    ) -> None:
        """Fill the form with ``doc``; ``reveal`` says which messages show at once."""
        self._loading = True
        self.doc = doc
        for binding in self.bindings:
            binding.load(doc)
        self._loading = False
        self.origin.setText(origin)
        self.origin.setVisible(bool(origin))
        self.revealed = set()
        if reveal is Reveal.ALL:
            self.revealed = set(self.bindings)
        elif reveal is Reveal.ANSWERED:
            self.revealed = {
                b for b in self.bindings if any(has_answer(get_in(doc, p)) for p in b.paths)
            }
        self.reveal_unplaced = reveal is Reveal.ALL
        self.validate()
        self.go_to(0)

    def document(self) -> dict[str, Any]:
        """The answers as a club file; always in the current format (a version 1 file
        opened here is saved as version 2: every field it had means the same)."""
        doc = json.loads(json.dumps(self.doc))
        for binding in self.bindings:
            binding.store(doc)
        doc["schema_version"] = CLUB_SCHEMA_VERSION
        return doc

    def start_new(self) -> None:
        """Continue the saved draft if there is one, else an empty questionnaire."""
        draft = self.draft_path()
        if draft.exists():
            try:
                doc = json.loads(draft.read_text("utf-8"))
                when = dt.datetime.fromtimestamp(draft.stat().st_mtime).strftime("%d/%m/%Y %H:%M")
                origin = self.tr("Draft saved on {when}.").format(when=when)
                self.load_document(doc, origin, Reveal.ANSWERED)
                return
            except (OSError, ValueError):
                log.warning("unreadable questionnaire draft ignored")
        self.load_document(empty_document(), reveal=Reveal.NONE)

    def start_over(self) -> None:
        answer = QMessageBox.question(
            self, self.tr("Start over"), self.tr("Clear every answer and start again?")
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.discard_draft()
            self.load_document(empty_document(), reveal=Reveal.NONE)

    def load_plan_club(self, plan: Plan) -> None:
        self.load_document(
            from_earlier_plan(plan),
            self.tr(
                "Copied from the plan {title} and moved on to season {season}: update this "
                "season's members and money before writing."
            ).format(title=plan.title, season=next_season(plan.club.identity.reference_season)),
        )

    def load_club_file(self, path: Path) -> bool:
        try:
            text = path.read_text("utf-8-sig")
            doc = json.loads(text) if nesting_depth(text) <= MAX_NESTING else None
        except (OSError, ValueError) as error:
            QMessageBox.warning(
                self,
                self.tr("Open club file"),
                self.tr("{name} is not a readable club file ({error}).").format(
                    name=path.name, error=error
                ),
            )
            return False
        if not isinstance(doc, dict) or "identity" not in doc:
            QMessageBox.warning(
                self,
                self.tr("Open club file"),
                self.tr("{name} does not look like a club file.").format(name=path.name),
            )
            return False
        self.load_document(doc, self.tr("Opened from {name}.").format(name=path.name))
        self.save_draft()
        return True

    def choose_club_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open club file"), str(Path.home()), self.tr("Club files (*.json)")
        )
        if path:
            self.load_club_file(Path(path))

    def export_club_file(self, path: Path) -> None:
        profile = self.validate()
        text = (
            profile.model_dump_json(indent=2)
            if profile is not None
            else json.dumps(self.document(), indent=2, ensure_ascii=False)
        )
        path.write_text(text + "\n", "utf-8")

    def choose_export_file(self) -> None:
        name = (get_in(self.document(), ("identity", "name")) or "club").strip() or "club"
        default = str(Path.home() / f"{name.replace(' ', '-')}.json")
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save club file"), default, self.tr("Club files (*.json)")
        )
        if path:
            try:
                self.export_club_file(Path(path))
            except OSError as error:
                QMessageBox.warning(self, self.tr("Save club file"), str(error))

    # --- draft -------------------------------------------------------------------------------

    def draft_path(self) -> Path:
        return self.home / "drafts" / DRAFT_NAME

    def save_draft(self) -> None:
        self._autosave_timer.stop()
        path = self.draft_path()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            text = json.dumps(self.document(), indent=1, ensure_ascii=False)
            write_atomic(path, text.encode("utf-8"))
        except OSError as error:
            self.draft_state.setText(self.tr("Draft not saved: {error}").format(error=error))
            return
        self.draft_state.setText(
            self.tr("Draft saved at {time}").format(time=dt.datetime.now().strftime("%H:%M:%S"))
        )

    def discard_draft(self) -> None:
        self._autosave_timer.stop()
        self.draft_path().unlink(missing_ok=True)

    # --- validation ---------------------------------------------------------------------------

    def _changed(self) -> None:
        if self._loading:
            return
        self._validate_timer.start()
        self._autosave_timer.start()

    def validate(self) -> ClubProfile | None:
        self._validate_timer.stop()
        doc = self.document()
        try:
            self.profile = parse_club(json.dumps(doc))
            self.issues = []
        except DomainValidationError as error:
            self.profile = None
            self.issues = error.issues
        self._show_issues()
        self._update_totals(doc)
        return self.profile

    def _binding_for(self, issue: Issue) -> Binding | None:
        best, length = None, -1
        for binding in self.bindings:
            for path in binding.paths:
                if issue.path[: len(path)] == path and len(path) > length:
                    best, length = binding, len(path)
        return best

    def _shown(self, issue: Issue) -> bool:
        """Whether an issue's message is on screen (its field was left, or *Next* pressed)."""
        binding = self._binding_for(issue)
        return binding in self.revealed if binding is not None else self.reveal_unplaced

    def _show_issues(self) -> None:
        lang = i18n.current()
        per_binding: dict[int, list[Issue]] = {id(b): [] for b in self.bindings}
        for issue in self.issues:
            binding = self._binding_for(issue)
            if binding is not None and binding in self.revealed:
                per_binding[id(binding)].append(issue)
        for binding in self.bindings:
            binding.show_issues(per_binding[id(binding)])
        for row, step in enumerate(self.steps[:-1]):
            self._show_step_state(row, step)
        self.issue_list.clear()
        for issue in self.issues:
            item = QListWidgetItem(icon("warning"), issue.render(lang))
            item.setData(Qt.ItemDataRole.UserRole, issue.path)
            self.issue_list.addItem(item)
        self.review_text.setText(
            self.tr(
                "Everything needed is there. The agents will write the plan from these answers; "
                "empty answers become data to collect, listed in the plan."
            )
            if not self.issues
            else self.tr(
                "%n answer(s) need fixing before the plan can be written. Click one to go to it.",
                "",
                len(self.issues),
            )
        )
        self.generate_button.setEnabled(not self.issues)
        self.issue_list.setVisible(bool(self.issues))

    def _show_step_state(self, row: int, step: Step) -> None:
        """A step's icon, count and tooltip: the messages on screen are counted; a step whose
        only problems are still unseen (a blank form) is "to complete", never "wrong"."""
        issues = [i for i in self.issues if any(i.path[: len(p)] == p for p in step.prefixes)]
        count = sum(1 for i in issues if self._shown(i))
        item = self.step_list.item(row)
        item.setText(step.title + (f"  ({count})" if count else ""))
        if count:
            item.setIcon(icon("warning"))
            item.setToolTip(self.tr("%n answer(s) to fix", "", count))
        elif issues:
            item.setIcon(icon("waiting"))
            item.setToolTip(self.tr("Still to complete"))
        else:
            item.setIcon(icon("done"))
            item.setToolTip(self.tr("Complete"))

    def reveal(self, bindings: list[Binding]) -> None:
        """Show the messages of these fields from now on (checked at once if a change is
        still waiting for its validation)."""
        fresh = set(bindings) - self.revealed
        if not fresh:
            return
        self.revealed |= fresh
        if self._validate_timer.isActive():
            self.validate()
        else:
            self._show_issues()

    def reveal_all(self) -> None:
        """Every message on screen from the next validation (the review lists them all)."""
        self.reveal_unplaced = True
        self.revealed = set(self.bindings)

    def _binding_holding(self, widget: QWidget | None) -> Binding | None:
        """The field a widget belongs to (its line edit, a table's cell editor, a popup)."""
        for binding in self.bindings:
            if contains(getattr(binding, "container", binding.widget), widget):
                return binding
        return None

    def _focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        """Leaving a field shows its messages. Focus leaving the app (``new`` None) is not
        leaving the field: the user comes back to it."""
        if old is None or new is None or not self.isVisible():
            return
        left = self._binding_holding(old)
        if left is not None and left is not self._binding_holding(new):
            self.reveal([left])

    def _update_totals(self, doc: dict[str, Any]) -> None:
        def total(section: str, names: list[str]) -> float:
            lines = doc.get(section) or {}
            values = (number_of(lines.get(name)) for name in names)
            return sum(v for v in values if isinstance(v, int | float))

        revenue = total("revenue", Revenue.money_fields())
        costs = total("costs", list(Costs.model_fields))
        text = self.tr(
            "Total revenue {revenue} EUR · total costs {costs} EUR · result {result} EUR"
        )
        # The facilities' own costs (hourly rates over the season) count when they exceed
        # "Facilities and utilities", as the finance model does (engine.finance.inputs).
        declared = number_of((doc.get("costs") or {}).get("facilities_utilities"))
        declared = declared if isinstance(declared, int | float) else 0.0
        facilities = facilities_cost(doc.get("facilities") or [])
        if facilities > declared:
            costs += facilities - declared
            text = self.tr(
                "Total revenue {revenue} EUR · total costs {costs} EUR (facilities from the "
                "facilities step: {facilities} EUR) · result {result} EUR"
            )
        self.totals.setText(
            text.format(
                revenue=format_number(revenue),
                costs=format_number(costs),
                result=format_number(revenue - costs),
                facilities=format_number(facilities),
            )
        )

    def _jump_to_issue(self, item: QListWidgetItem) -> None:
        path = tuple(item.data(Qt.ItemDataRole.UserRole) or ())
        for row, step in enumerate(self.steps[:-1]):
            if any(path[: len(p)] == p for p in step.prefixes):
                self.go_to(row)
                break
        for binding in self.bindings:
            if any(path[: len(p)] == p for p in binding.paths):
                self._focus(binding, path)
                break

    def _focus(self, binding: Binding, path: tuple) -> None:
        """Put the cursor where the issue at ``path`` is, scrolled into sight."""
        binding.focus_path(path)
        area = self.pages.currentWidget()
        if isinstance(area, QScrollArea):
            area.ensureWidgetVisible(getattr(binding, "container", binding.widget), 0, 40)

    # --- navigation ---------------------------------------------------------------------------

    def go_to(self, index: int) -> None:
        index = max(0, min(index, len(self.steps) - 1))
        if self.pages.currentIndex() != index:
            self.pages.setCurrentIndex(index)
        if self.step_list.currentRow() != index:
            self.step_list.blockSignals(True)
            self.step_list.setCurrentRow(index)
            self.step_list.blockSignals(False)
        last = index == len(self.steps) - 1
        if last:  # the review lists every issue: each field shows its own from now on
            self.reveal_all()
            self.validate()
        elif self._validate_timer.isActive():  # never show a step with stale messages
            self.validate()
        self.back_button.setEnabled(index > 0)
        self.next_button.setVisible(not last)

    def go_to_review(self) -> None:
        self.go_to(len(self.steps) - 1)

    def _next(self) -> None:
        """Check the step's answers: on to the next step, or to the first one to fix."""
        index = self.pages.currentIndex()
        step = self.steps[index]
        self.validate()
        fields = [
            b
            for b in self.bindings
            if any(p[: len(q)] == q for p in b.paths for q in step.prefixes)
        ]
        self.reveal(fields)
        for binding in fields:  # in the order of the form
            issue = next((i for i in self.issues if self._binding_for(i) is binding), None)
            if issue is not None:
                self._focus(binding, issue.path)
                return
        self.go_to(index + 1)

    def _choose_logo(self, binding: Binding) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose logo"), str(Path.home()), self.tr("Images (*.png *.jpg *.svg)")
        )
        if path:
            binding.widget.setText(path)
            self._changed()

    def _generate(self) -> None:
        profile = self.validate()
        if profile is None:
            return
        self.save_draft()
        self.generate.emit(profile)

    def close_wizard(self) -> None:
        self.save_draft()
        self.cancelled.emit()

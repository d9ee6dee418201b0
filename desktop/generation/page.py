"""Live generation: one card per agent, overall progress, cancel, retry.

All engine work runs on the task pool. The orchestrator calls our sink from
its pool threads; the sink only emits a Qt signal (queued to the GUI thread)
tagged with the run's id, so events of an earlier, cancelled run are dropped.
Streamed text is buffered and painted ten times a second, which keeps the
event loop free however fast a model streams.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop import i18n
from desktop.errors import show_error, user_message
from desktop.i18n import t
from desktop.icons import icon
from desktop.tasks import TaskRunner
from desktop.theme import STATES, pair
from engine.domain import ClubProfile, Language
from engine.service import AgentName, CancelToken, EventKind, GenerationEvent, Service, cost_text

TICK_MS = 100
PREVIEW_CHARS = 1500


class EventBridge(QObject):
    """Lives on the GUI thread; pool threads only ever call ``event.emit``."""

    event = Signal(int, object)


@dataclass
class RunOutcome:
    plan_id: int | None
    failed: list[str] = field(default_factory=list)
    cancelled: bool = False
    nothing_to_do: bool = False
    saved: bool = True  # False: a rewrite where every agent failed; the plan is unchanged
    version: int | None = None
    to_review: int = 0  # facts from public sources the new plan proposes (tier 2)


class AgentCard(QFrame):
    def __init__(self, agent: AgentName, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.agent = agent
        self.setObjectName("card")
        self.state = "waiting"
        self.started_at: float | None = None
        self.elapsed_ms = 0
        self.tokens = 0
        self.buffer = ""
        self.dirty = False
        self.error_kind: str | None = None
        self.replacement: str | None = None  # the model to switch to, when this one is retired
        self.title = QLabel(agent.label(i18n.current()))
        self.title.setObjectName("sectionTitle")
        self.chip = QLabel()
        self.chip.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.chip.setMinimumWidth(110)
        self.chip.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.figures = QLabel()
        self.figures.setObjectName("hint")
        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.preview.setMaximumHeight(110)
        self.preview.setMinimumHeight(70)
        self.preview.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.preview.setAccessibleName(self.tr("Text written so far"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setVisible(False)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.chip, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.figures)
        layout.addWidget(self.preview)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.set_state("waiting")

    def set_state(self, state: str, message: str = "") -> None:
        self.state = state
        names = {
            "waiting": self.tr("Waiting"),
            "running": self.tr("Writing…"),
            "done": self.tr("Done"),
            "failed": self.tr("Failed"),
            "cancelled": self.tr("Cancelled"),
            "kept": self.tr("Kept"),
            "not_started": self.tr("Not started"),
        }
        colours = {"kept": "done", "not_started": "cancelled"}
        background, text = pair(STATES, colours.get(state, state))
        self.chip.setText(names[state])
        self.chip.setStyleSheet(
            f"background:{background}; color:{text}; border-radius:9px; padding:2px 10px;"
        )
        self.message.setText(message)
        self.message.setVisible(bool(message))
        self.setAccessibleDescription(f"{names[state]}. {message}")
        self.refresh()

    def refresh(self) -> None:
        elapsed = self.elapsed_ms
        if self.state == "running" and self.started_at is not None:
            elapsed = int((time.monotonic() - self.started_at) * 1000)
        parts = []
        if self.state not in ("waiting", "kept", "not_started"):
            parts.append(self.tr("{s} s").format(s=f"{elapsed / 1000:.1f}"))
        if self.tokens:
            parts.append(self.tr("{n} tokens").format(n=self.tokens))
        self.figures.setText(" · ".join(parts) if parts else " ")
        if self.dirty:
            self.preview.setPlainText(self.buffer[-PREVIEW_CHARS:])
            self.preview.verticalScrollBar().setValue(self.preview.verticalScrollBar().maximum())
            self.dirty = False


def advice(kind: str | None) -> str:
    """What the user can do about a failed agent, in plain words."""
    words = {
        "auth": t("Open Settings and enter a valid Gemini API key."),
        "quota": t(
            "The key's quota is used up for now: wait the time shown, then retry "
            "(or choose the free-tier pace in Settings).",
        ),
        "network": t(
            "No connection: retry when you are online, or complete the missing sections "
            "with the offline draft.",
        ),
        "unavailable": t(
            "The service is overloaded: retry in a few minutes or use the offline draft.",
        ),
        "timeout": t("The model took too long: retry, or use the offline draft."),
        "model": t("This model is not available: choose another one in Settings."),
    }
    return words.get(kind or "", "")


class GenerationPage(QWidget):
    open_plan = Signal(int)
    review_sources = Signal(int)  # open the plan at its public sources
    open_settings = Signal()
    back = Signal()
    finished = Signal(object)  # RunOutcome

    def __init__(
        self,
        service: Service,
        runner: TaskRunner,
        writer_factory: Callable[[str | None], Any],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.runner = runner
        self.writer_factory = writer_factory
        self.bridge = EventBridge(self)
        self.bridge.event.connect(self._on_event, Qt.ConnectionType.QueuedConnection)
        self.run_id = 0
        self.cancel_token: CancelToken | None = None
        self.outcome: RunOutcome | None = None
        self.provider: str | None = None
        self.running = False
        self.partial = False
        self.broken = False  # the run itself could not start or stopped (no outcome)
        self._again: Callable[[str | None], bool] | None = None  # what "Retry" repeats
        self._plan_id: int | None = None

        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        self.title.setWordWrap(True)
        self.subtitle = QLabel()
        self.subtitle.setObjectName("hint")
        self.progress = QProgressBar()
        self.progress.setRange(0, len(AgentName))
        self.progress.setAccessibleName(self.tr("Overall progress"))
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.cards = {agent: AgentCard(agent) for agent in AgentName}
        self.grid = QGridLayout()
        self._arrange(list(AgentName))
        self.cancel_button = QPushButton(icon("cancel"), self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.cancel)
        self.retry_button = QPushButton(icon("retry"), self.tr("Retry failed sections"))
        self.retry_button.clicked.connect(lambda: self.retry(None))
        self.offline_button = QPushButton(self.tr("Use the offline draft"))
        self.offline_button.clicked.connect(lambda: self.retry("offline"))
        self.settings_button = QPushButton(icon("settings"), self.tr("Open Settings"))
        self.settings_button.clicked.connect(self.open_settings.emit)
        self.switch_button = QPushButton(icon("retry"), "")
        self.switch_button.clicked.connect(self.switch_model)
        self.back_button = QPushButton(icon("back"), self.tr("Back to the library"))
        self.back_button.clicked.connect(self.back.emit)
        self.open_button = QPushButton(icon("plan", "#FFFFFF"), self.tr("Open the plan"))
        self.open_button.setObjectName("primary")
        self.open_button.clicked.connect(self._open)
        self.review_button = QPushButton(icon("search"), self.tr("Review public sources"))
        self.review_button.setToolTip(
            self.tr("Facts found on public web pages: they enter the plan once you accept them")
        )
        self.review_button.clicked.connect(self._review)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        for button in (
            self.cancel_button,
            self.switch_button,
            self.settings_button,
            self.offline_button,
            self.retry_button,
            self.review_button,
            self.open_button,
        ):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addLayout(self.grid, 1)
        layout.addLayout(buttons)
        self.tick = QTimer(self)
        self.tick.setInterval(TICK_MS)
        self.tick.timeout.connect(self._tick)
        self._buttons_for(running=False)

    # --- starting -----------------------------------------------------------------------

    def _arrange(self, agents: list[AgentName]) -> None:
        """Show only the agents this run involves, packed in reading order."""
        for card in self.cards.values():
            self.grid.removeWidget(card)
            card.setVisible(card.agent in agents)
        for n, agent in enumerate(agents):
            self.grid.addWidget(self.cards[agent], n // 3, n % 3)

    def _reset(self, title: str, provider: str | None) -> bool:
        if self.running:
            return False
        self.run_id += 1
        self.outcome = None
        self.broken = False
        self.provider = provider
        self.title.setText(title)
        for card in self.cards.values():
            card.started_at = None
            card.elapsed_ms = card.tokens = 0
            card.buffer = ""
            card.dirty = True
            card.error_kind = None
            card.replacement = None
            card.set_state("waiting")
        self.progress.setValue(0)
        self.status.setText(self.tr("Starting…"))
        return True

    def _describe(self, provider: str | None) -> None:
        """Say who writes; the writer itself is built on the pool (the SDK import is slow)."""
        choice = self.service.writer_choice(provider=provider)
        label = {"offline": self.tr("the offline composer")}.get(choice.provider, choice.provider)
        model = choice.resolved_model()
        self.subtitle.setText(
            self.tr("Written by {who}").format(who=label + (f" ({model})" if model else ""))
        )
        self.provider = choice.provider

    def start_new(
        self, club: ClubProfile, language: str = "it", provider: str | None = None
    ) -> bool:
        if not self._reset(self.tr("Writing the plan for {club}").format(club=club.name), provider):
            return False
        self._describe(provider)
        self._arrange(list(AgentName))
        self._again = lambda again: self.start_new(club, language, again)
        factory = self.writer_factory
        self.partial = False
        emit, token = self._sink()
        concurrency = self.service.app_settings().concurrency
        service = self.service  # the op runs on a pool thread: no widget access there

        def op() -> RunOutcome:
            writer = factory(provider)
            summary, result = service.generate_plan(
                club,
                writer,
                language=Language(language),
                emit=emit,
                cancel=token,
                concurrency=concurrency,
            )
            return RunOutcome(
                summary.id,
                [a.value for a in result.orchestration.failed],
                result.orchestration.cancelled,
                version=1,
                to_review=len(result.plan.research.proposed()),
            )

        self._run(op, None)
        return True

    def start_resume(self, plan_id: int, provider: str | None = None) -> bool:
        """Complete the failed or missing sections of a saved plan."""
        started = self._start_rerun(
            plan_id,
            self.tr("Completing the plan for {club}"),
            provider,
            None,
            lambda service, writer, **run: service.resume_plan(plan_id, writer, **run),
        )
        if started:
            self._again = lambda again: self.start_resume(plan_id, again)
        return started

    def start_regenerate(self, plan_id: int, section: str, provider: str | None = None) -> bool:
        """Rewrite one section (the coordinator then refreshes the summary)."""
        started = self._start_rerun(
            plan_id,
            self.tr("Rewriting a section of {club}"),
            provider,
            section,
            lambda service, writer, **run: service.regenerate_section(
                plan_id, section, writer, **run
            ),
        )
        if started:
            self._again = lambda again: self.start_regenerate(plan_id, section, again)
        return started

    def _start_rerun(
        self,
        plan_id: int,
        title: str,
        provider: str | None,
        section: str | None,
        rerun: Callable[..., tuple[Any, Any]],
    ) -> bool:
        """Shared by resume and regenerate: both rerun some agents on a saved plan."""
        summary = self.service.get_plan(plan_id).summary
        if not self._reset(title.format(club=summary.club_name), provider):
            return False
        self._plan_id = plan_id
        self._describe(provider)
        self._arrange(self.service.rerun_agents(plan_id, section) or list(AgentName))
        factory = self.writer_factory
        self.partial = True
        emit, token = self._sink()
        concurrency = self.service.app_settings().concurrency
        service = self.service  # the op runs on a pool thread: no widget access there

        def op() -> RunOutcome:
            version, result = rerun(
                service, factory(provider), emit=emit, cancel=token, concurrency=concurrency
            )
            if result is None:  # resume on a plan with nothing missing
                return RunOutcome(plan_id, nothing_to_do=True)
            return RunOutcome(
                plan_id,
                [a.value for a in result.orchestration.failed],
                result.orchestration.cancelled,
                saved=result.wrote_anything,
                version=version.number,
            )

        self._run(op, plan_id)
        return True

    def _sink(self) -> tuple[Callable[[GenerationEvent], None], CancelToken]:
        run_id = self.run_id
        signal = self.bridge.event
        token = CancelToken()
        self.cancel_token = token

        def emit(event: GenerationEvent) -> None:  # called on pool threads
            signal.emit(run_id, event)

        return emit, token

    def _run(self, op: Callable[[], RunOutcome], plan_id: int | None) -> None:
        self.running = True
        self._plan_id = plan_id
        self._buttons_for(running=True)
        self.tick.start()
        run_id = self.run_id
        self.runner.run(
            op,
            success=lambda outcome: self._done(run_id, outcome),
            failure=lambda error: self._failed(run_id, error),
            parent=self,
            key="generation",
        )

    # --- events -------------------------------------------------------------------------

    def _on_event(self, run_id: int, event: GenerationEvent) -> None:
        if run_id != self.run_id:
            return  # a late event of an earlier run
        card = self.cards[event.agent]
        lang = i18n.current()
        if event.kind is EventKind.STARTED:
            card.started_at = time.monotonic()
            card.set_state("running")
        elif event.kind is EventKind.TEXT:
            card.buffer = (card.buffer + event.text)[-PREVIEW_CHARS * 2 :]
            card.dirty = True
        elif event.kind is EventKind.FINISHED:
            card.elapsed_ms, card.tokens = event.elapsed_ms, event.tokens
            card.set_state("done")
        elif event.kind is EventKind.FAILED:
            card.elapsed_ms = event.elapsed_ms
            card.error_kind = event.error_kind
            card.replacement = event.replacement
            text = event.message(lang)
            hint = advice(event.error_kind)
            card.set_state("failed", f"{text} {hint}".strip())
        elif event.kind is EventKind.CANCELLED:
            card.elapsed_ms = event.elapsed_ms
            card.set_state("cancelled")
        self._update_progress()

    def _update_progress(self) -> None:
        cards = list(self.cards.values())
        finished = sum(1 for c in cards if c.state in ("done", "failed", "cancelled"))
        involved = sum(1 for c in cards if c.state != "waiting") if self.partial else len(cards)
        self.progress.setRange(0, max(1, involved))
        self.progress.setValue(finished)
        running = [c.agent.label(i18n.current()) for c in cards if c.state == "running"]
        if self.running:
            self.status.setText(
                self.tr("Writing: {agents}").format(agents=", ".join(running))
                if running
                else self.tr("Waiting for the next agent…")
            )

    def _tick(self) -> None:
        for card in self.cards.values():
            if card.state == "running" or card.dirty:
                card.refresh()

    # --- end ----------------------------------------------------------------------------

    def _done(self, run_id: int, outcome: RunOutcome) -> None:
        if run_id != self.run_id:
            return
        self.running = False
        self.tick.stop()
        self._tick()
        self.outcome = outcome
        self._plan_id = outcome.plan_id
        if outcome.plan_id is not None and not self.partial:
            plan_id = outcome.plan_id  # the plan exists now: "Retry" completes it
            self._again = lambda again: self.start_resume(plan_id, again)
        for card in self.cards.values():
            if card.state == "waiting":
                card.set_state("kept" if self.partial else "cancelled")
            elif card.state == "running":
                card.set_state("cancelled")
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        if outcome.nothing_to_do:
            self.status.setText(self.tr("Nothing to complete: every section is there."))
        elif not outcome.saved:
            self.status.setText(
                self.tr(
                    "Nothing was rewritten: the plan is unchanged (version {n}). "
                    "The reason is on each card."
                ).format(n=outcome.version)
            )
        elif outcome.cancelled:
            self.status.setText(
                self.tr(
                    "Cancelled. The plan is saved with what was finished; "
                    "'Retry failed sections' completes the rest."
                )
            )
        elif outcome.failed and self.partial:
            self.status.setText(
                self.tr(
                    "Saved as version %n, with what was rewritten. Where a section could "
                    "not be rewritten, its earlier text is kept.",
                    "",
                    outcome.version or 0,
                )
            )
        elif outcome.failed:
            self.status.setText(
                self.tr(
                    "The plan is saved, but %n section(s) failed and are marked in the plan. "
                    "Retry them, or complete them with the offline draft.",
                    "",
                    len(outcome.failed),
                )
            )
        else:
            self.status.setText(self.tr("Done: the plan is saved."))
        if outcome.to_review and outcome.plan_id is not None:
            self.status.setText(
                self.status.text()
                + " "
                + self.tr(
                    "%n fact(s) from public sources to review.",
                    "",
                    outcome.to_review,
                )
            )
        self._show_cost(outcome.plan_id)
        self._buttons_for(running=False)
        self.finished.emit(outcome)

    def _show_cost(self, plan_id: int | None) -> None:
        """The run's estimated cost beside the figures (a model's plan; offline is free)."""
        runs = self.service.generation_runs(plan_id) if plan_id is not None else []
        if runs and runs[-1].provider != "offline":
            text = cost_text(runs[-1].cost_eur, i18n.current())
            self.status.setText(
                self.status.text() + " " + self.tr("Model cost: {cost}.").format(cost=text)
            )

    def _failed(self, run_id: int, error: BaseException) -> None:
        if run_id != self.run_id:
            return
        self.running = False
        self.broken = True
        self.tick.stop()
        for card in self.cards.values():
            if card.state in ("waiting", "running"):
                card.set_state("not_started")
        reason = user_message(error)
        if reason is None:  # a bug: the dialog offers the details to send
            show_error(self, error)
            reason = self.tr("The plan could not be written.")
        saved = self.tr("Nothing was changed in the plan.") if self.partial else ""
        self.status.setText(
            f"{reason} {saved} "
            + self.tr("Check the settings, or use the offline draft, which needs no connection.")
        )
        self._buttons_for(running=False)

    def _buttons_for(self, running: bool) -> None:
        """After a run, every way on: retry, settings, the offline draft, the plan itself."""
        outcome = self.outcome
        failed = self.broken or bool(
            outcome and (outcome.failed or outcome.cancelled or not outcome.saved)
        )
        plan_id = outcome.plan_id if outcome else self._plan_id
        auth = self.broken or any(c.error_kind in ("auth", "model") for c in self.cards.values())
        done = not running
        self.cancel_button.setVisible(running)
        self.cancel_button.setEnabled(running)
        self.retry_button.setVisible(done and failed and self._again is not None)
        self.offline_button.setVisible(done and failed and self.provider != "offline")
        self.settings_button.setVisible(done and auth)
        replacement = self.replacement()
        self.switch_button.setVisible(done and failed and replacement is not None)
        if replacement:
            self.switch_button.setText(self.tr("Use {model} and retry").format(model=replacement))
        self.open_button.setVisible(done and plan_id is not None)
        self.review_button.setVisible(
            done and plan_id is not None and bool(outcome and outcome.to_review)
        )
        self.back_button.setEnabled(done)
        if done and plan_id is not None:
            self.open_button.setFocus()

    def cancel(self) -> None:
        if self.cancel_token is not None and self.running:
            self.cancel_token.cancel()
            self.cancel_button.setEnabled(False)
            self.status.setText(self.tr("Cancelling… the sections already written are kept."))

    def replacement(self) -> str | None:
        """The model a retired one's error named (the same for every agent of a run)."""
        return next((c.replacement for c in self.cards.values() if c.replacement), None)

    def switch_model(self) -> None:
        """One click: store the newest model the key can use, then retry what failed."""
        model = self.replacement()
        if model is None:
            return
        settings = self.service.app_settings()
        self.service.save_app_settings(replace(settings, gemini_model=model))
        self.retry(None)

    def retry(self, provider: str | None) -> None:
        """Repeat what failed: complete a saved plan, rewrite the section, or start again."""
        if self._again is not None and not self.running:
            self._again(provider or self.provider)

    def _open(self) -> None:
        plan_id = self.outcome.plan_id if self.outcome else self._plan_id
        if plan_id is not None:
            self.open_plan.emit(plan_id)

    def _review(self) -> None:
        if self.outcome is not None and self.outcome.plan_id is not None:
            self.review_sources.emit(self.outcome.plan_id)

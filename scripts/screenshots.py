"""Render the app's main screens to PNG for the README (offscreen, no display needed).

Run: ``python scripts/screenshots.py [--out docs/screenshots] [--language it|en]``

It builds a throw-away data folder with plans written by the offline
composer, opens each screen in the real main window and saves what Qt
paints. The generation screen is caught mid-run with a writer that paces
the offline composer like a model would stream.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from desktop import i18n
from desktop.main_window import MainWindow
from desktop.theme import apply_theme, force_dark
from engine.agents.writers import OfflineWriter
from engine.domain import PlanStatus, load_club_file
from engine.licence import current_licence
from engine.paths import resource_path
from engine.service import Service

SIZE = (1280, 800)


class PacedWriter(OfflineWriter):
    """The offline composer, slowed down and streamed in chunks (for the picture only)."""

    def __init__(self, seconds: dict[str, float]) -> None:
        self.seconds = seconds

    def write(self, agent, ctx, prior, on_text, cancel):
        output = super().write(agent, ctx, prior, lambda _text: None, cancel)
        text = getattr(output.section, "intro", "") or getattr(output.section, "commentary", "")
        text = text or getattr(output.section, "vision", "")
        pause = self.seconds.get(agent.value, 0.2)
        for n in range(0, len(text), 40):
            on_text(text[n : n + 40])
            if cancel.wait(pause / max(1, len(text) // 40)):
                break
        return output


def settle(ms: int = 150) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def save(widget: QWidget, out: Path, name: str) -> Path:
    settle()
    path = out / f"{name}.png"
    widget.grab().save(str(path))
    print(f"  {path}")
    return path


def step(window: MainWindow, key: str) -> int:
    """The questionnaire step called ``key`` (the board's goals are "board")."""
    return next(n for n, s in enumerate(window.wizard.steps) if s.key == key)


def fill(service: Service) -> int:
    writer = OfflineWriter()
    first = None
    for name in ("pallavolo-ssd", "nuoto-piscina-comunale-asd", "calcio-giovanile-asd"):
        club = load_club_file(resource_path("examples", f"{name}.json"))
        summary, _ = service.generate_plan(club, writer, emit=lambda e: None)
        first = first or summary.id
        last = summary.id
    service.set_status(first, PlanStatus.APPROVED)
    return last


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="docs/screenshots")
    parser.add_argument("--language", default="it", choices=("it", "en"))
    parser.add_argument("--dark", action="store_true", help="render with the dark palette")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv)
    force_dark(True if args.dark else None)
    i18n.install_translators(app, args.language)
    apply_theme(app)
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        empty_service = Service(home / "empty")
        licence = current_licence(home / "empty")
        window = MainWindow(empty_service, args.language, licence=licence)
        window.resize(*SIZE)
        window.show()
        save(window, out, "empty-library")
        window.close()
        empty_service.close()

        service = Service(home / "data", watermark=True)
        plan_id = fill(service)
        window = MainWindow(service, args.language, licence=licence)
        window.resize(*SIZE)
        window.show()
        window.show_library()
        save(window, out, "library")

        window.new_plan_from_file(resource_path("examples", "calcio-giovanile-asd.json"))
        window.wizard.go_to(1)
        save(window, out, "wizard")
        window.wizard.go_to(step(window, "board"))
        save(window, out, "wizard-board")
        broken = window.wizard.document()
        broken["people"]["left_this_season"] = 900
        broken["identity"]["reference_season"] = "2025/27"
        window.wizard.load_document(broken)
        window.wizard.go_to_review()
        save(window, out, "wizard-review")

        service.max_clubs = None
        club = load_club_file(resource_path("examples", "polisportiva-piccola-dati-parziali.json"))
        window.generation.writer_factory = lambda _p: PacedWriter(
            {"sports": 0.6, "infrastructure": 5, "marketing": 5, "social": 5, "financial": 0.4}
        )
        window.generation.start_new(club)
        window.stack.setCurrentWidget(window.generation)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            settle(100)
            states = [c.state for c in window.generation.cards.values()]
            if states.count("done") >= 2:
                break
        settle(400)
        save(window, out, "generation")
        window.generation.cancel()
        while window.generation.running:
            settle(100)

        window.open_plan(plan_id)
        save(window, out, "plan-summary")
        window.plan_view.select("objective:SP2")
        save(window, out, "plan-objective")
        window.plan_view.start_editing()
        save(window, out, "plan-edit")
        window.plan_view.stop_editing()
        window.plan_view.select("finance")
        save(window, out, "finance")
        finance = window.plan_view.finance
        settle(300)
        finance.show_what_if()
        if finance.what_if is not None:
            finance.what_if.spins["members"].setValue(8.0)
            finance.what_if.delay.setCurrentIndex(1)
        save(window, out, "finance-whatif")

        document = service.get_plan(plan_id)
        plan = document.plan
        areas = list(plan.areas)
        objective = areas[0].objectives[1]
        kpi = objective.kpis[0]
        from engine.domain.sourced import SourcedValue

        targets = [SourcedValue.edited(300, kpi.unit), *kpi.targets[1:]]
        new_kpi = kpi.model_copy(update={"targets": targets})
        objective = objective.model_copy(
            update={
                "kpis": [new_kpi, *objective.kpis[1:]],
                "title": objective.title + " e fidelizzazione",
            }
        )
        areas[0] = areas[0].model_copy(
            update={"objectives": [areas[0].objectives[0], objective, *areas[0].objectives[2:]]}
        )
        service.save_version(plan_id, plan.model_copy(update={"areas": areas}), "edited SP2")
        window.plan_view.reload()
        history = window.plan_view.open_history()
        history.resize(1100, 700)
        save(history, out, "history")
        history.close()

        dialog = window.export_plan(plan_id)
        save(dialog, out, "export")
        dialog.close()
        settings = window.open_settings()
        save(settings, out, "settings")
        settings.close()
        licence_dialog = window.open_licence()
        save(licence_dialog, out, "licence")
        licence_dialog.close()
        window.close()
        service.close()
    QCoreApplication.processEvents()


if __name__ == "__main__":
    main()

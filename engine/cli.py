"""The headless commands of ``rooting-future`` (``desktop.launcher`` opens the app without one).

Exit codes: 0 success, 1 a problem the store or licence reports, 2 bad input
(an invalid file, an unknown plan or version). Users never see a traceback:
unexpected errors are logged to the data folder and summarised in one line.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import json
import logging
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TextIO

from engine import cli_finance, cli_monitoring, cli_research, formatting, paths
from engine.agents.texts import pick
from engine.agents.writers import SectionWriter
from engine.domain import DomainValidationError, Language, PlanStatus
from engine.domain.plan import ScenarioKind
from engine.domain.sourced import SourcedValue, bands_not_given
from engine.export.errors import ExportError
from engine.facts import ClubFacts
from engine.finance.words import money
from engine.generation import GenerationResult
from engine.licence import banner, current_licence, trusted_keys_path
from engine.llm.base import CancelToken
from engine.logs import configure_logging
from engine.monitoring.model import Review
from engine.orchestrator import EventKind, GenerationEvent
from engine.service import PlanDocument, Service, ServiceError
from engine.settings import PROVIDERS, THINKING_LEVELS, AppSettings
from engine.settings import defaults as provider_defaults
from engine.storage.plans import SortKey
from engine.usage import cost_text
from engine.vendor import vendor
from licensing.cli import add_licence_parser, run_licence_command
from licensing.secrets import SecretStoreUnavailable

EXIT_OK, EXIT_PROBLEM, EXIT_BAD_INPUT, EXIT_PARTIAL = 0, 1, 2, 3
LANGUAGE_ENV = "ROOTING_FUTURE_LANGUAGE"
# Error codes that mean "what you gave me is wrong" (exit 2) rather than "something failed".
BAD_INPUT_CODES = frozenset(
    {"not_found", "bad_input", "conflict", "bad_format", "bad_logo", "bad_colour"}
)

log = logging.getLogger("rooting_future.cli")


class Console:
    """Where a command writes, in the user's language."""

    def __init__(self, language: str, out: TextIO, err: TextIO) -> None:
        self.language = language
        self.out = out
        self.err = err

    def say(self, it: str, en: str) -> None:
        print(it if self.language == "it" else en, file=self.out)

    def warn(self, it: str, en: str) -> None:
        print(it if self.language == "it" else en, file=self.err)

    def json(self, data: object) -> None:
        print(json.dumps(data, ensure_ascii=False, indent=2, default=str), file=self.out)


def _common(default: object = None) -> argparse.ArgumentParser:
    """``--home`` and ``--language``, accepted before and after any command.

    The main parser's copy has a real default; the copies on subcommands default to
    ``argparse.SUPPRESS``, so a subcommand leaves an option given before it alone and
    one given after it wins (argparse copies a subcommand's values over the main ones).
    """
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--home",
        metavar="DIR",
        default=default,
        help="data folder (default: the user data folder)",
    )
    common.add_argument(
        "--language",
        choices=("it", "en"),
        default=default,
        help="language of messages (default: it)",
    )
    return common


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="rooting-future",
        description="Piani strategici triennali per società sportive / "
        "Three-season strategic plans for sports clubs. Without a command: the desktop app. "
        "--home and --language go before or after the command (after wins if both).",
        parents=[_common()],
    )
    common = _common(argparse.SUPPRESS)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    club = commands.add_parser("club", help="club profile files", parents=[common])
    club_commands = club.add_subparsers(dest="club_command", metavar="ACTION", required=True)
    validate = club_commands.add_parser(
        "validate", help="check a club file and list every problem", parents=[common]
    )
    validate.add_argument("file", type=Path)
    validate.add_argument("--json", action="store_true", help="machine-readable output")

    listing = commands.add_parser("list", help="plans in the local store", parents=[common])
    listing.add_argument("--search", metavar="Q", help="full-text search (club, titles, text)")
    listing.add_argument("--sport", metavar="S")
    listing.add_argument("--status", choices=[s.value for s in PlanStatus])
    listing.add_argument("--trash", action="store_true", help="list the trash instead")
    listing.add_argument("--sort", choices=[s.value for s in SortKey], default="updated")
    listing.add_argument("--limit", type=int, default=50)
    listing.add_argument("--offset", type=int, default=0)
    listing.add_argument("--json", action="store_true")

    show = commands.add_parser("show", help="one plan", parents=[common])
    show.add_argument("plan_id", type=int, metavar="PLAN_ID")
    show.add_argument("--version", type=int, metavar="N")
    show.add_argument("--json", action="store_true", help="the whole plan as JSON")

    versions = commands.add_parser("versions", help="a plan's version history", parents=[common])
    versions.add_argument("plan_id", type=int, metavar="PLAN_ID")
    versions.add_argument("--json", action="store_true")

    for name, text in (("delete", "move a plan to the trash"), ("restore", "bring it back")):
        sub = commands.add_parser(name, help=text, parents=[common])
        sub.add_argument("plan_id", type=int, metavar="PLAN_ID")

    restore_version = commands.add_parser(
        "restore-version", help="make an old version current again", parents=[common]
    )
    restore_version.add_argument("plan_id", type=int, metavar="PLAN_ID")
    restore_version.add_argument("version", type=int, metavar="N")

    empty = commands.add_parser(
        "empty-trash", help="delete trashed plans for good", parents=[common]
    )
    empty.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    importer = commands.add_parser("import-plan", help="import a plan JSON file", parents=[common])
    importer.add_argument("file", type=Path)

    exporter = commands.add_parser("export-json", help="write a plan as JSON", parents=[common])
    exporter.add_argument("plan_id", type=int, metavar="PLAN_ID")
    exporter.add_argument("--version", type=int, metavar="N")
    exporter.add_argument("--out", type=Path, metavar="FILE", help="default: standard output")

    generation_options = argparse.ArgumentParser(add_help=False)
    generation_options.add_argument(
        "--provider", choices=PROVIDERS, default=None, help="offline (default), gemini or local"
    )
    generation_options.add_argument("--model", metavar="M", help="model name (gemini/local)")
    generation_options.add_argument(
        "--concurrency", type=int, metavar="N", help="agents running at once (default 5)"
    )
    generation_options.add_argument(
        "--rate",
        choices=("default", "free_tier", "local"),
        help="request pacing preset (free_tier: ~8 requests/min)",
    )
    generation_options.add_argument(
        "--no-cache", action="store_true", help="ignore cached AI answers"
    )
    generation_options.add_argument(
        "--verbose", action="store_true", help="show the text as agents stream it"
    )

    plan = commands.add_parser(
        "plan", help="write a plan from a club file", parents=[common, generation_options]
    )
    plan.add_argument("club_file", type=Path, metavar="CLUB.json")
    plan.add_argument(
        "--export", metavar="FORMATS", help="also export: pdf,docx,onepager,html,zip (or all)"
    )
    plan.add_argument("--out", type=Path, metavar="DIR", help="export folder (default: .)")
    plan.add_argument(
        "--accept-research",
        action="store_true",
        help="use every public fact found (tier 2); by default none is used until accepted",
    )
    plan.add_argument(
        "--no-research", action="store_true", help="do not search public sources (Gemini)"
    )

    export = commands.add_parser("export", help="render a plan to files", parents=[common])
    export.add_argument("plan_id", type=int, metavar="PLAN_ID")
    export.add_argument(
        "--format",
        default="pdf",
        metavar="FORMATS",
        help="pdf,docx,onepager,html,zip or all (default: pdf)",
    )
    export.add_argument("--out", type=Path, default=Path("."), metavar="DIR")
    export.add_argument("--version", type=int, metavar="N")
    export.add_argument(
        "--logo",
        type=Path,
        metavar="FILE",
        help="club logo (PNG, JPEG or SVG) when the plan's is not found",
    )
    export.add_argument(
        "--no-cache",
        action="store_true",
        help="render afresh instead of reusing files already rendered for this version",
    )

    cli_finance.add_parser(commands, common)
    cli_research.add_parser(commands, common)
    cli_monitoring.add_parsers(commands, common)
    settings = commands.add_parser(
        "settings",
        help="show or change the stored settings (shared with the desktop app)",
        parents=[common],
    )
    settings.add_argument("--gemini-model", metavar="M", help="Gemini model ('' for the default)")
    settings.add_argument(
        "--thinking-level",
        choices=[*THINKING_LEVELS, "default"],
        help="how much Gemini 3+ models think before answering (low keeps plans fast)",
    )
    settings.add_argument(
        "--research",
        choices=("on", "off"),
        help="with Gemini, search public sources for each new plan (tier 2)",
    )
    settings.add_argument("--json", action="store_true")
    resume = commands.add_parser(
        "resume", help="complete a plan's failed sections", parents=[common, generation_options]
    )
    resume.add_argument("plan_id", type=int, metavar="PLAN_ID")

    regenerate = commands.add_parser(
        "regenerate", help="rewrite one section of a plan", parents=[common, generation_options]
    )
    regenerate.add_argument("plan_id", type=int, metavar="PLAN_ID")
    regenerate.add_argument(
        "section",
        metavar="SECTION",
        help="sports, infrastructure, marketing, social, financial, summary",
    )

    add_licence_parser(commands, parents=[common])
    return parser


# --- commands ------------------------------------------------------------------------


def _members_words(members: SourcedValue, language: Language) -> str:
    """ "almeno 99 tesserati (2 fasce d'età non indicate)", or that the count is missing."""
    if members.value is None:
        return pick(language, "tesserati da indicare", "members not given")
    count = formatting.figure(members, language)
    return f"{count} {pick(language, 'tesserati', 'members')}" + bands_not_given(
        members.bands_missing, language
    )


def cmd_club_validate(args: argparse.Namespace, console: Console) -> int:
    try:
        club = Service.validate_club_file(args.file)
    except DomainValidationError as error:
        if args.json:
            console.json({"valid": False, "issues": [i.as_dict() for i in error.issues]})
        else:
            print(error.render(console.language), file=console.err)
        return EXIT_BAD_INPUT
    if args.json:
        console.json({"valid": True, "club": club.name, "size_band": club.size_band().value})
    else:
        members = ClubFacts(club).figure("members_total")
        console.say(
            f"{club.name}: file valido ({_members_words(members, Language.IT)}).",
            f"{club.name}: valid file ({_members_words(members, Language.EN)}).",
        )
    return EXIT_OK


def cmd_list(args: argparse.Namespace, console: Console, service: Service) -> int:
    page = service.list_plans(
        search=args.search,
        sport=args.sport,
        status=PlanStatus(args.status) if args.status else None,
        trash=args.trash,
        sort=SortKey(args.sort),
        descending=args.sort != SortKey.CLUB.value,
        limit=max(1, min(args.limit, 1000)),
        offset=max(0, args.offset),
        with_total=True,
    )
    if args.json:
        console.json({"total": page.total, "plans": [row.as_dict() for row in page.rows]})
        return EXIT_OK
    if not page.rows:
        console.say("Nessun piano trovato.", "No plans found.")
        return EXIT_OK
    for row in page.rows:
        edited = row.updated_at.strftime("%Y-%m-%d %H:%M")
        print(
            f"{row.id:>6}  {row.club_name[:40]:<40}  {row.sport[:14]:<14}  {row.seasons:<17}  "
            f"v{row.current_version:<3} {row.status:<8}  {edited}",
            file=console.out,
        )
    console.say(
        f"{len(page.rows)} di {page.total} piani.", f"{len(page.rows)} of {page.total} plans."
    )
    return EXIT_OK


def _print_plan(document: PlanDocument, console: Console) -> None:
    plan, summary, version = document.plan, document.summary, document.version
    lang = console.language
    console.say(
        f"{plan.title}\n{plan.club.name} - stagioni {plan.seasons_label} - versione "
        f"{version.number} di {summary.current_version} ({version.source}) - {summary.status}",
        f"{plan.title}\n{plan.club.name} - seasons {plan.seasons_label} - version "
        f"{version.number} of {summary.current_version} ({version.source}) - {summary.status}",
    )
    generator = plan.generation.provider + (
        f" / {plan.generation.model}" if plan.generation.model else ""
    )
    console.say(f"Generato con: {generator}", f"Generated with: {generator}")
    if plan.executive_summary.vision:
        console.say(
            f"\nVisione: {plan.executive_summary.vision}",
            f"\nVision: {plan.executive_summary.vision}",
        )
    for section in plan.areas:
        print(f"\n{section.area.label(lang)} [{section.status.value}]", file=console.out)
        for objective in section.objectives:
            print(
                f"  {objective.code:<4} P{objective.priority}  {objective.title}", file=console.out
            )
    pending = plan.failed_sections()
    if pending:
        console.say(
            f"\nSezioni da completare: {', '.join(pending)}",
            f"\nSections to complete: {', '.join(pending)}",
        )
    if plan.warnings:
        console.say(f"\nAvvisi ({len(plan.warnings)}):", f"\nWarnings ({len(plan.warnings)}):")
        for warning in plan.warnings:
            print(f"  - {warning.message}", file=console.out)
    if plan.data_gaps:
        console.say(
            f"\nDati da acquisire: {len(plan.data_gaps)}",
            f"\nData to collect: {len(plan.data_gaps)}",
        )


def cmd_show(args: argparse.Namespace, console: Console, service: Service) -> int:
    if args.json:
        print(service.export_plan_json(args.plan_id, args.version), file=console.out)
        return EXIT_OK
    _print_plan(service.get_plan(args.plan_id, args.version), console)
    return EXIT_OK


def cmd_versions(args: argparse.Namespace, console: Console, service: Service) -> int:
    versions = service.versions(args.plan_id)
    if args.json:
        console.json([v.as_dict() for v in versions])
        return EXIT_OK
    for version in versions:
        when = version.created_at.strftime("%Y-%m-%d %H:%M:%S")
        note = f"  {version.reason}" if version.reason else ""
        print(
            f"v{version.number:<4} {when}  {version.source:<9} {version.size_bytes:>8} B{note}",
            file=console.out,
        )
    return EXIT_OK


def cmd_delete(args: argparse.Namespace, console: Console, service: Service) -> int:
    summary = service.delete_plan(args.plan_id)
    console.say(
        f"Piano {summary.id} ({summary.club_name}) spostato nel cestino: "
        f"'rooting-future restore {summary.id}' lo ripristina.",
        f"Plan {summary.id} ({summary.club_name}) moved to the trash: "
        f"'rooting-future restore {summary.id}' brings it back.",
    )
    return EXIT_OK


def cmd_restore(args: argparse.Namespace, console: Console, service: Service) -> int:
    summary = service.restore_plan(args.plan_id)
    console.say(f"Piano {summary.id} ripristinato.", f"Plan {summary.id} restored.")
    return EXIT_OK


def cmd_restore_version(args: argparse.Namespace, console: Console, service: Service) -> int:
    version = service.restore_version(args.plan_id, args.version)
    console.say(
        f"La versione {args.version} è ora la versione corrente {version.number}.",
        f"Version {args.version} is now current version {version.number}.",
    )
    return EXIT_OK


def cmd_empty_trash(args: argparse.Namespace, console: Console, service: Service) -> int:
    waiting = service.list_plans(trash=True, limit=1, with_total=True).total or 0
    if waiting == 0:
        console.say("Il cestino è vuoto.", "The trash is empty.")
        return EXIT_OK
    if not args.yes:
        console.warn(
            f"{waiting} piani verranno eliminati per sempre: ripetete con --yes per confermare.",
            f"{waiting} plans will be deleted for good: repeat with --yes to confirm.",
        )
        return EXIT_BAD_INPUT
    removed = service.empty_trash()
    console.say(f"{removed} piani eliminati per sempre.", f"{removed} plans deleted for good.")
    return EXIT_OK


def cmd_import_plan(args: argparse.Namespace, console: Console, service: Service) -> int:
    summary, created = service.import_plan_file(args.file)
    if created:
        console.say(
            f"Piano importato con numero {summary.id}.", f"Plan imported as number {summary.id}."
        )
    else:
        console.say(
            f"Il piano esisteva già (numero {summary.id}): il file è ora la sua versione corrente "
            "se era diverso.",
            f"The plan already existed (number {summary.id}): the file is now its current "
            "version if it differed.",
        )
    print(summary.id, file=console.out)
    return EXIT_OK


def cmd_export_json(args: argparse.Namespace, console: Console, service: Service) -> int:
    text = service.export_plan_json(args.plan_id, args.version)
    if args.out is None:
        print(text, file=console.out)
        return EXIT_OK
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    console.say(f"Piano scritto in {args.out}", f"Plan written to {args.out}")
    return EXIT_OK


class Progress:
    """Prints agent events as they happen (called from pool threads, hence the lock)."""

    def __init__(self, console: Console, verbose: bool) -> None:
        self.console = console
        self.verbose = verbose
        self.started = time.perf_counter()
        self.suggested: set[str] = set()  # replacement models already named
        self.lock = threading.Lock()

    def __call__(self, event: GenerationEvent) -> None:
        if event.kind is EventKind.TEXT and not self.verbose:
            return
        lang = self.console.language
        name = event.agent.label(lang)
        if event.kind is EventKind.STARTED:
            line = "avviato" if lang == "it" else "started"
        elif event.kind is EventKind.FINISHED:
            line = (
                f"completato in {event.elapsed_ms} ms, {event.tokens} token"
                if lang == "it"
                else f"done in {event.elapsed_ms} ms, {event.tokens} tokens"
            )
        elif event.kind is EventKind.TEXT:
            line = "» " + " ".join(event.text.split())[:100]
        elif event.kind is EventKind.CANCELLED:
            line = "annullato" if lang == "it" else "cancelled"
        else:
            line = ("ERRORE: " if lang == "it" else "FAILED: ") + event.message(lang)
            if event.replacement and event.replacement not in self.suggested:
                self.suggested.add(event.replacement)
                line += " " + (
                    f"Riprovate con --model {event.replacement}; per usarlo sempre: "
                    f"rooting-future settings --gemini-model {event.replacement}"
                    if lang == "it"
                    else f"Retry with --model {event.replacement}; to use it from now on: "
                    f"rooting-future settings --gemini-model {event.replacement}"
                )
        elapsed = time.perf_counter() - self.started
        with self.lock:
            print(f"[{elapsed:5.1f}s] {name}: {line}", file=self.console.out, flush=True)


def _settings(args: argparse.Namespace, stored: AppSettings) -> AppSettings:
    """The settings a command writes with: of the stored ones, those ``settings`` manages
    (Gemini's model, thinking level, research), the options given over them; the provider,
    a local server's model and address, and the cache come from the options or the embedded
    defaults only."""
    provider = args.provider or str(provider_defaults()["provider"])
    model = args.model or ""
    return AppSettings(
        provider=provider,
        gemini_model=(model if provider == "gemini" else "") or stored.gemini_model,
        local_model=model if provider == "local" else "",
        thinking_level=stored.thinking_level,
        research=stored.research and not getattr(args, "no_research", False),
        use_cache=not args.no_cache,
    )


def _writer(args: argparse.Namespace, service: Service, **changes: object) -> SectionWriter:
    """The writer of ``_settings`` (with ``changes``); the pacing comes from the options, or
    the embedded defaults, never from the settings the desktop stores."""
    settings = dataclasses.replace(_settings(args, service.app_settings()), **changes)
    return service.writer(
        settings,
        rate_preset=args.rate or provider_defaults()["rate_preset"],
        # one knob: agents at once = requests in flight at once; None: the preset's own
        max_concurrent=_concurrency(args) if args.concurrency else None,
    )


def _concurrency(args: argparse.Namespace) -> int:
    return max(1, min(args.concurrency or int(provider_defaults()["concurrency"]), 16))


@contextlib.contextmanager
def _cancel_on_interrupt(console: Console) -> Iterator[CancelToken]:
    """Ctrl+C cancels the agents promptly; what finished is still saved."""
    cancel = CancelToken()

    def interrupted(_signum: int, _frame: object) -> None:
        console.warn("Annullamento in corso...", "Cancelling...")
        cancel.cancel()

    previous = None
    if threading.current_thread() is threading.main_thread():
        previous = signal.signal(signal.SIGINT, interrupted)
    try:
        yield cancel
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)


def _report(result: GenerationResult, console: Console) -> int:
    pending = result.plan.failed_sections()
    wall = result.orchestration.wall_ms
    if not pending:
        console.say(f"Piano completo in {wall} ms.", f"Plan complete in {wall} ms.")
        return EXIT_OK
    console.warn(
        f"Sezioni da completare: {', '.join(pending)}. Riprovate con "
        "'rooting-future resume PLAN_ID'.",
        f"Sections to complete: {', '.join(pending)}. Retry with 'rooting-future resume PLAN_ID'.",
    )
    return EXIT_PARTIAL


def _say_cost(service: Service, console: Console, plan_id: int) -> None:
    """The last run's estimated cost, for a model-written plan (offline plans cost nothing)."""
    runs = service.generation_runs(plan_id)
    if runs and runs[-1].provider != "offline":
        cost = runs[-1].cost_eur
        console.say(
            f"Costo del modello ({runs[-1].model}): {cost_text(cost, 'it')}.",
            f"Model cost ({runs[-1].model}): {cost_text(cost, 'en')}.",
        )


def _export(
    service: Service,
    console: Console,
    plan_id: int,
    formats_text: str,
    out: Path,
    version: int | None = None,
    logo: Path | None = None,
    use_cache: bool = True,
) -> None:
    from engine.export import parse_formats

    files = service.export_plan(
        plan_id, parse_formats(formats_text), out, version, logo, use_cache=use_cache
    )
    _print_files(files, console, service)


def _club_logo(club_file: Path, logo: str | None) -> Path | None:
    """A logo path in a club file is relative to that file's folder."""
    if not logo:
        return None
    path = Path(logo)
    return path if path.is_absolute() else (club_file.parent / path).resolve()


def cmd_export(args: argparse.Namespace, console: Console, service: Service) -> int:
    _export(
        service,
        console,
        args.plan_id,
        args.format,
        args.out,
        args.version,
        args.logo,
        use_cache=not args.no_cache,
    )
    return EXIT_OK


def cmd_plan(args: argparse.Namespace, console: Console, service: Service) -> int:
    club = Service.validate_club_file(args.club_file)
    if args.export:
        from engine.export import parse_formats

        parse_formats(args.export)  # a typo fails now, not after the generation
    writer = _writer(args, service)
    with _cancel_on_interrupt(console) as cancel:
        summary, result = service.generate_plan(
            club,
            writer,
            language=Language(console.language),
            emit=Progress(console, args.verbose),
            cancel=cancel,
            concurrency=_concurrency(args),
        )
    code = _report(result, console)
    console.say(f"Piano salvato con numero {summary.id}.", f"Plan saved as number {summary.id}.")
    _say_research(service, console, summary.id, accept=args.accept_research)
    _say_cost(service, console, summary.id)
    if args.export:
        logo = _club_logo(args.club_file, club.identity.logo_file)
        _export(service, console, summary.id, args.export, args.out or Path("."), logo=logo)
    print(summary.id, file=console.out)
    return code


def _say_research(service: Service, console: Console, plan_id: int, *, accept: bool) -> None:
    """After a new plan: what tier 2 found, accepted at once with --accept-research."""
    research = service.research(plan_id)
    if not research.searched:
        console.say(research.reason, research.reason)
        return
    found = len(research.facts)
    if accept and found:
        service.review_research(plan_id, cli_research.decisions(research, ["all"], []))
        console.say(
            f"Fonti pubbliche: {found} fatti accettati (rooting-future research {plan_id}).",
            f"Public sources: {found} facts accepted (rooting-future research {plan_id}).",
        )
        return
    console.say(
        f"Fonti pubbliche: {found} fatti da rivedere (rooting-future research {plan_id}).",
        f"Public sources: {found} facts to review (rooting-future research {plan_id}).",
    )


def cmd_research(args: argparse.Namespace, console: Console, service: Service) -> int:
    """The plan's public facts; --accept/--reject save the decisions (``engine.cli_research``)."""
    research = service.research(args.plan_id)
    chosen = cli_research.decisions(research, args.accept, args.reject)
    if chosen:
        version = service.review_research(args.plan_id, chosen)
        research = service.research(args.plan_id)
        console.say(f"Salvata la versione {version.number}.", f"Saved version {version.number}.")
    if args.json:
        console.json(cli_research.as_json(research))
    else:
        for line in cli_research.lines(research, Language(console.language)):
            print(line, file=console.out)
    return EXIT_OK


def cmd_actuals(args: argparse.Namespace, console: Console, service: Service) -> int:
    """Import measured values and action states (``engine.cli_monitoring``)."""
    code = EXIT_OK
    if args.file is not None:
        result = service.import_actuals(args.plan_id, args.file)
        console.say(
            f"Valori registrati: {len(result.actuals)} (righe vuote saltate: "
            f"{result.skipped_empty}).",
            f"Values recorded: {len(result.actuals)} (empty rows skipped: {result.skipped_empty}).",
        )
        for error in result.errors:
            console.warn(error.it, error.en)
        code = EXIT_PARTIAL if result.errors else EXIT_OK
    for text in args.action:
        try:
            action, state = cli_monitoring.parse_action(text)
        except ValueError:
            console.warn(
                f"«{text}»: scrivete CODICE=stato, con stato done, late, dropped o open.",
                f"“{text}”: write CODE=state, with state done, late, dropped or open.",
            )
            return EXIT_BAD_INPUT
        service.set_action_state(args.plan_id, action, state, source="cli")
        console.say(f"Azione {action}: {state.value}.", f"Action {action}: {state.value}.")
    if args.json:
        console.json(
            {
                "actuals": [dataclasses.asdict(a) for a in service.actuals(args.plan_id)],
                "actions": [dataclasses.asdict(a) for a in service.action_states(args.plan_id)],
            }
        )
    return code


def _print_files(files: Sequence[Path], console: Console, service: Service) -> None:
    """The files an export wrote, one path a line, and the watermark in evaluation."""
    for path in files:
        print(path, file=console.out)
    if service.watermark:
        console.warn(
            "Esportazione di valutazione: i file hanno la filigrana.",
            "Evaluation export: the files carry a watermark.",
        )


def cmd_progress(args: argparse.Namespace, console: Console, service: Service) -> int:
    if args.export:  # the board's report: the files written, one path a line
        files = service.export_progress(
            args.plan_id, args.export, args.out, args.season, Review(args.review)
        )
        _print_files(files, console, service)
        return EXIT_OK
    progress = service.progress(args.plan_id, args.season, Review(args.review))
    if args.rebase:
        return _rebase(args, console, service, progress.season)
    if args.json:
        console.json(cli_monitoring.progress_json(progress))
        return EXIT_OK
    language = Language(console.language)
    for line in cli_monitoring.progress_lines(progress, language):
        print(line, file=console.out)
    proposals = service.rebase_proposals(args.plan_id, progress.season)
    if progress.review is Review.END and proposals:  # season end: offer to roll forward
        for line in cli_monitoring.rebase_lines(proposals, language):
            print(line, file=console.out)
    return EXIT_OK


def _rebase(args: argparse.Namespace, console: Console, service: Service, season: str) -> int:
    """Roll forward: restart the chosen KPIs' remaining targets from the season's actuals."""
    proposals = service.rebase_proposals(args.plan_id, season)
    try:
        chosen = cli_monitoring.chosen_rebases(proposals, args.rebase)
    except KeyError as error:
        console.warn(
            f"Da riallineare non c'è: {error.args[0]}.",
            f"Not among the proposals: {error.args[0]}.",
        )
        for line in cli_monitoring.rebase_lines(proposals, Language(console.language)):
            print(line, file=console.out)
        return EXIT_BAD_INPUT
    version = service.roll_forward(args.plan_id, season, chosen)
    if version is None and season in service.get_plan(args.plan_id).plan.closed_seasons:
        console.say(
            f"{season} è già chiusa su questi consuntivi: il piano non cambia.",
            f"{season} is already closed on these actuals: the plan does not change.",
        )
        return EXIT_OK
    if version is None:
        console.warn(
            f"Per {season} non c'è nessun valore di fine stagione: registrateli prima "
            "(comando actuals).",
            f"{season} has no season-end value: record them first (the actuals command).",
        )
        return EXIT_BAD_INPUT
    count = len(chosen)
    console.say(
        f"Salvata la versione {version.number}: {season} chiusa sui consuntivi, "
        + ("1 previsione riallineata." if count == 1 else f"{count} previsioni riallineate."),
        f"Saved version {version.number}: {season} closed on its actuals, "
        + ("1 forecast re-based." if count == 1 else f"{count} forecasts re-based."),
    )
    return EXIT_OK


def cmd_resume(args: argparse.Namespace, console: Console, service: Service) -> int:
    writer = _writer(args, service)
    with _cancel_on_interrupt(console) as cancel:
        version, result = service.resume_plan(
            args.plan_id,
            writer,
            emit=Progress(console, args.verbose),
            cancel=cancel,
            concurrency=_concurrency(args),
        )
    if version is None or result is None:
        console.say("Il piano è già completo.", "The plan is already complete.")
        return EXIT_OK
    return _report_rerun(result, version.number, console)


def _report_rerun(result: GenerationResult, version: int, console: Console) -> int:
    """After resume/regenerate: a run that wrote nothing saved nothing, and says so."""
    code = _report(result, console)
    if not result.wrote_anything:
        console.say(
            f"Nessuna sezione è stata riscritta: il piano resta alla versione {version}.",
            f"No section was rewritten: the plan stays at version {version}.",
        )
        return code if code != EXIT_OK else EXIT_PARTIAL
    console.say(f"Salvata la versione {version}.", f"Saved version {version}.")
    return code


def cmd_regenerate(args: argparse.Namespace, console: Console, service: Service) -> int:
    writer = _writer(args, service, use_cache=False)  # fresh text
    with _cancel_on_interrupt(console) as cancel:
        version, result = service.regenerate_section(
            args.plan_id,
            args.section,
            writer,
            emit=Progress(console, args.verbose),
            cancel=cancel,
            concurrency=_concurrency(args),
        )
    return _report_rerun(result, version.number, console)


def cmd_settings(args: argparse.Namespace, console: Console, service: Service) -> int:
    """The settings the desktop and the CLI share; options given are saved first."""
    current = service.app_settings()
    changes: dict[str, object] = {}
    if args.gemini_model is not None:
        changes["gemini_model"] = args.gemini_model.strip()
    if args.thinking_level is not None:
        changes["thinking_level"] = "" if args.thinking_level == "default" else args.thinking_level
    if args.research is not None:
        changes["research"] = args.research == "on"
    if changes:
        current = service.save_app_settings(dataclasses.replace(current, **changes))
    defaults = provider_defaults()
    shown = {
        "provider": current.provider,
        "gemini_model": current.gemini_model or f"{defaults['gemini_model']} (default)",
        "thinking_level": current.thinking_level
        or f"{defaults['gemini_thinking_level']} (default)",
        "plan_language": current.plan_language,
        "research": "on" if current.research else "off",
    }
    if args.json:
        console.json(shown)
    else:
        for name, value in shown.items():
            print(f"{name:16} {value}", file=console.out)
    return EXIT_OK


def cmd_finance(args: argparse.Namespace, console: Console, service: Service) -> int:
    """The plan's three seasons, or a what-if on them (``engine.cli_finance``)."""
    document = service.get_plan(args.plan_id)
    model = service.what_if(document.plan)
    start = model.current
    if args.scenario:
        start = model.scenario(ScenarioKind(args.scenario))
    if args.sponsor_lost_from and model.sponsor_share is None:
        console.warn(
            "--sponsor-lost-from non ha effetto: il questionario non indica la quota del primo "
            "sponsor.",
            "--sponsor-lost-from has no effect: the questionnaire gives no largest sponsor share.",
        )
    drivers = cli_finance.drivers_from(args, start)
    outcome = model.run(drivers)
    language = Language(console.language)
    saved = None
    if args.save:
        if drivers == model.current:
            console.warn(
                "Nessun cambiamento da salvare: indicate almeno un'opzione o --scenario.",
                "Nothing to save: give at least one option or --scenario.",
            )
            return EXIT_BAD_INPUT
        saved = service.save_scenario(args.plan_id, drivers, document.version.number)
    if args.json:
        data = cli_finance.as_json(outcome, drivers)
        data["saved_version"] = saved.number if saved else None
        console.json(data)
        return EXIT_OK
    table = [
        (label, [money(v, language) for v in values])
        for label, values in cli_finance.rows(outcome, language)
    ]
    width = max(len(label) for label, _ in table) + 2
    cell = max(len(text) for _, cells in table for text in cells) + 2
    header = "".join(f"{season:>{cell}}" for season in outcome.seasons[1:])
    print(f"{'':{width}}{header}", file=console.out)
    for label, cells in table:
        print(f"{label:{width}}" + "".join(f"{c:>{cell}}" for c in cells), file=console.out)
    print(cli_finance.verdict(outcome, language), file=console.out)
    if drivers == model.current and not args.scenario:
        for kind, scenario in model.scenarios().items():
            cash = money(model.run(scenario).projection.cash[3], language)
            name = {
                "prudent": ("prudente", "prudent"),
                "base": ("base", "base"),
                "ambitious": ("ambizioso", "ambitious"),
            }[kind.value]
            console.say(
                f"Scenario {name[0]}: cassa a fine {outcome.seasons[3]} {cash}",
                f"{name[1].capitalize()} scenario: cash at the end of {outcome.seasons[3]} {cash}",
            )
    if saved is not None:
        console.say(
            f"Scenario salvato: piano {args.plan_id}, versione {saved.number}.",
            f"Scenario saved: plan {args.plan_id}, version {saved.number}.",
        )
    return EXIT_OK


STORE_COMMANDS: dict[str, Callable[[argparse.Namespace, Console, Service], int]] = {
    "finance": cmd_finance,
    "research": cmd_research,
    "actuals": cmd_actuals,
    "progress": cmd_progress,
    "settings": cmd_settings,
    "list": cmd_list,
    "show": cmd_show,
    "versions": cmd_versions,
    "delete": cmd_delete,
    "restore": cmd_restore,
    "restore-version": cmd_restore_version,
    "empty-trash": cmd_empty_trash,
    "import-plan": cmd_import_plan,
    "export-json": cmd_export_json,
    "plan": cmd_plan,
    "export": cmd_export,
    "resume": cmd_resume,
    "regenerate": cmd_regenerate,
}


def run(
    argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """Run one command; returns its exit code (``main`` exits with it)."""
    out = out or sys.stdout
    err = err or sys.stderr
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0) and EXIT_BAD_INPUT
    language = args.language or os.environ.get(LANGUAGE_ENV, "it")
    console = Console(language if language in ("it", "en") else "it", out, err)
    if args.command is None:
        parser.print_help(out)
        return EXIT_OK
    home = paths.user_home(args.home)
    log_file = configure_logging(home)
    try:
        if args.command == "club":
            return cmd_club_validate(args, console)
        if args.command == "licence":
            contact = vendor()
            return run_licence_command(
                args, home, trusted_keys_path(), out, contact=f"{contact.name} ({contact.email})"
            )
        licence = current_licence(home)
        notice = banner(licence, console.language)
        if notice:
            print(notice, file=err)
        service = Service(home, max_clubs=licence.max_clubs, watermark=licence.watermark)
        try:
            return STORE_COMMANDS[args.command](args, console, service)
        finally:
            service.close()
    except DomainValidationError as error:
        print(error.render(console.language), file=err)
        return EXIT_BAD_INPUT
    except (ServiceError, ExportError) as error:
        print(error.message(console.language), file=err)
        return EXIT_BAD_INPUT if error.code in BAD_INPUT_CODES else EXIT_PROBLEM
    except BrokenPipeError:  # the output was piped into a command that stopped reading
        with contextlib.suppress(Exception):
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - keep Python's exit quiet
        return EXIT_OK
    except SecretStoreUnavailable as error:  # no usable keyring: its message says what to do
        console.warn(error.message("it"), error.message("en"))
        return EXIT_PROBLEM
    except Exception:
        log.exception("unexpected error in command %s", args.command)
        console.warn(
            f"Errore inatteso: i dettagli sono nel file di log {log_file}",
            f"Unexpected error: details are in the log file {log_file}",
        )
        return EXIT_PROBLEM


def main(argv: Sequence[str] | None = None) -> None:
    sys.exit(run(argv))


if __name__ == "__main__":
    main()

"""The headless checks of ``--self-test``: does this build of the engine really work?

A frozen build fails in ways tests from source never see: a template, font or
migration not collected, a native library (Pango, OpenSSL, pdfium) missing or
built for another system, a hidden import PyInstaller could not detect. Each
check here drives the real code path the app uses, in a temporary data folder,
so a packaging mistake shows up as one named failing step instead of a crash on
a customer's machine. The desktop side adds the main-window step
(``desktop.selftest``), the only one that needs Qt widgets.
"""

from __future__ import annotations

import json
import logging
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from engine.paths import database_path, resource_path

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class StepResult:
    name: str
    ok: bool
    detail: str
    seconds: float


class SelfTestFailure(Exception):
    """A check ran but found the build wrong (as opposed to crashing)."""


def run_step(name: str, check: Callable[[], str]) -> StepResult:
    """Run one check; any exception is a failure whose one-line reason is reported."""
    started = time.perf_counter()
    try:
        detail = check()
        ok = True
    except Exception as error:  # a self-test reports every failure, whatever its kind
        log.exception("self-test step %s failed", name)
        detail = f"{type(error).__name__}: {error}".splitlines()[0][:300]
        ok = False
    return StepResult(name, ok, detail, time.perf_counter() - started)


# --- build stamp --------------------------------------------------------------------------

# Libraries whose loaded version is compared with the build's record: (module, distribution).
RECORDED_LIBRARIES = (
    ("PySide6", "pyside6-essentials"),
    ("weasyprint", "weasyprint"),
    ("docx", "python-docx"),
    ("sqlalchemy", "sqlalchemy"),
    ("pydantic", "pydantic"),
    ("cryptography", "cryptography"),
    ("matplotlib", "matplotlib"),
)


def check_build() -> str:
    """A frozen build carries ``BUILD_INFO.json`` (the locked versions it was built from,
    written by the spec) and really loads those versions of its main libraries."""
    import importlib
    import sys

    from engine.version import app_version, build_id

    stamp = resource_path("BUILD_INFO.json")
    if not getattr(sys, "frozen", False) and not stamp.is_file():
        return "from source: no build stamp (the libraries are the environment's)"
    info = json.loads(stamp.read_text(encoding="utf-8"))  # raises if missing or damaged
    packages: dict[str, str] = info["packages"]
    if info.get("version") != app_version():
        raise SelfTestFailure(f"BUILD_INFO.json is for version {info.get('version')}")
    if info.get("build_id") != build_id():
        raise SelfTestFailure("BUILD_INFO.json and BUILD_ID describe different builds")
    loaded = {}
    for module, distribution in RECORDED_LIBRARIES:
        loaded[distribution] = getattr(importlib.import_module(module), "__version__", None)
    wrong = [
        f"{name} {version} (recorded {packages.get(name)})"
        for name, version in loaded.items()
        if packages.get(name) != version
    ]
    if wrong:
        raise SelfTestFailure(f"loaded libraries differ from BUILD_INFO.json: {', '.join(wrong)}")
    lock = info.get("lock") or {}
    return (
        f"{len(packages)} packages from {lock.get('file')} "
        f"(sha256 {str(lock.get('sha256'))[:12]}); "
        + ", ".join(f"{name} {version}" for name, version in loaded.items())
    )


# --- licence ------------------------------------------------------------------------------


def check_licence(home: Path) -> str:
    """Trusted keys parse, Ed25519 works in this build, and a start-up check never raises."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from licensing.envelope import (
        DocumentKind,
        decode_envelope,
        encode_envelope,
        key_id,
        public_bytes,
        sign_document,
    )
    from licensing.fingerprint import derive_fingerprint, try_machine_fingerprint
    from licensing.startup import check_licence as startup_check
    from licensing.status import LicenceStatus
    from licensing.trusted_keys import TrustedKeys, load_trusted_keys, trusted_key
    from licensing.verifier import VerifyContext, authenticate, verify_licence

    keys_file = resource_path("licensing", "trusted_keys.json")
    shipped = load_trusted_keys(keys_file)  # raises if the file is missing or invalid

    # A throwaway key proves signing and verification work with this build's cryptography;
    # it is trusted only inside this check, never written anywhere.
    private_key = Ed25519PrivateKey.generate()
    kid = key_id(public_bytes(private_key))
    fingerprint = derive_fingerprint(secrets.token_hex(16))
    now = int(time.time())
    payload = json.dumps(
        {
            "licence_id": "SELF-TEST",
            "product": "rooting-future-desktop",
            "licensee": "Self-test",
            "club": "Self-test",
            "features": ["ai-generation", "docx", "onepager"],
            "limits": {"max_clubs": 1},
            "fingerprint": fingerprint,
            "installation_key": None,
            "issued_at": now - 60,
            "not_before": now - 60,
            "expires_at": now + 3600,
            "grace_days": 0,
        },
        separators=(",", ":"),
    ).encode("utf-8")
    document = sign_document(DocumentKind.LICENCE, private_key, kid, payload)
    own = TrustedKeys(
        keys=MappingProxyType({kid: trusted_key(public_bytes(private_key), test=False)})
    )
    good = verify_licence(document, VerifyContext(own, now, fingerprint))
    if good.status is not LicenceStatus.VALID:
        raise SelfTestFailure(f"a freshly signed licence was refused: {good.status.name}")
    envelope = decode_envelope(document, DocumentKind.LICENCE)
    altered = payload.replace(b'"max_clubs":1', b'"max_clubs":9')
    forged = encode_envelope(DocumentKind.LICENCE, kid, altered, envelope.sig)
    if authenticate(forged, own).status is not LicenceStatus.TAMPERED:
        raise SelfTestFailure("a licence with an altered payload was not refused as tampered")
    foreign = authenticate(document, shipped)
    if foreign.status is LicenceStatus.VALID:
        raise SelfTestFailure("the shipped keys accepted a licence signed by a throwaway key")
    state = startup_check(home, keys_file)
    machine = "available" if try_machine_fingerprint() else "unavailable (licences cannot bind)"
    return (
        f"{len(shipped.keys)} trusted key(s){' (release build)' if shipped.release else ''}; "
        f"Ed25519 sign/verify ok, tampering refused; start-up check: {state.status.name}; "
        f"machine fingerprint {machine}"
    )


# --- store, generation, exports -----------------------------------------------------------


def check_database(home: Path) -> str:
    """Create the store in an empty folder: every migration runs, the schema is current."""
    from engine.service import Service
    from engine.storage.database import HEAD_REVISION, stored_revision

    service = Service(home)
    try:
        clubs = service.club_count()
    finally:
        service.close()
    revision = stored_revision(database_path(home))
    if revision != HEAD_REVISION:
        raise SelfTestFailure(f"schema at {revision}, expected {HEAD_REVISION}")
    return f"schema {revision} created by the migrations; {clubs} clubs"


def generate_offline_plan(home: Path) -> tuple[int, str]:
    """An offline plan for the first example club, saved like the app saves one."""
    from engine.domain.club import ClubProfile
    from engine.domain.files import read_json_file
    from engine.domain.language import Language
    from engine.service import AppSettings, Service

    examples = sorted(resource_path("examples").glob("*.json"))
    if not examples:
        raise SelfTestFailure(f"no example clubs in {resource_path('examples')}")
    # Checks the installation, not the calendar: the shipped example keeps its own season.
    club = read_json_file(ClubProfile, examples[0])
    service = Service(home)
    try:
        summary, result = service.generate_plan(
            club,
            service.writer(AppSettings(provider="offline")),
            language=Language.IT,
            emit=lambda _event: None,
        )
    finally:
        service.close()
    if result.failed_sections:
        raise SelfTestFailure(f"sections failed: {', '.join(result.failed_sections)}")
    objectives = len(result.plan.objectives())
    if objectives != 21:
        raise SelfTestFailure(f"{objectives} MACRO objectives instead of 21")
    return summary.id, f"plan {summary.id} for {club.identity.name!r}: 21 MACRO objectives"


def check_exports(home: Path, plan_id: int) -> str:
    """PDF, DOCX and the one-pager through the real renderers (fonts, templates, Pango)."""
    import pypdfium2

    from engine.export import ExportFormat
    from engine.service import Service

    service = Service(home, watermark=True)
    out = home / "exports"
    try:
        files = service.export_plan(
            plan_id, {ExportFormat.PDF, ExportFormat.DOCX, ExportFormat.ONEPAGER}, out
        )
    finally:
        service.close()
    by_suffix = {path.suffix.lower(): path for path in files}
    missing = {".pdf", ".docx", ".png"} - set(by_suffix)
    if missing:
        raise SelfTestFailure(f"no {', '.join(sorted(missing))} file was written")
    pages = {}
    for path in (p for p in files if p.suffix.lower() == ".pdf"):
        document = pypdfium2.PdfDocument(path)
        try:
            pages[path.name] = len(document)
        finally:
            document.close()
    onepagers = [count for name, count in pages.items() if count == 1]
    full = max(pages.values())
    if not onepagers or full < 10:
        raise SelfTestFailure(f"unexpected page counts {pages}")
    from docx import Document as open_docx

    headings = sum(
        1
        for p in open_docx(str(by_suffix[".docx"])).paragraphs
        if p.style is not None and p.style.name.startswith("Heading")
    )
    if headings < 10:
        raise SelfTestFailure(f"the DOCX has only {headings} headings")
    return (
        f"PDF {full} pages, DOCX {headings} headings, one-pager 1 page + PNG preview; "
        f"charts in {chart_font()}"
    )


def chart_font() -> str:
    """The font file the charts draw with: DejaVu Sans, never matplotlib's silent fallback."""
    from matplotlib import font_manager

    import engine.export.charts  # noqa: F401  (registers the app's fonts with matplotlib)

    path = Path(
        font_manager.findfont(
            font_manager.FontProperties(family="DejaVu Sans", weight="bold"),
            fallback_to_default=False,
        )
    )
    if path != resource_path("fonts", "DejaVuSans-Bold.ttf"):
        raise SelfTestFailure(f"the charts would draw bold text with {path}")
    return "the app's DejaVu Sans"


def engine_checks(home: Path) -> list[tuple[str, Callable[[], str]]]:
    """The headless steps in order; the export step uses the plan the plan step saved."""
    saved: dict[str, int] = {}

    def plan() -> str:
        plan_id, detail = generate_offline_plan(home)
        saved["plan"] = plan_id
        return detail

    def exports() -> str:
        if "plan" not in saved:
            raise SelfTestFailure("skipped: no plan was generated")
        return check_exports(home, saved["plan"])

    return [
        ("build", check_build),
        ("licence", lambda: check_licence(home)),
        ("database", lambda: check_database(home)),
        ("plan", plan),
        ("export", exports),
    ]

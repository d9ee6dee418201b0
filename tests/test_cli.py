"""The headless CLI, run in-process the way a user types it."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from engine.cli import run
from engine.domain import Plan
from engine.service import Service
from tests.factories import EXAMPLES, make_plan


def cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def stored(home: Path) -> dict[str, int]:
    service = Service(home)
    try:
        football = service.save_new_plan(make_plan(seed=1)).id
        other = service.save_new_plan(make_plan(seed=2, club_name="Polisportiva Aurora")).id
        return {"football": football, "other": other}
    finally:
        service.close()


def test_club_validate_accepts_a_good_file(home: Path) -> None:
    code, out, _ = cli("club", "validate", str(EXAMPLES / "pallavolo-ssd.json"))
    assert code == 0
    assert "Adriatica Volley" in out and "valido" in out


def test_club_validate_lists_every_problem_and_exits_2(home: Path, tmp_path: Path) -> None:
    data = json.loads((EXAMPLES / "pallavolo-ssd.json").read_text("utf-8"))
    data["identity"]["province"] = "Pesaro"
    data["revenue"]["events"] = -5
    bad = tmp_path / "club.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    code, _, err = cli("club", "validate", str(bad))
    assert code == 2
    assert "Provincia (sigla)" in err and "Entrate (EUR/anno) › Eventi" in err
    code, _, err = cli("club", "validate", str(bad), "--language", "en")
    assert "Province (code)" in err and "Revenue (EUR/year) › Events" in err
    code, out, _ = cli("club", "validate", str(bad), "--json")
    issues = json.loads(out)["issues"]
    assert {i["path"] for i in issues} == {"identity.province", "revenue.events"}


def test_missing_file_is_a_message_not_a_traceback(home: Path) -> None:
    code, _, err = cli("club", "validate", "/nowhere/club.json")
    assert code == 2
    assert "club.json" in err and "Traceback" not in err


def test_list_search_and_sport(home: Path, stored: dict[str, int]) -> None:
    code, out, _ = cli("list")
    assert code == 0 and "ASD Virtus Seregno Calcio" in out and "Polisportiva Aurora" in out
    code, out, _ = cli("list", "--search", "aurora", "--json")
    data = json.loads(out)
    assert data["total"] == 1 and data["plans"][0]["id"] == stored["other"]
    code, out, _ = cli("list", "--sport", "pallavolo")
    assert code == 0 and "Nessun piano" in out


def test_show_versions_delete_restore(home: Path, stored: dict[str, int]) -> None:
    plan_id = str(stored["football"])
    code, out, _ = cli("show", plan_id)
    assert code == 0 and "SP1" in out and "SO7" in out
    code, out, _ = cli("show", plan_id, "--json")
    assert json.loads(out)["uid"]
    code, out, _ = cli("versions", plan_id, "--json")
    assert [v["number"] for v in json.loads(out)] == [1]
    assert cli("delete", plan_id)[0] == 0
    assert "Virtus" not in cli("list")[1]
    assert "Virtus" in cli("list", "--trash")[1]
    assert cli("restore", plan_id)[0] == 0
    assert "Virtus" in cli("list")[1]


def test_unknown_plan_exits_2_with_a_hint(home: Path, stored: dict[str, int]) -> None:
    code, _, err = cli("show", "4242")
    assert code == 2 and "rooting-future list" in err
    code, _, err = cli("show", str(stored["football"]), "--version", "9")
    assert code == 2 and "versione 9" in err


def test_export_then_import_into_another_home(
    home: Path, stored: dict[str, int], tmp_path: Path
) -> None:
    target = tmp_path / "out" / "plan.json"
    assert cli("export-json", str(stored["football"]), "--out", str(target))[0] == 0
    other_home = tmp_path / "other"
    code, out, _ = cli("import-plan", str(target), "--home", str(other_home))
    assert code == 0
    new_id = out.strip().splitlines()[-1]
    code, out, _ = cli("show", new_id, "--json", "--home", str(other_home))
    assert json.loads(out) == json.loads(target.read_text("utf-8"))


def test_import_of_a_broken_plan_exits_2(home: Path, tmp_path: Path) -> None:
    bad = tmp_path / "plan.json"
    bad.write_text('{"title": "x"}', encoding="utf-8")
    code, _, err = cli("import-plan", str(bad))
    assert code == 2 and "club" in err


def test_empty_trash_asks_for_confirmation(home: Path, stored: dict[str, int]) -> None:
    cli("delete", str(stored["other"]))
    code, _, err = cli("empty-trash")
    assert code == 2 and "--yes" in err
    assert cli("empty-trash", "--yes")[0] == 0
    assert "Nessun piano" in cli("list", "--trash")[1]


def test_restore_version_command(home: Path, stored: dict[str, int]) -> None:
    plan_id = stored["football"]
    service = Service(home)
    try:
        plan = service.get_plan(plan_id).plan
        service.save_version(plan_id, plan.model_copy(update={"title": "Cambiato"}))
    finally:
        service.close()
    code, out, _ = cli("restore-version", str(plan_id), "1")
    assert code == 0 and "3" in out
    assert "Piano strategico" in cli("show", str(plan_id))[1]


def test_entry_point_runs_as_a_program(home: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "engine.cli", "list", "--home", str(home), "--language", "en"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "No plans found" in result.stdout


def test_unexpected_errors_are_logged_not_shown(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_key = "AI" + "za" + "x" * 35

    def explode(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError(f"boom with secret {fake_key}")

    monkeypatch.setattr(Service, "list_plans", explode)
    code, _, err = cli("list")
    assert code == 1
    assert "log" in err and "Traceback" not in err and "boom" not in err
    log_text = (home / "logs" / "rooting-future.log").read_text("utf-8")
    assert "RuntimeError" in log_text and "AIza" not in log_text


def test_evaluation_mode_is_announced_and_limits_clubs(home: Path, tmp_path: Path) -> None:
    """No licence: every command works, a banner says so, and a third club is refused."""
    from tests.factories import example_club

    files = []
    for n, name in enumerate(
        ["calcio-giovanile-asd", "pallavolo-ssd", "nuoto-piscina-comunale-asd"]
    ):
        path = tmp_path / f"{name}.json"
        path.write_text(make_plan(example_club(name), seed=n).model_dump_json(), encoding="utf-8")
        files.append(path)
    code, _, err = cli("import-plan", str(files[0]))
    assert code == 0 and "valutazione" in err
    assert cli("import-plan", str(files[1]))[0] == 0
    code, _, err = cli("import-plan", str(files[2]))
    assert code == 1 and "al massimo 2 società" in err
    code, out, _ = cli("list", "--json")
    assert len(json.loads(out)["plans"]) == 2  # nothing lost, nothing half-imported


def test_licence_commands_are_wired(home: Path) -> None:
    code, out, _ = cli("licence", "status", "--json")
    assert code == 1  # no licence: a licence problem, not a crash
    assert json.loads(out)["status"] == "missing"
    code, out, err = cli("licence", "fingerprint")
    machine_ids = [Path("/etc/machine-id"), Path("/var/lib/dbus/machine-id")]
    if any(p.exists() and p.read_text().strip() for p in machine_ids):
        assert code == 0 and "v1:" in out
    else:  # a container without a machine id: its own clear status, not a crash
        assert code != 0 and "Traceback" not in out + err


def test_plan_command_writes_and_saves_an_offline_plan(home: Path) -> None:
    code, out, err = cli("plan", str(EXAMPLES / "pallavolo-ssd.json"))
    assert code == 0, err
    assert "Coordinatore (sintesi): completato" in out
    plan_id = out.strip().splitlines()[-1]
    code, out, _ = cli("show", plan_id, "--json")
    plan = json.loads(out)
    assert plan["generation"]["offline_draft"] is True
    assert sum(len(a["objectives"]) for a in plan["areas"]) == 21
    code, out, _ = cli("regenerate", plan_id, "marketing", "--language", "en")
    assert code == 0 and "Saved version 2" in out
    assert cli("resume", plan_id)[1].strip().endswith("completo.")


def test_plan_command_rejects_a_bad_club_file_with_exit_2(home: Path, tmp_path: Path) -> None:
    bad = tmp_path / "club.json"
    bad.write_text('{"identity": {"name": "X"}}', encoding="utf-8")
    code, _, err = cli("plan", str(bad))
    assert code == 2 and "Forma giuridica" in err
    code, _, err = cli("regenerate", "1", "sports")
    assert code == 2


def test_export_command_writes_watermarked_files_in_evaluation(home: Path, tmp_path: Path) -> None:
    from pypdf import PdfReader

    code, out, _ = cli("plan", str(EXAMPLES / "pallavolo-ssd.json"))
    plan_id = out.strip().splitlines()[-1]
    target = tmp_path / "export"
    code, out, err = cli("export", plan_id, "--format", "pdf,docx", "--out", str(target))
    assert code == 0, err
    assert "filigrana" in err
    pdf = next(target.glob("*.pdf"))
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages[:2])
    assert "VALUTAZIONE" in text.upper()
    assert next(target.glob("*.docx")).stat().st_size > 0


def test_export_rejects_an_unknown_format_with_exit_2(home: Path) -> None:
    code, out, _ = cli("plan", str(EXAMPLES / "pallavolo-ssd.json"))
    plan_id = out.strip().splitlines()[-1]
    code, _, err = cli("export", plan_id, "--format", "pdf,odt")
    assert code == 2 and "odt" in err
    code, _, err = cli("plan", str(EXAMPLES / "pallavolo-ssd.json"), "--export", "xls")
    assert code == 2 and "xls" in err


# --- --home and --language, before or after the command (issue 15.1) --------------------

EVERY_COMMAND = [
    ("club", "validate", "{examples}/pallavolo-ssd.json"),
    ("list",),
    ("show", "{plan}"),
    ("versions", "{plan}"),
    ("delete", "{plan}"),
    ("restore", "{plan}"),
    ("restore-version", "{plan}", "1"),
    ("empty-trash",),
    ("import-plan", "{root}/plan.json"),
    ("export-json", "{plan}"),
    ("plan", "{examples}/pallavolo-ssd.json"),
    ("export", "{plan}", "--format", "docx", "--out", "{root}/out"),
    ("resume", "{plan}"),
    ("regenerate", "{plan}", "marketing"),
    ("licence", "status"),
    ("licence", "fingerprint"),
    ("licence", "install", "{root}/missing.lic"),
    ("licence", "request", "--out", "{root}/request.txt"),
    ("licence", "deactivate", "--out", "{root}/receipt.txt"),
]


@pytest.fixture
def keyring_in_memory(monkeypatch: pytest.MonkeyPatch):
    import keyring

    from tests.licensing.licensing_lab import MemoryKeyring

    monkeypatch.delenv("ROOTING_FUTURE_GEMINI_API_KEY", raising=False)
    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    yield
    keyring.set_keyring(previous)


def _run_in(
    root: Path, command: tuple[str, ...], options_first: bool, plan: Plan
) -> tuple[int, str]:
    """Run ``command`` on a data folder of its own (one stored plan), options placed as asked."""
    data = root / "data"
    service = Service(data)
    try:
        plan_id = service.save_new_plan(plan).id
    finally:
        service.close()
    (root / "plan.json").write_text(plan.model_dump_json(), encoding="utf-8")
    fill = {"examples": str(EXAMPLES), "plan": str(plan_id), "root": str(root)}
    argv = [part.format(**fill) for part in command]
    options = ["--home", str(data), "--language", "en"]
    code, out, err = cli(*options, *argv) if options_first else cli(*argv, *options)
    text = (out + err).replace(str(root), "<ROOT>")
    text = re.sub(r"\[\s*\d+\.\d+s\]|\d+ ms|\d{4}-\d\d-\d\d \d\d:\d\d(:\d\d)?", "<T>", text)
    return code, "\n".join(sorted(text.splitlines()))  # agents finish in any order


@pytest.mark.parametrize("command", EVERY_COMMAND, ids=lambda c: " ".join(c[:2]))
def test_home_and_language_work_before_and_after_every_command(
    home: Path, tmp_path: Path, command: tuple[str, ...], keyring_in_memory: None
) -> None:
    """Before the command they used to be silently dropped: the real data folder was used."""
    plan = make_plan(seed=1)
    before = _run_in(tmp_path / "before", command, True, plan)
    after = _run_in(tmp_path / "after", command, False, plan)
    assert before == after
    assert "Traceback" not in before[1]
    for root in ("before", "after"):
        assert (tmp_path / root / "data" / "logs").is_dir()  # the folder given was used
    assert list(home.iterdir()) == []  # ROOTING_FUTURE_HOME was left alone
    if command[0] != "licence":  # licence output is always bilingual
        assert "evaluation mode" in before[1] or "valid file" in before[1]  # English


def test_the_option_after_the_command_wins(home: Path, tmp_path: Path) -> None:
    code, out, _ = cli("--language", "it", "list", "--language", "en")
    assert code == 0 and "No plans found" in out
    first, second = tmp_path / "first", tmp_path / "second"
    assert cli("--home", str(first), "list", "--home", str(second))[0] == 0
    assert (second / "rooting-future.db").is_file() and not first.exists()


def test_home_before_the_command_is_created_and_used_by_plan(home: Path, tmp_path: Path) -> None:
    target = tmp_path / "new-folder"
    code, _, err = cli("--home", str(target), "plan", str(EXAMPLES / "pallavolo-ssd.json"))
    assert code == 0, err
    assert (target / "rooting-future.db").is_file()
    assert not (home / "rooting-future.db").exists()


# --- a file that validates plans (issue 15.2) ---------------------------------------------


def _example_text(name: str = "pallavolo-ssd") -> str:
    return (EXAMPLES / f"{name}.json").read_text("utf-8")


def test_absurd_money_is_refused_by_validate_and_plan_alike(home: Path, tmp_path: Path) -> None:
    """It used to validate, then fail in the plan's arithmetic as 'Errore inatteso'."""
    data = json.loads(_example_text())
    data["revenue"]["events"] = "__A__"
    data["costs"]["travel"] = "__B__"
    data["balance"]["debts"] = 10**40
    text = json.dumps(data).replace('"__A__"', "1e308").replace('"__B__"', "1e999")
    club = tmp_path / "club.json"
    club.write_text(text, encoding="utf-8")
    code, _, validate_err = cli("club", "validate", str(club))
    assert code == 2
    for label in ("Eventi", "Trasferte", "Debiti"):
        assert label in validate_err
    code, _, plan_err = cli("plan", str(club))
    assert code == 2 and "Errore inatteso" not in plan_err
    assert validate_err in plan_err  # one validation, the same report
    assert json.loads(cli("list", "--json")[1])["total"] == 0


def test_a_club_at_every_limit_validates_and_plans(home: Path, tmp_path: Path) -> None:
    from engine.domain.fields import MAX_COUNT, MAX_FEE_EUR, MAX_HOURLY_EUR, MAX_MONEY_EUR

    data = json.loads(_example_text("calcio-giovanile-asd"))
    for section in ("revenue", "costs", "balance"):
        for key in data[section]:
            data[section][key] = MAX_MONEY_EUR
    data["revenue"]["largest_sponsor_share"] = 100  # a percentage, at its own limit
    data["balance"]["average_fee_per_athlete"] = MAX_FEE_EUR
    for item in data.get("equipment", []):
        item["replacement_cost"] = MAX_MONEY_EUR
    for loan in data.get("loans", []):
        loan.update(yearly_instalment=MAX_MONEY_EUR, outstanding=MAX_MONEY_EUR, rate=100)
    people = data["people"]
    for season in ("members_current_season", "members_last_season"):
        for band in people[season].values():
            band.update(male=MAX_COUNT, female=MAX_COUNT)
    for key in ("joined_this_season", "left_this_season", "waiting_list", "volunteers"):
        people[key] = MAX_COUNT
    people["paid_workers"], people["paid_workers_fees"] = MAX_COUNT, MAX_MONEY_EUR
    data["identity"]["municipality_population"] = 2_999_999
    for facility in data["facilities"]:
        facility["hours_per_week"] = 168
        unit = "EUR/ora" if facility["cost_basis"] == "per_hour" else "EUR/anno"
        limit = MAX_HOURLY_EUR if unit == "EUR/ora" else MAX_MONEY_EUR
        facility["cost"] = {"value": limit, "unit": unit}
    club = tmp_path / "club.json"
    club.write_text(json.dumps(data), encoding="utf-8")
    assert cli("club", "validate", str(club))[0] == 0
    code, _, err = cli("plan", str(club))
    assert code == 0, err


def test_invisible_characters_and_a_far_season_are_named(home: Path, tmp_path: Path) -> None:
    data = json.loads(_example_text())
    data["identity"]["name"] = "Adriatica\u202eVolley"
    data["identity"]["city"] = "Pesaro\x1b[2J"
    club = tmp_path / "club.json"
    club.write_text(json.dumps(data), encoding="utf-8")
    code, _, err = cli("club", "validate", str(club), "--language", "en")
    assert code == 2
    assert "Club name: The text contains an invisible mark" in err and "U+202E" in err
    assert "Town: The text contains an invisible control character (U+001B" in err
    data = json.loads(_example_text())
    data["identity"]["reference_season"] = "2099/00"
    club.write_text(json.dumps(data), encoding="utf-8")
    code, _, err = cli("plan", str(club))
    assert code == 2 and "Stagione corrente" in err and "2099/00" in err


# --- deeply nested JSON (issue 15.3) ------------------------------------------------------


@pytest.mark.parametrize("depth", [200, 3000])
@pytest.mark.parametrize("command", ["club validate", "plan", "import-plan"])
def test_deeply_nested_json_gets_its_own_message(
    home: Path, tmp_path: Path, depth: int, command: str
) -> None:
    """3,000 levels crashed with RecursionError; 200 were called "not valid JSON"."""
    path = tmp_path / "deep.json"
    path.write_text('{"identity": ' + "[" * depth + "]" * depth + "}", encoding="utf-8")
    code, _, err = cli(*command.split(), str(path), "--language", "en")
    assert code == 2, err
    assert "nested too deeply to be a club or plan file" in err
    assert "Unexpected error" not in err and "not valid JSON" not in err
    assert cli("list", "--json")[1].count('"id"') == 0  # nothing imported


def test_ordinary_files_are_far_below_the_nesting_limit() -> None:
    from engine.domain.jsondepth import MAX_NESTING, nesting_depth

    plan = make_plan(seed=4).model_dump_json()
    assert nesting_depth(plan) <= MAX_NESTING // 3
    assert nesting_depth('{"a": "[[[[{{{{", "b": ["\\"]["]}') == 2  # brackets in strings skipped


# --- imported plans are whole (issue 15.4) ----------------------------------------------


def _plan_file(tmp_path: Path, change, plan: Plan | None = None) -> Path:
    data = json.loads((plan or make_plan(seed=5)).model_dump_json())
    change(data)
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("change", "named"),
    [
        (lambda d: d.pop("areas"), ["Area sportiva", "Area strutturale", "Area sociale"]),
        (lambda d: d.update(areas=[]), ["Area marketing"]),
        (lambda d: d.pop("executive_summary"), ["Sintesi"]),
        (lambda d: d.pop("financial_plan"), ["Piano economico-finanziario"]),
        (lambda d: d["areas"][1].update(objectives=[]), ["Area strutturale", "vuota"]),
        (lambda d: d["areas"].__setitem__(1, d["areas"][0]), ["Area sportiva", "più di una"]),
    ],
    ids=["no areas", "empty areas", "no summary", "no finance", "empty area", "repeated"],
)
def test_an_incomplete_plan_is_not_imported(
    home: Path, tmp_path: Path, change, named: list[str]
) -> None:
    code, _, err = cli("import-plan", str(_plan_file(tmp_path, change)))
    assert code == 2
    for words in named:
        assert words in err
    assert json.loads(cli("list", "--json")[1])["total"] == 0  # nothing saved


def test_an_incomplete_copy_of_a_stored_plan_does_not_become_current(
    home: Path, tmp_path: Path
) -> None:
    plan = make_plan(seed=6)
    assert cli("import-plan", str(_plan_file(tmp_path, lambda d: None, plan)))[0] == 0
    code, _, err = cli("import-plan", str(_plan_file(tmp_path, lambda d: d.pop("areas"), plan)))
    assert code == 2 and "Area sportiva" in err
    versions = json.loads(cli("versions", "1", "--json")[1])
    assert [v["number"] for v in versions] == [1]


def test_a_plan_with_failed_sections_is_imported_for_resume(home: Path, tmp_path: Path) -> None:
    """A failed section is a visible hole with its reason, as generation leaves it."""

    def fail_marketing(data: dict) -> None:
        marketing = data["areas"][2]
        marketing.update(status="failed", objectives=[], failure_reason="Gemini non risponde.")

    code, out, err = cli("import-plan", str(_plan_file(tmp_path, fail_marketing)))
    assert code == 0, err
    code, out, _ = cli("resume", out.strip().splitlines()[-1])
    assert code == 0 and "Salvata la versione 2" in out


# --- an unusable keyring is a message, not "Errore inatteso" (issue 15.5) -------------------


def test_an_unusable_keyring_says_what_to_do(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import keyring
    import keyring.backends.fail

    monkeypatch.delenv("ROOTING_FUTURE_GEMINI_API_KEY", raising=False)
    previous = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.fail.Keyring())
    try:
        club = str(EXAMPLES / "pallavolo-ssd.json")
        code, _, err = cli("plan", club, "--provider", "gemini", "--language", "en")
        assert code == 1
        assert "The system keyring" in err and "ROOTING_FUTURE_GEMINI_API_KEY" in err
        assert "Unexpected error" not in err and "Il portachiavi" not in err
        code, _, err = cli("plan", club, "--provider", "gemini")
        assert code == 1 and "Il portachiavi di sistema" in err
    finally:
        keyring.set_keyring(previous)
    assert json.loads(cli("list", "--json")[1])["total"] == 0


def test_the_sdk_variable_is_used_when_the_keyring_is_unusable(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import keyring
    import keyring.backends.fail

    from tests.doubles.gemini_double import GeminiDouble

    key = "sdk-variable-key-1234"
    monkeypatch.delenv("ROOTING_FUTURE_GEMINI_API_KEY", raising=False)
    monkeypatch.setenv("GEMINI_API_KEY", key)
    previous = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.fail.Keyring())
    try:
        with GeminiDouble(valid_keys={key}) as double:
            monkeypatch.setenv("GOOGLE_GEMINI_BASE_URL", double.base_url)
            code, _, err = cli("plan", str(EXAMPLES / "pallavolo-ssd.json"), "--provider", "gemini")
            used = {r.headers.get("x-goog-api-key") for r in double.generate_requests()}
    finally:
        keyring.set_keyring(previous)
    assert used == {key}
    assert code == 0, err


# --- secrets never reach the store or the log (issue 15.8) ------------------------------------


def test_a_key_quoted_by_a_model_is_redacted_everywhere_it_is_kept(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The stored failure reason (agent_runs) used to carry the key the answer quoted."""
    import sqlite3

    from engine.agents.context import build_context
    from engine.agents.registry import AgentName
    from engine.domain import load_club_file
    from engine.redaction import forget_secrets
    from tests.doubles.gemini_double import GeminiDouble, Reply
    from tests.engine.agent_replies import payload_for, role_marker

    key = "my-own-gemini-key-0042"  # no key shape: only the configured value can catch it
    monkeypatch.setenv("ROOTING_FUTURE_GEMINI_API_KEY", key)
    club_file = EXAMPLES / "pallavolo-ssd.json"
    ctx = build_context(load_club_file(club_file))
    answer = payload_for(AgentName.SPORTS, ctx)
    answer["objectives"][0]["code"] = key  # the model quotes the key where a code belongs
    forget_secrets()
    with GeminiDouble() as double:
        monkeypatch.setenv("GOOGLE_GEMINI_BASE_URL", double.base_url)
        double.always(Reply.ok(answer), match=role_marker(AgentName.SPORTS))
        code, out, err = cli("plan", str(club_file), "--provider", "gemini")
    assert code == 3, err  # the sports section failed, the plan was saved with its hole
    assert key not in out + err and "[redacted]" in out
    with sqlite3.connect(home / "rooting-future.db") as db:
        errors = [row[0] for row in db.execute("select error from agent_runs") if row[0]]
    assert errors and all(key not in e for e in errors)
    assert any("[redacted]" in e for e in errors)
    plan_id = out.strip().splitlines()[-1]
    assert key not in cli("show", plan_id, "--json")[1]  # failure reason and warnings
    assert key not in (home / "logs" / "rooting-future.log").read_text("utf-8")


def test_key_shaped_strings_are_redacted_even_if_nobody_registered_them() -> None:
    from engine.redaction import redact

    google = "AI" + "za" + "S" * 35
    openai = "sk-" + "proj-" + "a1" * 15
    text = f"key {google}, {openai}, Bearer abc.def-ghi, ?key=xyz123 and ordinary words"
    cleaned = redact(text)
    assert google not in cleaned and openai not in cleaned and "abc.def" not in cleaned
    assert "xyz123" not in cleaned and cleaned.endswith("and ordinary words")


# --- runs keep their real times (issue 15.10) -------------------------------------------------


def test_a_generation_run_records_when_it_started_and_finished(home: Path) -> None:
    """Both used to be the save time, so every run lasted zero seconds."""
    import sqlite3

    code, out, err = cli("plan", str(EXAMPLES / "pallavolo-ssd.json"))
    assert code == 0, err
    plan_id = out.strip().splitlines()[-1]
    assert cli("regenerate", plan_id, "marketing")[0] == 0
    with sqlite3.connect(home / "rooting-future.db") as db:
        runs = db.execute("select id, started_at, finished_at from generation_runs").fetchall()
        longest = dict(
            db.execute("select run_id, max(duration_ms) from agent_runs group by run_id")
        )
        saved = [row[0] for row in db.execute("select created_at from plan_versions")]
    assert len(runs) == 2
    for (run_id, started, finished), saved_at in zip(runs, sorted(saved), strict=True):
        began, ended = dt.datetime.fromisoformat(started), dt.datetime.fromisoformat(finished)
        assert began < ended <= dt.datetime.fromisoformat(saved_at)
        assert (ended - began) >= dt.timedelta(milliseconds=longest[run_id])


def _offline_plan(home: Path, name: str = "canottaggio-lago-asd") -> int:
    code, out, err = cli("--home", str(home), "plan", str(EXAMPLES / f"{name}.json"))
    assert code == 0, err
    return int(re.search(r"numero (\d+)", out).group(1))


def test_finance_prints_the_plans_rows_and_its_scenarios(home: Path) -> None:
    plan_id = _offline_plan(home)
    code, out, _ = cli("--home", str(home), "finance", str(plan_id))
    assert code == 0
    plan = Service(home).get_plan(plan_id).plan.financial_plan
    cash = plan.row("cash").values[3].value
    assert (
        "Cassa a fine stagione" in out
        and f"{cash:,.0f} €".replace(",", ".").replace("-", "−") in out
    )
    assert "Scenario prudente: cassa a fine 2029/30" in out
    assert "None" not in out and "Traceback" not in out


def test_finance_what_if_options_in_any_position_and_save(home: Path) -> None:
    plan_id = _offline_plan(home)
    before = json.loads(cli("--home", str(home), "finance", str(plan_id), "--json")[1])
    code, out, _ = cli(
        "finance", "--members", "8", str(plan_id), "--loan", "--home", str(home), "--json"
    )
    assert code == 0
    after = json.loads(out)
    assert after["drivers"]["scenario"] == "custom" and after["drivers"]["ics_loan"]
    assert after["revenue"][2] > before["revenue"][2]
    code, out, _ = cli(
        "--home",
        str(home),
        "--language",
        "en",
        "finance",
        str(plan_id),
        "--members",
        "8",
        "--loan",
        "--save",
    )
    assert code == 0 and f"Scenario saved: plan {plan_id}, version 2." in out
    saved = Service(home).get_plan(plan_id).plan.financial_plan
    assert saved.row("cash").values[3].value == after["cash_end"][2]
    assert saved.drivers.ics_loan and saved.status.value == "edited"


def test_finance_bad_input_is_a_message(home: Path, capsys: pytest.CaptureFixture) -> None:
    plan_id = _offline_plan(home)
    code, _, _ = cli("--home", str(home), "finance", str(plan_id), "--members", "tanti")
    assert code == 2 and "'tanti' non è una percentuale" in capsys.readouterr().err
    code, _, err = cli("--home", str(home), "finance", str(plan_id), "--save")
    assert code == 2 and "Nessun cambiamento da salvare" in err
    code, _, err = cli("--home", str(home), "finance", "999")
    assert code == 2 and "999" in err and "Traceback" not in err


def test_a_retired_model_names_its_replacement_and_the_setting_makes_it_stick(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.doubles.gemini_double import GeminiDouble

    monkeypatch.setenv("ROOTING_FUTURE_GEMINI_API_KEY", "test-key-retired-0001")
    club = str(EXAMPLES / "pallavolo-ssd.json")
    with GeminiDouble(retired=frozenset({"gemini-2.5-flash"})) as double:
        monkeypatch.setenv("GOOGLE_GEMINI_BASE_URL", double.base_url)
        code, out, _ = cli("plan", club, "--provider", "gemini", "--model", "gemini-2.5-flash")
        assert code != 0
        assert "Riprovate con --model gemini-3.8-flash" in out
        assert "rooting-future settings --gemini-model gemini-3.8-flash" in out
        assert out.count("Riprovate con") == 1  # named once, not once per agent
        code, out, _ = cli("settings", "--gemini-model", "gemini-3.8-flash")
        assert code == 0 and "gemini-3.8-flash" in out
        code, _, err = cli("plan", club, "--provider", "gemini")
        used = {r.path.split("/")[3].split(":")[0] for r in double.generate_requests()}
    assert code == 0, err
    assert "gemini-3.8-flash" in used


def test_finance_out_of_range_is_refused_and_the_plan_still_opens(
    home: Path, capsys: pytest.CaptureFixture
) -> None:
    from engine.service import ServiceError

    plan_id = _offline_plan(home)
    code, _, _ = cli("--home", str(home), "finance", str(plan_id), "--inflation", "-30")
    assert code == 2 and "tra -20 e 50" in capsys.readouterr().err
    service = Service(home)
    current = service.get_plan(plan_id).plan.financial_plan.drivers
    bad = current.model_copy(update={"inflation": -0.3, "scenario": current.scenario})
    with pytest.raises(ServiceError) as refused:
        service.save_scenario(plan_id, bad)
    assert "fuori dai limiti" in refused.value.message("it")
    assert service.get_plan(plan_id).version.number == 1  # nothing saved, still opens
    code, out, _ = cli(
        "--home", str(home), "finance", str(plan_id), "--json", "--members", "4", "--save"
    )
    assert code == 0 and json.loads(out)["saved_version"] == 2  # stdout stays valid JSON

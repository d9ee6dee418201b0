"""The STW catalogue loads complete, and a broken file names the broken entry."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from engine.catalogue import CatalogueError, default_catalogue, load_catalogue
from engine.domain import Area
from engine.paths import resource_path


def test_catalogue_has_21_macro_and_their_micro_in_both_languages() -> None:
    catalogue = default_catalogue()
    assert [len(catalogue.area(a)) for a in Area] == [8, 2, 4, 7]
    # 79 as in the earlier product, plus the actions only some clubs get (loans, concessions...)
    assert catalogue.micro_count >= 79
    for macro in catalogue.objectives:
        assert macro.title.it != macro.title.en
        assert all(m.what.it and m.what.en for m in macro.micro)
        assert macro.kpis and macro.budget.benchmark in catalogue.benchmarks


@pytest.fixture
def catalogue_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "catalogue"
    shutil.copytree(resource_path("catalogue"), folder)
    return folder


def _edit(folder: Path, change) -> None:
    path = folder / "stw.json"
    data = json.loads(path.read_text("utf-8"))
    change(data)
    path.write_text(json.dumps(data), "utf-8")


@pytest.mark.parametrize(
    ("change", "entry", "words"),
    [
        (lambda d: d["objectives"][1]["micro"][2].update(code="SP2.9"), "SP2.9", "expected code"),
        (
            lambda d: d["objectives"][0]["priority"]["rules"][0].update(when="sunny"),
            "SP1",
            "unknown condition",
        ),
        (
            lambda d: d["objectives"][3]["kpis"][0].update(baseline="moon_phase"),
            "SP4",
            "unknown figure",
        ),
        (lambda d: d["objectives"][9]["budget"].update(min=9000, max=10), "ST2", "min <= max"),
        (lambda d: d["objectives"][4].pop("title"), "SP5", "title"),
        (lambda d: d["objectives"].pop(20), "social", "codes"),
    ],
    ids=["micro-code", "condition", "figure", "budget", "missing-field", "missing-macro"],
)
def test_broken_catalogue_names_the_entry(
    catalogue_copy: Path, change, entry: str, words: str
) -> None:
    _edit(catalogue_copy, change)
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(catalogue_copy)
    assert caught.value.entry.startswith(entry)
    assert words in str(caught.value)


def test_unreadable_catalogue_is_a_clear_error(catalogue_copy: Path) -> None:
    (catalogue_copy / "stw.json").write_text("{ not json", "utf-8")
    with pytest.raises(CatalogueError, match=r"stw\.json"):
        load_catalogue(catalogue_copy)


def _edit_profile(folder: Path, key: str, change) -> None:
    path = folder / "sports" / f"{key}.json"
    data = json.loads(path.read_text("utf-8"))
    change(data)
    path.write_text(json.dumps(data), "utf-8")


@pytest.mark.parametrize(
    ("key", "change", "words"),
    [
        ("canottaggio", lambda d: d["vocabulary"].pop("the_squads"), "vocabulary lacks the_squads"),
        (
            "canottaggio",
            lambda d: d["micro"].update({"SP1.1": {"it": "Regate {boats}", "en": "Regattas"}}),
            "micro.SP1.1",
        ),
        ("nuoto", lambda d: d["micro"].update({"SP9.1": {"it": "x", "en": "x"}}), "SP9.1"),
        ("pallavolo", lambda d: d["match"].append("calcio"), "already matched by calcio"),
        ("sitting_volley", lambda d: d.update(para_of="curling"), "para_of"),
        (
            "tennis",
            lambda d: d.setdefault("extra", {}).update(
                {"ST1": [{"what": {"it": "Rinnovare {old_equipment}", "en": "x"}, "month": 3}]}
            ),
            "may be missing",
        ),
    ],
    ids=["vocabulary", "placeholder", "unknown-action", "duplicate-name", "para-of", "unsafe-slot"],
)
def test_broken_sport_profile_names_the_profile_and_the_entry(
    catalogue_copy: Path, key: str, change, words: str
) -> None:
    _edit_profile(catalogue_copy, key, change)
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(catalogue_copy)
    assert caught.value.entry == f"sports/{key}"
    assert words in str(caught.value)


def test_a_catalogue_text_may_not_print_a_fact_the_club_may_lack(catalogue_copy: Path) -> None:
    def unsafe(data: dict) -> None:
        data["objectives"][8]["micro"][0]["what"]["it"] = "Rinnovare la concessione {expiry_date}."

    _edit(catalogue_copy, unsafe)
    with pytest.raises(CatalogueError, match="concession_expiring"):
        load_catalogue(catalogue_copy)


def test_a_catalogue_text_may_not_put_an_article_after_a_preposition(
    catalogue_copy: Path,
) -> None:
    """"firmato da {the_athletes}" printed "firmato da i corridori" for a cycling club."""

    def unjoined(data: dict) -> None:
        data["objectives"][14]["micro"][0]["what"]["it"] = "Un codice firmato da {the_athletes}."

    _edit(catalogue_copy, unjoined)
    with pytest.raises(CatalogueError, match="da i corridori"):
        load_catalogue(catalogue_copy)

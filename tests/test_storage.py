"""The local store: immutable versions, restore, trash, search, knowledge, concurrency."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest
from sqlalchemy import text

from engine.domain import PlanStatus
from engine.domain.plan import SectionStatus
from engine.paths import database_path
from engine.service import ClubLimitReached, PlanNotFound, Service, ServiceError
from engine.storage.plans import SortKey
from tests.factories import example_club, make_plan


def test_a_saved_plan_opens_identical(service: Service) -> None:
    plan = make_plan(seed=1)
    summary = service.save_new_plan(plan)
    document = service.get_plan(summary.id)
    assert document.plan == plan
    assert document.version.number == 1
    assert document.summary.club_name == "ASD Virtus Seregno Calcio"
    assert document.summary.sport == "calcio"


def test_every_save_is_a_new_version_and_old_ones_stay(service: Service) -> None:
    plan = make_plan(seed=1)
    plan_id = service.save_new_plan(plan).id
    edited = plan.model_copy(update={"title": "Piano rivisto"})
    assert service.save_version(plan_id, edited, "titolo").number == 2
    assert service.get_plan(plan_id).plan.title == "Piano rivisto"
    assert service.get_plan(plan_id, version=1).plan == plan
    assert [v.source for v in service.versions(plan_id)] == ["generated", "edited"]


def test_restore_makes_a_new_version_copying_the_old_one(service: Service) -> None:
    plan = make_plan(seed=1)
    plan_id = service.save_new_plan(plan).id
    service.save_version(plan_id, plan.model_copy(update={"title": "B"}))
    restored = service.restore_version(plan_id, 1)
    assert restored.number == 3 and restored.restored_from == 1
    assert service.get_plan(plan_id).plan == plan
    assert service.get_plan(plan_id, 2).plan.title == "B"  # nothing overwritten
    hashes = [v.content_hash for v in service.versions(plan_id)]
    assert hashes[0] == hashes[2] != hashes[1]


def test_versions_cannot_be_changed_even_with_raw_sql(service: Service, home: Path) -> None:
    plan_id = service.save_new_plan(make_plan(seed=1)).id
    with sqlite3.connect(database_path(home)) as connection:
        with pytest.raises(sqlite3.IntegrityError, match="immutable"):
            connection.execute("UPDATE plan_versions SET reason = 'x'")
        with pytest.raises(sqlite3.IntegrityError, match="immutable"):
            connection.execute("DELETE FROM plan_versions WHERE plan_id = ?", (plan_id,))


def test_stale_edit_is_refused_not_lost(service: Service) -> None:
    plan = make_plan(seed=1)
    plan_id = service.save_new_plan(plan).id
    service.save_version(plan_id, plan.model_copy(update={"title": "A"}), expected_version=1)
    with pytest.raises(ServiceError) as caught:
        service.save_version(plan_id, plan.model_copy(update={"title": "B"}), expected_version=1)
    assert caught.value.code == "conflict"
    assert service.get_plan(plan_id).plan.title == "A"


def test_unknown_plan_and_version_have_clear_errors(service: Service) -> None:
    with pytest.raises(PlanNotFound, match="999"):
        service.get_plan(999)
    plan_id = service.save_new_plan(make_plan()).id
    with pytest.raises(PlanNotFound) as caught:
        service.get_plan(plan_id, version=7)
    assert "versione 7" in caught.value.message("it")


def test_trash_hides_restores_and_empties(service: Service) -> None:
    keep = service.save_new_plan(make_plan(seed=1)).id
    gone = service.save_new_plan(make_plan(seed=2, club_name="ASD Cestino")).id
    service.delete_plan(gone)
    assert [p.id for p in service.list_plans().rows] == [keep]
    assert [p.id for p in service.list_plans(trash=True).rows] == [gone]
    assert service.get_plan(gone).plan  # still readable from the trash

    service.restore_plan(gone)
    assert {p.id for p in service.list_plans().rows} == {keep, gone}

    service.delete_plan(gone)
    assert service.empty_trash() == 1
    assert service.list_plans(trash=True, with_total=True).total == 0
    with pytest.raises(PlanNotFound):
        service.get_plan(gone)
    assert service.club_count() == 1  # the club had no other plan
    assert service.get_plan(keep).version.number == 1


def test_full_text_search_finds_club_names_and_plan_text(service: Service) -> None:
    football = service.save_new_plan(make_plan(seed=1)).id
    volley = service.save_new_plan(make_plan(example_club("pallavolo-ssd"), seed=2)).id
    assert [p.id for p in service.list_plans(search="adriatica").rows] == [volley]
    assert [p.id for p in service.list_plans(search="Seregno").rows] == [football]
    assert [p.id for p in service.list_plans(search="seregn").rows] == [football]  # typing
    assert [p.id for p in service.list_plans(search="virtus seregn").rows] == [football]
    assert (
        service.list_plans(search="società", with_total=True).total == 2
    )  # accents folded, in club text
    assert service.list_plans(search="societa", with_total=True).total == 2
    assert service.list_plans(search="settore giovanile", with_total=True).total == 2
    assert service.list_plans(search="nessuna-parola-così", with_total=True).total == 0
    for hostile in ('"', "AND OR NOT", "*", "a:b", "(", "NEAR(x"):
        service.list_plans(search=hostile)  # user input is never FTS syntax


def test_search_follows_the_current_version(service: Service) -> None:
    plan = make_plan(seed=1).model_copy(update={"title": "Piano Quokka"})
    plan_id = service.save_new_plan(plan).id
    assert service.list_plans(search="quokka", with_total=True).total == 1
    service.save_version(plan_id, plan.model_copy(update={"title": "Zanzibar programma"}))
    assert [p.id for p in service.list_plans(search="zanzibar").rows] == [plan_id]
    assert (
        service.list_plans(search="quokka", with_total=True).total == 0
    )  # the old text is forgotten
    service.restore_version(plan_id, 1)
    assert service.list_plans(search="quokka", with_total=True).total == 1
    assert service.list_plans(search="zanzibar", with_total=True).total == 0


def test_purged_plans_leave_no_trace_in_the_index(service: Service) -> None:
    plan_id = service.save_new_plan(make_plan(seed=1, club_name="Club Ornitorinco")).id
    service.delete_plan(plan_id)
    assert service.list_plans(search="ornitorinco", trash=True, with_total=True).total == 1
    service.empty_trash()
    assert service.list_plans(search="ornitorinco", trash=True, with_total=True).total == 0
    with service.db.write() as session:
        session.execute(text("INSERT INTO plan_fts(plan_fts) VALUES ('integrity-check')"))
    service.save_new_plan(make_plan(seed=2, club_name="Club Ornitorinco"))
    assert service.list_plans(search="ornitorinco", with_total=True).total == 1


def test_filters_and_sorting(service: Service) -> None:
    a = service.save_new_plan(make_plan(seed=1, club_name="Bravo Calcio")).id
    b = service.save_new_plan(make_plan(example_club("pallavolo-ssd"), seed=2)).id
    c = service.save_new_plan(make_plan(seed=3, club_name="Alfa Calcio")).id
    assert [p.id for p in service.list_plans().rows] == [c, b, a]  # last edited first
    assert [p.id for p in service.list_plans(sport="calcio").rows] == [c, a]
    names = [p.club_name for p in service.list_plans(sort=SortKey.CLUB, descending=False).rows]
    assert names == sorted(names, key=str.casefold)
    service.set_status(a, PlanStatus.APPROVED)
    assert [p.id for p in service.list_plans(status=PlanStatus.APPROVED).rows] == [a]
    page = service.list_plans(limit=2, with_total=True)
    assert len(page.rows) == 2 and page.total == 3 and page.has_more
    last = service.list_plans(limit=2, offset=2)
    assert len(last.rows) == 1 and not last.has_more and last.total is None
    assert service.sports() == ["calcio", "pallavolo"]


def test_knowledge_prefers_same_sport_and_size_and_approved(service: Service) -> None:
    draft = service.save_new_plan(make_plan(seed=1, club_name="Uno")).id
    approved = service.save_new_plan(make_plan(seed=2, club_name="Due")).id
    service.save_new_plan(make_plan(example_club("pallavolo-ssd"), seed=3))
    service.set_status(approved, PlanStatus.APPROVED)

    examples = service.knowledge_examples("sports", "calcio", "medium")
    assert [e.plan_id for e in examples] == [approved, draft]
    assert examples[0].approved and examples[0].content["area"] == "sports"
    assert len(examples[0].content["objectives"]) == 8

    # no swimming plan yet: falls back to other sports rather than nothing
    assert service.knowledge_examples("marketing", "nuoto", "large")
    assert (
        service.knowledge_examples("sports", "calcio", "medium", exclude_plan_id=approved)[
            0
        ].plan_id
        == draft
    )

    service.delete_plan(approved)  # trashed plans are no longer examples
    assert [e.plan_id for e in service.knowledge_examples("sports", "calcio", "medium")] == [draft]


def test_failed_sections_are_not_used_as_examples(service: Service) -> None:
    plan = make_plan(seed=1)
    areas = [a.model_copy(update={"status": SectionStatus.FAILED}) for a in plan.areas]
    service.save_new_plan(plan.model_copy(update={"areas": areas}))
    assert service.knowledge_examples("sports", "calcio", "medium") == []
    assert service.knowledge_examples("executive_summary", "calcio", "medium")


def test_import_and_export_round_trip(service: Service, tmp_path: Path) -> None:
    plan_id = service.save_new_plan(make_plan(seed=1)).id
    exported = tmp_path / "plan.json"
    exported.write_text(service.export_plan_json(plan_id), encoding="utf-8")

    other = Service(tmp_path / "other-home")
    try:
        summary, created = other.import_plan_file(exported)
        assert created
        assert other.get_plan(summary.id).plan == service.get_plan(plan_id).plan
        again, created_again = other.import_plan_file(exported)
        assert not created_again and again.id == summary.id
        assert len(other.versions(summary.id)) == 1  # identical content: no new version
    finally:
        other.close()


def test_club_limit_counts_clubs_not_plans(home: Path) -> None:
    limited = Service(home, max_clubs=2)
    try:
        limited.save_new_plan(make_plan(seed=1))
        limited.save_new_plan(make_plan(seed=2))  # same club again: fine
        limited.save_new_plan(make_plan(example_club("pallavolo-ssd"), seed=3))
        with pytest.raises(ClubLimitReached) as caught:
            limited.save_new_plan(make_plan(example_club("nuoto-piscina-comunale-asd"), seed=4))
        assert "2" in caught.value.message("it")
        assert limited.list_plans(with_total=True).total == 3  # nothing lost
    finally:
        limited.close()


def test_ten_threads_saving_at_once_lose_nothing(service: Service) -> None:
    plan = make_plan(seed=1)
    plan_id = service.save_new_plan(plan).id
    errors: list[BaseException] = []
    barrier = threading.Barrier(10)

    def save(n: int) -> None:
        try:
            barrier.wait()
            for round_ in range(3):
                service.save_version(plan_id, plan.model_copy(update={"title": f"T{n}-{round_}"}))
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=save, args=(n,)) for n in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    numbers = [v.number for v in service.versions(plan_id)]
    assert numbers == list(range(1, 32))
    titles = {service.get_plan(plan_id, n).plan.title for n in range(2, 32)}
    assert len(titles) == 30


def test_ten_threads_creating_plans_at_once(service: Service) -> None:
    errors: list[BaseException] = []
    barrier = threading.Barrier(10)

    def create(n: int) -> None:
        try:
            barrier.wait()
            service.save_new_plan(make_plan(seed=n, club_name=f"Club {n}"))
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=create, args=(n,)) for n in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert service.list_plans(with_total=True).total == 10
    assert service.club_count() == 10


def _captured_sql(service: Service, action) -> list[str]:
    from sqlalchemy import event

    statements: list[str] = []

    def capture(conn, cursor, statement, parameters, context, executemany):
        statements.append((statement, parameters))

    event.listen(service.db.engine, "before_cursor_execute", capture)
    try:
        action()
    finally:
        event.remove(service.db.engine, "before_cursor_execute", capture)
    return statements


@pytest.mark.parametrize(
    "action",
    [
        lambda s: s.list_plans(),
        lambda s: s.list_plans(sport="calcio"),
        lambda s: s.list_plans(status=PlanStatus.APPROVED),
        lambda s: s.list_plans(sort=SortKey.CLUB, descending=False),
        lambda s: s.list_plans(sort=SortKey.CREATED),
        lambda s: s.list_plans(trash=True),
        lambda s: s.list_plans(search="calcio"),
        lambda s: s.knowledge_examples("sports", "calcio", "medium"),
        lambda s: s.get_plan(1),
        lambda s: s.versions(1),
    ],
    ids=[
        "list",
        "sport",
        "status",
        "club-sort",
        "created-sort",
        "trash",
        "search",
        "knowledge",
        "open",
        "versions",
    ],
)
def test_library_queries_use_indexes_not_scans(service: Service, action) -> None:
    for seed in range(3):
        service.save_new_plan(make_plan(seed=seed, club_name=f"Club {seed}"))
    statements = _captured_sql(service, lambda: action(service))
    selects = [
        (sql, params) for sql, params in statements if sql.lstrip().upper().startswith("SELECT")
    ]
    assert selects
    for sql, params in selects:
        with service.db.engine.connect() as connection:
            rows = connection.exec_driver_sql("EXPLAIN QUERY PLAN " + sql, params).all()
        plan = "\n".join(row[-1] for row in rows)
        for line in plan.splitlines():
            if line.strip().startswith("SCAN"):
                # FTS5 virtual-table scans are index lookups ("VIRTUAL TABLE INDEX")
                assert "VIRTUAL TABLE INDEX" in line, f"{sql}\n{plan}"
        assert "USE TEMP B-TREE FOR ORDER BY" not in plan, f"{sql}\n{plan}"

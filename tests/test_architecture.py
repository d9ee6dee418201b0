"""Package boundaries from docs/architecture.md, enforced on every import statement."""

from __future__ import annotations

import ast
import builtins
import inspect
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN = {
    "engine": ("desktop", "PySide6.QtWidgets", "PySide6.QtGui"),
    "licensing": ("desktop", "engine", "PySide6"),
}
# The orchestrator's pool runner is the one engine module allowed to use QtCore.
QTCORE_ALLOWED = {"engine/orchestrator.py", "engine/pool.py"}


def imported_modules(path: Path) -> list[str]:
    tree = ast.parse(path.read_text("utf-8"), filename=str(path))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


def python_files(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_lower_layers_never_import_the_gui(package: str) -> None:
    offenders = []
    for path in python_files(package):
        relative = path.relative_to(ROOT).as_posix()
        for module in imported_modules(path):
            banned = FORBIDDEN[package]
            if any(module == b or module.startswith(b + ".") for b in banned):
                offenders.append(f"{relative}: {module}")
            if (
                package == "engine"
                and module.startswith("PySide6")
                and relative not in QTCORE_ALLOWED
            ):
                offenders.append(f"{relative}: {module} (QtCore only in the pool runner)")
    assert offenders == []


def test_build_folder_is_not_a_package() -> None:
    assert not (ROOT / "build" / "__init__.py").exists()


def test_the_checker_sees_violations(tmp_path: Path) -> None:
    sample = tmp_path / "bad.py"
    sample.write_text("from PySide6.QtWidgets import QLabel\nimport desktop.app\n", "utf-8")
    assert imported_modules(sample) == ["PySide6.QtWidgets", "desktop.app"]


# --- the desktop reaches the engine through the service (docs/architecture.md, "Service") ---

# The desktop imports ``engine.service`` (the door: every read and write, the settings, the
# writer, the event and result types) and ``engine.domain`` (the plan and club the service
# hands out); from the rest of the engine, only these helpers, each for the reason given.
DESKTOP_ENGINE_DOORS = ("engine.service", "engine.domain")
DESKTOP_ENGINE_HELPERS = {
    # words and files the exports share
    "engine.formatting": "numbers, money and dates in the user's language",
    "engine.paths": "resource files: icons, translations",
    "engine.vendor": "the vendor's name and addresses: titles, About, bug reports",
    "engine.version": "the app's version: About, the licence request, the self-test",
    "engine.errors": "UserError, the one base desktop.errors.user_message checks",
    "engine.redaction": "keys registered and removed before a message is shown or logged",
    "engine.atomic": "the wizard's draft is written like an export, whole or not at all",
    # start-up, before there is a Service to ask
    "engine.data_folder": "the data folder the Service will open",
    "engine.licence": "the licence check whose limits the Service is given",
    "engine.logs": "logging set-up, and the log folder the dialogs name",
    "engine.cli": "the launcher hands a command line to the CLI",
    "engine.selftest": "--self-test runs the engine's steps before the desktop's",
    # calculations over a plan the GUI repeats live, with no store or model behind them
    "engine.monitoring": "status, roll-forward proposals, sheet columns: six reviews from one read",
    "engine.finance": "the what-if panel projects again on every change; facilities' cost",
    # the exports' names and model
    "engine.export": "ExportFormat (export dialog); the model's types the plan view lays out",
}


def engine_imports(path: Path) -> list[tuple[str, str]]:
    """(module, name) of each engine name a file imports, deferred imports too:
    ``from engine import cli`` is ("engine.cli", "cli"), ``import engine.paths``
    ("engine.paths", "")."""
    found: list[tuple[str, str]] = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found += [(alias.name, "") for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                module = f"engine.{alias.name}" if node.module == "engine" else node.module
                found.append((module, alias.name))
    return [(m, n) for m, n in found if m.split(".")[0] == "engine"]


def _within(module: str, packages: object) -> str | None:
    return next((p for p in packages if module == p or module.startswith(p + ".")), None)


def desktop_import_problems(path: Path) -> list[str]:
    problems = []
    for module, name in engine_imports(path):
        if any(part.startswith("_") for part in [*module.split("."), name] if part):
            problems.append(f"{module}.{name}: a private name")
        elif not _within(module, (*DESKTOP_ENGINE_DOORS, *DESKTOP_ENGINE_HELPERS)):
            problems.append(f"{module}: not through engine.service")
    return problems


def test_the_desktop_reaches_the_engine_through_the_service() -> None:
    offenders = [
        f"{path.relative_to(ROOT).as_posix()}: {problem}"
        for path in python_files("desktop")
        for problem in desktop_import_problems(path)
    ]
    assert offenders == []


def test_every_desktop_helper_is_still_needed() -> None:
    """An allowance the desktop no longer uses goes from the list."""
    used = {
        _within(module, DESKTOP_ENGINE_HELPERS)
        for path in python_files("desktop")
        for module, _name in engine_imports(path)
    }
    assert set(DESKTOP_ENGINE_HELPERS) - used == set()


def test_the_desktop_checker_sees_violations(tmp_path: Path) -> None:
    sample = tmp_path / "bad.py"
    sample.write_text(
        "from engine import formatting, providers\n"
        "from engine.domain.errors import _item_type, label_path\n"
        "from engine.service import Service\n"
        "from engine.services.plans import PlanManager\n"
        "def later():\n"
        "    import engine.llm.gemini\n",
        "utf-8",
    )
    assert desktop_import_problems(sample) == [
        "engine.providers: not through engine.service",
        "engine.domain.errors._item_type: a private name",
        "engine.services.plans: not through engine.service",
        "engine.llm.gemini: not through engine.service",
    ]


# --- errors: one base for the failures a user can act on (docs/architecture.md, "Errors") ---

# Words for the user: a ``message(language)`` method, or Italian and English kept apart.
USER_METHODS = {"message", "messages", "bilingual"}
USER_WORDS = {"it", "en", "message_it", "message_en"}  # arguments of __init__, or on self


def _base_name(node: ast.expr) -> str:
    return node.attr if isinstance(node, ast.Attribute) else getattr(node, "id", "")


def _speaks_to_the_user(node: ast.ClassDef) -> bool:
    """The class defines words for the user: a message method, or Italian and English text."""
    for item in ast.walk(node):
        if isinstance(item, ast.FunctionDef):
            arguments = {a.arg for a in item.args.args + item.args.kwonlyargs}
            if item.name in USER_METHODS or (item.name == "__init__" and arguments & USER_WORDS):
                return True
        elif (
            isinstance(item, ast.Attribute)
            and isinstance(item.ctx, ast.Store)
            and isinstance(item.value, ast.Name)
            and item.value.id == "self"
            and item.attr in USER_WORDS | {"messages"}
        ):
            return True
    return False


def exception_classes(package: str, root: Path = ROOT) -> dict[str, tuple[bool, bool]]:
    """Every exception class of a package: whether it speaks to the user, whether it is a
    UserError (its bases followed by name through the package; builtins end the chain)."""
    bases: dict[str, set[str]] = {}
    places: dict[str, list[tuple[str, ast.ClassDef]]] = {}
    for path in sorted((root / package).rglob("*.py")):
        relative = path.relative_to(root).as_posix()
        for node in ast.walk(ast.parse(path.read_text("utf-8"), filename=str(path))):
            if isinstance(node, ast.ClassDef):
                bases.setdefault(node.name, set()).update(_base_name(b) for b in node.bases)
                places.setdefault(node.name, []).append((relative, node))

    def reaches(name: str, goal, seen: frozenset[str] = frozenset()) -> bool:
        if goal(name):
            return True
        return any(
            reaches(base, goal, seen | {name}) for base in bases.get(name, ()) if base not in seen
        )

    def builtin_exception(name: str) -> bool:
        found = getattr(builtins, name, None)
        return isinstance(found, type) and issubclass(found, BaseException)

    found: dict[str, tuple[bool, bool]] = {}
    for name, defined in places.items():
        for relative, node in defined:
            if reaches(name, builtin_exception):
                is_user_error = reaches(name, lambda n: n == "UserError")
                found[f"{relative}: {name}"] = (_speaks_to_the_user(node), is_user_error)
    return found


@pytest.mark.parametrize("package", ["engine", "licensing"])
def test_every_error_with_words_for_the_user_is_a_user_error(package: str) -> None:
    """``desktop.errors.user_message`` shows a UserError's words; any other exception is a bug
    (apology, details, log). An error that carries Italian and English must be one, of its own
    package's base: the engine's ``engine.errors``, the licensing's ``licensing.errors``."""
    speaking = {
        place
        for place, (speaks, is_user_error) in exception_classes(package).items()
        if speaks and not is_user_error
    }
    assert speaking == set()
    # The licensing never imports the engine (FORBIDDEN above); the engine uses its own base.
    borrowed = [
        path for path in python_files("engine") if "licensing.errors" in imported_modules(path)
    ]
    assert borrowed == []


def test_the_two_user_error_bases_are_twins() -> None:
    from engine.errors import UserError
    from licensing.errors import UserError as LicensingUserError

    for name in ("__init__", "message"):
        assert inspect.signature(getattr(UserError, name)) == inspect.signature(
            getattr(LicensingUserError, name)
        )
    for base in (UserError, LicensingUserError):
        error = base(it="Testo.", en="Text.", code="sample")
        said = (error.message("it"), error.message("en"), str(error), error.code)
        assert said == ("Testo.", "Text.", "Text.", "sample")
        assert error.messages == ("Testo.", "Text.")


def test_the_error_checker_sees_a_class_with_words_outside_the_base(tmp_path: Path) -> None:
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "errors.py").write_text("class UserError(Exception):\n    pass\n")
    (tmp_path / "pkg" / "bad.py").write_text(
        "class Base(ValueError):\n"
        "    pass\n"
        "class Worded(Base):\n"
        "    def __init__(self, it, en):\n"
        "        super().__init__(en)\n"
        "class Good(UserError):\n"
        "    def __init__(self, name):\n"
        "        super().__init__(it=name, en=name, code='good')\n"
        "class Technical(Exception):\n"
        "    def __init__(self, reason):\n"
        "        self.reason = reason\n",
        "utf-8",
    )
    assert exception_classes("pkg", tmp_path) == {
        "pkg/errors.py: UserError": (False, True),
        "pkg/bad.py: Base": (False, False),
        "pkg/bad.py: Worded": (True, False),
        "pkg/bad.py: Good": (False, True),
        "pkg/bad.py: Technical": (False, False),
    }


# --- the export package is layered: no import cycle (docs/architecture.md, "Exports") ------

EXPORT_PACKAGE = "engine.export"
# Lazy imports allowed to close a cycle, each with the callers it is kept for (none left).
ALLOWED_BACK_EDGES: set[tuple[str, str]] = set()


def _runtime_nodes(tree: ast.Module) -> list[ast.AST]:
    """Every node except the bodies of ``if TYPE_CHECKING:`` (type-only, never imported)."""
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skipped |= {id(child) for part in node.body for child in ast.walk(part)}
    return [node for node in ast.walk(tree) if id(node) not in skipped]


def export_imports(path: Path, package_dir: Path) -> set[str]:
    """The modules of the export package a file imports at run time, deferred ones too.

    ``from engine.export import pdf`` is the submodule; ``from engine.export import X`` of
    any other name is the facade (``engine.export`` itself).
    """
    found: set[str] = set()
    for node in _runtime_nodes(ast.parse(path.read_text("utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if node.module != EXPORT_PACKAGE:
                found.add(node.module)
                continue
            for alias in node.names:
                submodule = (package_dir / f"{alias.name}.py").is_file()
                found.add(f"{EXPORT_PACKAGE}.{alias.name}" if submodule else EXPORT_PACKAGE)
    return {m for m in found if m == EXPORT_PACKAGE or m.startswith(EXPORT_PACKAGE + ".")}


def export_graph(package_dir: Path) -> dict[str, set[str]]:
    graph = {}
    for path in sorted(package_dir.glob("*.py")):
        name = EXPORT_PACKAGE if path.stem == "__init__" else f"{EXPORT_PACKAGE}.{path.stem}"
        graph[name] = export_imports(path, package_dir) - {name}
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str]:
    """One import cycle (its modules in order, the first repeated last), or []."""
    done: set[str] = set()

    def visit(node: str, path: list[str]) -> list[str]:
        if node in path:
            return [*path[path.index(node) :], node]
        if node in done:
            return []
        for target in sorted(graph.get(node, ())):
            cycle = visit(target, [*path, node])
            if cycle:
                return cycle
        done.add(node)
        return []

    for start in sorted(graph):
        cycle = visit(start, [])
        if cycle:
            return cycle
    return []


def _without_allowed(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    return {
        a: {b for b in targets if (a, b) not in ALLOWED_BACK_EDGES} for a, targets in graph.items()
    }


def test_the_export_package_has_no_import_cycle() -> None:
    graph = _without_allowed(export_graph(ROOT / "engine" / "export"))
    assert find_cycle(graph) == []


def test_no_export_module_imports_the_facade() -> None:
    """The facade re-exports the package: a module importing it back (prerender did) is a cycle."""
    graph = export_graph(ROOT / "engine" / "export")
    assert [m for m, targets in graph.items() if EXPORT_PACKAGE in targets] == []


def test_the_document_model_does_not_know_its_builder() -> None:
    graph = export_graph(ROOT / "engine" / "export")
    composers = {
        m for m in graph["engine.export.document"] if m.startswith("engine.export.compose")
    }
    assert composers == set()  # build_document lives in compose.py, never on the model


def test_the_cycle_checker_sees_a_cycle(tmp_path: Path) -> None:
    (tmp_path / "__init__.py").write_text("from engine.export.b import thing\n", "utf-8")
    (tmp_path / "a.py").write_text("from engine.export import b\n", "utf-8")
    (tmp_path / "b.py").write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n"
        "    from engine.export.c import C\n"
        "def later():\n"
        "    from engine.export.a import thing\n",
        "utf-8",
    )
    (tmp_path / "c.py").write_text("from engine.export import thing\nimport engine.export.b\n")
    graph = export_graph(tmp_path)
    assert graph["engine.export.b"] == {"engine.export.a"}  # deferred counts, type-only not
    assert graph["engine.export.c"] == {"engine.export", "engine.export.b"}
    assert find_cycle(graph) == ["engine.export.b", "engine.export.a", "engine.export.b"]

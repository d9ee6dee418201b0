"""Interface language: which one, and the Qt translators that provide it.

Source strings are English (Qt's convention); Italian comes from
``resources/translations/rooting_future_it.qm`` compiled from the ``.ts``
with ``pyside6-lrelease``. Qt's own dialogs (file pickers, buttons) use
``qtbase_<lang>.qm`` shipped inside PySide6. The language is the settings'
override, else the system's if it is Italian or English, else Italian.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from engine.paths import resource_path

if TYPE_CHECKING:
    from engine.domain.language import Language

SUPPORTED = ("it", "en")
DEFAULT = "it"
CATALOGUE = "rooting_future"


def system_language() -> str:
    name = QLocale.system().name().split("_")[0].lower()
    return name if name in SUPPORTED else DEFAULT


def resolve_language(override: str | None = None) -> str:
    """The settings' choice wins; an empty or unknown one follows the system."""
    if override and override in SUPPORTED:
        return override
    return system_language()


_installed: list[QTranslator] = []


def install_translators(app: QCoreApplication, language: str) -> list[str]:
    """Replace the app's translators with ``language``'s; returns the files loaded."""
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    set_current(language)
    loaded: list[str] = []
    ours = resource_path("translations", f"{CATALOGUE}_{language}.qm")
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for folder, name in ((str(ours.parent), ours.stem), (qt_folder, f"qtbase_{language}")):
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            _installed.append(translator)
            loaded.append(name)
    locale = QLocale.Language.Italian if language == "it" else QLocale.Language.English
    QLocale.setDefault(
        QLocale(
            locale, QLocale.Country.Italy if language == "it" else QLocale.Country.UnitedKingdom
        )
    )
    return loaded


_current = [DEFAULT]


def current() -> str:
    """The interface language in use ("it" or "en"): engine messages follow it."""
    return _current[0]


def language() -> Language:
    """The interface language as the engine's ``Language``: numbers, dates and the plan
    view's words follow it. Imported here, not at the top: the window shows before the
    engine's models load (see bench/gui.py, cold start)."""
    from engine.domain.language import Language

    return Language(current())


def set_current(language: str) -> None:
    _current[0] = language if language in SUPPORTED else DEFAULT


def t(text: str) -> str:
    """Translate in module-level code (empty context).

    ``pyside6-lupdate`` finds these calls with ``-tr-function-alias tr+=t``;
    call ``t`` only outside classes (inside a class lupdate would use the
    class name as context) and ``self.tr`` inside them.
    """
    return QCoreApplication.translate("", text)

"""What the frozen app carries, and what it must never carry: one list for the spec and its test.

The earlier product shipped its ``.env`` with API keys inside the executable.
Here the data files are an allow-list (only patterns the app loads at run
time, per ``resources/`` folder), so a stray secret dropped into the tree is
not collected; and a deny-list is checked against the built folder and the
Python archive afterwards (``check_bundle``), so a mistake in the spec or a
PyInstaller hook cannot slip through either.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# resources/<folder>: the file patterns the app reads at run time.
RUNTIME_RESOURCES: dict[str, tuple[str, ...]] = {
    "catalogue": ("*.json", "sports/*.json"),
    "config": ("*.json",),
    "examples": ("*.json",),
    "fonts": ("*.ttf", "*.woff2", "LICENSE*"),
    "icons": ("*.svg",),
    "licensing": ("trusted_keys.json",),
    "templates": ("*.html", "*.css"),
    "translations": ("*.qm",),
}
MIGRATIONS = ("engine/storage/migrations", ("*.py", "*.mako", "versions/*.py"))

# Python packages that must never be importable from the bundle.
FORBIDDEN_MODULES = ("tests", "licensing.vendor", "pytest", "hypothesis", "_pytest", "bench")
# Qt modules the app does not use: excluding them keeps their libraries out of the folder.
UNUSED_QT = (
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtQuickWidgets",
    "PySide6.QtQuickControls2",
    "PySide6.QtQuick3D",
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
    "PySide6.QtPdf",
    "PySide6.QtPdfWidgets",
    "PySide6.QtSql",
    "PySide6.QtTest",
    "PySide6.QtDesigner",
    "PySide6.QtUiTools",
    "PySide6.QtHelp",
    "PySide6.QtXml",
    "PySide6.QtConcurrent",
    "PySide6.QtDBus",
    "PySide6.QtStateMachine",
    "PySide6.QtNetworkAuth",
    "PySide6.QtCharts",
    "PySide6.QtDataVisualization",
    "PySide6.QtMultimedia",
    "PySide6.QtWebEngineCore",
    "PySide6.QtWebEngineWidgets",
    "PySide6.Qt3DCore",
)
OTHER_EXCLUDES = (
    "tkinter",
    "_tkinter",
    "IPython",
    "matplotlib.backends.backend_qtagg",
    "matplotlib.backends.backend_qt",
    "matplotlib.backends.backend_tkagg",
    "pypdf",
    "ruff",
    "pip",
    "setuptools",
    "PyInstaller",
    # Pillow codecs for formats the app never reads (logos are PNG, JPEG or SVG): ~6 MB.
    "PIL._avif",
    "PIL.AvifImagePlugin",
    "PIL._webp",
    "PIL.WebPImagePlugin",
    "PIL._imagingtk",
    "PIL.ImageTk",
    # python-docx uses lxml.etree only: ~3 MB.
    "lxml.objectify",
    # Optional compressors: fontTools needs them only for WOFF/WOFF2 fonts (the PDF embeds
    # TTFs; the HTML's WOFF2 subsets are made at development time), and httpx simply stops
    # offering brotli encoding without them: ~8 MB.
    "brotli",
    "_brotli",
    "zopfli",
    # Never imported at run time: absent from strace of the frozen self-test and of every
    # CLI command (plan, export to every format, list, licence), and from -X importtime of
    # every desktop screen (scripts/screenshots.py) and of the Gemini client; the charts
    # are bars and lines, python-docx uses lxml.etree and WeasyPrint parses with
    # tinyhtml5 (build/README.md, "What is pruned"). ~7 MB with their libraries.
    "numpy.random",  # matplotlib: bootstrap box plots only
    "numpy.fft",  # matplotlib: spectra only
    "numpy._core._multiarray_tests",
    "contourpy",  # matplotlib: contour plots only
    "matplotlib._tri",  # triangulations
    "matplotlib._qhull",
    "lxml.html",
    "lxml.sax",
    "lxml.builder",
    "lxml.isoschematron",
    "readline",  # with libreadline and libtinfo: no interactive prompt in a windowed app
)

# Files that must never be in the built folder (names or path fragments, case-insensitive).
FORBIDDEN_FILE_PATTERNS = (
    ".env",
    "*.env",
    ".env.*",
    "*.pem",
    "*.key",
    "*private*.json",
    "*.private.*",
    "*.db",
    "*.db-wal",
    "*.db-shm",
    "*.sqlite",
    "*.log",
    "*.ts",
    "conftest.py",
    "test_*.py",
    "issuer.py",
)
FORBIDDEN_DIRECTORIES = (
    "tests",
    "vendor",
    "__pycache__",
    ".pytest_cache",
    ".hypothesis",
    ".ruff_cache",
    ".mypy_cache",
    ".git",
    "bench",
)
# Directory names that third-party packages legitimately ship under these names.
ALLOWED_DIRECTORY_PATHS = (
    "certifi",  # never contains tests, but stays explicit
)
# Key material, not the bare marker: TLS libraries contain the PEM header as a parser
# constant, so a match needs the base64 body a real key has after it. (The patterns are
# assembled from pieces so this file never holds a key-shaped line itself.)
_PEM_HEADER = rb"-{5}BEGIN [A-Z ]*PRIVATE" + rb" KEY-{5}"
_SECRET_SHAPES = (
    re.compile(_PEM_HEADER + rb"\r?\n[A-Za-z0-9+/=\r\n]{40,}"),
    re.compile(rb'"private_key"\s*:\s*"[A-Za-z0-9+/=_\-]{40,}"'),  # our issuer's key files
    re.compile(rb"AI" + rb"za[0-9A-Za-z_\-]{35}"),  # a Google API key
)
# Public files that match a forbidden pattern by name (POSIX paths inside the bundle).
ALLOWED_FILES = ("_internal/certifi/cacert.pem", "certifi/cacert.pem")


def runtime_datas(root: Path = ROOT) -> list[tuple[str, str]]:
    """(source file, destination folder) pairs for PyInstaller's ``datas``."""
    pairs: list[tuple[str, str]] = []
    resources = root / "resources"
    for folder, patterns in RUNTIME_RESOURCES.items():
        for path in _matching(resources / folder, patterns):
            pairs.append((str(path), f"resources/{path.parent.relative_to(resources).as_posix()}"))
    base, patterns = MIGRATIONS
    for path in _matching(root / base, patterns):
        relative = path.parent.relative_to(root).as_posix()
        pairs.append((str(path), relative))
    return pairs


def _matching(folder: Path, patterns: Iterable[str]) -> Iterator[Path]:
    for pattern in patterns:
        yield from sorted(p for p in folder.glob(pattern) if p.is_file())


def forbidden_files(bundle: Path) -> list[str]:
    """Every path in a built folder that breaks the rules above (relative, POSIX style)."""
    problems: list[str] = []
    for path in sorted(bundle.rglob("*")):
        relative = path.relative_to(bundle).as_posix()
        name = path.name.lower()
        if path.is_symlink() or relative in ALLOWED_FILES:
            continue  # a symlink's target is checked under its own name
        if path.is_dir():
            if name in FORBIDDEN_DIRECTORIES and not _allowed_dir(relative):
                problems.append(f"{relative}/ (forbidden folder)")
            continue
        if any(fnmatch.fnmatch(name, pattern) for pattern in FORBIDDEN_FILE_PATTERNS):
            problems.append(f"{relative} (forbidden file)")
            continue
        if path.stat().st_size <= 5_000_000 and _has_secret(path):
            problems.append(f"{relative} (contains private key or API key material)")
    return problems


def _allowed_dir(relative: str) -> bool:
    return any(relative.startswith(prefix) for prefix in ALLOWED_DIRECTORY_PATHS)


def _has_secret(path: Path) -> bool:
    data = path.read_bytes()
    return any(shape.search(data) for shape in _SECRET_SHAPES)


def forbidden_modules(module_names: Iterable[str]) -> list[str]:
    """Modules of the bundle's Python archive that must not be there."""
    bad = []
    for name in module_names:
        for forbidden in FORBIDDEN_MODULES:
            if name == forbidden or name.startswith(forbidden + "."):
                bad.append(name)
    return sorted(bad)


# Third-party files PyInstaller's hooks collect that the app never loads (destination paths,
# POSIX style, fnmatch; "*" also spans "/", so "PySide6/*plugins" matches both Qt layouts:
# PySide6/Qt/plugins on Linux and macOS, PySide6/plugins on Windows). Each saves megabytes;
# the frozen self-test proves nothing needed went.
PRUNED_THIRD_PARTY = (
    # Qt's own translations: only the Italian and English dialog strings are installed.
    "PySide6/*translations/*",
    # matplotlib: charts use DejaVu Sans, no maths text, no toolbar, no sample data.
    "matplotlib/mpl-data/fonts/afm/*",
    "matplotlib/mpl-data/fonts/pdfcorefonts/*",
    "matplotlib/mpl-data/fonts/ttf/STIX*",
    "matplotlib/mpl-data/fonts/ttf/cm*",
    "matplotlib/mpl-data/fonts/ttf/DejaVuSerif*",
    "matplotlib/mpl-data/fonts/ttf/DejaVuSansMono*",
    "matplotlib/mpl-data/sample_data/*",
    "matplotlib/mpl-data/images/*",
    # Qt plugins for embedded devices, touch input and TLS (the app's network is httpx).
    "PySide6/*plugins/egldeviceintegrations/*",
    "PySide6/*plugins/generic/*",
    "PySide6/*plugins/networkinformation/*",
    "PySide6/*plugins/tls/*",
    # Image formats a logo or icon never uses (PNG is built in; SVG, JPEG, ICO, GIF stay).
    "PySide6/*plugins/imageformats/libqtga*",
    "PySide6/*plugins/imageformats/libqtiff*",
    "PySide6/*plugins/imageformats/libqwbmp*",
    "PySide6/*plugins/imageformats/libqwebp*",
    "PySide6/*plugins/imageformats/libqicns*",
    "PySide6/*plugins/imageformats/qtga*",
    "PySide6/*plugins/imageformats/qtiff*",
    "PySide6/*plugins/imageformats/qwbmp*",
    "PySide6/*plugins/imageformats/qwebp*",
    "PySide6/Qt/lib/libQt6EglFs*",
    "PySide6/Qt/lib/libQt6EglFS*",
    # WeasyPrint hyphenates Italian and English plans only.
    "pyphen/dictionaries/*",
    # python-docx opens templates/default.docx and templates/default-*.xml; the unpacked
    # default-docx-template/ folder beside them is their source, never opened: ~0.9 MB.
    "docx/templates/default-docx-template/*",
    # matplotlib's DejaVu Sans: regular, bold and oblique are byte-identical to
    # resources/fonts/, which the charts register (engine/export/charts.py; the self-test
    # checks the font resolves); bold-oblique and Display are never drawn: ~2.6 MB.
    "matplotlib/mpl-data/fonts/ttf/DejaVuSans*",
)
KEPT_THIRD_PARTY = (
    "PySide6/*translations/qtbase_it.qm",
    "PySide6/*translations/qtbase_en.qm",
    "pyphen/dictionaries/hyph_it*",
    "pyphen/dictionaries/hyph_en*",
)


def pruned(destination: str) -> bool:
    """True for a collected third-party file the app does not need (see the lists above)."""
    path = destination.replace("\\", "/")
    if any(fnmatch.fnmatch(path, pattern) for pattern in KEPT_THIRD_PARTY):
        return False
    return any(fnmatch.fnmatch(path, pattern) for pattern in PRUNED_THIRD_PARTY)

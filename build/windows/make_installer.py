"""Build the Windows setup (Inno Setup 6) from the onedir app in dist/RootingFuture.

    python build/windows/make_installer.py [--script-only] [--dist DIR] [--iscc PATH]
                                           [--sign-command CMD] [--skip-self-test]
                                           [--allow-missing-pango]

Run from the repository root after ``python build/build_app.py``. Steps:

1. fill build/windows/RootingFuture.iss.in (version from pyproject.toml, paths,
   keyring entries, signing) and write ``dist/installer/RootingFuture.iss``;
2. lint it (the structural checks below): a broken script fails here, with a
   line number, instead of in ISCC on a release machine;
3. unless ``--script-only``: check the app folder (executable, icon, Pango DLLs
   for PDF export, no forbidden files), optionally sign ``RootingFuture.exe``,
   run the frozen self-test, compile with ISCC.exe and print the setup's
   SHA-256.

Signing: ``--sign-command`` or the ``RF_SIGN_COMMAND`` environment variable holds
an Inno Setup Sign Tool command (``$f`` = the quoted file, ``$q`` = a quote,
``$$`` = a dollar), e.g. ``signtool sign /fd sha256 /tr http://timestamp.digicert.com
/td sha256 /a $f``. It signs the app's executable here, and the setup and the
uninstaller through ISCC (``SignTool=rfsign``).

Exit codes: 0 done, 1 a check or a tool failed, 2 ISCC.exe not found.
Standard library only, so any Python 3.11 can run it (no __init__.py in build/:
tests load this file by path).
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import tomllib
from collections.abc import Iterable, Sequence
from importlib import util as importlib_util
from pathlib import Path
from types import ModuleType

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
TEMPLATE = HERE / "RootingFuture.iss.in"
PYPROJECT = ROOT / "pyproject.toml"

APP_NAME = "RootingFuture"
APP_EXE = f"{APP_NAME}.exe"
# engine/paths.py: platformdirs.user_data_dir(APP_NAME, APP_AUTHOR, roaming=True),
# i.e. %APPDATA%\<author>\<name> on Windows. A test checks these against the app.
DATA_AUTHOR = "RootingFuture"
DATA_NAME = "RootingFuture"
# licensing/keyring_store.py SERVICE_NAME and every entry the app writes
# (secrets.py api-key:<provider>, installation_key.py, clock.py). A test checks them.
KEYRING_SERVICE = "RootingFuture"
KEYRING_ENTRIES = ("api-key:gemini", "api-key:local", "installation-key", "licensing-state")
SIGN_TOOL_NAME = "rfsign"
PANGO_DLL = "libpango-1.0-0.dll"
SELF_TEST_TIMEOUT_S = 300

PLACEHOLDER = re.compile(r"@[A-Z][A-Z0-9_]*@")
_VERSION = re.compile(r"(\d+)\.(\d+)\.(\d+)(?:[.\-+]?[0-9A-Za-z.\-]*)?")


class InstallerError(Exception):
    """A problem the release engineer must fix; ``str()`` says what and how."""


@dataclasses.dataclass(frozen=True)
class Inputs:
    """Everything the template needs; paths are as ISCC on the build machine sees them."""

    version: str
    app_dir: Path
    setup_icon: Path
    output_dir: Path
    sign_command: str | None = None


# --------------------------------------------------------------------- version


def read_version(pyproject: Path = PYPROJECT) -> str:
    """``[project] version`` of pyproject.toml: the single source of the release number."""
    with open(pyproject, "rb") as handle:
        version = str(tomllib.load(handle)["project"]["version"])
    version_quad(version)  # refuse nonsense before it reaches a file name or a resource
    return version


def version_quad(version: str) -> str:
    """``1.2.3`` or ``1.2.3rc1`` as ``1.2.3.0``: Windows version resources take four numbers."""
    match = _VERSION.fullmatch(version)
    if match is None:
        raise InstallerError(f"version {version!r} is not MAJOR.MINOR.PATCH[suffix]")
    numbers = [int(part) for part in match.groups()]
    if max(numbers) > 0xFFFF:
        raise InstallerError(f"version {version!r}: each number must be at most 65535")
    return ".".join(str(number) for number in [*numbers, 0])


# -------------------------------------------------------------------- rendering


def inno_path(path: Path) -> str:
    """A path for the script: ``{`` starts an Inno constant, so it is doubled."""
    text = str(path)
    if '"' in text or "\n" in text:
        raise InstallerError(f"path {text!r} contains a quote or a line break")
    return text.replace("{", "{{")


def credential_targets(service: str = KEYRING_SERVICE) -> list[str]:
    """Credential Manager target names python-keyring's WinVaultKeyring may have used.

    It stores the first entry under the bare service name; when another entry
    arrives the previous one moves to ``<entry>@<service>``. So any entry may
    sit under either name.
    """
    return [service, *(f"{entry}@{service}" for entry in KEYRING_ENTRIES)]


def sign_directives(sign_command: str | None) -> list[str]:
    """[Setup] lines that make ISCC sign the setup and the uninstaller (or a note why not)."""
    if not sign_command:
        return ["; Not signed: set RF_SIGN_COMMAND (see build/windows/README.md)."]
    check_sign_command(sign_command)
    return [f"SignTool={SIGN_TOOL_NAME}", "SignedUninstaller=yes"]


def check_sign_command(command: str) -> None:
    """Reject commands ISCC cannot take on its command line, with the fix."""
    if "$f" not in command:
        raise InstallerError("the sign command must contain $f (the file to sign)")
    if '"' in command:
        raise InstallerError(
            "the sign command must not contain double quotes: write $q instead "
            "(e.g. /n $qRooting Future S.r.l.$q), ISCC puts them back"
        )


def render(inputs: Inputs, template: str | None = None) -> str:
    """The complete .iss text: every placeholder filled, template-only comments dropped."""
    text = TEMPLATE.read_text(encoding="utf-8") if template is None else template
    version = inputs.version
    values = {
        "VERSION": version,
        "VERSION_QUAD": version_quad(version),
        "APP_EXE": APP_EXE,
        "APP_DIR": inno_path(inputs.app_dir),
        "SETUP_ICON": inno_path(inputs.setup_icon),
        "OUTPUT_DIR": inno_path(inputs.output_dir),
        "OUTPUT_BASENAME": f"{APP_NAME}-{version}-setup",
        "DATA_SUBDIR": f"{DATA_AUTHOR}\\{DATA_NAME}",
        "GENERATED_NOTE": (
            f"Generated for version {version} by build/windows/make_installer.py "
            "from RootingFuture.iss.in: edit the template, not this file."
        ),
    }
    blocks = {
        "SIGN_DIRECTIVES": sign_directives(inputs.sign_command),
        "CREDENTIAL_DELETES": [f"DeleteCredential('{target}');" for target in credential_targets()],
    }
    lines: list[str] = []
    for line in text.splitlines():
        if line.startswith(";;"):
            continue
        stripped = line.strip()
        block = blocks.get(stripped.strip("@")) if PLACEHOLDER.fullmatch(stripped) else None
        if block is not None:
            indent = line[: len(line) - len(line.lstrip())]
            lines.extend(indent + entry for entry in block)
            continue
        lines.append(PLACEHOLDER.sub(lambda m: values.get(m.group(0)[1:-1], m.group(0)), line))
    return "\n".join(lines) + "\n"


# ----------------------------------------------------------------------- linter


def _words(text: str) -> frozenset[str]:
    """A set of names written as plain words: long vocabularies stay readable."""
    return frozenset(text.split())


KNOWN_SECTIONS = _words(
    """
    Setup Types Components Tasks Dirs Files Icons INI InstallDelete Languages Messages
    CustomMessages LangOptions Registry Run UninstallDelete UninstallRun Code
    """
)
KEY_VALUE_SECTIONS = frozenset({"Setup", "Messages", "CustomMessages", "LangOptions"})
REQUIRED_PARAMETERS: dict[str, frozenset[str]] = {
    "Files": frozenset({"Source", "DestDir"}),
    "Icons": frozenset({"Name", "Filename"}),
    "Tasks": frozenset({"Name", "Description"}),
    "Run": frozenset({"Filename"}),
    "UninstallRun": frozenset({"Filename"}),
    "Languages": frozenset({"Name", "MessagesFile"}),
    "InstallDelete": frozenset({"Type", "Name"}),
    "UninstallDelete": frozenset({"Type", "Name"}),
    "Dirs": frozenset({"Name"}),
    "Registry": frozenset({"Root", "Subkey"}),
    "INI": frozenset({"Filename", "Section"}),
    "Types": frozenset({"Name", "Description"}),
    "Components": frozenset({"Name", "Description"}),
}
KNOWN_PARAMETERS = _words(
    """
    Source DestDir DestName Excludes ExternalSize Attribs Permissions Flags Name
    Filename Parameters WorkingDir Comment IconFilename IconIndex HotKey AppUserModelID
    Tasks Components Languages Check BeforeInstall AfterInstall MinVersion
    OnlyBelowVersion Description GroupDescription Type Types MessagesFile LicenseFile
    InfoBeforeFile InfoAfterFile StatusMsg RunOnceId Verb Root Subkey ValueType
    ValueName ValueData Section Key String ExtraDiskSpaceRequired FontInstall
    StrongAssemblyName
    """
)
SETUP_DIRECTIVES = _words(
    """
    AppId AppName AppVersion AppVerName AppPublisher AppPublisherURL AppSupportURL
    AppUpdatesURL AppContact AppComments AppCopyright AppMutex SetupMutex
    VersionInfoVersion VersionInfoProductVersion VersionInfoTextVersion
    VersionInfoProductTextVersion VersionInfoProductName VersionInfoCompany
    VersionInfoDescription VersionInfoCopyright VersionInfoOriginalFileName
    PrivilegesRequired PrivilegesRequiredOverridesAllowed DefaultDirName
    DefaultGroupName DisableProgramGroupPage DisableDirPage DisableWelcomePage
    DisableReadyPage DisableFinishedPage ArchitecturesAllowed
    ArchitecturesInstallIn64BitMode MinVersion WizardStyle ShowLanguageDialog
    LanguageDetectionMethod SetupIconFile UninstallDisplayIcon UninstallDisplayName
    UninstallFilesDir OutputDir OutputBaseFilename Compression SolidCompression
    LZMAUseSeparateProcess LZMANumBlockThreads InternalCompressLevel CloseApplications
    CloseApplicationsFilter RestartApplications SetupLogging SignTool SignedUninstaller
    SignToolRetryCount SignToolRetryDelay LicenseFile InfoBeforeFile InfoAfterFile
    UsePreviousAppDir UsePreviousLanguage UsedUserAreasWarning ChangesAssociations
    ChangesEnvironment CreateAppDir WizardImageFile WizardSmallImageFile AllowNoIcons
    SourceDir
    """
)
REQUIRED_SETUP = ("AppId", "AppName", "AppVersion", "DefaultDirName")
ISPP_DIRECTIVES = _words(
    """
    if ifdef ifndef elif else endif error define include pragma
    """
)
# The constants the script may use; a typo would otherwise surface only in ISCC.
KNOWN_CONSTANTS = _words(
    """
    app autopf autoprograms autodesktop autoappdata userappdata localappdata userdocs
    tmp src sys win group uninstallexe commonpf userpf userprograms userdesktop
    """
)
CONSTANT_PREFIXES = ("cm:", "code:", "param:", "reg:", "ini:", "drive:", "%")
PASCAL_OPENERS = frozenset({"begin", "try", "case", "record", "asm"})
_ENTRY_PARAMETER = re.compile(r"([A-Za-z][A-Za-z0-9]*):\s*(.*)", re.DOTALL)
_KEY_VALUE = re.compile(r"([A-Za-z][A-Za-z0-9_.]*)\s*=(.*)", re.DOTALL)
_GUID_APP_ID = re.compile(r"\{\{[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\}")


def lint_iss(text: str) -> list[str]:
    """Structural problems of an Inno Setup script, as ``line N: what`` (empty when clean).

    Not a compiler: it checks what a template edit or a bad substitution
    typically breaks. Known sections only; ``Key=Value`` lines in [Setup]-like
    sections (known directives in [Setup], required ones present); ``Name:
    value; ...`` entries elsewhere with known, non-repeated parameters, the
    required ones present, quotes balanced and constants closed; [Code] with
    balanced begin/end, strings and comments; no placeholder or ISPP inline
    expansion left.
    """
    problems: list[str] = []
    section: str | None = None
    seen_sections: set[str] = set()
    setup_keys: dict[str, str] = {}
    code_lines: list[tuple[int, str]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        where = f"line {number}"
        if PLACEHOLDER.search(raw):
            problems.append(f"{where}: placeholder left: {PLACEHOLDER.search(raw).group(0)}")
        if "{#" in raw:
            problems.append(f"{where}: ISPP inline expansion '{{#' left (fill it in Python)")
        line = raw.strip()
        header = re.fullmatch(r"\[([^\]]+)\]", line)
        if header:
            section = header.group(1)
            if section not in KNOWN_SECTIONS:
                problems.append(f"{where}: unknown section [{section}]")
            elif section in seen_sections:
                problems.append(f"{where}: section [{section}] repeated")
            seen_sections.add(section)
            continue
        if section == "Code":
            code_lines.append((number, raw))
            continue
        if not line or line.startswith(";"):
            continue
        if line.startswith("#"):
            directive = re.match(r"#\s*([a-z]+)", line)
            if not directive or directive.group(1) not in ISPP_DIRECTIVES:
                problems.append(f"{where}: unknown preprocessor line {line!r}")
            continue
        if section is None:
            problems.append(f"{where}: text before the first section")
        elif section in KEY_VALUE_SECTIONS:
            problems.extend(f"{where}: {p}" for p in _lint_key_value(section, line, setup_keys))
        elif section in KNOWN_SECTIONS:
            problems.extend(f"{where}: {p}" for p in _lint_entry(section, line))
    if "Setup" not in seen_sections:
        problems.append("no [Setup] section")
    else:
        problems.extend(f"[Setup] lacks {key}" for key in REQUIRED_SETUP if key not in setup_keys)
        if "AppId" in setup_keys and not _GUID_APP_ID.fullmatch(setup_keys["AppId"]):
            problems.append("[Setup] AppId is not {{GUID} (upper-case hex)")
    problems.extend(lint_pascal(code_lines))
    return problems


def _lint_key_value(section: str, line: str, setup_keys: dict[str, str]) -> list[str]:
    match = _KEY_VALUE.fullmatch(line)
    if not match:
        return [f"[{section}] line is not Key=Value: {line!r}"]
    key, value = match.group(1), match.group(2).strip()
    problems: list[str] = []
    if section == "Setup":
        if key not in SETUP_DIRECTIVES:
            problems.append(f"unknown [Setup] directive {key!r}")
        if key in setup_keys:
            problems.append(f"[Setup] {key} given twice")
        setup_keys[key] = value
        if not value:
            problems.append(f"[Setup] {key} is empty")
        problems.extend(_lint_constants(value))
    if value.count('"') % 2:
        problems.append(f"unbalanced double quotes in {key}")
    return problems


def _split_parameters(line: str) -> list[str] | None:
    """Split ``A: x; B: "y; z"`` on semicolons outside quotes; None if a quote is open."""
    parts: list[str] = []
    current: list[str] = []
    quoted = False
    for char in line:
        if char == '"':
            quoted = not quoted  # a doubled "" toggles twice: still balanced
        if char == ";" and not quoted:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    if quoted:
        return None
    parts.append("".join(current))
    return parts


def _lint_entry(section: str, line: str) -> list[str]:
    parts = _split_parameters(line)
    if parts is None:
        return [f"unbalanced double quotes: {line!r}"]
    problems: list[str] = []
    names: list[str] = []
    for part in parts:
        part = part.strip()
        if not part:
            problems.append(f"empty parameter (stray ';') in {line!r}")
            continue
        match = _ENTRY_PARAMETER.fullmatch(part)
        if not match:
            problems.append(f"[{section}] parameter is not 'Name: value': {part!r}")
            continue
        name, value = match.group(1), match.group(2).strip()
        names.append(name)
        if name not in KNOWN_PARAMETERS:
            problems.append(f"unknown parameter {name!r}")
        if value.startswith('"'):
            inner = value[1:-1] if len(value) >= 2 and value.endswith('"') else None
            if inner is None or inner.replace('""', "").count('"'):
                problems.append(f"{name}: badly quoted value {value!r}")
        elif '"' in value:
            problems.append(f"{name}: a quote inside an unquoted value {value!r}")
        if not value:
            problems.append(f"{name}: empty value")
        problems.extend(_lint_constants(value))
    repeated = sorted({name for name in names if names.count(name) > 1})
    problems.extend(f"parameter {name!r} repeated" for name in repeated)
    missing = REQUIRED_PARAMETERS.get(section, frozenset()) - set(names)
    problems.extend(f"[{section}] entry lacks {name}" for name in sorted(missing))
    return problems


def _lint_constants(value: str) -> list[str]:
    """Every ``{constant}`` closed and known; ``{{`` outside a constant is a literal brace."""
    problems: list[str] = []
    depth = 0
    start = 0
    index = 0
    while index < len(value):
        char = value[index]
        if char == "{":
            if depth == 0 and value.startswith("{{", index):
                index += 2
                continue
            if depth == 0:
                start = index + 1
            depth += 1
        elif char == "}" and depth:
            depth -= 1
            if depth == 0:
                name = value[start:index]
                if name not in KNOWN_CONSTANTS and not name.startswith(CONSTANT_PREFIXES):
                    problems.append(f"unknown constant {{{name}}}")
        index += 1
    if depth:
        problems.append(f"unclosed constant brace in {value!r}")
    return problems


def lint_pascal(lines: Sequence[tuple[int, str]]) -> list[str]:
    """[Code] checks: strings closed on their line, comments closed, begin/end balanced."""
    problems: list[str] = []
    words: list[tuple[int, str]] = []
    comment: str | None = None  # the closing token of an open comment
    comment_line = 0
    for number, line in lines:
        index = 0
        while index < len(line):
            if comment is not None:
                end = line.find(comment, index)
                if end < 0:
                    break
                index = end + len(comment)
                comment = None
                continue
            char = line[index]
            if line.startswith("//", index):
                break
            if char == "{":
                comment, comment_line, index = "}", number, index + 1
            elif line.startswith("(*", index):
                comment, comment_line, index = "*)", number, index + 2
            elif char == "}":
                problems.append(f"line {number}: '}}' outside a comment (nested braces?)")
                index += 1
            elif char == "'":
                end = index + 1
                while True:
                    end = line.find("'", end)
                    if end < 0:
                        problems.append(f"line {number}: string not closed on its line")
                        end = len(line)
                        break
                    if line.startswith("''", end):
                        end += 2
                        continue
                    break
                index = end + 1
            elif char.isalpha() or char == "_":
                end = index
                while end < len(line) and (line[end].isalnum() or line[end] == "_"):
                    end += 1
                words.append((number, line[index:end].lower()))
                index = end
            else:
                index += 1
    if comment is not None:
        problems.append(f"line {comment_line}: comment not closed")
    depth = 0
    for number, word in words:
        if word in PASCAL_OPENERS:
            depth += 1
        elif word == "end":
            depth -= 1
            if depth < 0:
                problems.append(f"line {number}: 'end' without begin/try/case")
                depth = 0
    if depth:
        problems.append(f"[Code]: {depth} begin/try/case without 'end'")
    if lines and not words:
        problems.append("[Code] section is empty")
    return problems


# ----------------------------------------------------------------- app checks


def _load_build_module(name: str) -> ModuleType | None:
    """A sibling script of build/ (no package there), or None if it is not present."""
    folder = ROOT / "build"
    path = folder / f"{name}.py"
    if not path.is_file():
        return None
    spec = importlib_util.spec_from_file_location(f"_rf_build_{name}", path)
    if spec is None or spec.loader is None:
        return None
    module = importlib_util.module_from_spec(spec)
    sys.path.insert(0, str(folder))  # build/ scripts import each other by plain name
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(folder))
    return module


def check_app_folder(app_dir: Path, icon: Path, allow_missing_pango: bool = False) -> list[str]:
    """What would make a broken or unsafe setup: say it now, not on a client's PC."""
    problems: list[str] = []
    if not (app_dir / APP_EXE).is_file():
        problems.append(
            f"{app_dir / APP_EXE} not found: run `python build/build_app.py` first (on Windows)"
        )
        return problems
    if not icon.is_file():
        problems.append(f"{icon} not found: build_app.py writes it (build/make_icons.py)")
    if not allow_missing_pango and not any(app_dir.rglob(PANGO_DLL)):
        problems.append(
            f"{PANGO_DLL} is not in {app_dir}: PDF export would fail on clients. Install "
            "Pango with MSYS2 and rebuild with C:\\msys64\\ucrt64\\bin on PATH "
            "(build/windows/README.md), or pass --allow-missing-pango for a test build"
        )
    try:
        contents = _load_build_module("bundle_contents")
    except Exception as error:  # fail closed: an unchecked bundle is not shipped
        return [*problems, f"cannot load build/bundle_contents.py to check the bundle: {error!r}"]
    forbidden = getattr(contents, "forbidden_files", None)
    if callable(forbidden):
        problems.extend(f"forbidden in the bundle: {path}" for path in forbidden(app_dir))
    return problems


# ---------------------------------------------------------------------- tools


def find_iscc(explicit: Path | None = None, environ: dict[str, str] | None = None) -> Path | None:
    """ISCC.exe: --iscc, then %ISCC%, then PATH, then Inno Setup 6's usual folders."""
    env = os.environ if environ is None else environ
    if explicit is not None:
        return explicit if explicit.is_file() else None
    candidates: list[Path] = []
    if env.get("ISCC"):
        candidates.append(Path(env["ISCC"]))
    for name in ("ISCC.exe", "iscc"):
        found = shutil.which(name)
        if found:
            candidates.append(Path(found))
    for variable in ("ProgramFiles(x86)", "ProgramFiles", "LOCALAPPDATA"):
        base = env.get(variable)
        if base:
            sub = Path("Programs") if variable == "LOCALAPPDATA" else Path()
            candidates.append(Path(base) / sub / "Inno Setup 6" / "ISCC.exe")
    return next((path for path in candidates if path.is_file()), None)


ISCC_MISSING = """\
ISCC.exe (the Inno Setup 6 compiler) was not found.
The script is ready: {script}
To build the setup, on Windows:
  1. install Inno Setup 6.3 or later: `winget install JRSoftware.InnoSetup`
     (or https://jrsoftware.org/isdl.php);
  2. run again: python build/windows/make_installer.py
     (or pass --iscc "C:\\path\\to\\ISCC.exe", or set ISCC=...).
On Linux or macOS use --script-only to just write and lint the script."""


def expand_sign_command(command: str, file: Path) -> str:
    """An Inno Sign Tool command with $f, $q and $$ replaced, to sign a file ourselves."""
    out: list[str] = []
    index = 0
    while index < len(command):
        pair = command[index : index + 2]
        if pair == "$f":
            out.append(f'"{file}"')
        elif pair == "$q":
            out.append('"')
        elif pair == "$$":
            out.append("$")
        else:
            out.append(command[index])
            index += 1
            continue
        index += 2
    return "".join(out)


def iscc_command(iscc: Path, script: Path, sign_command: str | None) -> list[str]:
    """ISCC's arguments; the Sign Tool is defined here so no IDE configuration is needed."""
    command = [str(iscc), "/Qp"]
    if sign_command:
        command.append(f"/S{SIGN_TOOL_NAME}={sign_command}")
    command.append(str(script))
    return command


def run_self_test(executable: Path) -> bool:
    """The frozen app's own check; --report because a windowed exe may have no console."""
    with tempfile.TemporaryDirectory(prefix="rf-selftest-") as folder:
        report = Path(folder) / "self-test.txt"
        try:
            result = subprocess.run(
                [str(executable), "--self-test", "--report", str(report)],
                timeout=SELF_TEST_TIMEOUT_S,
                check=False,
            )
        except subprocess.TimeoutExpired:
            print(f"self-test: no answer after {SELF_TEST_TIMEOUT_S} s", file=sys.stderr)
            return False
        if report.is_file():
            print(report.read_text(encoding="utf-8"))
        return result.returncode == 0


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_script(text: str, target: Path) -> None:
    """UTF-8 with a BOM (so ISCC reads the Italian messages right), CRLF line ends."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "w", encoding="utf-8-sig", newline="\r\n") as handle:
        handle.write(text)


# ----------------------------------------------------------------------- main


def parse_args(argv: Iterable[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="the build's dist/")
    parser.add_argument("--script-only", action="store_true", help="write and lint the .iss only")
    parser.add_argument("--iscc", type=Path, help="path to ISCC.exe")
    parser.add_argument(
        "--sign-command",
        default=os.environ.get("RF_SIGN_COMMAND") or None,
        help="Inno Sign Tool command with $f (default: RF_SIGN_COMMAND)",
    )
    parser.add_argument("--skip-self-test", action="store_true", help="do not run --self-test")
    parser.add_argument(
        "--allow-missing-pango", action="store_true", help="test builds only: no PDF export"
    )
    return parser.parse_args(None if argv is None else list(argv))


def main(argv: Iterable[str] | None = None) -> int:
    args = parse_args(argv)
    dist = args.dist.resolve()
    app_dir = dist / APP_NAME
    try:
        inputs = Inputs(
            version=read_version(),
            app_dir=app_dir,
            setup_icon=dist / "build-support" / "app.ico",
            output_dir=dist / "installer",
            sign_command=args.sign_command,
        )
        text = render(inputs)
    except InstallerError as error:
        print(f"make_installer: {error}", file=sys.stderr)
        return 1
    problems = lint_iss(text)
    if problems:
        print("make_installer: the generated script has problems:", file=sys.stderr)
        print("\n".join(f"  {problem}" for problem in problems), file=sys.stderr)
        return 1
    script = inputs.output_dir / f"{APP_NAME}.iss"
    write_script(text, script)
    print(f"wrote {script} (version {inputs.version}, signed: {bool(inputs.sign_command)})")
    if args.script_only:
        return 0

    iscc = find_iscc(args.iscc)
    if iscc is None and args.iscc is not None:
        print(f"make_installer: --iscc {args.iscc}: no such file", file=sys.stderr)
        return 2
    if iscc is None:
        print(ISCC_MISSING.format(script=script), file=sys.stderr)
        return 2
    problems = check_app_folder(app_dir, inputs.setup_icon, args.allow_missing_pango)
    if problems:
        print("make_installer: cannot package this build:", file=sys.stderr)
        print("\n".join(f"  {problem}" for problem in problems), file=sys.stderr)
        return 1
    executable = app_dir / APP_EXE
    if inputs.sign_command:
        command = expand_sign_command(inputs.sign_command, executable)
        print(f"signing {executable}")
        # Windows hands the string to CreateProcess as is; elsewhere (tests, wine) split it.
        runnable: str | list[str] = command if os.name == "nt" else shlex.split(command)
        if subprocess.run(runnable, check=False).returncode != 0:
            print("make_installer: signing the app failed", file=sys.stderr)
            return 1
    if not args.skip_self_test:
        if os.name != "nt":
            print("self-test skipped: the Windows executable runs only on Windows")
        elif not run_self_test(executable):
            print("make_installer: the frozen self-test failed; no setup built", file=sys.stderr)
            return 1
    setup = inputs.output_dir / f"{APP_NAME}-{inputs.version}-setup.exe"
    setup.unlink(missing_ok=True)  # a stale setup must not pass for a fresh one
    result = subprocess.run(iscc_command(iscc, script, inputs.sign_command), check=False)
    if result.returncode != 0 or not setup.is_file():
        print(f"make_installer: ISCC failed (exit code {result.returncode})", file=sys.stderr)
        return 1
    print(f"built {setup} ({setup.stat().st_size / 1024 / 1024:.1f} MB)")
    print(f"SHA-256 {sha256(setup)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

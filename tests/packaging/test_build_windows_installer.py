"""The Windows setup script: generated from the template, correct where Linux can tell.

ISCC.exe does not run here, so the generated .iss goes through the generator's own
structural linter (and the linter is shown to catch the mistakes it claims to),
plus checks of what the release needs: version, per-user install, Start-menu
entry, an uninstaller that keeps the user's data unless asked, keyring names
that match what the app really writes. build/ has no __init__.py: the
generator is loaded by path.
"""

from __future__ import annotations

import importlib.util
import re
import stat
import sys
import tomllib
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
GENERATOR = ROOT / "build" / "windows" / "make_installer.py"
APP_ID = "{{119B6B06-E523-41EE-975A-CBCA48709C2A}"
WINDOWS_DIST = Path("C:\\rf\\dist")


def _load(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look the module up while the class is built
    spec.loader.exec_module(module)
    return module


mi = _load(GENERATOR, "rf_make_installer")


def _version() -> str:
    with open(ROOT / "pyproject.toml", "rb") as handle:
        return str(tomllib.load(handle)["project"]["version"])


def _inputs(sign_command: str | None = None) -> object:
    return mi.Inputs(
        version=_version(),
        app_dir=WINDOWS_DIST / "RootingFuture",
        setup_icon=WINDOWS_DIST / "build-support" / "app.ico",
        output_dir=WINDOWS_DIST / "installer",
        sign_command=sign_command,
    )


@pytest.fixture(scope="module")
def script() -> str:
    return mi.render(_inputs())


def sections(text: str) -> dict[str, list[str]]:
    """Section name -> its non-comment, non-blank lines (Code keeps every line)."""
    found: dict[str, list[str]] = {}
    current = ""
    for raw in text.splitlines():
        line = raw.strip()
        header = re.fullmatch(r"\[([^\]]+)\]", line)
        if header:
            current = header.group(1)
            found.setdefault(current, [])
        elif current == "Code":
            found[current].append(raw)
        elif current and line and not line.startswith(";"):
            found[current].append(line)
    return found


def setup_values(text: str) -> dict[str, str]:
    return dict(line.split("=", 1) for line in sections(text)["Setup"])


def pascal_routine(text: str, header: str) -> str:
    """The text of one procedure/function of [Code], from its header to its final 'end;'."""
    code = "\n".join(sections(text)["Code"])
    start = code.index(header)
    end = code.index("\nend;", start)
    return code[start : end + len("\nend;")]


# ----------------------------------------------------------------- the script


def test_generated_script_passes_the_linter(script: str) -> None:
    assert mi.lint_iss(script) == []


def test_version_comes_from_pyproject(script: str) -> None:
    version = _version()
    values = setup_values(script)
    assert values["AppVersion"] == version
    assert values["AppVerName"] == f"Rooting Future {version}"
    assert values["VersionInfoTextVersion"] == version
    assert values["VersionInfoVersion"] == mi.version_quad(version)
    assert values["VersionInfoProductVersion"] == mi.version_quad(version)
    assert values["OutputBaseFilename"] == f"RootingFuture-{version}-setup"


def test_per_user_64_bit_lzma2_install(script: str) -> None:
    values = setup_values(script)
    assert values["PrivilegesRequired"] == "lowest"
    assert "PrivilegesRequiredOverridesAllowed" not in values  # never an admin install
    assert values["DefaultDirName"] == "{autopf}\\Rooting Future"
    assert values["ArchitecturesInstallIn64BitMode"] == "x64compatible"
    assert values["ArchitecturesAllowed"] == "x64compatible"
    assert values["Compression"].startswith("lzma2")
    assert values["SolidCompression"] == "yes"
    assert values["AppId"] == APP_ID  # changing it would install a second copy
    assert values["SetupIconFile"] == str(WINDOWS_DIST / "build-support" / "app.ico")
    assert values["OutputDir"] == str(WINDOWS_DIST / "installer")
    assert values["UninstallDisplayIcon"] == "{app}\\RootingFuture.exe"


def test_italian_first_then_english(script: str) -> None:
    languages = sections(script)["Languages"]
    assert [re.match(r'Name: "(\w+)"', line).group(1) for line in languages] == ["it", "en"]
    assert "Italian.isl" in languages[0]
    messages = sections(script)["CustomMessages"]
    for name in ("AppRunning", "AppStillRunning", "DeleteDataQuestion"):
        assert any(line.startswith(f"it.{name}=") for line in messages)
        assert any(line.startswith(f"en.{name}=") for line in messages)


def test_start_menu_entry_and_optional_desktop_icon(script: str) -> None:
    icons = sections(script)["Icons"]
    start_menu = [line for line in icons if line.startswith('Name: "{autoprograms}\\')]
    assert len(start_menu) == 1
    assert 'Filename: "{app}\\RootingFuture.exe"' in start_menu[0]
    assert "Tasks:" not in start_menu[0]  # always created
    desktop = [line for line in icons if line.startswith('Name: "{autodesktop}\\')]
    assert len(desktop) == 1 and "Tasks: desktopicon" in desktop[0]
    tasks = sections(script)["Tasks"]
    assert any('Name: "desktopicon"' in line and "Flags: unchecked" in line for line in tasks)


def test_files_are_only_the_built_app_folder(script: str) -> None:
    files = sections(script)["Files"]
    assert files == [
        f'Source: "{WINDOWS_DIST / "RootingFuture"}\\*"; DestDir: "{{app}}"; '
        "Flags: ignoreversion recursesubdirs createallsubdirs"
    ]


def test_no_reference_to_tests_secrets_or_keys(script: str) -> None:
    lowered = script.lower()
    for fragment in ("tests\\", "tests/", ".env", ".pem", ".key", "vendor", "private", "issuer"):
        assert fragment not in lowered, fragment
    sources = [line for line in sections(script)["Files"] if line.startswith("Source:")]
    assert all("resources" not in line and "licensing" not in line for line in sources)


def test_upgrade_removes_the_previous_libraries(script: str) -> None:
    assert 'Type: filesandordirs; Name: "{app}\\_internal"' in sections(script)["InstallDelete"]


def test_uninstall_asks_and_keeps_data_by_default(script: str) -> None:
    routine = pascal_routine(script, "procedure CurUninstallStepChanged")
    question = routine.index("SuppressibleMsgBox(")
    assert routine.index("DeleteUserData := False;") < question
    # Default button No, and No is also the answer of a silent uninstall.
    assert "MB_YESNO or MB_DEFBUTTON2, IDNO) = IDYES" in routine
    assert "CustomMessage('DeleteDataQuestion')" in routine
    # Deleting happens only after the files are gone and only if the user said Yes.
    branch = routine.index("(CurUninstallStep = usPostUninstall) and DeleteUserData")
    assert question < branch < routine.index("DelTree(DataDir, True, True, True)")
    assert routine.index("DeleteStoredSecrets();") > branch
    code = "\n".join(sections(script)["Code"])
    assert code.count("DelTree(") == 1
    assert code.count("DeleteStoredSecrets();") == 2  # its declaration and the one call


def test_question_names_the_folder_and_the_keys() -> None:
    text = mi.render(_inputs())
    messages = dict(line.split("=", 1) for line in sections(text)["CustomMessages"])
    assert "%1" in messages["it.DeleteDataQuestion"]
    assert "Gestione credenziali" in messages["it.DeleteDataQuestion"]
    assert "Credential Manager" in messages["en.DeleteDataQuestion"]
    assert "No (recommended)" in messages["en.DeleteDataQuestion"]


def test_data_folder_is_the_one_platformdirs_gives_the_app(
    script: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import platformdirs.windows

    from engine import paths

    roaming = "C:\\Users\\club\\AppData\\Roaming"
    monkeypatch.setattr(platformdirs.windows, "get_win_folder", lambda const: roaming)
    folder = platformdirs.windows.Windows(
        paths.APP_NAME, paths.APP_AUTHOR, roaming=True
    ).user_data_dir
    parts = Path(folder[len(roaming) :].strip("\\/").replace("\\", "/")).parts
    assert parts == (mi.DATA_AUTHOR, mi.DATA_NAME)
    routine = pascal_routine(script, "function UserDataDir")
    assert "ExpandConstant('{userappdata}') + '\\" + "\\".join(parts) + "'" in routine


def test_keyring_entries_match_what_the_app_writes() -> None:
    from licensing import clock, installation_key, keyring_store, secrets

    assert mi.KEYRING_SERVICE == keyring_store.SERVICE_NAME == secrets.SERVICE_NAME
    from engine.llm.factory import PROVIDERS

    expected = {secrets._entry(p) for p in PROVIDERS}
    expected |= {installation_key.KEYRING_ENTRY, clock.KEYRING_ENTRY}
    assert set(mi.KEYRING_ENTRIES) == expected


def test_every_keyring_writer_is_known() -> None:
    """A new keyring entry elsewhere must be added to KEYRING_ENTRIES (and to this list)."""
    writers = {
        path.relative_to(ROOT).as_posix()
        for folder in ("engine", "desktop", "licensing")
        for path in (ROOT / folder).rglob("*.py")
        if "keyring_store.put(" in path.read_text(encoding="utf-8")
    }
    assert writers == {
        "licensing/secrets.py",
        "licensing/clock.py",
        "licensing/installation_key.py",
    }


def test_credential_targets_follow_python_keyring_on_windows(script: str) -> None:
    from keyring.backends.Windows import WinVaultKeyring

    service = mi.KEYRING_SERVICE
    expected = [service] + [WinVaultKeyring._compound_name(e, service) for e in mi.KEYRING_ENTRIES]
    assert mi.credential_targets() == expected
    routine = pascal_routine(script, "procedure DeleteStoredSecrets")
    assert re.findall(r"DeleteCredential\('([^']+)'\);", routine) == expected
    declaration = "external 'CredDeleteW@advapi32.dll stdcall uninstallonly'"
    assert declaration in script


def test_running_app_blocks_install_and_uninstall(script: str) -> None:
    assert "if not WaitUntilClosed() then" in pascal_routine(script, "function PrepareToInstall")
    assert "Result := WaitUntilClosed();" in pascal_routine(script, "function InitializeUninstall")
    assert "WHERE Name = ''' + AppExeName + ''''" in pascal_routine(script, "function AppIsRunning")
    assert "AppExeName = 'RootingFuture.exe';" in script
    assert setup_values(script)["CloseApplications"] == "yes"
    assert "AppMutex" not in setup_values(script)  # the app creates no named mutex


# -------------------------------------------------------------------- signing


def test_unsigned_script_has_no_sign_tool(script: str) -> None:
    assert "SignTool" not in setup_values(script)


def test_sign_command_adds_sign_tool_and_signed_uninstaller() -> None:
    text = mi.render(_inputs("signtool sign /fd sha256 /tr http://ts.example /td sha256 /a $f"))
    values = setup_values(text)
    assert values["SignTool"] == mi.SIGN_TOOL_NAME
    assert values["SignedUninstaller"] == "yes"
    assert mi.lint_iss(text) == []


@pytest.mark.parametrize(
    ("command", "message"),
    [("signtool sign /a", "\\$f"), ('signtool sign /n "Club" $f', "\\$q")],
)
def test_bad_sign_commands_are_refused(command: str, message: str) -> None:
    with pytest.raises(mi.InstallerError, match=message):
        mi.render(_inputs(command))


def test_sign_command_expansion() -> None:
    exe = Path("C:\\rf\\RootingFuture.exe")
    expanded = mi.expand_sign_command("signtool sign /n $qRooting Future$q /d $$1 $f", exe)
    assert expanded == f'signtool sign /n "Rooting Future" /d $1 "{exe}"'
    command = mi.iscc_command(Path("ISCC.exe"), Path("x.iss"), "signtool sign $f")
    assert command == ["ISCC.exe", "/Qp", "/Srfsign=signtool sign $f", "x.iss"]
    assert mi.iscc_command(Path("ISCC.exe"), Path("x.iss"), None) == ["ISCC.exe", "/Qp", "x.iss"]


# -------------------------------------------------------------------- version


@pytest.mark.parametrize(
    ("version", "quad"),
    [("0.1.0", "0.1.0.0"), ("1.2.3rc1", "1.2.3.0"), ("2.0.10.post1", "2.0.10.0")],
)
def test_version_quad(version: str, quad: str) -> None:
    assert mi.version_quad(version) == quad


@pytest.mark.parametrize("version", ["1.2", "one.two.three", "70000.0.0", "1.2.3 beta"])
def test_bad_versions_are_refused(version: str) -> None:
    with pytest.raises(mi.InstallerError):
        mi.version_quad(version)


def test_version_quad_agrees_with_the_app_version_resource() -> None:
    path = ROOT / "build" / "release_info.py"
    if not path.is_file():
        pytest.skip("build/release_info.py not present")
    release_info = _load(path, "rf_release_info")
    for version in ("0.1.0", "1.2.3rc1", _version()):
        numbers = ".".join(str(n) for n in release_info.numeric_version(version))
        assert mi.version_quad(version) == numbers


# --------------------------------------------------------------------- linter


def _broken(script: str, old: str, new: str) -> str:
    assert old in script, old
    return script.replace(old, new, 1)


BREAKAGES = [
    ("[Tasks]", "[Taks]", "unknown section [Taks]"),
    ("PrivilegesRequired=lowest", "PrivilegeRequired=lowest", "unknown [Setup] directive"),
    ("SolidCompression=yes", "SolidCompression yes", "not Key=Value"),
    ('DestDir: "{app}";', 'DestDir: "{app};', "unbalanced double quotes"),
    ('Source: "', 'Sorce: "', "lacks Source"),
    ("Flags: unchecked", "Flags: unchecked; Flags: unchecked", "repeated"),
    ("Flags: unchecked", "Flags: unchecked;", "stray ';'"),
    ('WorkingDir: "{app}"; Comment', 'WorkingDir: "{ap}"; Comment', "unknown constant {ap}"),
    ('WorkingDir: "{app}"; Comment', 'WorkingDir: "{app"; Comment', "unclosed constant"),
    ("AppName=Rooting Future", "AppName=@APP_NAME@", "placeholder left: @APP_NAME@"),
    ("AppVersion=", "AppVersion={#AppVersion}", "ISPP inline expansion"),
    ("AppId=", "AppIdentity=", "lacks AppId"),
    ("#endif", "#endiff", "unknown preprocessor line"),
    ("  Result := False;\n  try", "  Result := False;\n  begin try", "without 'end'"),
    ("  end;\nend;", "  end;\nend;\nend;", "'end' without"),
    ("{ True when this", "{ True {when} this", "outside a comment"),
    ("'Rooting Future: deleted '", "'Rooting Future: deleted ", "string not closed"),
    ("{ The platformdirs", "(* The platformdirs", "comment not closed"),
]


@pytest.mark.parametrize(("old", "new", "problem"), BREAKAGES)
def test_linter_catches(script: str, old: str, new: str, problem: str) -> None:
    problems = mi.lint_iss(_broken(script.replace("\r\n", "\n"), old, new))
    assert any(problem in p for p in problems), problems


def test_linter_reports_line_numbers(script: str) -> None:
    broken = _broken(script, "[Tasks]", "[Taks]")
    number = broken.splitlines().index("[Taks]") + 1
    assert f"line {number}: unknown section [Taks]" in mi.lint_iss(broken)


def test_template_only_comments_are_dropped() -> None:
    template = mi.TEMPLATE.read_text(encoding="utf-8")
    assert any(line.startswith(";;") for line in template.splitlines())
    assert not any(line.startswith(";;") for line in mi.render(_inputs()).splitlines())


def test_unknown_placeholder_survives_for_the_linter() -> None:
    text = mi.render(_inputs(), template="[Setup]\nAppName=@NOPE@\n")
    assert any("placeholder left: @NOPE@" in p for p in mi.lint_iss(text))


# --------------------------------------------------------------- main, tools


def test_script_only_writes_utf8_bom_crlf(tmp_path: Path) -> None:
    assert mi.main(["--script-only", "--dist", str(tmp_path)]) == 0
    written = tmp_path / "installer" / "RootingFuture.iss"
    raw = written.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")
    text = raw.decode("utf-8-sig")
    assert mi.lint_iss(text) == []
    assert "è aperto" in text  # Italian survives the round trip
    assert f"AppVersion={_version()}\r\n" in text


def _clear_iscc_search(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    empty = tmp_path / "empty-path"
    empty.mkdir(exist_ok=True)
    monkeypatch.setenv("PATH", str(empty))
    for variable in ("ISCC", "ProgramFiles(x86)", "ProgramFiles", "LOCALAPPDATA"):
        monkeypatch.delenv(variable, raising=False)


def test_missing_iscc_is_a_clear_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _clear_iscc_search(monkeypatch, tmp_path)
    assert mi.main(["--dist", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "ISCC.exe (the Inno Setup 6 compiler) was not found" in err
    assert "--script-only" in err and "winget install JRSoftware.InnoSetup" in err
    assert (tmp_path / "installer" / "RootingFuture.iss").is_file()  # still written


def test_find_iscc_looks_in_the_usual_places(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _clear_iscc_search(monkeypatch, tmp_path)
    assert mi.find_iscc(environ={}) is None
    iscc = tmp_path / "pf86" / "Inno Setup 6" / "ISCC.exe"
    iscc.parent.mkdir(parents=True)
    iscc.write_text("")
    assert mi.find_iscc(environ={"ProgramFiles(x86)": str(tmp_path / "pf86")}) == iscc
    user = tmp_path / "local" / "Programs" / "Inno Setup 6" / "ISCC.exe"
    user.parent.mkdir(parents=True)
    user.write_text("")
    assert mi.find_iscc(environ={"LOCALAPPDATA": str(tmp_path / "local")}) == user
    assert mi.find_iscc(explicit=tmp_path / "nope.exe") is None


def _fake_app(dist: Path, pango: bool = True) -> Path:
    app = dist / "RootingFuture"
    (app / "_internal").mkdir(parents=True)
    (app / "RootingFuture.exe").write_bytes(b"MZ")
    if pango:
        (app / "_internal" / mi.PANGO_DLL).write_bytes(b"MZ")
    (dist / "build-support").mkdir()
    (dist / "build-support" / "app.ico").write_bytes(b"\0\0\1\0")
    return app


def test_app_folder_checks(tmp_path: Path) -> None:
    icon = tmp_path / "build-support" / "app.ico"
    assert "not found" in mi.check_app_folder(tmp_path / "RootingFuture", icon)[0]
    app = _fake_app(tmp_path, pango=False)
    problems = mi.check_app_folder(app, icon)
    assert len(problems) == 1 and mi.PANGO_DLL in problems[0]
    assert mi.check_app_folder(app, icon, allow_missing_pango=True) == []
    (app / "_internal" / mi.PANGO_DLL).write_bytes(b"MZ")
    assert mi.check_app_folder(app, icon) == []


def test_app_folder_check_uses_the_bundle_deny_list(tmp_path: Path) -> None:
    if not (ROOT / "build" / "bundle_contents.py").is_file():
        pytest.skip("build/bundle_contents.py not present")
    app = _fake_app(tmp_path)
    (app / "_internal" / ".env").write_text("KEY=1")
    problems = mi.check_app_folder(app, tmp_path / "build-support" / "app.ico")
    assert any(".env" in p for p in problems), problems


def _executable(path: Path, text: str) -> Path:
    path.write_text(text)
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


@pytest.mark.skipif(sys.platform == "win32", reason="uses POSIX shell stand-ins for the tools")
def test_full_run_with_stand_in_iscc_and_signer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    dist = tmp_path / "dist"
    _fake_app(dist)
    tools = tmp_path / "tools"
    tools.mkdir()
    log = tmp_path / "calls.log"
    version = _version()
    iscc = _executable(
        tools / "ISCC.exe",
        f'#!/bin/sh\necho "iscc $*" >> "{log}"\n'
        "for last; do :; done\n"
        f'printf MZ > "$(dirname "$last")/RootingFuture-{version}-setup.exe"\n',
    )
    _executable(tools / "fakesign", f'#!/bin/sh\necho "sign $*" >> "{log}"\n')
    monkeypatch.setenv("PATH", f"{tools}:/usr/bin:/bin")
    code = mi.main(
        ["--dist", str(dist), "--iscc", str(iscc), "--sign-command", "fakesign /n $qClub$q $f"]
    )
    out = capsys.readouterr().out
    assert code == 0, out
    calls = log.read_text().splitlines()
    assert calls[0] == f"sign /n Club {dist / 'RootingFuture' / 'RootingFuture.exe'}"
    assert calls[1].startswith("iscc /Qp /Srfsign=fakesign /n $qClub$q $f ")
    assert calls[1].endswith(str(dist / "installer" / "RootingFuture.iss"))
    assert f"RootingFuture-{version}-setup.exe" in out and "SHA-256 " in out
    text = (dist / "installer" / "RootingFuture.iss").read_text(encoding="utf-8-sig")
    assert "SignTool=rfsign" in text.splitlines()


@pytest.mark.skipif(sys.platform == "win32", reason="uses a POSIX shell stand-in for ISCC")
def test_failed_compile_is_reported(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    _fake_app(dist)
    stale = dist / "installer" / f"RootingFuture-{_version()}-setup.exe"
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"MZ old")
    iscc = _executable(tmp_path / "ISCC.exe", "#!/bin/sh\nexit 2\n")
    assert mi.main(["--dist", str(dist), "--iscc", str(iscc)]) == 1
    assert not stale.exists()


def test_explicit_iscc_that_does_not_exist(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert mi.main(["--dist", str(tmp_path), "--iscc", str(tmp_path / "ISCC.exe")]) == 2
    assert "no such file" in capsys.readouterr().err


@pytest.mark.skipif(sys.platform == "win32", reason="uses a POSIX shell stand-in")
def test_app_problems_stop_before_iscc(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    dist = tmp_path / "dist"
    _fake_app(dist, pango=False)
    iscc = _executable(tmp_path / "ISCC.exe", f"#!/bin/sh\ntouch {tmp_path / 'ran'}\n")
    assert mi.main(["--dist", str(dist), "--iscc", str(iscc)]) == 1
    assert mi.PANGO_DLL in capsys.readouterr().err
    assert not (tmp_path / "ran").exists()

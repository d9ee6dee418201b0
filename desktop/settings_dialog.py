"""Settings: the writer (offline / Gemini / local server), languages, data and licence.

The API key goes to the OS keyring only (``licensing.secrets``), never to the
store, QSettings or a log; the field shows a masked hint of the stored key and
says where it comes from in a user's words (the keyring, or set in the system
for this session: never a variable's name). Saving Gemini without any key
warns and offers to go back to the key. "Test connection" lists the models
the key may use, in the background, and fills the model picker (which still
accepts a typed name). The data folder has its own *Choose…* button (kept
for the next start by ``engine.data_folder``) instead of a command line.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import i18n
from desktop.errors import PathDialog, open_folder, show_error, user_message
from desktop.icons import icon
from desktop.prefs import preload_provider
from desktop.tasks import TaskRunner
from engine import data_folder
from engine.logs import LOG_FOLDER
from engine.redaction import register_secret
from engine.service import PROVIDERS, AppSettings, Service
from licensing import LicenceState

log = logging.getLogger(__name__)


class WrappedLabel(QLabel):
    """A word-wrapped label that takes the height its text needs at its width.

    Inside a group box on a tab, layouts gave a wrapped hint the height of one
    line: a two- or three-line message (where the key comes from, the keyring
    failure) was cut off mid-sentence.
    """

    def setText(self, text: str) -> None:
        super().setText(text)
        self._fit()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        needed = self.heightForWidth(self.width()) if self.width() > 0 else -1
        if needed > 0 and needed != self.minimumHeight():
            self.setMinimumHeight(needed)


class SettingsDialog(QDialog):
    saved = Signal(object)  # the AppSettings stored
    licence_requested = Signal()

    def __init__(
        self,
        service: Service,
        runner: TaskRunner,
        licence: LicenceState,
        parent: QWidget | None = None,
        gemini_base_url: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.runner = runner
        self.gemini_base_url = gemini_base_url
        self.settings = service.app_settings()
        self.setWindowTitle(self.tr("Settings"))
        self.setMinimumWidth(720)
        self.tabs = tabs = QTabWidget()
        tabs.addTab(self._generation_tab(), icon("regenerate"), self.tr("Writing the plan"))
        tabs.addTab(self._language_tab(), self.tr("Languages"))
        tabs.addTab(self._data_tab(licence), icon("folder"), self.tr("Data and licence"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addWidget(buttons)
        self._load(self.settings)

    # --- tabs -----------------------------------------------------------------------------

    def _generation_tab(self) -> QWidget:
        shipped = self.service.setting_defaults()  # what an empty setting stands for
        page = QWidget()
        self.provider_group = QButtonGroup(self)
        self.offline = QRadioButton(self.tr("Offline composer (no internet, instant, by rule)"))
        self.gemini = QRadioButton(self.tr("Google Gemini (needs an API key and internet)"))
        self.local = QRadioButton(self.tr("Local model server (Ollama, LM Studio…)"))
        for n, button in enumerate((self.offline, self.gemini, self.local)):
            self.provider_group.addButton(button, n)
        self.provider_group.idToggled.connect(lambda _id, _on: self._provider_changed())

        self.gemini_box = QGroupBox(self.tr("Gemini"))
        self.api_key = QLineEdit()
        self.api_key.setEchoMode(QLineEdit.EchoMode.Password)
        self.api_key.setAccessibleName(self.tr("Gemini API key"))
        self.key_state = WrappedLabel()
        self.key_state.setObjectName("hint")
        self.key_state.setWordWrap(True)
        self.key_state.setOpenExternalLinks(True)
        self.remove_key = QPushButton(self.tr("Remove key"))
        self.remove_key.clicked.connect(self.delete_key)
        self.test_gemini = QPushButton(self.tr("Test connection"))
        self.test_gemini.clicked.connect(self.test_gemini_connection)
        self.gemini_model = QComboBox()
        self.gemini_model.setEditable(True)
        self.gemini_model.setAccessibleName(self.tr("Gemini model"))
        self.gemini_model.lineEdit().setPlaceholderText(
            self.tr("default: {model}").format(model=shipped["gemini_model"])
        )
        self.thinking = QComboBox()
        self.thinking.setAccessibleName(self.tr("Thinking level"))
        default_level = str(shipped.get("gemini_thinking_level", "low"))
        self.thinking.addItem(self.tr("Default ({level})").format(level=default_level), "")
        for level, text in (
            ("minimal", self.tr("minimal (fastest)")),
            ("low", self.tr("low")),
            ("medium", self.tr("medium")),
            ("high", self.tr("high (slowest, costs more)")),
        ):
            self.thinking.addItem(text, level)
        self.thinking.setToolTip(
            self.tr("How much Gemini 3 models think before writing: more is slower and costs more")
        )
        self.gemini_result = QLabel()
        self.gemini_result.setWordWrap(True)
        self.research = QCheckBox(
            self.tr("Search public sources (Google Search) for each new plan")
        )
        self.research_hint = WrappedLabel(
            self.tr(
                "Each search is billed by Google as a grounded request; the facts found are "
                "used only after you accept them in the plan."
            )
        )
        self.research_hint.setObjectName("hint")
        self.research_hint.setWordWrap(True)
        key_row = QHBoxLayout()
        key_row.addWidget(self.api_key, 1)
        key_row.addWidget(self.remove_key)
        form = QFormLayout(self.gemini_box)
        form.addRow(self.tr("API key"), key_row)
        form.addRow(self.key_state)
        model_row = QHBoxLayout()
        model_row.addWidget(self.gemini_model, 1)
        model_row.addWidget(self.test_gemini)
        form.addRow(self.tr("Model"), model_row)
        form.addRow("", self.gemini_result)
        form.addRow(self.tr("Thinking"), self.thinking)
        form.addRow(self.research)
        form.addRow(self.research_hint)

        self.local_box = QGroupBox(self.tr("Local server"))
        self.local_url = QLineEdit()
        self.local_url.setPlaceholderText(str(shipped["local_base_url"]))
        self.local_model = QComboBox()
        self.local_model.setEditable(True)
        self.local_model.lineEdit().setPlaceholderText(
            self.tr("default: {model}").format(model=shipped["local_model"])
        )
        self.test_local = QPushButton(self.tr("Test connection"))
        self.test_local.clicked.connect(self.test_local_connection)
        self.local_result = QLabel()
        self.local_result.setWordWrap(True)
        local_form = QFormLayout(self.local_box)
        local_form.addRow(self.tr("Address"), self.local_url)
        local_row = QHBoxLayout()
        local_row.addWidget(self.local_model, 1)
        local_row.addWidget(self.test_local)
        local_form.addRow(self.tr("Model"), local_row)
        local_form.addRow("", self.local_result)

        self.concurrency = QSpinBox()
        self.concurrency.setRange(1, 8)
        self.concurrency.setToolTip(self.tr("How many agents write at the same time"))
        self.rate = QComboBox()
        self.rate.addItem(self.tr("Paid key (faster)"), "default")
        self.rate.addItem(self.tr("Free tier (slower, avoids quota errors)"), "free_tier")
        self.rate.addItem(self.tr("Local server"), "local")
        self.use_cache = QCheckBox(self.tr("Reuse identical answers from the AI cache"))
        self.clear_cache = QPushButton(self.tr("Clear AI cache"))
        self.clear_cache.clicked.connect(self.clear_ai_cache)
        self.cache_result = QLabel()
        tuning = QFormLayout()
        tuning.addRow(self.tr("Agents at the same time"), self.concurrency)
        tuning.addRow(self.tr("Request pace"), self.rate)
        cache_row = QHBoxLayout()
        cache_row.addWidget(self.use_cache)
        cache_row.addStretch(1)
        cache_row.addWidget(self.cache_result)
        cache_row.addWidget(self.clear_cache)

        layout = QVBoxLayout(page)
        layout.addWidget(self.offline)
        layout.addWidget(self.gemini)
        layout.addWidget(self.local)
        layout.addWidget(self.gemini_box)
        layout.addWidget(self.local_box)
        layout.addLayout(tuning)
        layout.addLayout(cache_row)
        layout.addStretch(1)
        return page

    def _language_tab(self) -> QWidget:
        page = QWidget()
        self.plan_language = QComboBox()
        self.plan_language.addItem("Italiano", "it")
        self.plan_language.addItem("English", "en")
        self.ui_language = QComboBox()
        self.ui_language.addItem(self.tr("Same as the system"), "")
        self.ui_language.addItem("Italiano", "it")
        self.ui_language.addItem("English", "en")
        note = QLabel(self.tr("A new interface language applies the next time the app starts."))
        note.setObjectName("hint")
        note.setWordWrap(True)
        form = QFormLayout(page)
        form.addRow(self.tr("Language of new plans"), self.plan_language)
        form.addRow(self.tr("Interface language"), self.ui_language)
        form.addRow("", note)
        return page

    def _data_tab(self, licence: LicenceState) -> QWidget:
        page = QWidget()
        lang = i18n.current()
        folder = QLineEdit(str(self.service.home))
        folder.setReadOnly(True)
        folder.setAccessibleName(self.tr("Data folder"))
        open_folder_button = QPushButton(icon("folder"), self.tr("Open"))
        open_folder_button.clicked.connect(self.open_data_folder)
        self.choose_folder_button = QPushButton(self.tr("Choose the data folder…"))
        self.choose_folder_button.clicked.connect(self.choose_data_folder)
        row = QHBoxLayout()
        row.addWidget(folder, 1)
        row.addWidget(open_folder_button)
        row.addWidget(self.choose_folder_button)
        where = QLabel(
            self.tr(
                "Plans, versions, notes and settings live in this folder; logs in its "
                "'{logs}' subfolder. To keep them somewhere else (another disk, for "
                "example), choose another folder: the app uses it from the next start."
            ).format(logs=LOG_FOLDER)
        )
        where.setWordWrap(True)
        where.setObjectName("hint")
        self.next_folder = WrappedLabel()
        self.next_folder.setWordWrap(True)
        self.next_folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._show_next_folder(data_folder.chosen_home())
        self.licence_text = QLabel(f"{licence.message(lang)}")
        self.licence_text.setWordWrap(True)
        manage = QPushButton(icon("licence"), self.tr("Manage licence…"))
        manage.clicked.connect(self.licence_requested.emit)
        form = QFormLayout(page)
        form.addRow(self.tr("Data folder"), row)
        form.addRow("", where)
        form.addRow("", self.next_folder)
        form.addRow(self.tr("Licence"), self.licence_text)
        form.addRow("", manage)
        return page

    # --- the data folder ---------------------------------------------------------------------

    def open_data_folder(self) -> PathDialog | None:
        """The data folder in the file manager, or where it is when that cannot open."""
        return open_folder(self, self.service.home)

    def _show_next_folder(self, chosen: Path | None) -> None:
        """Say which folder the next start will use, when it is not this one."""
        pending = chosen is not None and chosen.resolve() != self.service.home.resolve()
        self.next_folder.setText(
            self.tr("From the next start the app will use: {folder}").format(folder=chosen)
            if pending
            else ""
        )
        self.next_folder.setVisible(pending)

    def choose_data_folder(self) -> bool:
        """Pick the folder for the next start; the current plans stay where they are."""
        picked = QFileDialog.getExistingDirectory(
            self, self.tr("Choose the data folder"), str(self.service.home.parent)
        )
        if not picked:
            return False
        folder = Path(picked).expanduser().resolve()
        if folder == self.service.home.resolve():
            data_folder.choose_home(None if folder == data_folder.default_home() else folder)
            self._show_next_folder(None)
            return False
        if not data_folder.writable(folder):
            QMessageBox.warning(
                self,
                self.tr("Data folder"),
                self.tr("The app cannot save files in {folder}: choose another folder.").format(
                    folder=folder
                ),
            )
            return False
        answer = QMessageBox.question(
            self,
            self.tr("Data folder"),
            self.tr(
                "From the next start the app will keep its plans in {folder}. The plans in "
                "the current folder stay where they are: choose it again to see them. "
                "Use the new folder?"
            ).format(folder=folder),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        try:
            data_folder.choose_home(folder)
        except OSError as error:
            log.warning("data folder choice not saved: %s", error)
            QMessageBox.warning(
                self,
                self.tr("Data folder"),
                self.tr("The app could not remember this folder: try again in a moment."),
            )
            return False
        self._show_next_folder(folder)
        return True

    # --- load / save ------------------------------------------------------------------------

    def _load(self, settings: AppSettings) -> None:
        self.provider_group.button(PROVIDERS.index(settings.provider)).setChecked(True)
        self.gemini_model.setEditText(settings.gemini_model)
        self.thinking.setCurrentIndex(max(0, self.thinking.findData(settings.thinking_level)))
        self.local_url.setText(settings.local_base_url)
        self.local_model.setEditText(settings.local_model)
        self.concurrency.setValue(settings.concurrency)
        self.rate.setCurrentIndex(max(0, self.rate.findData(settings.rate_preset)))
        self.use_cache.setChecked(settings.use_cache)
        self.research.setChecked(settings.research)
        self.plan_language.setCurrentIndex(
            max(0, self.plan_language.findData(settings.plan_language))
        )
        self.ui_language.setCurrentIndex(max(0, self.ui_language.findData(settings.ui_language)))
        self._show_key_state()
        self._provider_changed()

    def provider(self) -> str:
        return PROVIDERS[max(0, self.provider_group.checkedId())]

    def _provider_changed(self) -> None:
        provider = self.provider()
        self.gemini_box.setEnabled(provider == "gemini")
        self.local_box.setEnabled(provider == "local")

    def current(self) -> AppSettings:
        return replace(
            self.settings,
            provider=self.provider(),
            gemini_model=self.gemini_model.currentText().strip(),
            thinking_level=self.thinking.currentData() or "",
            local_base_url=self.local_url.text().strip(),
            local_model=self.local_model.currentText().strip(),
            concurrency=self.concurrency.value(),
            rate_preset=self.rate.currentData(),
            use_cache=self.use_cache.isChecked(),
            research=self.research.isChecked(),
            plan_language=self.plan_language.currentData(),
            ui_language=self.ui_language.currentData(),
        )

    def save(self) -> None:
        if self.api_key.text().strip() and not self.store_key():
            return
        if self.provider() == "gemini" and not self.has_key() and not self.save_without_key():
            return
        stored = self.service.save_app_settings(self.current())
        self.settings = stored
        self.runner.run(lambda: preload_provider(stored.provider))
        self.saved.emit(stored)
        self.accept()

    # --- the API key ------------------------------------------------------------------------

    @staticmethod
    def has_key() -> bool:
        """Whether a Gemini generation would find a key (an unusable keyring counts as none)."""
        from licensing.secrets import SecretStoreUnavailable, find_api_key

        try:
            return find_api_key("gemini") is not None
        except SecretStoreUnavailable:
            return False

    def save_without_key(self) -> bool:
        """Gemini chosen with no key: say so, and go back to the key field unless told to save."""
        answer = QMessageBox.question(
            self,
            self.tr("No Gemini key"),
            self.tr(
                "Gemini needs an API key to write plans, and none is set yet: plans cannot be "
                "written with Gemini until you add one.\n\nSave anyway? Choose No to go back "
                "and paste the key."
            ),
        )
        if answer == QMessageBox.StandardButton.Yes:
            return True
        self.tabs.setCurrentIndex(0)
        self.api_key.setFocus()
        return False

    def _show_key_state(self) -> None:
        """Where the key comes from, in a user's words and masked: never the key, nor a variable."""
        from licensing.secrets import SecretStoreUnavailable, api_key_env_var, find_api_key, mask

        try:
            found = find_api_key("gemini")
        except SecretStoreUnavailable as error:
            self.key_state.setText(user_message(error) or "")
            self.remove_key.setEnabled(False)
            return
        self.remove_key.setEnabled(found is not None and found.from_keyring)
        if found is None:
            self.key_state.setText(
                self.tr(
                    "No key yet. Get one for free at {site} and paste it here: the app keeps "
                    "it in this computer's keyring."
                ).format(
                    site="<a href='https://aistudio.google.com/apikey'>aistudio.google.com</a>"
                )
            )
            self.api_key.setPlaceholderText(self.tr("Paste your Gemini API key"))
            return
        masked = mask(found.value)
        if found.from_keyring:
            text = self.tr("A key is stored in the system keyring ({masked}).")
        elif found.source == api_key_env_var("gemini"):
            text = self.tr(
                "A key is set in the system for this session ({masked}) and takes precedence "
                "over a key saved here. To change it, ask whoever set up this computer."
            )
        else:
            text = self.tr(
                "A key is set in the system for this session ({masked}). A key pasted here "
                "is kept in the system keyring and used instead."
            )
        self.key_state.setText(text.format(masked=masked))
        self.api_key.setPlaceholderText(self.tr("Type a new key to replace it"))

    def store_key(self) -> bool:
        from licensing.secrets import set_api_key

        register_secret(self.api_key.text())
        try:
            set_api_key(self.api_key.text().strip(), "gemini")
        except ValueError:
            message = self.tr(
                "This does not look like an API key: copy it again from aistudio.google.com "
                "and paste it here."
            )
            QMessageBox.warning(self, self.tr("API key"), message)
            return False
        except Exception as error:  # SecretStoreUnavailable: worded by errors.user_message
            message = user_message(error)
            if message is None:
                show_error(self, error)  # a bug: logged, with details for support
            else:
                QMessageBox.warning(self, self.tr("API key"), message)
            return False
        self.api_key.clear()
        self._show_key_state()
        return True

    def delete_key(self) -> None:
        from licensing.secrets import delete_api_key

        try:
            delete_api_key("gemini")
        except Exception as error:
            show_error(self, error)
        self._show_key_state()

    def test_gemini_connection(self) -> None:
        from licensing.secrets import get_api_key

        if self.api_key.text().strip() and not self.store_key():
            return
        try:
            key = get_api_key("gemini") or ""
            register_secret(key)
        except Exception as error:
            show_error(self, error)
            return
        base_url = self.gemini_base_url
        self.gemini_result.setText(self.tr("Connecting…"))
        self.test_gemini.setEnabled(False)

        def listing() -> list[str]:
            return self.service.list_models("gemini", api_key=key, base_url=base_url)

        self.runner.run(
            listing,
            success=lambda names: self._models_listed(self.gemini_model, self.gemini_result, names),
            failure=lambda error: self._test_failed(self.gemini_result, error),
            parent=self,
            key="settings-gemini",
        )

    def test_local_connection(self) -> None:
        url = self.local_url.text().strip()  # empty: the default address
        self.local_result.setText(self.tr("Connecting…"))
        self.test_local.setEnabled(False)

        def listing() -> list[str]:
            return self.service.list_models("local", base_url=url)

        self.runner.run(
            listing,
            success=lambda names: self._models_listed(self.local_model, self.local_result, names),
            failure=lambda error: self._test_failed(self.local_result, error),
            parent=self,
            key="settings-local",
        )

    def _models_listed(self, combo: QComboBox, label: QLabel, names: list[str]) -> None:
        self.test_gemini.setEnabled(True)
        self.test_local.setEnabled(True)
        typed = combo.currentText()
        combo.clear()
        combo.addItems(names)
        combo.setEditText(typed)  # a typed name stays: the list may not show every model
        label.setText(
            self.tr("Connected: {n} models available.").format(n=len(names))
            if names
            else self.tr("Connected, but no model is available to this key.")
        )

    def _test_failed(self, label: QLabel, error: BaseException) -> None:
        self.test_gemini.setEnabled(True)
        self.test_local.setEnabled(True)
        message = user_message(error)
        if message is None:
            show_error(self, error)
            message = self.tr("The connection test failed.")
        label.setText(message)

    # --- cache --------------------------------------------------------------------------------

    def clear_ai_cache(self) -> None:
        removed = self.service.clear_ai_cache()
        self.cache_result.setText(self.tr("{n} answers removed.").format(n=removed))

"""Settings: the writer (offline / Gemini / local server), languages, data and licence.

The API key goes to the OS keyring only (``licensing.secrets``), never to the
store, QSettings or a log; the field shows a masked hint of the stored key.
"Test connection" lists the models the key may use, in the background, and
fills the model picker (which still accepts a typed name).
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
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
from desktop.errors import show_error, user_message
from desktop.icons import icon
from desktop.prefs import preload_provider
from desktop.tasks import TaskRunner
from engine.logs import LOG_FOLDER
from engine.providers import defaults
from engine.redaction import register_secret
from engine.service import AppSettings, Service
from licensing import LicenceState


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
        tabs = QTabWidget()
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
        self.key_state = QLabel()
        self.key_state.setObjectName("hint")
        self.key_state.setWordWrap(True)
        self.remove_key = QPushButton(self.tr("Remove key"))
        self.remove_key.clicked.connect(self.delete_key)
        self.test_gemini = QPushButton(self.tr("Test connection"))
        self.test_gemini.clicked.connect(self.test_gemini_connection)
        self.gemini_model = QComboBox()
        self.gemini_model.setEditable(True)
        self.gemini_model.setAccessibleName(self.tr("Gemini model"))
        self.gemini_model.lineEdit().setPlaceholderText(
            self.tr("default: {model}").format(model=defaults()["gemini_model"])
        )
        self.thinking = QComboBox()
        self.thinking.setAccessibleName(self.tr("Thinking level"))
        default_level = str(defaults().get("gemini_thinking_level", "low"))
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

        self.local_box = QGroupBox(self.tr("Local server"))
        self.local_url = QLineEdit()
        self.local_url.setPlaceholderText(str(defaults()["local_base_url"]))
        self.local_model = QComboBox()
        self.local_model.setEditable(True)
        self.local_model.lineEdit().setPlaceholderText(
            self.tr("default: {model}").format(model=defaults()["local_model"])
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
        open_folder = QPushButton(icon("folder"), self.tr("Open"))
        open_folder.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.service.home)))
        )
        row = QHBoxLayout()
        row.addWidget(folder, 1)
        row.addWidget(open_folder)
        where = QLabel(
            self.tr(
                "Plans, versions, notes and settings live in this folder; logs in its "
                "'{logs}' subfolder. Start the app with --home FOLDER to use another one."
            ).format(logs=LOG_FOLDER)
        )
        where.setWordWrap(True)
        where.setObjectName("hint")
        self.licence_text = QLabel(f"{licence.message(lang)}")
        self.licence_text.setWordWrap(True)
        manage = QPushButton(icon("licence"), self.tr("Manage licence…"))
        manage.clicked.connect(self.licence_requested.emit)
        form = QFormLayout(page)
        form.addRow(self.tr("Data folder"), row)
        form.addRow("", where)
        form.addRow(self.tr("Licence"), self.licence_text)
        form.addRow("", manage)
        return page

    # --- load / save ------------------------------------------------------------------------

    def _load(self, settings: AppSettings) -> None:
        index = {"offline": 0, "gemini": 1, "local": 2}.get(settings.provider, 0)
        self.provider_group.button(index).setChecked(True)
        self.gemini_model.setEditText(settings.gemini_model)
        self.thinking.setCurrentIndex(max(0, self.thinking.findData(settings.thinking_level)))
        self.local_url.setText(settings.local_base_url)
        self.local_model.setEditText(settings.local_model)
        self.concurrency.setValue(settings.concurrency)
        self.rate.setCurrentIndex(max(0, self.rate.findData(settings.rate_preset)))
        self.use_cache.setChecked(settings.use_cache)
        self.plan_language.setCurrentIndex(
            max(0, self.plan_language.findData(settings.plan_language))
        )
        self.ui_language.setCurrentIndex(max(0, self.ui_language.findData(settings.ui_language)))
        self._show_key_state()
        self._provider_changed()

    def provider(self) -> str:
        return ("offline", "gemini", "local")[max(0, self.provider_group.checkedId())]

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
            plan_language=self.plan_language.currentData(),
            ui_language=self.ui_language.currentData(),
        ).cleaned()

    def save(self) -> None:
        if self.api_key.text().strip() and not self.store_key():
            return
        stored = self.service.save_app_settings(self.current())
        self.settings = stored
        self.runner.run(lambda: preload_provider(stored.provider))
        self.saved.emit(stored)
        self.accept()

    # --- the API key ------------------------------------------------------------------------

    def _show_key_state(self) -> None:
        """Where the key comes from (keyring or which variable), masked: never the key."""
        from licensing.secrets import SecretStoreUnavailable, api_key_env_var, find_api_key, mask

        app_variable = api_key_env_var("gemini")
        try:
            found = find_api_key("gemini")
        except SecretStoreUnavailable as error:
            self.key_state.setText(error.message(i18n.current()))
            self.remove_key.setEnabled(False)
            return
        self.remove_key.setEnabled(found is not None and found.from_keyring)
        if found is None:
            self.key_state.setText(
                self.tr(
                    "No key stored. Get one at aistudio.google.com, paste it here: it is kept "
                    "in the system keyring (or set {var})."
                ).format(var=app_variable)
            )
            self.api_key.setPlaceholderText(self.tr("Paste your Gemini API key"))
            return
        masked = mask(found.value)
        if found.from_keyring:
            text = self.tr("A key is stored in the system keyring ({masked}).")
        elif found.source == app_variable:
            text = self.tr(
                "The key comes from the environment variable {var} ({masked}), which wins over "
                "the system keyring: change the variable to change the key."
            )
        else:
            text = self.tr(
                "The key comes from the environment variable {var} ({masked}). A key pasted "
                "here is kept in the system keyring and used instead."
            )
        self.key_state.setText(text.format(masked=masked, var=found.source))
        self.api_key.setPlaceholderText(self.tr("Type a new key to replace it"))

    def store_key(self) -> bool:
        from licensing.secrets import set_api_key

        register_secret(self.api_key.text())
        try:
            set_api_key(self.api_key.text().strip(), "gemini")
        except Exception as error:  # ValueError or SecretStoreUnavailable: both worded
            message = user_message(error) or str(error)
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
            from engine.llm.gemini import list_models

            return list_models(key, base_url=base_url)

        self.runner.run(
            listing,
            success=lambda names: self._models_listed(self.gemini_model, self.gemini_result, names),
            failure=lambda error: self._test_failed(self.gemini_result, error),
            parent=self,
            key="settings-gemini",
        )

    def test_local_connection(self) -> None:
        url = self.local_url.text().strip() or str(defaults()["local_base_url"])
        self.local_result.setText(self.tr("Connecting…"))
        self.test_local.setEnabled(False)

        def listing() -> list[str]:
            from engine.llm.openai_compat import list_local_models

            return list_local_models(url)

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

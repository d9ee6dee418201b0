"""Licence statuses and what to tell the user about each, in Italian and English.

The verifier never raises: it returns one of these, and the UI shows the
matching message and next step. Italian is the default language.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping


class LicenceStatus(enum.StrEnum):
    VALID = "valid"
    GRACE = "grace"
    EXPIRED = "expired"
    WRONG_MACHINE = "wrong_machine"
    NOT_YET_VALID = "not_yet_valid"
    CLOCK_DESYNC = "clock_desync"
    CLOCK_ROLLBACK = "clock_rollback"
    TAMPERED = "tampered"
    UNKNOWN_KEY = "unknown_key"
    MALFORMED = "malformed"
    MISSING = "missing"
    FINGERPRINT_UNAVAILABLE = "fingerprint_unavailable"
    SUPERSEDED = "superseded"
    INTERNAL_ERROR = "internal_error"

    @property
    def is_licensed(self) -> bool:
        """Valid or in grace: every feature the licence grants, no watermark."""
        return self in (LicenceStatus.VALID, LicenceStatus.GRACE)


LANGUAGES = ("it", "en")

_REQUEST_IT = "«rooting-future licence request --out richiesta-attivazione.txt»"
_REQUEST_EN = "'rooting-future licence request --out activation-request.txt'"
_INSTALL_IT = "«rooting-future licence install FILE»"
_INSTALL_EN = "'rooting-future licence install FILE'"

MESSAGES: Mapping[LicenceStatus, Mapping[str, str]] = {
    LicenceStatus.VALID: {
        "it": "Licenza valida: {club} ({licensee}), {until_it}.",
        "en": "Licence valid: {club} ({licensee}), {until_en}.",
    },
    LicenceStatus.GRACE: {
        "it": "La licenza è scaduta il {expires_it}: sei nel periodo di tolleranza fino al "
        "{grace_it}. Tutte le funzioni restano attive.",
        "en": "The licence expired on {expires_en}: grace period until {grace_en}. "
        "Everything keeps working.",
    },
    LicenceStatus.EXPIRED: {
        "it": "La licenza è scaduta il {expires_it}. L'app funziona in modalità valutazione: "
        "i piani salvati restano consultabili ed esportabili, con filigrana.",
        "en": "The licence expired on {expires_en}. The app runs in evaluation mode: saved "
        "plans stay readable and exportable, with a watermark.",
    },
    LicenceStatus.WRONG_MACHINE: {
        "it": "Questa licenza è stata emessa per un altro computer o per un'altra "
        "installazione. L'app funziona in modalità valutazione; i piani salvati restano "
        "consultabili ed esportabili, con filigrana.",
        "en": "This licence was issued for another computer or installation. The app runs in "
        "evaluation mode; saved plans stay readable and exportable, with a watermark.",
    },
    LicenceStatus.NOT_YET_VALID: {
        "it": "La licenza sarà valida dal {not_before_it}.",
        "en": "The licence becomes valid on {not_before_en}.",
    },
    LicenceStatus.CLOCK_DESYNC: {
        "it": "L'orologio del computer è indietro: segna una data precedente all'emissione "
        "della licenza ({issued_it}).",
        "en": "The computer's clock is behind: it shows a time before the licence was issued "
        "({issued_en}).",
    },
    LicenceStatus.CLOCK_ROLLBACK: {
        "it": "L'orologio del computer è stato spostato indietro rispetto all'ultimo utilizzo "
        "({last_seen_it}).",
        "en": "The computer's clock was moved back since the app last ran ({last_seen_en}).",
    },
    LicenceStatus.TAMPERED: {
        "it": "Il file di licenza è stato modificato: la firma non corrisponde.",
        "en": "The licence file was modified: its signature does not match.",
    },
    LicenceStatus.UNKNOWN_KEY: {
        "it": "La licenza è firmata con una chiave che questa versione dell'app non riconosce.",
        "en": "The licence is signed with a key this version of the app does not recognise.",
    },
    LicenceStatus.MALFORMED: {
        "it": "Il file di licenza è danneggiato o non è una licenza di Rooting Future Desktop.",
        "en": "The licence file is damaged or is not a Rooting Future Desktop licence.",
    },
    LicenceStatus.MISSING: {
        "it": "Nessuna licenza installata: modalità valutazione (tutte le funzioni, al massimo "
        "{eval_clubs} società, esportazioni con filigrana).",
        "en": "No licence installed: evaluation mode (every feature, at most {eval_clubs} "
        "clubs, watermarked exports).",
    },
    LicenceStatus.FINGERPRINT_UNAVAILABLE: {
        "it": "Non è possibile leggere l'identificativo di questo computer, quindi la licenza "
        "non può essere verificata.",
        "en": "This computer's identifier cannot be read, so the licence cannot be checked.",
    },
    LicenceStatus.SUPERSEDED: {
        "it": "Questa licenza è stata sostituita da una più recente o disattivata su questo "
        "computer.",
        "en": "This licence was replaced by a newer one or deactivated on this computer.",
    },
    LicenceStatus.INTERNAL_ERROR: {
        "it": "Errore imprevisto durante il controllo della licenza: l'app funziona in "
        "modalità valutazione.",
        "en": "Unexpected error while checking the licence: the app runs in evaluation mode.",
    },
}

NEXT_STEPS: Mapping[LicenceStatus, Mapping[str, str]] = {
    LicenceStatus.VALID: {
        "it": "Nessuna azione necessaria.",
        "en": "Nothing to do.",
    },
    LicenceStatus.GRACE: {
        "it": "Rinnova la licenza prima del {grace_it}: contatta Rooting Future indicando il "
        "codice macchina {fingerprint}.",
        "en": "Renew before {grace_en}: contact Rooting Future quoting the machine code "
        "{fingerprint}.",
    },
    LicenceStatus.EXPIRED: {
        "it": "Per rinnovare, crea una richiesta con " + _REQUEST_IT + " (codice macchina "
        "{fingerprint}), inviala a Rooting Future e installa la nuova licenza con "
        + _INSTALL_IT
        + ".",
        "en": "To renew, create a request with " + _REQUEST_EN + " (machine code "
        "{fingerprint}), send it to Rooting Future and install the new licence with "
        + _INSTALL_EN
        + ".",
    },
    LicenceStatus.WRONG_MACHINE: {
        "it": "Se hai cambiato computer o reinstallato il sistema: sul vecchio computer, se "
        "ancora disponibile, esegui «rooting-future licence deactivate --out "
        "ricevuta.txt»; su questo crea una richiesta con " + _REQUEST_IT + " e invia "
        "entrambi i file a Rooting Future (codice macchina {fingerprint}).",
        "en": "If you changed computer or reinstalled the system: on the old computer, if "
        "still available, run 'rooting-future licence deactivate --out receipt.txt'; on this "
        "one create a request with " + _REQUEST_EN + " and send both files to Rooting Future "
        "(machine code {fingerprint}).",
    },
    LicenceStatus.NOT_YET_VALID: {
        "it": "Attendi quella data, oppure controlla che data e ora del computer siano corrette.",
        "en": "Wait until then, or check that the computer's date and time are right.",
    },
    LicenceStatus.CLOCK_DESYNC: {
        "it": "Imposta data e ora corrette (attiva la sincronizzazione automatica) e riavvia "
        "l'app.",
        "en": "Set the correct date and time (turn on automatic time) and restart the app.",
    },
    LicenceStatus.CLOCK_ROLLBACK: {
        "it": "Correggi data e ora del computer (attiva la sincronizzazione automatica) e "
        "riavvia l'app: la licenza tornerà valida da sola.",
        "en": "Fix the computer's date and time (turn on automatic time) and restart the app: "
        "the licence recovers by itself.",
    },
    LicenceStatus.TAMPERED: {
        "it": "Reinstalla il file di licenza originale ricevuto da Rooting Future, senza "
        "aprirlo né modificarlo: " + _INSTALL_IT + ".",
        "en": "Reinstall the original licence file received from Rooting Future, without "
        "opening or editing it: " + _INSTALL_EN + ".",
    },
    LicenceStatus.UNKNOWN_KEY: {
        "it": "Aggiorna l'app all'ultima versione, oppure chiedi a Rooting Future una nuova "
        "licenza (codice macchina {fingerprint}).",
        "en": "Update the app to the latest version, or ask Rooting Future for a new licence "
        "(machine code {fingerprint}).",
    },
    LicenceStatus.MALFORMED: {
        "it": "Reinstalla il file originale ricevuto da Rooting Future con " + _INSTALL_IT + "; "
        "se il problema resta, chiedine una copia (codice macchina {fingerprint}).",
        "en": "Reinstall the original file received from Rooting Future with "
        + _INSTALL_EN
        + "; if that fails, ask for a new copy (machine code {fingerprint}).",
    },
    LicenceStatus.MISSING: {
        "it": "Per acquistare una licenza crea una richiesta con " + _REQUEST_IT + " e inviala "
        "a Rooting Future; poi installa il file ricevuto con " + _INSTALL_IT + ".",
        "en": "To buy a licence, create a request with " + _REQUEST_EN + " and send it to "
        "Rooting Future; then install the file you receive with " + _INSTALL_EN + ".",
    },
    LicenceStatus.FINGERPRINT_UNAVAILABLE: {
        "it": "Contatta l'assistenza Rooting Future indicando il sistema operativo. Su Linux "
        "verifica che esista /etc/machine-id (si crea con «systemd-machine-id-setup»).",
        "en": "Contact Rooting Future support stating your operating system. On Linux, check "
        "that /etc/machine-id exists (create it with 'systemd-machine-id-setup').",
    },
    LicenceStatus.SUPERSEDED: {
        "it": "Installa la licenza più recente ricevuta da Rooting Future con " + _INSTALL_IT + ".",
        "en": "Install the most recent licence received from Rooting Future with "
        + _INSTALL_EN
        + ".",
    },
    LicenceStatus.INTERNAL_ERROR: {
        "it": "Riavvia l'app; se il problema continua, contatta l'assistenza Rooting Future.",
        "en": "Restart the app; if it happens again, contact Rooting Future support.",
    },
}


class _Blank(dict[str, str]):
    """Leaves unknown placeholders empty instead of raising KeyError."""

    def __missing__(self, key: str) -> str:
        return ""


def render(
    table: Mapping[LicenceStatus, Mapping[str, str]],
    status: LicenceStatus,
    lang: str,
    values: Mapping[str, str],
) -> str:
    """One message in ``lang`` (Italian if the language is not supported)."""
    texts = table[status]
    template = texts.get(lang) or texts["it"]
    return template.format_map(_Blank(values))


LABELS: Mapping[LicenceStatus, tuple[str, str]] = {
    LicenceStatus.VALID: ("valida", "valid"),
    LicenceStatus.GRACE: ("in tolleranza", "grace period"),
    LicenceStatus.EXPIRED: ("scaduta", "expired"),
    LicenceStatus.WRONG_MACHINE: ("altro computer", "wrong machine"),
    LicenceStatus.NOT_YET_VALID: ("non ancora valida", "not yet valid"),
    LicenceStatus.CLOCK_DESYNC: ("orologio indietro", "clock behind"),
    LicenceStatus.CLOCK_ROLLBACK: ("orologio spostato indietro", "clock rolled back"),
    LicenceStatus.TAMPERED: ("modificata", "tampered"),
    LicenceStatus.UNKNOWN_KEY: ("chiave sconosciuta", "unknown key"),
    LicenceStatus.MALFORMED: ("file non valido", "malformed"),
    LicenceStatus.MISSING: ("assente (valutazione)", "none (evaluation)"),
    LicenceStatus.FINGERPRINT_UNAVAILABLE: ("computer non identificabile", "no machine id"),
    LicenceStatus.SUPERSEDED: ("sostituita", "superseded"),
    LicenceStatus.INTERNAL_ERROR: ("errore interno", "internal error"),
}
"""Short names for the status line, Italian and English."""

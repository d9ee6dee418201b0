"""Bilingual ``LLMError`` builders and the transport-exception classifier.

Every message says what happened and what the user can do next (check the key
in Settings, wait, pick the free-tier preset, start Ollama, use the offline
draft), because the reader is a club director, not a developer. Provider
modules decide *which* builder applies; the words live here, in one place.
"""

from __future__ import annotations

import re
from typing import Any

from engine.llm.base import ErrorKind, LLMError
from engine.redaction import redact

try:  # google-genai prefers httpx2 when installed; local servers use httpx.
    import httpx2 as _httpx2
except ImportError:  # pragma: no cover - optional
    _httpx2 = None
import httpx as _httpx

_MODULES = [m for m in (_httpx, _httpx2) if m is not None]
TIMEOUT_EXCEPTIONS: tuple[type[BaseException], ...] = tuple(m.TimeoutException for m in _MODULES)
CONNECT_TIMEOUT_EXCEPTIONS: tuple[type[BaseException], ...] = tuple(
    m.ConnectTimeout for m in _MODULES
)
TRANSPORT_EXCEPTIONS: tuple[type[BaseException], ...] = tuple(m.TransportError for m in _MODULES)
RETRYABLE_STATUSES = frozenset({408, 429, 500, 502, 503, 504})


def with_attempts(error: LLMError, attempts: int) -> LLMError:
    """The same error, its messages saying how many times we tried (the user wonders)."""
    if attempts <= 1:
        return error
    it, en = error.messages
    wrapped = LLMError(
        error.kind,
        it=f"{it} (tentativi: {attempts})",
        en=f"{en} (attempts: {attempts})",
        retry_after_s=error.retry_after_s,
        status=error.status,
    )
    wrapped.__cause__ = error.__cause__
    return wrapped


def is_retryable(error: LLMError) -> bool:
    if error.status is not None:
        return error.status in RETRYABLE_STATUSES
    return error.kind in (ErrorKind.NETWORK, ErrorKind.TIMEOUT, ErrorKind.UNAVAILABLE)


# --- builders ---------------------------------------------------------------------


def missing_key(provider: str) -> LLMError:
    return LLMError(
        ErrorKind.AUTH,
        it=f"Manca la chiave API per {provider}: inseritela in Impostazioni, oppure usate la "
        "bozza offline.",
        en=f"No API key is set for {provider}: enter it in Settings, or use the offline draft.",
    )


def bad_key(provider: str, status: int | None, detail: str = "") -> LLMError:
    return LLMError(
        ErrorKind.AUTH,
        it=f"{provider} ha rifiutato la chiave API{_detail(detail)}. Controllate la chiave in "
        "Impostazioni (copiatela di nuovo da Google AI Studio), oppure usate la bozza offline.",
        en=f"{provider} refused the API key{_detail(detail)}. Check the key in Settings "
        "(copy it again from Google AI Studio), or use the offline draft.",
        status=status,
    )


def permission_denied(provider: str, status: int | None, detail: str = "") -> LLMError:
    return LLMError(
        ErrorKind.AUTH,
        it=f"{provider} ha negato l'accesso con questa chiave API{_detail(detail)}. Controllate in "
        "Impostazioni che la chiave appartenga a un progetto con la Gemini API attiva, oppure "
        "usate la bozza offline.",
        en=f"{provider} denied access with this API key{_detail(detail)}. Check in Settings that "
        "the key belongs to a project with the Gemini API enabled, or use the offline draft.",
        status=status,
    )


def unknown_model(
    provider: str,
    model: str,
    status: int | None,
    hint_en: str = "",
    hint_it: str = "",
    replacement: str | None = None,
) -> LLMError:
    if replacement:
        hint_en = hint_en or (
            f"the newest Flash model your key can use is '{replacement}': switch to it in Settings"
        )
        hint_it = hint_it or (
            f"il modello Flash più recente che la vostra chiave può usare è '{replacement}': "
            "sceglietelo in Impostazioni"
        )
    hint_en = hint_en or "choose another model in Settings"
    hint_it = hint_it or "scegliete un altro modello in Impostazioni"
    return LLMError(
        ErrorKind.MODEL,
        it=f"Il modello '{model}' non è disponibile su {provider} (sconosciuto o dismesso): "
        f"{hint_it}.",
        en=f"The model '{model}' is not available on {provider} (unknown or retired): {hint_en}.",
        status=status,
        replacement=replacement,
    )


def quota(
    provider: str, retry_after_s: float | None, status: int | None = 429, daily: bool = False
) -> LLMError:
    if daily:
        return LLMError(
            ErrorKind.QUOTA,
            it=f"La quota giornaliera di richieste di {provider} è esaurita. Riprovate domani, "
            "attivate la fatturazione sul progetto, oppure usate la bozza offline.",
            en=f"The daily request quota of {provider} is used up. Try again tomorrow, enable "
            "billing on the project, or use the offline draft.",
            retry_after_s=retry_after_s,
            status=status,
        )
    wait_en = f"wait {retry_after_s:.0f} s and try again" if retry_after_s else "wait a minute"
    wait_it = (
        f"attendete {retry_after_s:.0f} s e riprovate" if retry_after_s else ("attendete un minuto")
    )
    return LLMError(
        ErrorKind.QUOTA,
        it=f"{provider} segnala che la quota di richieste è superata: {wait_it}, oppure scegliete "
        "il profilo 'piano gratuito' in Impostazioni (meno richieste al minuto), oppure usate "
        "la bozza offline.",
        en=f"{provider} says the request quota is exceeded: {wait_en}, or choose the free-tier "
        "preset in Settings (fewer requests per minute), or use the offline draft.",
        retry_after_s=retry_after_s,
        status=status,
    )


def unavailable(provider: str, status: int | None, detail: str = "") -> LLMError:
    return LLMError(
        ErrorKind.UNAVAILABLE,
        it=f"{provider} è sovraccarico o non disponibile{_detail(detail)}. Riprovate tra qualche "
        "minuto, oppure usate la bozza offline.",
        en=f"{provider} is overloaded or unavailable{_detail(detail)}. Try again in a few "
        "minutes, or use the offline draft.",
        status=status,
    )


def timeout(provider: str, seconds: float | None, status: int | None = None) -> LLMError:
    after_en = f" after {seconds_text(seconds)}" if seconds else ""
    after_it = f" dopo {seconds_text(seconds)}" if seconds else ""
    return LLMError(
        ErrorKind.TIMEOUT,
        it=f"{provider} non ha risposto in tempo{after_it}. Riprovate tra qualche minuto, oppure "
        "usate la bozza offline.",
        en=f"{provider} did not answer in time{after_en}. Try again in a few minutes, or use the "
        "offline draft.",
        status=status,
    )


def connect_timeout(provider: str, seconds: float) -> LLMError:
    return LLMError(
        ErrorKind.TIMEOUT,
        it=f"Impossibile collegarsi a {provider} entro {seconds_text(seconds)}: controllate la "
        "connessione a internet (o che il server sia avviato), oppure usate la bozza offline.",
        en=f"Could not connect to {provider} within {seconds_text(seconds)}: check the internet "
        "connection (or that the server is running), or use the offline draft.",
    )


def first_byte_timeout(provider: str, seconds: float) -> LLMError:
    return LLMError(
        ErrorKind.TIMEOUT,
        it=f"{provider} non ha iniziato a rispondere entro {seconds_text(seconds)}. Riprovate tra "
        "qualche minuto, oppure usate la bozza offline.",
        en=f"{provider} did not start answering within {seconds_text(seconds)}. Try again in a "
        "few minutes, or use the offline draft.",
    )


def idle_timeout(provider: str, seconds: float) -> LLMError:
    return LLMError(
        ErrorKind.TIMEOUT,
        it=f"{provider} ha smesso di inviare la risposta per più di {seconds_text(seconds)}. "
        "Riprovate, oppure usate la bozza offline.",
        en=f"{provider} stopped sending the answer for more than {seconds_text(seconds)}. Try "
        "again, or use the offline draft.",
    )


def section_timeout(provider: str, seconds: float) -> LLMError:
    return LLMError(
        ErrorKind.TIMEOUT,
        it=f"{provider} non ha completato questa sezione entro {seconds_text(seconds)}, tentativi "
        "compresi. Riprovate più tardi, oppure usate la bozza offline.",
        en=f"{provider} did not finish this section within {seconds_text(seconds)}, retries "
        "included. Try again later, or use the offline draft.",
    )


def too_large(provider: str, max_bytes: int) -> LLMError:
    size = f"{max_bytes / 1_000_000:g} MB" if max_bytes >= 100_000 else f"{max_bytes:,} bytes"
    return LLMError(
        ErrorKind.INVALID_OUTPUT,
        it=f"{provider} ha inviato una risposta più grande di {size}, molto più di quanto serva a "
        "una sezione, ed è stata interrotta. Rigenerate questa sezione, provate un altro "
        "modello, oppure usate la bozza offline.",
        en=f"{provider} sent an answer larger than {size}, far more than a section needs, and it "
        "was stopped. Regenerate this section, try another model, or use the offline draft.",
    )


def garbled(provider: str) -> LLMError:
    """Bytes that are not valid text: damaged on the way (a proxy, a flaky link), retryable."""
    return LLMError(
        ErrorKind.NETWORK,
        it=f"La risposta di {provider} è arrivata rovinata (conteneva byte che non sono testo "
        "valido), probabilmente per la rete o un proxy. Riprovate; se si ripete, controllate "
        "la connessione, oppure usate la bozza offline.",
        en=f"The answer from {provider} arrived damaged (it contained bytes that are not valid "
        "text), probably because of the network or a proxy. Try again; if it keeps happening, "
        "check the connection, or use the offline draft.",
    )


REPLACEMENT_CHARACTER = "\ufffd"
"""What a decoder puts where bytes were not UTF-8 (the SDK and httpx decode leniently).
A model has no reason to write it, so in an answer it means the bytes were damaged."""


def offline(provider: str, detail: str = "") -> LLMError:
    return LLMError(
        ErrorKind.NETWORK,
        it=f"Impossibile raggiungere {provider}{_detail(detail)}: controllate la connessione a "
        "internet, oppure usate la bozza offline.",
        en=f"Cannot reach {provider}{_detail(detail)}: check the internet connection, or use the "
        "offline draft.",
    )


def local_server_down(base_url: str, detail: str = "") -> LLMError:
    return LLMError(
        ErrorKind.NETWORK,
        it=f"Nessun server di modelli locali risponde a {base_url}{_detail(detail)}: Ollama (o "
        "llama-server) è avviato a quell'indirizzo? Avviatelo, controllate l'indirizzo in "
        "Impostazioni, oppure usate la bozza offline.",
        en=f"No local model server answers at {base_url}{_detail(detail)}: is Ollama (or "
        "llama-server) running at that address? Start it, check the address in Settings, or "
        "use the offline draft.",
    )


def local_key_refused(base_url: str, status: int | None) -> LLMError:
    return LLMError(
        ErrorKind.AUTH,
        it=f"Il server di modelli locali a {base_url} ha rifiutato la richiesta come non "
        "autorizzata: controllate la sua chiave API in Impostazioni (Ollama non ne richiede).",
        en=f"The local model server at {base_url} refused the request as unauthorised: check its "
        "API key in Settings (Ollama needs none).",
        status=status,
    )


def local_wrong_address(base_url: str, status: int | None) -> LLMError:
    return LLMError(
        ErrorKind.BAD_REQUEST,
        it=f"Il server a {base_url} non offre un'API compatibile OpenAI: controllate l'indirizzo "
        "in Impostazioni (per Ollama è http://localhost:11434/v1).",
        en=f"The server at {base_url} does not offer an OpenAI-compatible API: check the address "
        "in Settings (for Ollama it is http://localhost:11434/v1).",
        status=status,
    )


def bad_request(provider: str, status: int | None, detail: str = "") -> LLMError:
    return LLMError(
        ErrorKind.BAD_REQUEST,
        it=f"{provider} ha rifiutato la richiesta{_detail(detail)}. Controllate modello e "
        "impostazioni; se si ripete, usate la bozza offline e segnalate il problema.",
        en=f"{provider} refused the request{_detail(detail)}. Check the model and settings; if it "
        "persists, use the offline draft and report the problem.",
        status=status,
    )


def region_unsupported(provider: str, status: int | None) -> LLMError:
    return LLMError(
        ErrorKind.BAD_REQUEST,
        it=f"Il piano gratuito di {provider} non è disponibile nel vostro paese: attivate la "
        "fatturazione sul progetto Google AI Studio, usate un modello locale, oppure la bozza "
        "offline.",
        en=f"{provider}'s free tier is not available in your country: enable billing on the "
        "Google AI Studio project, use a local model, or use the offline draft.",
        status=status,
    )


def blocked(provider: str, reason: str) -> LLMError:
    return LLMError(
        ErrorKind.BLOCKED,
        it=f"{provider} ha trattenuto la risposta per motivi di sicurezza ({reason}). Riformulate "
        "i testi liberi della società (note, descrizioni) e riprovate, oppure usate la bozza "
        "offline.",
        en=f"{provider} withheld the answer for safety reasons ({reason}). Rephrase the club's "
        "free-text answers (notes, descriptions) and try again, or use the offline draft.",
    )


def truncated(provider: str, max_output_tokens: int) -> LLMError:
    return LLMError(
        ErrorKind.TRUNCATED,
        it=f"La risposta di {provider} è stata troncata al limite di token ({max_output_tokens}) "
        "prima che il JSON fosse completo. Aumentate la 'lunghezza massima della risposta' in "
        f"Impostazioni (per esempio {max_output_tokens * 2}) e rigenerate questa sezione.",
        en=f"The answer from {provider} was cut off at the token limit ({max_output_tokens}) "
        "before the JSON was complete. Raise 'maximum answer length' in Settings (e.g. "
        f"{max_output_tokens * 2}) and regenerate this section.",
    )


def invalid_output(provider: str, problems: list[str]) -> LLMError:
    shown = "; ".join(problems[:3])
    return LLMError(
        ErrorKind.INVALID_OUTPUT,
        it=f"{provider} ha risposto due volte con un testo che non ha la struttura attesa "
        f"({shown}). Rigenerate questa sezione, provate un altro modello, oppure usate la bozza "
        "offline.",
        en=f"{provider} answered twice with text that is not the expected structure ({shown}). "
        "Regenerate this section, try another model, or use the offline draft.",
    )


def cancelled() -> LLMError:
    return LLMError(ErrorKind.CANCELLED, it="Annullato.", en="Cancelled.")


def from_transport(
    exc: BaseException,
    provider: str,
    timeout_s: float | None,
    *,
    local_url: str | None = None,
    connect_s: float | None = None,
) -> LLMError | None:
    """Map an httpx/httpx2 exception to an error kind, or None if it is not one."""
    if isinstance(exc, CONNECT_TIMEOUT_EXCEPTIONS):
        return connect_timeout(local_url or provider, connect_s or timeout_s or 0)
    if isinstance(exc, TIMEOUT_EXCEPTIONS):
        return timeout(provider, timeout_s)
    if isinstance(exc, TRANSPORT_EXCEPTIONS):
        detail = type(exc).__name__
        if local_url is not None:
            return local_server_down(local_url, detail)
        return offline(provider, detail)
    if isinstance(exc, (ConnectionError, OSError)):
        return local_server_down(local_url, str(exc)) if local_url else offline(provider)
    return None


# --- helpers -----------------------------------------------------------------------

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*s?\s*$")


def parse_duration(value: Any) -> float | None:
    """Google's Duration JSON ("26s", "1.5s") or a Retry-After seconds header."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value) if value >= 0 else None
    if not isinstance(value, str):
        return None
    match = _DURATION.match(value)
    return float(match.group(1)) if match else None


def seconds_text(seconds: float | None) -> str:
    """45 -> "45 s", 0.25 -> "0.25 s": short timeouts (tests, fast local servers) stay exact."""
    return f"{seconds:.0f} s" if (seconds or 0) >= 10 else f"{seconds or 0:g} s"


def _detail(detail: str) -> str:
    detail = redact(" ".join(detail.split()))  # server text never carries a key to the GUI
    if not detail:
        return ""
    if len(detail) > 200:
        detail = detail[:197] + "..."
    return f" ({detail})"

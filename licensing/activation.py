"""Offline activation and transfer: activation requests and deactivation receipts.

Both documents are signed with the installation key (see
``installation_key``) and carry its public half, so the vendor can check
that a receipt comes from the very installation a licence was issued to:

1. ``build_request``: fingerprint, app version, a nonce and the installation
   public key, signed. The vendor issues a licence bound to both.
2. ``deactivate``: writes a receipt (licence id, fingerprint, installation
   key, time, nonce) signed with the installation key, then raises the
   replay floor past the licence, removes it and destroys the key. The
   vendor verifies the receipt against the original request (or licence)
   before issuing a licence for the new computer.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from licensing import clock, files, installation_key, strictjson
from licensing.clock import ClockState
from licensing.envelope import (
    PUBLIC_KEY_BYTES,
    DocumentKind,
    MalformedDocument,
    b64decode_strict,
    b64encode,
    decode_envelope,
    key_id,
    public_bytes,
    sign_document,
    signature_ok,
)
from licensing.errors import UserError
from licensing.fingerprint import (
    FingerprintUnavailable,
    RawIdSource,
    is_fingerprint,
    machine_fingerprint,
)
from licensing.licence import PRODUCT, Licence, check_text
from licensing.store import read_licence_bytes
from licensing.timeutil import MAX_EPOCH, TimeLike, to_epoch
from licensing.trusted_keys import load_trusted_keys_cached
from licensing.verifier import authenticate

REQUEST_KEYS = frozenset(
    {"product", "fingerprint", "app_version", "nonce", "installation_key", "created_at"}
)
RECEIPT_KEYS = frozenset(
    {"product", "licence_id", "fingerprint", "installation_key", "deactivated_at", "nonce"}
)
_NONCE = re.compile(r"[0-9a-f]{32}")
_LICENCE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]{0,63}")


class ActivationError(UserError):
    """A user-facing failure with Italian and English text and a CLI exit code."""

    def __init__(self, *, it: str, en: str, exit_code: int = 1) -> None:
        super().__init__(it=it, en=en, code="activation")
        self.exit_code = exit_code


class InvalidDocument(ValueError):
    """A request or receipt that is malformed or whose signature does not verify."""


@dataclass(frozen=True)
class ActivationRequest:
    product: str
    fingerprint: str
    app_version: str
    nonce: str
    installation_key: bytes
    created_at: int
    kid: str


@dataclass(frozen=True)
class DeactivationReceipt:
    product: str
    licence_id: str
    fingerprint: str
    installation_key: bytes
    deactivated_at: int
    nonce: str
    kid: str


def installation_kid(public_key: bytes) -> str:
    return key_id(public_key, prefix=installation_key.KID_PREFIX)


def _self_signed(data: bytes, kind: DocumentKind, keys: frozenset[str]) -> tuple[dict, bytes, str]:
    """Parse a document signed by the installation key it carries; verify that signature."""
    try:
        envelope = decode_envelope(data, kind)
        obj = strictjson.loads(envelope.payload, max_depth=1)
    except (MalformedDocument, strictjson.StrictJSONError) as exc:
        raise InvalidDocument(str(exc)) from exc
    if type(obj) is not dict or set(obj) != keys:
        raise InvalidDocument("unexpected fields")
    try:
        public_key = b64decode_strict(obj["installation_key"])
    except MalformedDocument as exc:
        raise InvalidDocument("installation_key is not canonical base64") from exc
    if len(public_key) != PUBLIC_KEY_BYTES:
        raise InvalidDocument("installation_key must be 32 bytes")
    if envelope.kid != installation_kid(public_key):
        raise InvalidDocument("key id does not match the installation key")
    if not signature_ok(envelope, public_key):
        raise InvalidDocument("signature does not verify")
    if obj["product"] != PRODUCT:
        raise InvalidDocument(f"document is for product {obj['product']!r}")
    if not is_fingerprint(obj["fingerprint"]):
        raise InvalidDocument("fingerprint is invalid")
    if type(obj["nonce"]) is not str or not _NONCE.fullmatch(obj["nonce"]):
        raise InvalidDocument("nonce is invalid")
    return obj, public_key, envelope.kid


def _epoch(value: object, name: str) -> int:
    if type(value) is not int or not 0 <= value <= MAX_EPOCH:
        raise InvalidDocument(f"{name} is not a valid time")
    return value


def parse_request(data: bytes) -> ActivationRequest:
    """A verified activation request; raises InvalidDocument."""
    obj, public_key, kid = _self_signed(data, DocumentKind.ACTIVATION_REQUEST, REQUEST_KEYS)
    try:
        app_version = check_text(obj["app_version"], "app_version", max_length=64)
    except MalformedDocument as exc:
        raise InvalidDocument(str(exc)) from exc
    return ActivationRequest(
        product=obj["product"],
        fingerprint=obj["fingerprint"],
        app_version=app_version,
        nonce=obj["nonce"],
        installation_key=public_key,
        created_at=_epoch(obj["created_at"], "created_at"),
        kid=kid,
    )


def parse_receipt(data: bytes) -> DeactivationReceipt:
    """A deactivation receipt whose signature matches the key it carries; raises
    InvalidDocument. Whether that key is the right one is ``receipt_problems``' job."""
    obj, public_key, kid = _self_signed(data, DocumentKind.DEACTIVATION_RECEIPT, RECEIPT_KEYS)
    licence_id = obj["licence_id"]
    if type(licence_id) is not str or not _LICENCE_ID.fullmatch(licence_id):
        raise InvalidDocument("licence_id is invalid")
    return DeactivationReceipt(
        product=obj["product"],
        licence_id=licence_id,
        fingerprint=obj["fingerprint"],
        installation_key=public_key,
        deactivated_at=_epoch(obj["deactivated_at"], "deactivated_at"),
        nonce=obj["nonce"],
        kid=kid,
    )


def receipt_problems(
    receipt: DeactivationReceipt,
    *,
    request: ActivationRequest | None = None,
    licence: Licence | None = None,
) -> list[str]:
    """Why the receipt does not prove that installation gave the licence back (empty: it does)."""
    problems = []
    if request is None and licence is None:
        return ["nothing to compare the receipt with"]
    if request is not None:
        if receipt.installation_key != request.installation_key:
            problems.append("signed by a different installation key than the request's")
        if receipt.fingerprint != request.fingerprint:
            problems.append("machine fingerprint differs from the request's")
        if receipt.deactivated_at < request.created_at:
            problems.append("deactivated before the request was made")
    if licence is not None:
        if licence.installation_key is None:
            problems.append("the licence is not bound to an installation key")
        elif receipt.installation_key != licence.installation_key:
            problems.append("signed by a different installation key than the licence's")
        if receipt.fingerprint != licence.fingerprint:
            problems.append("machine fingerprint differs from the licence's")
        if receipt.licence_id != licence.licence_id:
            problems.append("receipt is for another licence id")
    return problems


def _fingerprint(source: RawIdSource | None) -> str:
    try:
        return machine_fingerprint(source)
    except FingerprintUnavailable as exc:
        raise ActivationError(
            it="Non è possibile leggere l'identificativo di questo computer "
            f"({exc.reason}). Contatta l'assistenza Rooting Future.",
            en=f"This computer's identifier cannot be read ({exc.reason}). "
            "Contact Rooting Future support.",
        ) from exc


def _load_key(home: Path, use_keyring: bool):  # -> Ed25519PrivateKey | None
    try:
        return installation_key.load(home, use_keyring=use_keyring)
    except installation_key.InstallationKeyError as exc:
        raise ActivationError(
            it="La chiave di installazione è danneggiata: contatta l'assistenza Rooting Future.",
            en=f"The installation key is damaged ({exc}): contact Rooting Future support.",
        ) from exc


def _write_output(out: Path, data: bytes) -> None:
    try:
        files.write_atomic(Path(out), data)
    except OSError as exc:
        raise ActivationError(
            it=f"Impossibile scrivere il file {out}: {exc.strerror or type(exc).__name__}.",
            en=f"Cannot write the file {out}: {exc.strerror or type(exc).__name__}.",
            exit_code=2,
        ) from exc


def build_request(
    home: Path,
    *,
    app_version: str,
    now: TimeLike | None = None,
    fingerprint_source: RawIdSource | None = None,
    use_keyring: bool = True,
) -> tuple[bytes, ActivationRequest]:
    """A signed activation request for this machine (creates the installation key if needed)."""
    fingerprint = _fingerprint(fingerprint_source)
    key = _load_key(home, use_keyring)
    try:
        if key is None:
            key = installation_key.create(home, use_keyring=use_keyring)
        else:
            installation_key.write_public(home, key)
    except OSError as exc:
        raise ActivationError(
            it="Impossibile salvare la chiave di installazione nella cartella dei dati.",
            en=f"Cannot save the installation key in the data folder ({type(exc).__name__}).",
        ) from exc
    public_key = public_bytes(key)
    version = app_version.strip()[:64] or "unknown"
    payload = {
        "product": PRODUCT,
        "fingerprint": fingerprint,
        "app_version": version,
        "nonce": os.urandom(16).hex(),
        "installation_key": b64encode(public_key),
        "created_at": to_epoch(now),
    }
    kid = installation_kid(public_key)
    data = sign_document(
        DocumentKind.ACTIVATION_REQUEST, key, kid, strictjson.dumps_canonical(payload)
    )
    return data, parse_request(data)


def write_request(
    home: Path,
    out: Path,
    *,
    app_version: str,
    now: TimeLike | None = None,
    fingerprint_source: RawIdSource | None = None,
    use_keyring: bool = True,
) -> ActivationRequest:
    """``build_request`` and save it to ``out``."""
    data, request = build_request(
        home,
        app_version=app_version,
        now=now,
        fingerprint_source=fingerprint_source,
        use_keyring=use_keyring,
    )
    _write_output(out, data)
    return request


@dataclass(frozen=True)
class Deactivation:
    receipt: DeactivationReceipt
    out: Path
    key_fully_removed: bool


def deactivate(
    home: Path,
    trusted_keys_path: Path,
    out: Path,
    *,
    now: TimeLike | None = None,
    fingerprint_source: RawIdSource | None = None,
    use_keyring: bool = True,
) -> Deactivation:
    """Give the licence back: write a signed receipt to ``out``, then forget licence and key.

    The receipt is written first; nothing is removed if that fails. Raises
    ActivationError with a bilingual message when deactivation is not possible.
    """
    try:
        data = read_licence_bytes(home)
    except OSError:
        data = None
    if data is None:
        raise ActivationError(
            it="Nessuna licenza installata su questo computer: non c'è nulla da disattivare.",
            en="No licence is installed on this computer: there is nothing to deactivate.",
        )
    licence = authenticate(data, load_trusted_keys_cached(trusted_keys_path)).licence
    if licence is None:
        raise ActivationError(
            it="La licenza installata non è valida (danneggiata o non riconosciuta): "
            "non può essere disattivata. Contatta l'assistenza Rooting Future.",
            en="The installed licence is not valid (damaged or not recognised): it cannot be "
            "deactivated. Contact Rooting Future support.",
        )
    fingerprint = _fingerprint(fingerprint_source)
    if fingerprint != licence.fingerprint:
        raise ActivationError(
            it="La licenza installata appartiene a un altro computer: disattivala da quello.",
            en="The installed licence belongs to another computer: deactivate it there.",
        )
    key = _load_key(home, use_keyring)
    if licence.installation_key is not None and (
        key is None or public_bytes(key) != licence.installation_key
    ):
        raise ActivationError(
            it="La chiave di installazione di questa licenza non è più presente su questo "
            "computer: la ricevuta non può essere firmata. Contatta Rooting Future indicando "
            f"il codice macchina {fingerprint}.",
            en="This licence's installation key is no longer on this computer, so the receipt "
            f"cannot be signed. Contact Rooting Future quoting the machine code {fingerprint}.",
        )
    if key is None:
        key = installation_key.create(home, use_keyring=use_keyring)
    public_key = public_bytes(key)
    now_epoch = to_epoch(now)
    payload = {
        "product": PRODUCT,
        "licence_id": licence.licence_id,
        "fingerprint": fingerprint,
        "installation_key": b64encode(public_key),
        "deactivated_at": now_epoch,
        "nonce": os.urandom(16).hex(),
    }
    receipt_bytes = sign_document(
        DocumentKind.DEACTIVATION_RECEIPT,
        key,
        installation_kid(public_key),
        strictjson.dumps_canonical(payload),
    )
    receipt = parse_receipt(receipt_bytes)
    _write_output(out, receipt_bytes)

    with clock.state_lock:
        state = clock.read_state(home, use_keyring=use_keyring)
        floor = max(state.issued_floor, licence.issued_at + 1)
        clock.write_state(home, ClockState(state.clock_mark, floor), use_keyring=use_keyring)
    files.remove(files.licence_path(home))
    installation_key.delete(home, use_keyring=use_keyring)
    fully_removed = True
    try:
        fully_removed = installation_key.load(home, use_keyring=use_keyring) is None
    except installation_key.InstallationKeyError:
        fully_removed = False
    return Deactivation(receipt=receipt, out=Path(out), key_fully_removed=fully_removed)

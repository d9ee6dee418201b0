"""Armored, signed documents: licences, activation requests, deactivation receipts.

Wire format (all three kinds)::

    -----BEGIN ROOTING FUTURE LICENCE-----
    base64( {"kid": ..., "payload": base64(payload JSON bytes), "sig": base64(sig)} )
    -----END ROOTING FUTURE LICENCE-----

The Ed25519 signature covers ``domain prefix + payload bytes`` exactly as
received (never re-serialised), and the prefix differs per kind so a receipt
can never pass as a licence. There is no algorithm field to confuse: the
verifier always uses Ed25519 with a key it already trusts.

Parsing is deliberately unforgiving: every byte of a stored file must be in
its one canonical place (64-column lines, canonical base64, canonical
envelope JSON), so any bit flip, truncation or insertion is rejected rather
than silently ignored. Only the line ending may be LF or CRLF, consistently.
The lenient clean-up for files that went through e-mail lives in
``normalise_for_install`` and runs before, never instead of, strict parsing.
"""

from __future__ import annotations

import base64
import binascii
import enum
import hashlib
import re
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from licensing import strictjson

MAX_FILE_BYTES = 64 * 1024
"""Real documents are ~1-2 KB; anything bigger is refused before parsing."""

LINE_WIDTH = 64
SIGNATURE_BYTES = 64
PUBLIC_KEY_BYTES = 32

_B64_LINE = re.compile(r"[A-Za-z0-9+/=]{1,64}")
_KID = re.compile(r"[a-z0-9][a-z0-9.-]{0,63}")
_ENVELOPE_KEYS = frozenset({"kid", "payload", "sig"})


class DocumentKind(enum.Enum):
    """What a document is; fixes both its armor label and its signature prefix."""

    LICENCE = ("ROOTING FUTURE LICENCE", b"rooting-future/licence/v1\x00")
    ACTIVATION_REQUEST = (
        "ROOTING FUTURE ACTIVATION REQUEST",
        b"rooting-future/activation-request/v1\x00",
    )
    DEACTIVATION_RECEIPT = (
        "ROOTING FUTURE DEACTIVATION RECEIPT",
        b"rooting-future/deactivation-receipt/v1\x00",
    )

    @property
    def label(self) -> str:
        return self.value[0]

    @property
    def prefix(self) -> bytes:
        return self.value[1]

    @property
    def begin(self) -> str:
        return f"-----BEGIN {self.label}-----"

    @property
    def end(self) -> str:
        return f"-----END {self.label}-----"


class MalformedDocument(ValueError):
    """The bytes are not a well-formed document of the expected kind."""


@dataclass(frozen=True)
class Envelope:
    """A parsed, not yet verified, document."""

    kind: DocumentKind
    kid: str
    payload: bytes
    sig: bytes

    def signed_message(self) -> bytes:
        return self.kind.prefix + self.payload


def b64encode(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def b64decode_strict(text: str) -> bytes:
    """Standard base64 with padding, only the alphabet, and only its canonical spelling.

    ``validate=True`` stops Python from skipping stray characters; the
    re-encoding check stops two spellings (unused low bits) decoding alike.
    """
    if not isinstance(text, str) or not text.isascii():
        raise MalformedDocument("base64 text expected")
    try:
        raw = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise MalformedDocument("invalid base64") from exc
    if base64.b64encode(raw).decode("ascii") != text:
        raise MalformedDocument("non-canonical base64")
    return raw


def key_id(public_key: bytes, prefix: str = "rf") -> str:
    """A short, stable name for a public key: ``rf-`` + 16 hex of its SHA-256."""
    return f"{prefix}-{hashlib.sha256(public_key).hexdigest()[:16]}"


def public_bytes(key: Ed25519PublicKey | Ed25519PrivateKey) -> bytes:
    """Raw 32-byte public key."""
    from cryptography.hazmat.primitives import serialization

    if isinstance(key, Ed25519PrivateKey):
        key = key.public_key()
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def armor(kind: DocumentKind, body: bytes) -> bytes:
    """Wrap bytes as the canonical armored text (LF line endings, final newline)."""
    encoded = b64encode(body)
    lines = [encoded[i : i + LINE_WIDTH] for i in range(0, len(encoded), LINE_WIDTH)]
    return ("\n".join([kind.begin, *lines, kind.end]) + "\n").encode("ascii")


def dearmor(data: bytes, kind: DocumentKind) -> bytes:
    """Strictly unwrap an armored block; raise MalformedDocument on any deviation."""
    if not isinstance(data, bytes | bytearray):
        raise MalformedDocument("bytes expected")
    if len(data) > MAX_FILE_BYTES:
        raise MalformedDocument("file too large")
    if not data:
        raise MalformedDocument("empty file")
    if not data.isascii():
        raise MalformedDocument("not ASCII (byte order mark, UTF-16 or binary data)")
    text = bytes(data).decode("ascii")
    if "\r" in text:
        crlf = text.count("\r\n")
        if crlf != text.count("\r") or crlf != text.count("\n"):
            raise MalformedDocument("mixed line endings")
        text = text.replace("\r\n", "\n")
    if not text.endswith("\n") or text.endswith("\n\n"):
        raise MalformedDocument("the file must end with exactly one line break")
    lines = text[:-1].split("\n")
    if len(lines) < 3:
        raise MalformedDocument("armor incomplete")
    if lines[0] != kind.begin:
        raise MalformedDocument("missing or damaged BEGIN line")
    if lines[-1] != kind.end:
        raise MalformedDocument("missing or damaged END line, or trailing data")
    body = lines[1:-1]
    for index, line in enumerate(body):
        if not _B64_LINE.fullmatch(line):
            raise MalformedDocument("unexpected characters in the body")
        if index < len(body) - 1 and len(line) != LINE_WIDTH:
            raise MalformedDocument("body lines must be 64 characters")
    return b64decode_strict("".join(body))


def encode_envelope(kind: DocumentKind, kid: str, payload: bytes, sig: bytes) -> bytes:
    """Armored document from its three parts."""
    envelope = {"kid": kid, "payload": b64encode(payload), "sig": b64encode(sig)}
    return armor(kind, strictjson.dumps_canonical(envelope))


def decode_envelope(data: bytes, kind: DocumentKind) -> Envelope:
    """Parse a document down to kid, payload bytes and signature; nothing is trusted yet."""
    body = dearmor(data, kind)
    try:
        obj = strictjson.loads(body, max_depth=1)
    except strictjson.StrictJSONError as exc:
        raise MalformedDocument(f"envelope: {exc}") from exc
    if not isinstance(obj, dict) or set(obj) != _ENVELOPE_KEYS:
        raise MalformedDocument("envelope must have exactly kid, payload and sig")
    kid, payload_text, sig_text = obj["kid"], obj["payload"], obj["sig"]
    if not all(isinstance(value, str) for value in (kid, payload_text, sig_text)):
        raise MalformedDocument("envelope fields must be strings")
    if not _KID.fullmatch(kid):
        raise MalformedDocument("invalid key id")
    if strictjson.dumps_canonical(obj) != body:
        raise MalformedDocument("envelope is not in canonical form")
    payload = b64decode_strict(payload_text)
    sig = b64decode_strict(sig_text)
    if not payload:
        raise MalformedDocument("empty payload")
    return Envelope(kind=kind, kid=kid, payload=payload, sig=sig)


def sign_document(
    kind: DocumentKind, private_key: Ed25519PrivateKey, kid: str, payload: bytes
) -> bytes:
    """Sign ``prefix + payload`` and return the armored document."""
    sig = private_key.sign(kind.prefix + payload)
    return encode_envelope(kind, kid, payload, sig)


def signature_ok(envelope: Envelope, public_key: bytes) -> bool:
    """Ed25519 check of the envelope against a raw public key; False on any problem."""
    if len(envelope.sig) != SIGNATURE_BYTES or len(public_key) != PUBLIC_KEY_BYTES:
        return False
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(
            envelope.sig, envelope.signed_message()
        )
    except (InvalidSignature, ValueError):
        return False
    return True


def detect_kind(data: bytes) -> DocumentKind | None:
    """Which kind the first line announces (for tools that accept any document)."""
    first = data[:200].split(b"\n", 1)[0].rstrip(b"\r")
    for kind in DocumentKind:
        if first == kind.begin.encode("ascii"):
            return kind
    return None


def normalise_for_install(data: bytes) -> bytes:
    """Undo what e-mail and editors do to a text file: BOM, CRLF, blank lines around it.

    The result still goes through the strict parser; this only makes a
    legitimate file that travelled through Outlook or Notepad installable.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    data = data.replace(b"\r\n", b"\n").strip(b" \t\n")
    return data + b"\n"

"""Licence verification: bytes + context in, one status out, never an exception.

The order is fixed and fails closed at the first problem:

1. size limit and ASCII, armor, strict base64, strict envelope JSON -> MALFORMED
2. known key id (test keys already removed in a release build)     -> UNKNOWN_KEY
3. Ed25519 signature over prefix + payload bytes as received       -> TAMPERED
4. payload schema and product                                       -> MALFORMED
5. machine fingerprint (constant-time compare)                     -> FINGERPRINT_UNAVAILABLE /
   and installation key                                               WRONG_MACHINE
6. replay floor (older than a licence already installed)           -> SUPERSEDED
7. not-before (a deliberately later start)                         -> NOT_YET_VALID
8. issued-at no more than the drift in the future                  -> CLOCK_DESYNC
9. expiry, then grace                                               -> GRACE / EXPIRED
10. clock high-water mark (rolled back beyond the allowance)       -> CLOCK_ROLLBACK

This module does no I/O: the caller gathers the context (keys, fingerprint,
clock state), which keeps the function pure, fast and exhaustively testable.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass, field

from licensing import clock
from licensing.clock import ClockState
from licensing.envelope import DocumentKind, MalformedDocument, decode_envelope, signature_ok
from licensing.licence import PRODUCT, InvalidPayload, Licence, parse_payload
from licensing.status import LicenceStatus
from licensing.trusted_keys import TrustedKeys

ISSUED_AT_DRIFT = 300
"""Seconds a licence's issued-at may lie in the local future (clocks are never exact)."""


@dataclass(frozen=True)
class VerifyContext:
    """Everything verification depends on besides the file itself."""

    trusted_keys: TrustedKeys
    now: int
    fingerprint: str | None
    """This machine's fingerprint, or None when its source is unavailable."""
    installation_public_key: bytes | None = None
    clock_state: ClockState = field(default_factory=ClockState)
    product: str = PRODUCT
    drift: int = ISSUED_AT_DRIFT
    rollback_allowance: int = clock.ROLLBACK_ALLOWANCE


@dataclass(frozen=True)
class Verification:
    """The outcome. ``licence`` is set once the signature and schema are proven good,
    so even an expired or wrong-machine licence can show who it belongs to."""

    status: LicenceStatus
    licence: Licence | None = None
    detail: str = ""


def authenticate(data: bytes, trusted_keys: TrustedKeys, product: str = PRODUCT) -> Verification:
    """Steps 1-4: is this a genuine licence for our product? (No machine or time checks.)"""
    try:
        envelope = decode_envelope(data, DocumentKind.LICENCE)
    except MalformedDocument as exc:
        return Verification(LicenceStatus.MALFORMED, detail=str(exc))
    key = trusted_keys.get(envelope.kid)
    if key is None:
        detail = f"key id {envelope.kid} is not trusted by this build"
        if trusted_keys.problem:
            detail += f" ({trusted_keys.problem})"
        return Verification(LicenceStatus.UNKNOWN_KEY, detail=detail)
    if not signature_ok(envelope, key.public_key):
        return Verification(LicenceStatus.TAMPERED, detail="signature does not verify")
    try:
        licence = parse_payload(envelope.payload, kid=envelope.kid)
    except InvalidPayload as exc:
        return Verification(LicenceStatus.MALFORMED, detail=f"signed payload: {exc}")
    if licence.product != product:
        return Verification(
            LicenceStatus.MALFORMED, detail=f"licence is for product {licence.product!r}"
        )
    return Verification(LicenceStatus.VALID, licence=licence)


def verify_licence(data: bytes | None, ctx: VerifyContext) -> Verification:
    """Run every check in order. Never raises for any input bytes."""
    if data is None:
        return Verification(LicenceStatus.MISSING)
    result = authenticate(data, ctx.trusted_keys, ctx.product)
    licence = result.licence
    if licence is None:
        return result

    def fail(status: LicenceStatus, detail: str) -> Verification:
        return Verification(status, licence=licence, detail=detail)

    if ctx.fingerprint is None:
        return fail(LicenceStatus.FINGERPRINT_UNAVAILABLE, "machine id unavailable")
    if not hmac.compare_digest(licence.fingerprint.encode(), ctx.fingerprint.encode()):
        return fail(LicenceStatus.WRONG_MACHINE, "fingerprint differs")
    if licence.installation_key is not None:
        local = ctx.installation_public_key
        if local is None:
            return fail(LicenceStatus.WRONG_MACHINE, "no installation key on this computer")
        if not hmac.compare_digest(licence.installation_key, local):
            return fail(LicenceStatus.WRONG_MACHINE, "installation key differs")

    if licence.issued_at < ctx.clock_state.issued_floor:
        return fail(LicenceStatus.SUPERSEDED, "older than a licence already installed")

    now = ctx.now
    if licence.not_before > licence.issued_at and now < licence.not_before:
        return fail(LicenceStatus.NOT_YET_VALID, "before not-before")
    if licence.issued_at > now + ctx.drift:
        return fail(LicenceStatus.CLOCK_DESYNC, "issued-at is in the future")

    status = LicenceStatus.VALID
    if licence.expires_at is not None and now > licence.expires_at:
        grace_end = licence.grace_ends_at
        if grace_end is not None and now <= grace_end:
            status = LicenceStatus.GRACE
        else:
            return fail(LicenceStatus.EXPIRED, "past expiry and grace")

    if clock.is_rollback(now, ctx.clock_state, ctx.rollback_allowance):
        return fail(LicenceStatus.CLOCK_ROLLBACK, "clock earlier than the high-water mark")
    return Verification(status, licence=licence)

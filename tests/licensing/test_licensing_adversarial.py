"""The 19 adversarial cases of docs/licensing.md (from the licensing reference), one test each."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import time
from datetime import UTC, datetime, timedelta, timezone

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from licensing_lab import DAY, MACHINE_B, NOW, ExplodingKeyring, Lab, machine

from licensing import clock, files, fingerprint
from licensing.envelope import DocumentKind, armor, b64encode, encode_envelope
from licensing.fingerprint import FingerprintUnavailable
from licensing.startup import check_licence
from licensing.status import LicenceStatus as S
from licensing.store import install_licence
from licensing.timeutil import end_of_day, parse_date
from licensing.trusted_keys import trusted_key, write_trusted_keys

LICENSED = {S.VALID, S.GRACE}


def test_case_01_known_good_file_is_valid(lab: Lab) -> None:
    result = lab.verify(lab.licence())
    assert result.status is S.VALID
    assert result.licence is not None
    assert result.licence.licensee == "Mario Rossi"
    assert result.licence.max_clubs == 5
    assert lab.install(lab.licence()).installed
    state = lab.check()
    assert state.is_licensed and not state.watermark and not state.evaluation


def test_case_02_every_bit_flip_and_truncation_is_refused(lab: Lab) -> None:
    data = lab.licence()
    ctx = lab.context()
    from licensing.verifier import verify_licence

    assert verify_licence(data, ctx).status is S.VALID
    for offset in range(len(data)):
        for bit in range(8):
            mutated = bytearray(data)
            mutated[offset] ^= 1 << bit
            status = verify_licence(bytes(mutated), ctx).status
            assert status not in LICENSED, (offset, bit)
    for length in range(len(data)):
        assert verify_licence(data[:length], ctx).status not in LICENSED, length


@pytest.mark.parametrize("sig", [b"", b"\x00" * 63, b"\x00" * 65, b"\x00" * 64, b"\xff" * 128])
def test_case_03_signature_of_wrong_length_or_empty(lab: Lab, sig: bytes) -> None:
    data = encode_envelope(DocumentKind.LICENCE, lab.kid, lab.payload(), sig)
    assert lab.verify(data).status is S.TAMPERED


def test_case_04_other_key_other_type_prefix_other_product(lab: Lab) -> None:
    intruder = Ed25519PrivateKey.generate()
    # Signed by another key while claiming the vendor's key id.
    assert lab.verify(lab.sign(lab.payload(), key=intruder)).status is S.TAMPERED
    # The vendor's key, but the signature was made for another document type.
    for kind in (DocumentKind.ACTIVATION_REQUEST, DocumentKind.DEACTIVATION_RECEIPT):
        forged = lab.sign(lab.payload(), prefix=kind.prefix)
        assert lab.verify(forged).status is S.TAMPERED
    # A genuine licence wrapped in another type's armor is not a licence.
    relabelled = lab.licence().replace(
        b"ROOTING FUTURE LICENCE", b"ROOTING FUTURE DEACTIVATION RECEIPT"
    )
    assert lab.verify(relabelled).status is S.MALFORMED
    # The vendor's key and prefix, but for another product.
    other_product = lab.sign(lab.payload(product="rooting-future-server"))
    result = lab.verify(other_product)
    assert result.status is S.MALFORMED
    assert "product" in result.detail


def test_case_05_unknown_kid_and_test_key_in_release_build(lab: Lab, monkeypatch) -> None:
    assert lab.verify(lab.sign(lab.payload(), kid="rf-0000000000000000")).status is S.UNKNOWN_KEY
    data = lab.licence()
    assert lab.install(data).installed
    assert lab.check().status is S.VALID

    monkeypatch.setenv("ROOTING_FUTURE_RELEASE", "1")
    state = lab.check()
    assert state.status is S.UNKNOWN_KEY and state.evaluation
    monkeypatch.delenv("ROOTING_FUTURE_RELEASE")
    monkeypatch.setattr("sys.frozen", True, raising=False)
    assert lab.check().status is S.UNKNOWN_KEY

    # A production (non-test) key is accepted by the same release build.
    production = Lab(lab.tmp / "prod", test_key=False)
    assert production.install(production.licence()).installed
    assert production.check().status is S.VALID


def test_case_06_injected_alg_field_has_no_effect(lab: Lab) -> None:
    payload = lab.payload()
    good_sig = lab.vendor_key.sign(DocumentKind.LICENCE.prefix + payload)
    for alg in ("none", "HS256", "RS256", "EdDSA"):
        envelope = {
            "alg": alg,
            "kid": lab.kid,
            "payload": b64encode(payload),
            "sig": b64encode(good_sig),
        }
        body = json.dumps(envelope, sort_keys=True, separators=(",", ":")).encode()
        assert lab.verify(armor(DocumentKind.LICENCE, body)).status is S.MALFORMED
    # "alg" inside the signed payload is an unknown field, even with a good signature.
    signed_alg = lab.sign(lab.payload_dict() | {"alg": "none"})
    assert lab.verify(signed_alg).status is S.MALFORMED
    # HMAC "signatures" keyed with the public key (the classic alg confusion).
    public = lab.trusted.public_key
    mac = hmac.new(public, DocumentKind.LICENCE.prefix + payload, hashlib.sha256).digest()
    for sig in (mac, mac + mac, b""):
        data = encode_envelope(DocumentKind.LICENCE, lab.kid, payload, sig)
        assert lab.verify(data).status is S.TAMPERED


def _variants(data: bytes) -> dict[str, tuple[bytes, set[S]]]:
    text = data.decode()
    lines = text.splitlines()
    begin, end = lines[0], lines[-1]
    body = "\n".join(lines[1:-1])
    bad = {S.MALFORMED}
    return {
        "missing BEGIN": ("\n".join(lines[1:]) + "\n", bad),
        "missing END": ("\n".join(lines[:-1]) + "\n", bad),
        "doubled BEGIN": ("\n".join([begin, *lines]) + "\n", bad),
        "doubled END": ("\n".join([*lines, end]) + "\n", bad),
        "four dashes": (text.replace("-----BEGIN", "----BEGIN", 1), bad),
        "lower-case label": (text.replace("ROOTING FUTURE LICENCE", "rooting future licence"), bad),
        "BEGIN glued to body": (begin + body.replace("\n", "", 1) + "\n" + end + "\n", bad),
        "BOM": ("\ufeff" + text, bad),
        "trailing junk": (text + "hello\n", bad),
        "leading junk": ("Ciao, ecco la licenza:\n" + text, bad),
        "trailing blank line": (text + "\n", bad),
        "no final newline": (text.rstrip("\n"), bad),
        "mixed CRLF": (text.replace("\n", "\r\n", 1), bad),
        "lone CR": (text.replace("\n", "\r"), bad),
        "CRLF throughout": (text.replace("\n", "\r\n"), {S.VALID}),
        "indented body": (text.replace("\n", "\n ", 1), bad),
        "rewrapped body": (
            "\n".join([begin, body.replace("\n", "")[:70], body.replace("\n", "")[70:], end])
            + "\n",
            bad,
        ),
    }


def test_case_07_armor_damage_crlf_bom_trailing_junk(lab: Lab) -> None:
    data = lab.licence()
    for name, (variant, expected) in _variants(data).items():
        raw = variant.encode("utf-8") if isinstance(variant, str) else variant
        assert lab.verify(raw).status in expected, name

    # Payload text that contains the armor words does not confuse the parser
    # (it sits inside two layers of base64), and nothing is lstrip()-ed away.
    tricky = lab.licence(
        licensee="-----END ROOTING FUTURE LICENCE-----",
        club="-----BEGIN ROOTING FUTURE LICENCE----- BEGIN",
    )
    result = lab.verify(tricky)
    assert result.status is S.VALID
    assert result.licence is not None
    assert result.licence.licensee == "-----END ROOTING FUTURE LICENCE-----"

    # What e-mail does to a file (BOM, CRLF, blank lines) is undone by install only.
    mangled = b"\xef\xbb\xbf\r\n" + data.replace(b"\n", b"\r\n") + b"\r\n\r\n"
    assert lab.verify(mangled).status is S.MALFORMED
    outcome = lab.install(mangled)
    assert outcome.installed, outcome.detail
    assert (lab.home / "licensing" / "licence.lic").read_bytes() == data


def test_case_08_non_base64_characters_are_refused(lab: Lab) -> None:
    data = lab.licence()
    lines = data.split(b"\n")
    for junk in (b"!", b" ", b"\t", b"*", b"-", b"_", b"\x00", "é".encode()):
        mutated = list(lines)
        mutated[1] = mutated[1][:10] + junk + mutated[1][11:]
        assert lab.verify(b"\n".join(mutated)).status is S.MALFORMED, junk
    # Inside the envelope JSON: a payload string with a character Python would skip.
    payload_b64 = b64encode(lab.payload())
    sig_b64 = b64encode(lab.vendor_key.sign(DocumentKind.LICENCE.prefix + lab.payload()))
    for bad_payload in (
        payload_b64[:8] + "*" + payload_b64[8:],
        payload_b64 + "\n",
        " " + payload_b64,
    ):
        body = json.dumps(
            {"kid": lab.kid, "payload": bad_payload, "sig": sig_b64},
            sort_keys=True,
            separators=(",", ":"),
        ).encode()
        assert lab.verify(armor(DocumentKind.LICENCE, body)).status is S.MALFORMED
    # Non-canonical spellings (unused low bits set) decode to the same bytes: refused.
    sig_raw = base64.b64decode(sig_b64)
    assert sig_b64.endswith("==")
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    last = sig_b64[-3]
    sloppy = sig_b64[:-3] + alphabet[alphabet.index(last) + 1] + "=="
    assert base64.b64decode(sloppy) == sig_raw
    body = json.dumps(
        {"kid": lab.kid, "payload": payload_b64, "sig": sloppy},
        sort_keys=True,
        separators=(",", ":"),
    ).encode()
    assert lab.verify(armor(DocumentKind.LICENCE, body)).status is S.MALFORMED


def test_case_09_duplicate_json_keys(lab: Lab) -> None:
    payload = lab.payload()
    sig = b64encode(lab.vendor_key.sign(DocumentKind.LICENCE.prefix + payload))
    body = (
        f'{{"kid":"rf-0000000000000000","kid":"{lab.kid}",'
        f'"payload":"{b64encode(payload)}","sig":"{sig}"}}'
    ).encode()
    assert lab.verify(armor(DocumentKind.LICENCE, body)).status is S.MALFORMED
    # Signed payload with the fingerprint twice: Python would silently keep the last one.
    text = lab.payload().decode()
    other = fingerprint.derive_fingerprint(MACHINE_B)
    doubled = text.replace('"fingerprint":', f'"fingerprint":"{other}","fingerprint":', 1)
    result = lab.verify(lab.sign(doubled.encode()))
    assert result.status is S.MALFORMED
    assert "duplicate" in result.detail


@pytest.mark.parametrize(
    "field_text",
    [
        '"expires_at":NaN',
        '"expires_at":Infinity',
        '"expires_at":-Infinity',
        '"expires_at":1e400',
        '"expires_at":1893456000.0',
        '"expires_at":' + "9" * 40,
        '"expires_at":' + "9" * 5000,
        '"expires_at":-1',
        '"expires_at":"2031-01-01"',
        '"grace_days":true',
        '"grace_days":14.0',
        '"grace_days":100000',
        '"features":' + "[" * 5000 + "]" * 5000,
        '"features":[[[["docx"]]]]',
        '"features":"docx"',
        '"features":["docx","docx"]',
        '"features":[null]',
        '"limits":{"max_clubs":"5"}',
        '"limits":{"max_clubs":0}',
        '"limits":{"max_clubs":5,"max_users":3}',
        '"limits":[]',
        '"licensee":null',
        '"licensee":""',
        '"licensee":"Mario\\u202eRossi"',
        '"licensee":"Mario\\u0000"',
        '"licensee":"\\ud800"',
        '"licensee":"' + "x" * 300 + '"',
        '"installation_key":"AAAA"',
        '"fingerprint":"v1:ABC"',
        '"issued_at":{"$date":1}',
    ],
)
def test_case_10_nan_huge_ints_deep_nesting_wrong_types(lab: Lab, field_text: str) -> None:
    name = field_text.split(":", 1)[0]
    obj = lab.payload_dict()
    del obj[json.loads(name)]
    text = json.dumps(obj, separators=(",", ":"))
    signed = "{" + field_text + "," + text[1:]
    result = lab.verify(lab.sign(signed.encode()))
    assert result.status is S.MALFORMED, result


def test_case_11_empty_huge_utf16_and_non_utf8_files(lab: Lab) -> None:
    data = lab.licence()
    for raw in (
        b"",
        b"\n",
        data.decode().encode("utf-16"),
        data.decode().encode("utf-16-le"),
        b"\xff\xfe\x00\x00garbage",
        "Licenza: società sportiva".encode("latin-1"),
        os.urandom(4096),
    ):
        assert lab.verify(raw).status is S.MALFORMED

    huge = lab.tmp / "huge.lic"
    with open(huge, "wb") as handle:
        handle.truncate(100 * 1024 * 1024)
    started = time.perf_counter()
    assert not lab.install(b"").installed
    outcome = install_licence(lab.home, huge, lab.keys_path, now=NOW, fingerprint_source=lab.source)
    assert not outcome.installed and outcome.status is S.MALFORMED
    # The same file dropped straight into the data folder: read up to the limit only.
    target = lab.home / "licensing" / "licence.lic"
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(huge, target)
    state = lab.check()
    assert state.status is S.MALFORMED and state.evaluation
    assert time.perf_counter() - started < 2


def test_case_12_machine_a_licence_on_machine_b(lab: Lab) -> None:
    data = lab.licence()
    assert lab.install(data).installed
    assert lab.check().status is S.VALID
    machine_b = machine(MACHINE_B)
    state = lab.check(source=machine_b)
    assert state.status is S.WRONG_MACHINE
    assert state.evaluation and state.watermark and state.max_clubs == 2
    assert state.fingerprint == fingerprint.derive_fingerprint(MACHINE_B)
    assert state.fingerprint in state.next_step("it")
    assert state.licensee == "Mario Rossi"  # the message can say whose licence it is
    # And it cannot be installed there either.
    other = Lab(lab.tmp / "b", vendor_key=lab.vendor_key, source=machine_b)
    assert other.install(data).status is S.WRONG_MACHINE


def test_case_13_fingerprint_source_unavailable(lab: Lab) -> None:
    assert lab.install(lab.licence()).installed

    def broken() -> str:
        raise FingerprintUnavailable("registry: PermissionError")

    missing = fingerprint.linux_machine_id_source([lab.tmp / "nope", lab.tmp / "nope2"])
    empty_file = lab.tmp / "machine-id"
    empty_file.write_text("\n")
    empty = fingerprint.linux_machine_id_source([empty_file])
    uninitialised_file = lab.tmp / "machine-id-2"
    uninitialised_file.write_text("uninitialized\n")
    uninitialised = fingerprint.linux_machine_id_source([uninitialised_file])
    for source in (broken, missing, empty, uninitialised, machine(""), machine("0" * 32)):
        state = lab.check(source=source)
        assert state.status is S.FINGERPRINT_UNAVAILABLE
        assert state.fingerprint is None and state.evaluation
        assert state.message("it") and state.next_step("en")


def test_case_14_expiry_then_grace_exact_boundaries(lab: Lab) -> None:
    exp = NOW + 10 * DAY
    data = lab.licence(expires_at=exp, grace_days=7)
    assert lab.verify(data, now=exp - 1).status is S.VALID
    assert lab.verify(data, now=exp).status is S.VALID
    assert lab.verify(data, now=exp + 1).status is S.GRACE
    assert lab.verify(data, now=exp + 7 * DAY).status is S.GRACE
    assert lab.verify(data, now=exp + 7 * DAY + 1).status is S.EXPIRED
    no_grace = lab.licence(expires_at=exp, grace_days=0)
    assert lab.verify(no_grace, now=exp).status is S.VALID
    assert lab.verify(no_grace, now=exp + 1).status is S.EXPIRED
    forever = lab.licence(expires_at=None)
    assert lab.verify(forever, now=NOW + 50 * 365 * DAY).status is S.VALID

    assert lab.install(data).installed
    grace = lab.check(now=exp + 1)
    assert grace.status is S.GRACE and grace.is_licensed and not grace.watermark
    assert "tolleranza" in grace.message("it") and "grace" in grace.message("en")
    expired = lab.check(now=exp + 8 * DAY)
    assert expired.status is S.EXPIRED and expired.evaluation and expired.watermark
    assert expired.fingerprint and expired.fingerprint in expired.next_step("it")


def test_case_15_not_before_and_issued_at_in_the_future(lab: Lab) -> None:
    later = lab.licence(issued_at=NOW - DAY, not_before=NOW + 30 * DAY)
    assert lab.verify(later).status is S.NOT_YET_VALID
    assert lab.verify(later, now=NOW + 30 * DAY - 1).status is S.NOT_YET_VALID
    assert lab.verify(later, now=NOW + 30 * DAY).status is S.VALID

    drift = 300
    fresh = lab.licence(issued_at=NOW + drift)
    assert lab.verify(fresh).status is S.VALID
    ahead = lab.licence(issued_at=NOW + drift + 1)
    assert lab.verify(ahead).status is S.CLOCK_DESYNC
    way_ahead = lab.licence(issued_at=NOW + 90 * DAY, expires_at=NOW + 400 * DAY)
    result = lab.verify(way_ahead)
    assert result.status is S.CLOCK_DESYNC
    # A not-before earlier than issued-at is not something the schema accepts.
    assert lab.verify(lab.licence(not_before=NOW - 7200, issued_at=NOW)).status is S.MALFORMED


def test_case_16_clock_rollback_beyond_allowance_and_recovery(lab: Lab) -> None:
    assert lab.install(lab.licence()).installed
    t = NOW + 40 * DAY
    assert lab.check(now=t).status is S.VALID
    assert lab.check(now=t - 3599).status is S.VALID  # NTP or domain time correction
    rolled = lab.check(now=t - 3601)
    assert rolled.status is S.CLOCK_ROLLBACK and rolled.evaluation
    assert "orologio" in rolled.message("it")
    assert lab.check(now=t - 30 * DAY).status is S.CLOCK_ROLLBACK
    # The mark did not move while the clock was wrong, so fixing it recovers at once.
    assert clock.read_state(lab.home).clock_mark == t
    assert lab.check(now=t).status is S.VALID
    assert lab.check(now=t + 5).status is S.VALID


def test_case_17_time_zones_and_naive_datetimes_agree(lab: Lab) -> None:
    exp = NOW + 10 * DAY
    assert lab.install(lab.licence(expires_at=exp, grace_days=0)).installed
    moment = datetime.fromtimestamp(exp, tz=UTC)
    kiritimati = timezone(timedelta(hours=14))
    baker = timezone(timedelta(hours=-12))
    for delta, expected in ((0, S.VALID), (1, S.EXPIRED)):
        utc = moment + timedelta(seconds=delta)
        answers = {
            check_licence(lab.home, lab.keys_path, t, fingerprint_source=lab.source).status
            for t in (
                utc,
                utc.replace(tzinfo=None),  # naive means UTC
                utc.astimezone(kiritimati),
                utc.astimezone(baker),
                exp + delta,
                float(exp + delta),
            )
        }
        assert answers == {expected}

    # The process time zone changes nothing either (where tzset exists).
    if hasattr(time, "tzset"):
        results = []
        expiries: set[int] = set()
        saved = os.environ.get("TZ")
        try:
            for tz in ("Pacific/Kiritimati", "Etc/GMT+12", "Europe/Rome", "UTC"):
                os.environ["TZ"] = tz
                time.tzset()
                results.append(lab.check(now=moment.replace(tzinfo=None)).status)
                results.append(lab.check(now=moment.astimezone()).status)  # local-aware
                expiries.add(end_of_day(parse_date("2030-06-30")))  # the issuer's --expires
        finally:
            if saved is None:
                os.environ.pop("TZ", None)
            else:
                os.environ["TZ"] = saved
            time.tzset()
        assert set(results) == {S.VALID}
        assert expiries == {int(datetime(2030, 6, 30, 23, 59, 59, tzinfo=UTC).timestamp())}


def test_case_18_keyring_failing_or_entry_deleted_degrades(lab: Lab, memory_keyring) -> None:
    assert lab.install(lab.licence()).installed
    t = NOW + 10 * DAY
    assert lab.check(now=t).status is S.VALID
    entry = ("RootingFuture", clock.KEYRING_ENTRY)
    assert entry in memory_keyring.entries

    # Keyring entry deleted: the file copy still knows the mark.
    del memory_keyring.entries[entry]
    assert lab.check(now=t - 2 * DAY).status is S.CLOCK_ROLLBACK
    # File copy deleted: the keyring copy (rewritten above) still knows it.
    assert lab.check(now=t).status is S.VALID
    assert entry in memory_keyring.entries
    files.remove(files.state_path(lab.home))
    assert lab.check(now=t - 2 * DAY).status is S.CLOCK_ROLLBACK

    import keyring
    import keyring.backends.fail

    for backend in (keyring.backends.fail.Keyring(), ExplodingKeyring()):
        keyring.set_keyring(backend)
        assert lab.check(now=t + DAY).status is S.VALID
        assert lab.check(now=t - 2 * DAY).status is S.CLOCK_ROLLBACK
    # Both copies gone: no crash, the mark simply starts again.
    keyring.set_keyring(memory_keyring)
    memory_keyring.entries.clear()
    files.remove(files.state_path(lab.home))
    assert lab.check(now=t - 2 * DAY).status is S.VALID


def test_case_19_older_licence_replayed_after_newer(lab: Lab, memory_keyring) -> None:
    old = lab.licence(licence_id="lic-old", issued_at=NOW - 30 * DAY, max_clubs=50)
    new = lab.licence(licence_id="lic-new", issued_at=NOW - DAY, max_clubs=5)
    assert lab.install(old).installed
    assert lab.install(new).installed
    refused = lab.install(old)
    assert not refused.installed and refused.status is S.SUPERSEDED
    assert lab.check().licence_id == "lic-new"
    # Reinstalling the same licence is fine; a newer one replaces it.
    assert lab.install(new).installed
    # Copying the old file over the new one by hand is caught at startup.
    lab.write_installed(old)
    state = lab.check()
    assert state.status is S.SUPERSEDED and state.evaluation and state.max_clubs == 2
    # Even with the recorded floor gone, install compares with the current licence.
    lab.write_installed(new)
    files.remove(files.state_path(lab.home))
    memory_keyring.entries.pop(("RootingFuture", clock.KEYRING_ENTRY), None)
    assert lab.install(old).status is S.SUPERSEDED
    newest = lab.licence(licence_id="lic-newest", issued_at=NOW)
    assert lab.install(newest).installed
    assert lab.check().licence_id == "lic-newest"


def test_trusted_keys_file_problems_never_crash(lab: Lab) -> None:
    assert lab.install(lab.licence()).installed
    for content in (b"", b"{", b'{"format":1,"keys":[]}', b"\x00" * 10, b'{"format":2,"keys":{}}'):
        lab.keys_path.write_bytes(content)
        os.utime(lab.keys_path, ns=(time.time_ns(), time.time_ns() + len(content)))
        state = lab.check()
        assert state.status is S.UNKNOWN_KEY and state.evaluation
    lab.keys_path.unlink()
    assert lab.check().status is S.UNKNOWN_KEY
    # A wrong kid for a key is refused rather than trusted under the wrong name.
    entry = trusted_key(lab.trusted.public_key, test=True)
    write_trusted_keys(lab.keys_path, [entry])
    text = lab.keys_path.read_text().replace(entry.kid, "rf-0123456789abcdef")
    lab.keys_path.write_text(text)
    assert lab.check().status is S.UNKNOWN_KEY

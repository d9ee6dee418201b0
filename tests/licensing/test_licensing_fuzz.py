"""Random damage to a valid licence never yields a licensed status, nor an exception."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from licensing_lab import Lab

from licensing.status import LicenceStatus
from licensing.verifier import Verification, VerifyContext, verify_licence

# Offsets are drawn as fractions so the strategies need no fixture; the licence
# itself is built once per module (Hypothesis runs the body hundreds of times).
position = st.floats(0, 1, exclude_max=True)
flip = st.tuples(st.just("flip"), position, st.integers(0, 7))
truncate = st.tuples(st.just("truncate"), position, st.just(0))
insert = st.tuples(st.just("insert"), position, st.binary(min_size=1, max_size=16))
delete = st.tuples(st.just("delete"), position, st.integers(1, 16))
replace = st.tuples(st.just("replace"), position, st.binary(min_size=1, max_size=8))
mutation = st.one_of(flip, truncate, insert, delete, replace)
FUZZ_SETTINGS = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@dataclass(frozen=True)
class Target:
    data: bytes
    ctx: VerifyContext

    def verify(self, data: bytes) -> Verification:
        return verify_licence(data, self.ctx)


@pytest.fixture(scope="module")
def target(tmp_path_factory: pytest.TempPathFactory) -> Target:
    lab = Lab(tmp_path_factory.mktemp("fuzz"))
    return Target(lab.licence(), lab.context())


def _apply(data: bytes, op: tuple) -> bytes:
    kind, where, arg = op
    offset = int(where * len(data)) if data else 0
    if not data and kind in ("flip", "delete", "replace"):
        return data
    if kind == "flip":
        out = bytearray(data)
        out[offset] ^= 1 << arg
        return bytes(out)
    if kind == "truncate":
        return data[:offset]
    if kind == "insert":
        return data[:offset] + arg + data[offset:]
    if kind == "delete":
        return data[:offset] + data[offset + arg :]
    return data[:offset] + arg + data[offset + len(arg) :]


@FUZZ_SETTINGS
@given(ops=st.lists(mutation, min_size=1, max_size=3))
def test_random_mutations_are_never_valid(target: Target, ops: list[tuple]) -> None:
    data = target.data
    for op in ops:
        data = _apply(data, op)
    if data == target.data:  # e.g. bytes replaced by the same bytes
        return
    assert target.verify(data).status not in (LicenceStatus.VALID, LicenceStatus.GRACE), ops


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=2048))
def test_arbitrary_bytes_are_never_valid(target: Target, data: bytes) -> None:
    assert target.verify(data).status is LicenceStatus.MALFORMED


def test_non_ascii_names_round_trip(lab: Lab) -> None:
    data = lab.licence(licensee="Società Sportiva Dilettantistica «Àèìòù»", club="A.S.D. 1")
    result = lab.verify(data)
    assert result.status is LicenceStatus.VALID
    assert result.licence is not None
    assert result.licence.licensee.startswith("Società")

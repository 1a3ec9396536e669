"""Types are tested like code: the error-code Literal, and the GIL release."""

from __future__ import annotations

import ast
import dataclasses
import pathlib
import pickle
import threading
import typing

import pytest

import wanumbers as w
from wanumbers._types import ErrorCode


def test_the_error_code_literal_matches_the_core() -> None:
    assert list(typing.get_args(ErrorCode)) == list(w.ERROR_CODES)


def test_check_phones_lets_other_threads_run() -> None:
    numbers = [f"+44 20 7{i % 1000:03d} {i % 10000:04d}" for i in range(100_000)]
    entering = threading.Event()
    done = threading.Event()
    results: list[int] = []

    def work() -> None:
        entering.set()
        results.append(len(w.check_phones(numbers, "GB")))
        done.set()

    thread = threading.Thread(target=work)
    thread.start()
    entering.wait()
    # Count only while the native call runs: holding the GIL it would stop this loop cold;
    # without it, this thread keeps executing Python the whole time.
    counter = 0
    while not done.is_set():
        counter += 1
    thread.join()
    assert results == [100_000]
    assert counter > 100_000, f"the main thread advanced only {counter} times during the call: is the GIL held?"


def test_a_phone_check_is_a_typed_immutable_value() -> None:
    check = w.check_phone("+44 7400 123456")
    assert (check.valid, check.e164, check.region, check.country_code) == (True, "+447400123456", "GB", 44)
    assert check.type is w.NumberType.MOBILE and check.error is None
    assert str(check.type) == "mobile" and f"{check.type}" == "mobile"
    assert check.to_dict() == {"valid": True, "e164": "+447400123456", "region": "GB", "type": "mobile", "countryCode": 44, "error": None}
    assert w.PhoneCheck.from_dict(check.to_dict()) == check
    assert pickle.loads(pickle.dumps(check)) == check
    # A consumer's number is personal data: never in the repr.
    assert "7400" not in repr(check) and "'<redacted>'" in repr(check)
    with pytest.raises(AttributeError):
        setattr(check, "valid", False)
    bad = w.check_phone("12")
    assert not bad.valid and bad.error is not None
    assert bad.error.code == "phone_invalid_country_code" and isinstance(bad.error, w.ErrorInfo)
    assert w.check_phones(["+447400123456", "nope"]) == [w.check_phone("+447400123456"), w.check_phone("nope")]
    match check:
        case w.PhoneCheck(True, e164, "GB"):
            assert e164 == "+447400123456"
        case _:
            raise AssertionError("match by position")


def test_results_are_immutable_typed_objects_with_the_wire_form_behind_them() -> None:
    quote = w.quote("GB", 2)
    assert isinstance(quote, w.Quote) and quote.monthly_cents == 2 * quote.unit_monthly_cents and quote.needs_kyc is True
    assert quote.to_dict()["unitMonthlyCents"] == quote.unit_monthly_cents
    assert w.Quote.from_dict(quote.to_dict()) == quote and quote != w.quote("GB", 3)
    assert pickle.loads(pickle.dumps(quote)) == quote
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(quote, "quantity", 3)
    with pytest.raises(w.InputError) as err:
        w.Quote.from_dict("GB")  # type: ignore[arg-type]
    assert err.value.code == "argument_type"


def test_personal_members_are_redacted_in_repr_only() -> None:
    read = w.models.OUTPUTS["purchase"]
    assert read is not None
    kyc = read({"outcome": "kyc_required", "status": "kyc_required", "country": "GB", "numberType": "mobile", "kycUrl": "https://zernio.com/kyc/tok_secret"})
    assert isinstance(kyc, w.models.PurchaseOutcomeKycRequired)
    assert kyc.kyc_url == "https://zernio.com/kyc/tok_secret" and kyc.status == "kyc_required"
    assert "tok_secret" not in repr(kyc) and "tok_secret" not in str(kyc)
    assert kyc.to_dict()["kycUrl"] == "https://zernio.com/kyc/tok_secret"


def test_enums_keep_values_they_do_not_know() -> None:
    known = w.models.QualityRating("GREEN")
    assert known is w.models.QualityRating.GREEN and not known.is_unknown and f"{known}" == "GREEN"
    new = w.models.QualityRating("ULTRAVIOLET")
    assert new.value == "ULTRAVIOLET" and new.name == "UNKNOWN" and new.is_unknown and new == "ULTRAVIOLET"
    assert pickle.loads(pickle.dumps(new)) == new


def test_unknown_members_are_kept_and_written_back() -> None:
    node = w.models.GraphPhoneNumber.from_dict({"id": "1", "quality_rating": "GREEN", "brand_new_field": {"x": 1}})
    assert node.extra == {"brand_new_field": {"x": 1}}
    assert node.to_dict()["brand_new_field"] == {"x": 1}


def test_no_public_function_returns_any() -> None:
    """`Any` in a public return type would let `result["kycUrlTYPO"]` pass mypy."""
    root = pathlib.Path(w.__file__).parent
    offenders = []
    for name in ("_native.pyi", "_client.py", "_model.py", "_models.py", "_sandbox.py", "_transport.py"):
        tree = ast.parse((root / name).read_text(encoding="utf-8"))
        public = [n for n in tree.body if not getattr(n, "name", "_").startswith("_")]
        for top in public:
            for node in ast.walk(top):
                if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and not node.name.startswith("_") and node.returns is not None:
                    if "Any" in ast.unparse(node.returns):
                        offenders.append(f"{name}: {node.name} -> {ast.unparse(node.returns)}")
    assert not offenders, offenders

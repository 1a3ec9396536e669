"""What vectors cannot express: exception classes, pickling, argument types."""

from __future__ import annotations

import datetime as dt
import pickle

import pytest

import wanumbers as w


def test_phone_errors_are_value_errors_with_code_and_details() -> None:
    with pytest.raises(ValueError) as info:
        w.normalize_phone("0400 123 456", "GB")
    err = info.value
    assert isinstance(err, w.PhoneError) and isinstance(err, w.WanumbersError)
    assert err.code == "phone_invalid_for_region"
    assert err.details == {"region": "GB", "country_code": 44}
    assert "0400" not in str(err) and "0400" not in repr(err)


def test_each_kind_has_its_class() -> None:
    with pytest.raises(w.InputError, match="uppercase"):
        w.country_info("gb")
    with pytest.raises(w.TransitionError) as info:
        w.next_status("released", "activated")
    assert info.value.details["from"] == "released"


def test_errors_and_results_pickle() -> None:
    try:
        w.normalize_phone("", None)
    except w.PhoneError as err:
        again = pickle.loads(pickle.dumps(err))
        assert (type(again), again.code, again.details) == (w.PhoneError, "phone_empty", {})
    checks = w.check_phones(["+44 20 7183 8750", "nope"])
    assert pickle.loads(pickle.dumps(checks)) == checks


def test_dates_and_aware_datetimes_are_accepted() -> None:
    numbers = [{"_id": "a", "country": "GB", "monthlyCents": 200,
                "history": [{"status": "active", "at": dt.datetime(2026, 2, 1, tzinfo=dt.timezone.utc)}]}]
    inv = w.invoice(numbers, dt.date(2026, 3, 1), dt.date(2026, 4, 1))
    assert inv.total_cents == 200
    now = dt.datetime(2026, 3, 31, tzinfo=dt.timezone.utc)
    assert w.in_list_view("regulatory_declined", now=now, view="pending_regulatory", declined_at="2026-03-20T00:00:00Z")
    with pytest.raises(w.InputError) as info:
        w.in_list_view("active", now=dt.datetime(2026, 3, 31))  # naive: no time zone
    assert info.value.code == "time_invalid"


def test_error_code_list_matches_the_vectors_vocabulary() -> None:
    assert len(set(w.ERROR_CODES)) == len(w.ERROR_CODES)
    assert {"phone_empty", "status_invalid_transition", "country_not_uppercase"} <= set(w.ERROR_CODES)
    assert len(w.NUMBER_STATUSES) == 9 and len(w.NUMBER_EVENTS) == 13


def test_errors_never_show_secrets_or_personal_data() -> None:
    shown: list[str] = []
    try:
        w.verify_zernio_signature(b"whsec_TOPSECRET", b'{"name":"Ana Garcia"}', "sha256=00")
    except w.SignatureError as err:
        shown += [str(err), repr(err), repr(err.details)]
    try:
        w.normalize_phone("Ana Garcia, Calle Mayor 5", region="ES")
    except w.PhoneError as err:
        shown += [str(err), repr(err), repr(err.details)]
    form = {"country": "ES", "fields": [{"requirementId": "addr", "label": "Address", "kind": "address"}]}
    submission = {"profileId": "p", "country": "ES",
                  "address": {"requirementId": "addr", "street_address": "Calle Mayor 5", "locality": "Madrid",
                              "postal_code": "Ana Garcia", "country_code": "ES"}}
    field_errors = w.validate_kyc(form, submission)
    shown += [repr(e) for e in field_errors] + [repr(e.to_dict()) for e in field_errors]
    try:
        w.Client("sk_live_TOPSECRET", lambda req: {"status": 401, "body": b'{"error":"bad key sk_live_TOPSECRET"}'}).list_countries()
    except w.ApiError as err:
        shown += [str(err), repr(err), repr(err.details)]
    assert len(shown) >= 10
    for text in shown:
        for secret in ("TOPSECRET", "Ana", "Garcia", "Calle Mayor"):
            assert secret not in text, f"{secret!r} in {text!r}"


def test_every_error_kind_of_the_core_is_a_class_of_the_package() -> None:
    # ErrorKind::ALL, walked against the classes written in Python.
    assert w.ERROR_CLASSES == ["PhoneError", "InputError", "TransitionError", "KycValidationError", "ApiError", "SignatureError", "TransportError"]
    for name in w.ERROR_CLASSES:
        cls = getattr(w, name)
        assert isinstance(cls, type) and issubclass(cls, w.WanumbersError), name
    ours = {n for n in dir(w) if isinstance(getattr(w, n), type) and issubclass(getattr(w, n), w.WanumbersError)}
    assert ours - {"WanumbersError"} == set(w.ERROR_CLASSES)

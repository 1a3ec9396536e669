"""KYC from Python: what the vectors cannot express (bytes, exception classes, defaults)."""

from __future__ import annotations

import base64
import pathlib

import pytest

import wanumbers as w

FIXTURES = pathlib.Path(__file__).resolve().parents[2] / "core" / "tests" / "fixtures"
FORM = {"country": "GB", "fields": [{"requirementId": "name", "label": "Business name", "kind": "text"}]}


def test_validation_returns_values_and_defaults_today_and_language() -> None:
    errors = w.validate_kyc(FORM, {"country": "GB", "values": {"name": " "}})
    assert all(isinstance(e, w.FieldError) for e in errors)
    assert [(e.path, e.code) for e in errors] == [("/profileId", "kyc_missing"), ("/values/name", "kyc_text_empty")]
    assert errors[1].message == "Enter Business name."
    assert w.validate_kyc(FORM, {"profileId": "p", "country": "GB", "values": {"name": "Acme"}}, lang="es") == []


def test_combine_id_sides_takes_and_returns_bytes() -> None:
    front = (FIXTURES / "front-exif6.jpg").read_bytes()
    back = (FIXTURES / "back-alpha.png").read_bytes()
    pdf = w.combine_id_sides(front, back)
    assert isinstance(pdf, bytes) and pdf.startswith(b"%PDF-1.4")
    kind = w.sniff_document(pdf)
    assert isinstance(kind, w.DocumentType) and (kind.mime, kind.extension) == ("application/pdf", "pdf")
    doc = {"requirementId": "id", "filename": "id.pdf", "base64": w.encode_document(pdf)}
    assert base64.b64decode(doc["base64"]) == pdf


def test_document_errors_are_kyc_validation_errors() -> None:
    with pytest.raises(w.KycValidationError) as info:
        w.combine_id_sides((FIXTURES / "front.jpg").read_bytes(), (FIXTURES / "not-an-image.gif").read_bytes())
    assert isinstance(info.value, ValueError)
    assert (info.value.code, info.value.details["side"]) == ("kyc_image_unsupported", "back")
    with pytest.raises(w.KycValidationError, match="20 MB"):
        w.check_document_size(20_000_001)


def test_a_malformed_model_is_an_input_error_naming_the_field() -> None:
    with pytest.raises(w.InputError) as info:
        w.validate_kyc(FORM, {"profileId": "p", "country": "GB", "quantity": "two"})
    assert info.value.code == "json_invalid" and info.value.details["path"] == "quantity"

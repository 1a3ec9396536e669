"""A tour of wanumbers from Python, offline: phone checks, a KYC form check, a price quote.

Run: ``python bindings-python/examples/quickstart.py`` (after ``pip install ./bindings-python``).
"""

from __future__ import annotations

from typing import Any, Dict, List

import wanumbers as w


def main() -> None:
    # Phone numbers: one check, or thousands in one native call (the GIL is released).
    print(w.normalize_phone("020 7946 0958", region="GB"))  # +442079460958
    check = w.check_phone("+44 7400 123456")
    print(check.valid, check.e164, check.region, check.type)
    for row in w.check_phones(["+1 650 253 0000", "12345", "0612345678"], region="FR"):
        error = row.error
        print(row.e164 if error is None else f"invalid ({error.code}): {error.message}")

    # KYC: the form comes from `Client.get_kyc_form` (a `KycForm`; a dict in the upstream JSON
    # form, camelCase, does too); validation returns a list of `FieldError`s (never raises for a
    # bad submission), in the user's language.
    form: Dict[str, Any] = {
        "country": "GB",
        "fields": [{"requirementId": "business_name", "label": "Business name", "kind": "text"}],
    }
    submission: Dict[str, Any] = {"profileId": "prof_1", "country": "GB", "values": {"business_name": " "}}
    errors: List[w.FieldError] = w.validate_kyc(form, submission, lang="es")
    for field_error in errors:
        print(f"{field_error.path}: {field_error.code}: {field_error.message}")

    # Money is integer cents: a quote for three UK numbers from the built-in catalog.
    quote = w.quote("GB", quantity=3)
    print(quote.monthly_cents, w.format_monthly(quote.monthly_cents))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Generate tests/vectors/phone.json with Google's libphonenumber as the oracle.

Expected answers come from the Python `phonenumbers` package (pinned in
tools/requirements-dev.txt to the metadata version of the Rust engine), not from wanumbers,
so the vectors check our engine and our error classification against Google's library.

The error classification (which of the seven phone_* codes a failure gets) is wanumbers'
rule, written once here and once in core/src/phone.rs:

  blank input                                   -> phone_empty
  parse: NOT_A_NUMBER                           -> phone_not_a_number
  parse: INVALID_COUNTRY_CODE                   -> phone_invalid_country_code
  parse: TOO_SHORT_NSN / TOO_SHORT_AFTER_IDD    -> phone_too_short
  parse: TOO_LONG                               -> phone_too_long
  parsed but not valid, by possible-length reason:
    TOO_SHORT, IS_POSSIBLE_LOCAL_ONLY           -> phone_too_short
    TOO_LONG                                    -> phone_too_long
    INVALID_COUNTRY_CODE                        -> phone_invalid_country_code
    INVALID_LENGTH, IS_POSSIBLE                 -> phone_invalid_for_region when read in the
                                                   default region's calling code, else phone_invalid

Run `make gen` to rewrite; `make test` runs this with --check.
"""

from __future__ import annotations

import json
import pathlib
import sys

import _generated

import phonenumbers as pn
from phonenumbers import NumberParseException as NPE
from phonenumbers import PhoneNumberFormat as PF
from phonenumbers import PhoneNumberType as PT
from phonenumbers import ValidationResult as VR

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "vectors" / "phone.json"

# The countries of the offline catalog (Zernio's price table); country.json pins the table.
CATALOG = (
    "US CA VI IE AT BE CZ FI FR DE GR HU IT LT LU NZ NO PT RO SK ES CH GB PR NL BR HR EE "
    "IL LV CY MX SG IS AU DK CL DO RE TR SV GP MQ PA PL ZA SE GF CR GE TH CO ID"
).split()

TYPES = {
    PT.FIXED_LINE: "fixed_line",
    PT.MOBILE: "mobile",
    PT.FIXED_LINE_OR_MOBILE: "fixed_line_or_mobile",
    PT.TOLL_FREE: "toll_free",
    PT.PREMIUM_RATE: "premium_rate",
    PT.SHARED_COST: "shared_cost",
    PT.VOIP: "voip",
    PT.PERSONAL_NUMBER: "personal_number",
    PT.PAGER: "pager",
    PT.UAN: "uan",
    PT.VOICEMAIL: "voicemail",
    PT.UNKNOWN: "unknown",
}
FORMATS = {"e164": PF.E164, "international": PF.INTERNATIONAL, "national": PF.NATIONAL, "rfc3966": PF.RFC3966}


def classify(raw: str, region: str | None) -> tuple[str, pn.PhoneNumber | None]:
    """Returns ("ok", number) or (error code, None) by the rule in the module docstring."""
    if not raw.strip():
        return "phone_empty", None
    try:
        n = pn.parse(raw, region)
    except NPE as e:
        return {
            NPE.INVALID_COUNTRY_CODE: "phone_invalid_country_code",
            NPE.NOT_A_NUMBER: "phone_not_a_number",
            NPE.TOO_SHORT_AFTER_IDD: "phone_too_short",
            NPE.TOO_SHORT_NSN: "phone_too_short",
            NPE.TOO_LONG: "phone_too_long",
        }[e.error_type], None
    if pn.is_valid_number(n):
        return "ok", n
    reason = pn.is_possible_number_with_reason(n)
    if reason in (VR.TOO_SHORT, VR.IS_POSSIBLE_LOCAL_ONLY):
        return "phone_too_short", None
    if reason == VR.TOO_LONG:
        return "phone_too_long", None
    if reason == VR.INVALID_COUNTRY_CODE:
        return "phone_invalid_country_code", None
    if region and pn.country_code_for_region(region) == n.country_code:
        return "phone_invalid_for_region", None
    return "phone_invalid", None


def region_of(n: pn.PhoneNumber) -> str | None:
    r = pn.region_code_for_number(n)
    return None if r in (None, "001", "ZZ") else r


def check_result(raw: str, region: str | None) -> dict:
    code, n = classify(raw, region)
    if n is None:
        return {"valid": False, "e164": None, "region": None, "type": None, "countryCode": None, "error": {"code": code}}
    return {
        "valid": True,
        "e164": pn.format_number(n, PF.E164),
        "region": region_of(n),
        "type": TYPES[pn.number_type(n)],
        "countryCode": n.country_code,
        "error": None,
    }


def normalize_case(name: str, raw: str, region: str | None, intended: str | None = None) -> dict:
    code, n = classify(raw, region)
    if intended is not None and intended != code:
        sys.exit(f"oracle disagrees with the intended code for {name!r}: {code} != {intended}")
    expect = {"ok": pn.format_number(n, PF.E164)} if n is not None else {"error": {"code": code}}
    return {"name": name, "input": {"op": "normalize_phone", "raw": raw, "region": region}, "expect": expect}


def example(region: str, kind: int) -> pn.PhoneNumber | None:
    return pn.example_number_for_type(region, kind)


def build() -> dict:
    cases: list[dict] = []

    # Every catalog country: a valid number typed nationally with the country as default region,
    # the same number typed internationally with no region, and an invalid one.
    for i, region in enumerate(CATALOG):
        n = example(region, PT.MOBILE) or example(region, PT.FIXED_LINE_OR_MOBILE) or example(region, PT.FIXED_LINE)
        assert n is not None, region
        national = pn.format_number(n, PF.NATIONAL)
        cases.append({
            "name": f"{region}: example number typed nationally is valid in its region",
            "input": {"op": "check_phone", "raw": national, "region": region},
            "expect": {"ok": check_result(national, region)},
        })
        assert cases[-1]["expect"]["ok"]["valid"], region
        intl = pn.format_number(n, PF.INTERNATIONAL)
        cases.append(normalize_case(f"{region}: international form needs no region", intl, None, "ok"))
        nsn = pn.national_significant_number(n)
        cc = n.country_code
        # Alternate two kinds of mistake: digits missing and digits added.
        bad = f"+{cc} {nsn[:-3]}" if i % 2 == 0 else f"+{cc} {nsn}5555"
        kind = "three digits missing" if i % 2 == 0 else "four digits added"
        code, _ = classify(bad, None)
        assert code != "ok", (region, bad)
        cases.append({
            "name": f"{region}: example number with {kind} is rejected as {code}",
            "input": {"op": "check_phone", "raw": bad, "region": None},
            "expect": {"ok": check_result(bad, None)},
        })

    # Each error code, with the input that shows it.
    for name, raw, region, intended in [
        ("blank input is phone_empty", "   ", "GB", "phone_empty"),
        ("empty string is phone_empty", "", None, "phone_empty"),
        ("letters only are phone_not_a_number", "call me", "GB", "phone_not_a_number"),
        ("a lone plus sign is phone_not_a_number", "+", None, "phone_not_a_number"),
        ("national number without region is phone_invalid_country_code", "020 7183 8750", None, "phone_invalid_country_code"),
        ("unassigned country code +999 is phone_invalid_country_code", "+999 1234 5678", None, "phone_invalid_country_code"),
        ("one digit after the country code is phone_too_short", "+44 2", None, "phone_too_short"),
        ("a number without its area code is phone_too_short (local only)", "7183 8750", "GB", "phone_too_short"),
        ("too few digits for Germany is phone_too_short", "+49 30 1", None, "phone_too_short"),
        ("too many digits for the UK is phone_too_long", "+44 20 7183 8750 1234", None, "phone_too_long"),
        ("more than 17 digits is phone_too_long", "+44 123456789012345678", None, "phone_too_long"),
        ("a UK-length number in no UK range is phone_invalid_for_region", "0400 123 456", "GB", "phone_invalid_for_region"),
        ("a US number in an unused area code is phone_invalid_for_region", "(099) 555-0123", "US", "phone_invalid_for_region"),
        ("an international number in no range is phone_invalid", "+44 0400 123456", None, "phone_invalid"),
        ("an international number in no range is phone_invalid whatever the region", "+44 0400 123456", "FR", "phone_invalid"),
    ]:
        cases.append(normalize_case(name, raw, region, intended))

    # Lenient input that libphonenumber accepts (the cases where the `phonenumber` crate differs).
    for name, raw, region, intended in [
        ("full-width digits are read", "＋４４ ２０ ７１８３ ８７５０", None, "ok"),
        ("an ;ext= extension is accepted and dropped from E.164", "+44 20 7183 8750;ext=123", None, "ok"),
        ("an 'ext.' extension is accepted", "+1 202-456-1111 ext. 42", None, "ok"),
        ("dots as separators after +7 are read", "+7.800.123.45.67", None, "ok"),
        ("a number after an unassigned two-digit code is not valid", "+21 312 9345 678", None, None),
        ("the 00 international prefix works with a default region", "00 44 20 7183 8750", "FR", "ok"),
        ("the 011 international prefix works from the US", "011 44 20 7183 8750", "US", "ok"),
        ("a tel: URI is read", "tel:+44-20-7183-8750", None, "ok"),
        ("surrounding spaces are ignored", "  +44 20 7183 8750  ", None, "ok"),
        ("vanity letters are converted", "1-800-FLOWERS", "US", "ok"),
        ("a number with another country code is valid whatever the default region", "+33 1 42 68 53 00", "GB", "ok"),
        ("brackets and dashes are ignored", "(202) 456-1111", "US", "ok"),
        ("the national prefix 0 is removed", "030 123456", "DE", "ok"),
        ("Italian fixed lines keep their leading 0", "06 6982 0000", "IT", None),
    ]:
        cases.append(normalize_case(name, raw, region, intended))

    # What check_phone reports for valid numbers: region, type, calling code.
    for name, raw, region in [
        ("a UK mobile is mobile, region GB", "07400 123456", "GB"),
        ("a UK London number is fixed_line", "020 7183 8750", "GB"),
        ("a US number is fixed_line_or_mobile", "+1 202-456-1111", None),
        ("a Canadian number under +1 is region CA", "+1 416-555-0199", None),
        ("a Toronto number typed with default region US is still CA", "416 555 0199", "US"),
        ("a Puerto Rico number under +1 is region PR", "+1 787-555-0123", None),
        ("a UK toll-free number is toll_free", "0800 123 4567", "GB"),
        ("a German mobile", "+49 1512 3456789", None),
        ("a non-geographic +800 number has no region", "+800 1234 5678", None),
        ("a Guernsey number under +44 is region GG", "+44 1481 256789", None),
        ("a Réunion number under +262 is region RE", "+262 262 16 12 34", None),
        ("a Mayotte number under +262 is region YT", "+262 269 60 12 34", None),
        ("an invalid number reports valid false and its code", "+44 20 71", None),
    ]:
        cases.append({"name": name, "input": {"op": "check_phone", "raw": raw, "region": region}, "expect": {"ok": check_result(raw, region)}})

    # Formats.
    for raw in ["+44 20 7183 8750", "+1 202-456-1111", "+49 1512 3456789", "+33 1 42 68 53 00", "+55 11 96123 4567"]:
        n = pn.parse(raw, None)
        for fmt, pf in FORMATS.items():
            cases.append({
                "name": f"{raw} in {fmt} format",
                "input": {"op": "format_phone", "raw": raw, "region": None, "format": fmt},
                "expect": {"ok": pn.format_number(n, pf)},
            })

    # Example numbers (a form's placeholder): libphonenumber's example_number_for_type.
    types = {"mobile": PT.MOBILE, "fixed_line": PT.FIXED_LINE, "fixed_line_or_mobile": PT.FIXED_LINE_OR_MOBILE,
             "toll_free": PT.TOLL_FREE, "voip": PT.VOIP, "voicemail": PT.VOICEMAIL}
    for region, kind, fmt in [
        ("GB", "mobile", "e164"), ("GB", "fixed_line", "national"), ("US", "fixed_line_or_mobile", "international"),
        ("DE", "toll_free", "international"), ("BR", "mobile", "national"), ("GB", "voip", "e164"),
        ("XK", "mobile", "national"), ("AC", "fixed_line", "e164"), ("GG", "mobile", "rfc3966"),
        ("GB", "voicemail", "e164"), ("US", "voicemail", "e164"), ("AQ", "mobile", "e164"),
    ]:
        n = pn.example_number_for_type(region, types[kind])
        cases.append({
            "name": f"example {kind} number of {region} in {fmt} format",
            "input": {"op": "example_phone", "region": region, "type": kind, "format": fmt},
            "expect": {"ok": pn.format_number(n, FORMATS[fmt]) if n is not None else None},
        })
    for name, region, kind, code in [
        ("an example for a lowercase region is country_not_uppercase", "gb", "mobile", "country_not_uppercase"),
        ("an example for an unassigned region is country_unknown", "XX", "mobile", "country_unknown"),
        ("an example of an unknown type is json_invalid", "GB", "cellular", "json_invalid"),
    ]:
        cases.append({"name": name, "input": {"op": "example_phone", "region": region, "type": kind, "format": "e164"},
                      "expect": {"error": {"code": code}}})

    # The default region is a strict country code.
    for name, region, code in [
        ("a lowercase default region is country_not_uppercase", "gb", "country_not_uppercase"),
        ("an unassigned default region is country_unknown", "XX", "country_unknown"),
        ("UK is not a code (GB is): country_unknown", "UK", "country_unknown"),
        ("an alpha-3 default region is country_invalid", "GBR", "country_invalid"),
        ("an empty default region is country_invalid", "", "country_invalid"),
    ]:
        cases.append({"name": name, "input": {"op": "check_phone", "raw": "020 7183 8750", "region": region}, "expect": {"error": {"code": code}}})
    cases.append({
        "name": "Kosovo (XK) is a phone region though not an ISO code",
        "input": {"op": "normalize_phone", "raw": "043 201 234", "region": "XK"},
        "expect": {"ok": pn.format_number(pn.parse("043 201 234", "XK"), PF.E164)},
    })

    # Strict region: the number must belong to the region.
    for name, raw, region in [
        ("a UK number is accepted where GB is required", "+44 7400 123456", "GB"),
        ("a US number is refused where GB is required", "+1 202-456-1111", "GB"),
        ("a Canadian number is refused where US is required", "+1 416-555-0199", "US"),
        ("a national number is read in the required region", "07400 123456", "GB"),
    ]:
        code, n = classify(raw, region)
        ok = n is not None and pn.is_valid_number_for_region(n, region)
        expect = {"ok": pn.format_number(n, PF.E164)} if ok else {"error": {"code": "phone_invalid_for_region", "details": {"region": region, "actual": region_of(n)}}}
        cases.append({"name": name, "input": {"op": "normalize_phone_in_region", "raw": raw, "region": region}, "expect": expect})

    # A number of another country never passes as local (the engine's region check alone
    # skips the calling code): one case per catalog country, the foreign number being the
    # example mobile of the next catalog country with another calling code.
    for i, region in enumerate(CATALOG):
        own = pn.country_code_for_region(region)
        foreign = next(r for r in CATALOG[i + 1:] + CATALOG[:i] if pn.country_code_for_region(r) != own)
        n = pn.example_number_for_type(foreign, PT.MOBILE) or pn.example_number(foreign)
        raw = pn.format_number(n, PF.E164)
        assert pn.is_valid_number(n) and not pn.is_valid_number_for_region(n, region)
        cases.append({
            "name": f"a {foreign} number ({raw}) is refused where {region} is required",
            "input": {"op": "normalize_phone_in_region", "raw": raw, "region": region},
            "expect": {"error": {"code": "phone_invalid_for_region", "details": {"region": region, "actual": region_of(n)}}},
        })

    # RFC 3966 input whose "tel:" comes after ";phone-context=" (found by the phone fuzz target:
    # the Rust engine panicked slicing between them; libphonenumber reads that part as empty).
    for name, raw, region in [
        ("tel: after phone-context is read as libphonenumber reads it (fuzz crash-bbf26d39)", "+;phone-context=k;tel:phoneGB)onte 5M", "IT"),
        ("tel: after a +CC phone-context is read as libphonenumber reads it", "1234;phone-context=+44;tel:5", None),
        ("a second tel: after phone-context is harmless", "tel:1234;phone-context=+44;tel:5", None),
        # Letters read as a keypad's digits keep Belarus's national prefix 8 in the number,
        # whose E.164 then reads back without it, as libphonenumber does (fuzz crash-669fa07f).
        ("a vanity number keeps its digits as libphonenumber reads them", "+375uu10M6b4025", None),
        ("its E.164 reads back as libphonenumber reads it (the 8 is a national prefix)", "+3758106624025", None),
    ]:
        code, n = classify(raw, region)
        expect = {"ok": pn.format_number(n, PF.E164)} if code == "ok" else {"error": {"code": code}}
        cases.append({"name": name, "input": {"op": "normalize_phone", "raw": raw, "region": region}, "expect": expect})

    # Input far past any number's length is refused as too long, whatever follows.
    for name, raw in [
        ("300 digits are phone_too_long", "+" + "1" * 300),
        ("2,000 characters are phone_too_long without being parsed", "+44 " + "7" * 2000),
    ]:
        code, _ = classify(raw, None)
        cases.append({"name": name, "input": {"op": "normalize_phone", "raw": raw, "region": None}, "expect": {"error": {"code": code}}})

    # Batch: one call, results in input order, one bad input does not spoil the rest.
    batch = ["+44 20 7183 8750", "", "+1 202-456-1111", "not a number", "+44 20 71", "+49 1512 3456789", "0400 123 456"]
    cases.append({
        "name": "check_phones keeps input order and reports each number on its own",
        "input": {"op": "check_phones", "raws": batch, "region": "GB"},
        "expect": {"ok": [check_result(raw, "GB") for raw in batch]},
    })
    cases.append({"name": "check_phones of nothing is an empty list", "input": {"op": "check_phones", "raws": [], "region": None}, "expect": {"ok": []}})
    cases.append({"name": "check_phones with a bad region fails as a whole", "input": {"op": "check_phones", "raws": ["+44 20 7183 8750"], "region": "gb"}, "expect": {"error": {"code": "country_not_uppercase"}}})

    return {
        "suite": "phone",
        "description": "Phone parsing, validation, classification and formatting. Generated by tools/gen_phone_vectors.py with Google's libphonenumber (Python phonenumbers "
        + pn.__version__
        + ") as the oracle.",
        "cases": cases,
    }


if __name__ == "__main__":
    raise SystemExit(_generated.main(OUT, lambda: json.dumps(build(), ensure_ascii=False, indent=1) + "\n"))

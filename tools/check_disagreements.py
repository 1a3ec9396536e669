#!/usr/bin/env python3
"""Check the phone fuzz target's disagreements with rlibphonenumber (issue 14).

The `phone` fuzz target compares our engine with rlibphonenumber, a Rust port of Google's
libphonenumber that departs from it in places. Each disagreement is written down as
`[input, default_region, ours, rlibphonenumber's]` (E.164 or null). This passes only when
libphonenumber itself (the pinned Python `phonenumbers`, our metadata version) gives our answer
for every one, and prints how many there were.

    tools/check_disagreements.py fuzz/artifacts/phone/disagreements.jsonl
"""

from __future__ import annotations

import json
import pathlib
import sys

import phonenumbers as pn


def libphonenumber(raw: str, region: str) -> str | None:
    try:
        n = pn.parse(raw, region or None)
    except pn.NumberParseException:
        return None
    return pn.format_number(n, pn.PhoneNumberFormat.E164) if pn.is_valid_number(n) else None


def main() -> int:
    path = pathlib.Path(sys.argv[1])
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []
    wrong = [r for r in rows if libphonenumber(r[0], r[1]) != r[2]]
    for raw, region, ours, theirs in wrong[:20]:
        print(f"libphonenumber disagrees with us: {raw!r} in {region!r}: ours {ours}, "
              f"libphonenumber {libphonenumber(raw, region)}, rlibphonenumber {theirs}")
    print(f"{len(rows)} disagreements with rlibphonenumber, {len(rows) - len(wrong)} of them libphonenumber's own answer")
    return 1 if wrong else 0


if __name__ == "__main__":
    raise SystemExit(main())

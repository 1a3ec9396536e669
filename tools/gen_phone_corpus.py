#!/usr/bin/env python3
"""Generate a corpus of phone inputs with Google's libphonenumber's answers (the `phonenumbers`
package, pinned in tools/requirements-dev.txt, the metadata of the core's own engine).

Issue 14 measures our engine against it: every example number of every territory and type,
written internationally (`+44 20 7183 8750`, `+442071838750`, `0044...`), nationally with the
region (`020 7183 8750`), and as people type them (brackets, dots, dashes, spaces, `tel:`,
extensions, full-width digits, text around); one-digit changes, additions and removals of each;
random digit strings in every territory; and junk.

    tools/gen_phone_corpus.py                 # the committed 100,000-input sample
    tools/gen_phone_corpus.py --size 1000000 --out build/phone_corpus_1m.jsonl.zz

One JSON array per line, zlib-compressed:
    [input, default_region or "", answer]
where answer is an error name (`INVALID_COUNTRY_CODE`, `NOT_A_NUMBER`, `TOO_SHORT_AFTER_IDD`,
`TOO_SHORT_NSN`, `TOO_LONG`) when parsing fails, and otherwise
    [country_code, national_significant_number, extension, valid, region, type, possible,
     international, national]
(`region` is "" when none, `possible` libphonenumber's ValidationResult name; E.164 is
`+{country_code}{national_significant_number}`). `make test`
checks the committed sample is current (`--check`).
"""

from __future__ import annotations

import argparse
import json
import pathlib
import random
import sys
import zlib

import phonenumbers as pn
from phonenumbers import NumberParseException as NPE
from phonenumbers import PhoneMetadata
from phonenumbers import PhoneNumberFormat as PF

ROOT = pathlib.Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "core" / "tests" / "fixtures" / "phone_corpus.jsonl.zz"

DESCS = ["general_desc", "fixed_line", "mobile", "toll_free", "premium_rate", "shared_cost", "personal_number",
         "voip", "pager", "uan", "voicemail"]
ERRORS = {NPE.INVALID_COUNTRY_CODE: "INVALID_COUNTRY_CODE", NPE.NOT_A_NUMBER: "NOT_A_NUMBER",
          NPE.TOO_SHORT_AFTER_IDD: "TOO_SHORT_AFTER_IDD", NPE.TOO_SHORT_NSN: "TOO_SHORT_NSN",
          NPE.TOO_LONG: "TOO_LONG"}
TYPES = {v: k.lower() for k, v in vars(pn.PhoneNumberType).items() if k.isupper() and isinstance(v, int)}
REASONS = {v: k for k, v in vars(pn.ValidationResult).items() if k.isupper() and isinstance(v, int)}
FULL_WIDTH = str.maketrans("0123456789+", "０１２３４５６７８９＋")


def answer(text: str, region: str) -> object:
    try:
        n = pn.parse(text, region or None)
    except NPE as e:
        return ERRORS[e.error_type]
    found = pn.region_code_for_number(n) or ""
    return [n.country_code, pn.national_significant_number(n), n.extension or "", pn.is_valid_number(n), found,
            TYPES[pn.number_type(n)], REASONS[pn.is_possible_number_with_reason(n)],
            pn.format_number(n, PF.INTERNATIONAL), pn.format_number(n, PF.NATIONAL)]


def territories() -> list:
    out = [PhoneMetadata.metadata_for_region(r) for r in sorted(pn.SUPPORTED_REGIONS)]
    out += [PhoneMetadata.metadata_for_nongeo_region(cc) for cc in sorted(pn.COUNTRY_CODES_FOR_NON_GEO_REGIONS)]
    return [m for m in out if m is not None]


def typed(rng: random.Random, digits: str) -> str:
    """The digits as a person might type them."""
    out = []
    for i, c in enumerate(digits):
        if i and rng.random() < 0.25:
            out.append(rng.choice([" ", "-", ".", " ", "/"]))
        out.append(c)
    return "".join(out)


def perturb(rng: random.Random, digits: str) -> str:
    i = rng.randrange(len(digits))
    kind = rng.randrange(3)
    if kind == 0:
        return digits[:i] + str((int(digits[i]) + rng.randrange(1, 10)) % 10) + digits[i + 1:]
    if kind == 1:
        return digits[:i] + str(rng.randrange(10)) + digits[i:]
    return digits[:i] + digits[i + 1:]


def inputs(rng: random.Random, size: int):
    metas = territories()
    regions = sorted(pn.SUPPORTED_REGIONS)
    seeds = []  # (territory, national significant number)
    for meta in metas:
        for d in DESCS:
            desc = getattr(meta, d)
            if desc is not None and desc.example_number:
                seeds.append((meta, desc.example_number))
    # Every example in its plain forms first, then random variations up to the size.
    for meta, nsn in seeds:
        cc = meta.country_code
        yield f"+{cc}{nsn}", ""
        if meta.id != "001":
            yield nsn, meta.id
            prefix = meta.national_prefix or ""
            yield prefix + nsn, meta.id
    count = 0
    while count < size:
        meta, nsn = rng.choice(seeds)
        cc = meta.country_code
        roll = rng.random()
        if roll < 0.15:
            nsn = perturb(rng, nsn)
        elif roll < 0.25:
            # Random digits of a plausible length in this territory.
            length = rng.choice([len(nsn) - 1, len(nsn), len(nsn) + 1])
            nsn = nsn[: rng.randrange(1, 4)] + "".join(rng.choice("0123456789") for _ in range(max(length - 3, 1)))
        geo = meta.id != "001"
        region = meta.id if geo else ""
        form = rng.random()
        if form < 0.3 or not geo:
            text = rng.choice(["+", "+", "00", "+ "]) + str(cc) + rng.choice(["", " ", "-"]) + typed(rng, nsn)
            region = rng.choice(["", region or "", rng.choice(regions)]) if text[0] == "+" else rng.choice(regions)
        elif form < 0.6:
            text = (meta.national_prefix or "") + typed(rng, nsn)
        elif form < 0.7:
            text = "(" + (meta.national_prefix or "") + nsn[:3] + ") " + typed(rng, nsn[3:])
        elif form < 0.78:
            text = f"tel:+{cc}-{nsn}" + rng.choice(["", ";ext=12", f";phone-context=+{cc}"])
        elif form < 0.84:
            text = f"+{cc} {typed(rng, nsn)}" + rng.choice([" ext. 123", " x45", " #1234", ";ext=7", " extension 9"])
        elif form < 0.88:
            text = f"+{cc}{nsn}".translate(FULL_WIDTH)
        elif form < 0.92:
            text = rng.choice(["Call ", "tel ", "Phone: ", "mobile "]) + f"+{cc} {typed(rng, nsn)}" + rng.choice(["", " now", "."])
        elif form < 0.96:
            text = rng.choice(["", "+", "00", "++", "+0"]) + "".join(rng.choice("0123456789") for _ in range(rng.randrange(0, 20)))
            region = rng.choice(["", rng.choice(regions)])
        else:
            text = "".join(rng.choice("0123456789+-() .xabc#*;=:/") for _ in range(rng.randrange(0, 25)))
            region = rng.choice(["", rng.choice(regions)])
        if "\n" in text:
            continue
        count += 1
        yield text, region


def render(size: int, seed: int) -> bytes:
    rng = random.Random(seed)
    lines = [json.dumps({"about": "libphonenumber's answers for phone inputs; generated by tools/gen_phone_corpus.py, do not edit",
                         "phonenumbers": pn.__version__, "size": size, "seed": seed})]
    for text, region in inputs(rng, size):
        lines.append(json.dumps([text, region, answer(text, region)], ensure_ascii=False, separators=(",", ":")))
    return zlib.compress(("\n".join(lines) + "\n").encode("utf-8"), 9)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--check", action="store_true", help="fail if the committed sample is stale")
    ap.add_argument("--size", type=int, default=100_000, help="random inputs after the examples")
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("--out", type=pathlib.Path, default=SAMPLE)
    args = ap.parse_args()
    data = render(args.size, args.seed)
    if args.check:
        # Compare the text, not the compressed bytes (zlib's output may differ between builds).
        if not args.out.exists() or zlib.decompress(args.out.read_bytes()) != zlib.decompress(data):
            print(f"{args.out} is stale: run `make gen`", file=sys.stderr)
            return 1
        print(f"{args.out.name}: up to date")
        return 0
    args.out.write_bytes(data)
    print(f"wrote {args.out} ({len(data)} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

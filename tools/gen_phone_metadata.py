#!/usr/bin/env python3
"""Generate the phone engine's metadata (issue 14: our own engine, no regex engine in any build):

- core/src/phone/automata.bin: libphonenumber's digit patterns compiled to minimal DFAs;
- core/src/phone/patterns.bin and pattern_masks.bin: the same patterns as compact bytecode and
  its class masks, for the builds that trade speed for size (cargo feature `compact`: the
  browser builds), interpreted over sets of positions (see below);
- core/src/phone/programs.bin: the patterns whose matches the engine must take apart (the
  international and national prefixes), compiled to programs for a small backtracking machine
  with libphonenumber's (Python `re`'s) leftmost-first semantics;
- core/src/phone/format_groups.bin: the number formats' patterns, which are all capturing
  groups of one digit class repeated (`(\d{3})(\d{2,4})`), as each group's class (u16 mask of
  digits), min and max, matched by a small greedy search with the same semantics;
- core/src/phone/territories.bin: the territories (regions and non-geographic entities), a
  47-byte record each stored as byte planes (`Territory` in core/src/phone/territory.rs), that
  point into the rest: their automata, lengths, prefixes, formats and example numbers;
- core/src/phone/automaton_index.bin and automaton_labels.bin (each automaton's place in
  automata.bin and its accepting states' labels), and automaton_codes.bin (each one's place in
  the bytecode, for the compact builds): automata are named by their index;
- core/src/phone/formats.bin and calling_codes.bin: the number formats (indices into the
  tables of patterns, leading digits' automata and templates) and each calling code's
  territories, byte planes too; core/src/phone/examples.txt: the example numbers;
- core/src/phone/metadata.rs: the smaller tables (ids, lengths, the formats' patterns and
  templates, prefix texts, digit characters) and the statics that include the other files.

The source is the metadata of the `phonenumbers` package, pinned in tools/requirements-dev.txt:
Google's libphonenumber metadata, Apache License 2.0, Copyright (C) 2009 The Libphonenumber
Authors. Run `make gen` after bumping it; `make test` runs this with --check.

How the patterns become automata. Each pattern is parsed with Python's own regex parser (so the
language is exactly what `re` reads), turned into a Thompson NFA with counted repetition unrolled
(every pattern describes a finite set of digit strings), determinized by subset construction and
minimized by partition refinement.

- A territory's validation automaton runs its eleven number descriptions (general, premium
  rate, toll free, shared cost, VoIP, personal, pager, UAN, voicemail, fixed line, mobile) at
  once: an accepting state carries the set of descriptions whose pattern matches the whole
  input. One walk over the digits answers libphonenumber's number-type questions.
- A leading-digits automaton answers "does some prefix of the input match" (`re.match`): its
  accepting state is absorbing, so a walk stops as soon as it gets there.

The binary form: an automaton with n states is n rows of 10 targets, one per digit, little
endian, one byte each when n < 256 and two otherwise. State 0 is the dead state and has no row;
state 1 is the start. Accepting states are numbered last, from `accept_from`, and their labels
are in automaton_labels.bin.

The bytecode of a pattern set: its count (u8), then each pattern's label bit (u8) and its
sequence. A sequence is items up to END (0x0F); an item is a digit (0x00-0x09), any digit
(0x0A), `n` of any digit (0x40 + n, n < 32), a range of digits (0x80 + 10 lo + hi, lo < hi),
another class (0x0B: its u16 mask of digits is the next of the separate mask stream),
alternatives (0x60 + n for n < 16, else 0x0C n; then n sequences, sorted by their bytes, as
the matcher unites them in any order), an optional sequence (0x0E, then the sequence) or a
repeat (0x0D min max, then the repeated sequence). Groups are flattened into their sequence.
The masks go in their own stream (pattern_masks.bin) so the operations compress as a run of
small bytes; a set's `code` packs both offsets: its operations' byte offset in bits 0-16 and
its first mask's index in bits 17-31. The generator refuses a pattern longer than 63 digits
or nested deeper than 16.

A program is bytes: DIGITS mask (0x01, u16 of digits), SPLIT a b n (0x02, two u16 byte offsets
in the program, `a` preferred, and the split's own number n, u16), JUMP a (0x03), SAVE slot
(0x04, u8), END (0x05, the input must end here), MATCH (0x06). Counted repetition is unrolled,
so every jump goes forward: a path passes each split and save at most once, which bounds the
machine's stack by their number, and its visited set (split, position) by splits x (longest
match + 1); the generator checks both against the engine's fixed limits.
"""

from __future__ import annotations

import pathlib
import re
import sys

import _automata
import _generated

try:
    import re._constants as C  # noqa: N812
    import re._parser as sre
except ImportError:  # Python < 3.11
    import sre_constants as C  # type: ignore[no-redef]  # noqa: N812
    import sre_parse as sre  # type: ignore[no-redef]

ROOT = pathlib.Path(__file__).resolve().parent.parent
PHONE = ROOT / "core" / "src" / "phone"
RS = PHONE / "metadata.rs"
BIN = PHONE / "automata.bin"
PROGRAMS = PHONE / "programs.bin"
PATTERNS = PHONE / "patterns.bin"
PATTERN_MASKS = PHONE / "pattern_masks.bin"
FORMAT_GROUPS = PHONE / "format_groups.bin"
TERRITORIES = PHONE / "territories.bin"
AUTOMATON_CODES = PHONE / "automaton_codes.bin"
AUTOMATON_INDEX = PHONE / "automaton_index.bin"
AUTOMATON_LABELS = PHONE / "automaton_labels.bin"
CALLING_CODES = PHONE / "calling_codes.bin"
FORMATS = PHONE / "formats.bin"
EXAMPLES = PHONE / "examples.txt"

# The engine's fixed limits (core/src/phone/program.rs).
MAX_PROGRAM = 2048
MAX_VISITED = 4096
MAX_STACK = 256
MAX_GROUPS = 6

# The compact builds' pattern bytecode (core/src/phone/pattern.rs): its operations and limits.
P_ANY, P_CLASS, P_BRANCH, P_REPEAT, P_OPTIONAL, P_END = 0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0x0F
P_ANY_N, P_BRANCH_N, P_RANGE = 0x40, 0x60, 0x80
# The packed `code` of a set: operations' offset in the low bits, first mask's index above.
P_CODE_BITS = 17
PATTERN_LONGEST = 63
PATTERN_DEPTH = 16
PATTERN_STEPS = 1 << 16

# The order of libphonenumber's type test (getNumberTypeHelper), general description first;
# core/src/phone/metadata.rs names the same bits.
DESCS = ["general_desc", "premium_rate", "toll_free", "shared_cost", "voip", "personal_number",
         "pager", "uan", "voicemail", "fixed_line", "mobile"]


def digit_mask(op, av) -> int:
    if op is C.LITERAL:
        return 1 << (av - 48) if 48 <= av <= 57 else 0
    mask, negate = 0, False
    for o, a in av:
        if o is C.NEGATE:
            negate = True
        elif o is C.LITERAL:
            mask |= 1 << (a - 48) if 48 <= a <= 57 else 0
        elif o is C.RANGE:
            for c in range(max(a[0], 48), min(a[1], 57) + 1):
                mask |= 1 << (c - 48)
        elif o is C.CATEGORY and a is C.CATEGORY_DIGIT:
            mask |= 0x3FF
        else:
            raise ValueError(f"unsupported class member {o} {a}")
    return (~mask & 0x3FF) if negate else mask


def automaton(patterns: list[tuple[str, int]], prefix: bool) -> tuple[list[list[int]], list[int]]:
    """The minimal DFA of labelled digit patterns (`_automata.dfa`), repeats checked first."""
    for pattern, _ in patterns:
        check_repeats(sre.parse(pattern), pattern)
    return _automata.dfa(patterns, 10, digit_mask, prefix)


class Programs:
    """The backtracking programs, deduplicated by pattern."""

    def __init__(self) -> None:
        self.data = bytearray()
        self.seen: dict[str, tuple[int, int, int, int, int]] = {}

    def add(self, pattern: str) -> tuple[int, int, int, int, int]:
        """The program of a pattern: (offset, length, splits, groups, longest match)."""
        if pattern in self.seen:
            return self.seen[pattern]
        tree = sre.parse(pattern)
        check_repeats(tree, pattern)
        code = bytearray()
        self.splits = 0
        self.saves = 0
        self.emit(code, tree)
        code.append(0x06)
        groups = tree.state.groups - 1
        longest = tree.getwidth()[1]
        if (len(code) > MAX_PROGRAM or self.splits * (longest + 1) > MAX_VISITED
                or self.splits + self.saves > MAX_STACK or groups > MAX_GROUPS or longest > 255):
            raise ValueError(f"pattern over the engine's limits: {pattern}")
        at = len(self.data)
        if at + len(code) > 0xFFFF:
            raise ValueError("more than 65,535 bytes of programs: a territory holds their offsets as u16")
        self.data += code
        self.seen[pattern] = (at, len(code), self.splits, groups, longest)
        return self.seen[pattern]

    def emit(self, code: bytearray, items) -> None:
        for op, av in items:
            self.item(code, op, av)

    def split(self) -> bytes:
        self.splits += 1
        return bytes([0x02, 0, 0, 0, 0]) + (self.splits - 1).to_bytes(2, "little")

    @staticmethod
    def target(code: bytearray, at: int, to: int) -> None:
        code[at:at + 2] = to.to_bytes(2, "little")

    def item(self, code: bytearray, op, av) -> None:
        if op is C.LITERAL or op is C.IN:
            code += bytes([0x01]) + digit_mask(op, av).to_bytes(2, "little")
        elif op is C.SUBPATTERN:
            group = av[0]
            if group is not None:
                code += bytes([0x04, 2 * group])
                self.saves += 2
            self.emit(code, av[-1])
            if group is not None:
                code += bytes([0x04, 2 * group + 1])
        elif op is C.BRANCH:
            jumps = []
            alternatives = av[1]
            for n, alternative in enumerate(alternatives):
                if n + 1 < len(alternatives):
                    split = len(code)
                    code += self.split()
                    self.target(code, split + 1, len(code))
                    self.emit(code, alternative)
                    jumps.append(len(code))
                    code += bytes([0x03, 0, 0])
                    self.target(code, split + 3, len(code))
                else:
                    self.emit(code, alternative)
            for j in jumps:
                self.target(code, j + 1, len(code))
        elif op is C.MAX_REPEAT or op is C.MIN_REPEAT:
            low, high, sub = av
            if high is C.MAXREPEAT:
                raise ValueError("unbounded repetition")
            for _ in range(low):
                self.emit(code, sub)
            splits = []
            for _ in range(high - low):
                splits.append(len(code))
                code += self.split()
                self.emit(code, sub)
            for s in splits:
                # Greedy: take one more first; lazy: stop first.
                more, stop = (s + 7, len(code)) if op is C.MAX_REPEAT else (len(code), s + 7)
                self.target(code, s + 1, more)
                self.target(code, s + 3, stop)
        elif op is C.AT and av is C.AT_END:
            code.append(0x05)
        else:
            raise ValueError(f"unsupported pattern element {op} {av}")


def template(rule: str) -> str:
    """A replacement in Python's form (`\\1 \\2`) in the engine's (`$1 $2`)."""
    if "$" in rule:
        raise ValueError(f"a `$` in a replacement: {rule}")
    if re.search(r"\\0|\\\d\d", rule):
        raise ValueError(f"a replacement `re` reads another way (\\0, or a group then a digit): {rule}")
    out = re.sub(r"\\(\d)", r"$\1", rule)
    if "\\" in out:
        raise ValueError(f"a backslash other than a group reference in a replacement: {rule}")
    return out


def nullable(items) -> bool:
    """Whether a parsed pattern can match the empty string (the engine reads such patterns
    differently from Python's `re`: refused)."""
    for op, av in items:
        if op is C.LITERAL or op is C.NOT_LITERAL or op is C.IN or op is C.ANY:
            return False
        if op is C.SUBPATTERN and not nullable(av[-1]):
            return False
        if op is C.BRANCH and not any(nullable(alt) for alt in av[1]):
            return False
        if (op is C.MAX_REPEAT or op is C.MIN_REPEAT) and av[0] > 0 and not nullable(av[2]):
            return False
    return True


def check_repeats(items, pattern: str) -> None:
    """Refuses counted repeats whose body can match empty."""
    for op, av in items:
        if op is C.SUBPATTERN:
            check_repeats(av[-1], pattern)
        elif op is C.BRANCH:
            for alternative in av[1]:
                check_repeats(alternative, pattern)
        elif op is C.MAX_REPEAT or op is C.MIN_REPEAT:
            if nullable(av[2]):
                raise ValueError(f"a repeat whose body can match empty: {pattern}")
            check_repeats(av[2], pattern)


def rust_text(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


class Blob:
    """Every automaton, each by its index (`automaton::get`): the DFAs (`data`, with each one's
    row in `index` and its labels in `labels`, for the native builds) and the same pattern
    sets as bytecode (`codes`, for the compact builds)."""

    def __init__(self) -> None:
        self.data = bytearray()
        self.index = bytearray()
        self.labels = bytearray()
        self.codes = bytearray()
        self.count = 0
        self.states = 0
        self.patterns = Patterns()

    def add(self, patterns: list[tuple[str, int]], prefix: bool) -> int:
        """Compile labelled patterns to an automaton and to bytecode (for the compact builds);
        the index of both."""
        rows, labels = automaton(patterns, prefix)
        code = self.patterns.add(patterns)
        wide = len(rows) >= 256
        at = len(self.data)
        for row in rows:
            for target in row:
                self.data += target.to_bytes(2 if wide else 1, "little")
        self.states += len(rows)
        accept_from = next(i for i, label in enumerate(labels) if label) + 1
        if self.count >= 0xFFFF or len(rows) > 0xFFFF or len(self.labels) // 2 > 0xFFFFFFFF:
            raise ValueError("more automata or states than their index holds")
        # A row of the index: the DFA's offset (u32), states and first accepting state (u16
        # each), its labels' first index in `labels` (u32) and whether targets are wide.
        self.index += (at.to_bytes(4, "little") + len(rows).to_bytes(2, "little")
                       + accept_from.to_bytes(2, "little")
                       + (len(self.labels) // 2).to_bytes(4, "little") + bytes([wide]))
        for label in labels[accept_from - 1:]:
            self.labels += label.to_bytes(2, "little")
        self.codes += code.to_bytes(4, "little")
        self.count += 1
        return self.count - 1

    def code_planes(self) -> bytes:
        """The bytecode's packed codes (u32 each) as byte planes: byte 0 of every code, then
        byte 1, ...; the planes of offsets that mostly grow compress where the words do not."""
        return planes([bytes(self.codes[4 * i:4 * i + 4]) for i in range(self.count)])


class Patterns:
    """The same pattern sets as bytecode for the compact builds (`core/src/phone/pattern.rs`),
    deduplicated: a set is its count, then each pattern's label bit and its sequence; class
    masks go to their own stream (`masks`)."""

    def __init__(self) -> None:
        self.data = bytearray()
        self.masks = bytearray()
        self.seen: dict[tuple, int] = {}
        self.most_steps = 0

    def steps(self, items) -> int:
        """At least the operations the interpreter takes on a sequence: each item read,
        repeats counted in full, and the END."""
        total = 1
        for op, av in items:
            if op is C.SUBPATTERN:
                total += self.steps(av[-1]) - 1
            elif op is C.BRANCH:
                total += 2 + sum(self.steps(alternative) for alternative in av[1])
            elif op is C.MAX_REPEAT or op is C.MIN_REPEAT:
                total += 1 + av[1] * self.steps(av[2])
            else:
                total += 1
        return total

    def add(self, patterns: list[tuple[str, int]]) -> int:
        key = tuple(patterns)
        if key in self.seen:
            return self.seen[key]
        if len(self.data) >= 1 << P_CODE_BITS or len(self.masks) // 2 >= 1 << (32 - P_CODE_BITS):
            raise ValueError("more pattern bytecode than a set's packed code can point into")
        code = len(self.data) | len(self.masks) // 2 << P_CODE_BITS
        self.data.append(len(patterns))
        steps = 0
        for pattern, label in patterns:
            if label & (label - 1) or not 0 < label < 1 << 16:
                raise ValueError(f"a pattern's label must be one bit: {label:#x}")
            tree = sre.parse(pattern)
            if tree.getwidth()[1] > PATTERN_LONGEST:
                raise ValueError(f"a pattern longer than {PATTERN_LONGEST} digits: {pattern}")
            self.data.append(label.bit_length() - 1)
            ops, masks = self.sequence(tree, 1, pattern)
            self.data += ops
            self.masks += masks
            steps += self.steps(tree)
        if steps > PATTERN_STEPS:
            raise ValueError(f"a pattern set over the interpreter's {PATTERN_STEPS} steps: {patterns}")
        self.most_steps = max(self.most_steps, steps)
        self.seen[key] = code
        return code

    def sequence(self, items, depth: int, pattern: str) -> tuple[bytearray, bytearray]:
        """A sequence's operations and its masks."""
        if depth > PATTERN_DEPTH:
            raise ValueError(f"a pattern nested deeper than {PATTERN_DEPTH}: {pattern}")
        ops, masks = bytearray(), bytearray()
        for op, av in items:
            self.item(ops, masks, op, av, depth, pattern)
        ops.append(P_END)
        return ops, masks

    def item(self, ops: bytearray, masks: bytearray, op, av, depth: int, pattern: str) -> None:
        if op is C.LITERAL or op is C.IN:
            mask = digit_mask(op, av)
            low, high = (mask & -mask).bit_length() - 1, mask.bit_length() - 1
            if mask == 0:
                raise ValueError(f"a class without digits: {pattern}")
            if mask == 0x3FF:
                ops.append(P_ANY)
            elif mask & (mask - 1) == 0:
                ops.append(low)
            elif mask == (2 << high) - (1 << low):
                ops.append(P_RANGE + 10 * low + high)
            else:
                ops.append(P_CLASS)
                masks += mask.to_bytes(2, "little")
        elif op is C.SUBPATTERN:
            for o, a in av[-1]:
                self.item(ops, masks, o, a, depth, pattern)
        elif op is C.BRANCH:
            count = len(av[1])
            if count > 255:
                raise ValueError(f"more than 255 alternatives: {pattern}")
            ops += bytes([P_BRANCH_N + count]) if count < 16 else bytes([P_BRANCH, count])
            for alternative_ops, alternative_masks in sorted(
                    self.sequence(alternative, depth + 1, pattern) for alternative in av[1]):
                ops += alternative_ops
                masks += alternative_masks
        elif op is C.MAX_REPEAT or op is C.MIN_REPEAT:
            low, high, sub = av
            if high is C.MAXREPEAT or not 0 < high <= 255:
                raise ValueError(f"a repeat the bytecode cannot count: {pattern}")
            if (low == high < 32 and len(sub) == 1 and sub[0][0] in (C.IN, C.LITERAL)
                    and digit_mask(*sub[0]) == 0x3FF):
                ops.append(P_ANY_N + low)
                return
            body_ops, body_masks = self.sequence(sub, depth + 1, pattern)
            ops += bytes([P_OPTIONAL]) if (low, high) == (0, 1) else bytes([P_REPEAT, low, high])
            ops += body_ops
            masks += body_masks
        else:
            raise ValueError(f"unsupported pattern element {op} {av}")


def lengths_mask(lengths) -> int:
    mask = 0
    for n in lengths:
        if n > 0:
            mask |= 1 << n
    return mask


def entities() -> list:
    import phonenumbers  # noqa: PLC0415
    from phonenumbers import PhoneMetadata  # noqa: PLC0415

    out = [PhoneMetadata.metadata_for_region(r) for r in sorted(phonenumbers.SUPPORTED_REGIONS)]
    out += [PhoneMetadata.metadata_for_nongeo_region(cc) for cc in sorted(phonenumbers.COUNTRY_CODES_FOR_NON_GEO_REGIONS)]
    return [m for m in out if m is not None]


def examples_text(examples: list[str | None]) -> str:
    """A territory's example numbers in one string, a description's after its index's comma
    (`Territory::example`), kept in `EXAMPLES` by offset: no pointer at all."""
    if any(e and not (e.isascii() and e.isdigit()) for e in examples):
        raise ValueError(f"an example number that is not digits: {examples}")
    return ",".join(e or "" for e in examples)


def text_table(doc: str, name: str, text: str) -> list[str]:
    """A long static string, written as `concat!` of lines under 100 columns."""
    return ["", f"/// {doc}", f"pub static {name}: &str = concat!(", *_generated.rust_lines(text), ");"]


FIRST_GROUP = re.compile(r"(\\\d)")


class Formats:
    """Number formats as small rows of indices: a format is its pattern's groups, its
    leading digits' automaton and its template, each an index into a table of distinct ones
    (221 patterns, 467 leading-digit sets and 47 templates for 1,250 formats in 9.0.42)."""

    def __init__(self, blob: Blob) -> None:
        self.blob = blob
        self.program_rows: list[str] = []  # Groups {..} of FORMAT_GROUPS
        self.group_data = bytearray()
        self.group_rows: dict[str, str] = {}  # pattern -> its Groups {..}
        self.program_index: dict[str, int] = {}
        self.leading_index: dict[str, int] = {}  # pattern -> its automaton's index
        self.templates: list[str] = []
        self.template_index: dict[str, int] = {}
        self.rows: list[bytes] = []  # every territory's formats, list after list
        self.lists: dict[tuple[bytes, ...], tuple[int, int]] = {}  # a list's rows -> its span in `rows`

    @staticmethod
    def intern(value: str, rows: list[str], index: dict[str, int]) -> int:
        """The index of `value` in `rows` (a `u8`), added when new."""
        if value not in index:
            if len(rows) > 0xFF:
                raise ValueError(f"more than 256 distinct values for a u8 index: {value}")
            index[value] = len(rows)
            rows.append(value)
        return index[value]

    def list(self, items, national: bool) -> tuple[int, int]:
        out = []
        for f in items:
            rule = f.format
            if national and f.national_prefix_formatting_rule:
                # libphonenumber's own step (_format_nsn_using_pattern): the first group gets
                # the national prefix formatting rule.
                rule = FIRST_GROUP.sub(f.national_prefix_formatting_rule, rule, count=1)
            leading = 0xFFFF  # NO_LEADING
            if f.leading_digits_pattern:
                # libphonenumber tests only the last, most detailed, leading-digits pattern.
                pattern = f.leading_digits_pattern[-1]
                if pattern not in self.leading_index:
                    # An automaton's index is under 0xFFFF (NO_LEADING): Blob.add checks.
                    self.leading_index[pattern] = self.blob.add([(pattern, 1)], prefix=True)
                leading = self.leading_index[pattern]
            if nullable(sre.parse(f.pattern)):
                raise ValueError(f"a format pattern that can match empty: {f.pattern}")
            program = self.intern(self.groups(f.pattern), self.program_rows, self.program_index)
            text = self.intern(template(rule), self.templates, self.template_index)
            # A row of FORMATS (`Format` in core/src/phone/territory.rs): the pattern's,
            # the leading digits' and the template's indices.
            out.append(bytes([program]) + leading.to_bytes(2, "little") + bytes([text]))
        key = tuple(out)
        if key not in self.lists:
            at = len(self.rows) if out else 0
            if at + len(out) > 0xFFFF or len(out) > 0xFF:
                raise ValueError(f"formats past a territory's u16 offset or u8 count: {at} + {len(out)}")
            self.lists[key] = (at, len(out))
            self.rows += out
        return self.lists[key]

    def groups(self, pattern: str) -> str:
        """A format's pattern as its groups (`core/src/phone/program.rs`'s `Groups`): each a
        digit class repeated min..max times, four bytes in `self.group_data` (the class's u16
        mask, min, max). The search tries at most the product of the groups' (max - min + 1)
        lengths, which must stay within the engine's MAX_VISITED."""
        if pattern in self.group_rows:
            return self.group_rows[pattern]
        tree = sre.parse(pattern)
        tries = 1
        code = bytearray()
        for number, (op, av) in enumerate(tree, start=1):
            if op is not C.SUBPATTERN or av[0] != number or len(av[-1]) != 1:
                raise ValueError(f"a format pattern that is not groups of one class: {pattern}")
            ((item, arg),) = av[-1]
            low = high = 1
            if item is C.MAX_REPEAT and len(arg[2]) == 1 and arg[1] is not C.MAXREPEAT:
                low, high, ((item, arg),) = arg
            if item not in (C.LITERAL, C.IN) or not 0 <= low <= high <= 255:
                raise ValueError(f"a format pattern that is not groups of one class: {pattern}")
            code += digit_mask(item, arg).to_bytes(2, "little") + bytes([low, high])
            tries *= high - low + 1
        groups = len(code) // 4
        if not 0 < groups <= MAX_GROUPS or tries > MAX_VISITED or len(self.group_data) > 0xFFFF:
            raise ValueError(f"a format pattern over the group matcher's limits: {pattern}")
        # Another pattern's groups may hold these (whole groups only: offsets are multiples of 4).
        at = self.group_data.find(code)
        while at >= 0 and at % 4:
            at = self.group_data.find(code, at + 1)
        if at < 0:
            at = len(self.group_data)
            self.group_data += code
        self.group_rows[pattern] = f"Groups {{ at: {at}, len: {groups} }}"
        return self.group_rows[pattern]

    def tables(self) -> list[str]:
        return (table("The number formats' patterns, as groups (`Format::pattern`).",
                      "FORMAT_PATTERNS", "Groups", self.program_rows)
                + table("The number formats' templates (`Format::template`).",
                        "FORMAT_TEMPLATES", "&str", [rust_text(t) for t in self.templates]))


def planes(records: list[bytes]) -> bytes:
    """Records of one length as byte planes: byte 0 of every record, then byte 1, ... (laid out
    and read by core/src/phone/planes.rs): a plane holds one field's values, which compress far better
    than rows."""
    if any(len(r) != len(records[0]) for r in records):
        raise ValueError("records of different lengths")
    return bytes(r[k] for k in range(len(records[0])) for r in records)


def table(doc: str, name: str, kind: str, rows: list[str]) -> list[str]:
    """A static array, its rows packed a few to a line (under 100 columns)."""
    out = ["", f"/// {doc}", f"pub static {name}: [{kind}; {len(rows)}] = ["]
    line = ""
    for row in rows:
        if line and len(line) + len(row) + 2 > 96:
            out.append(line)
            line = ""
        line = f"{line} {row}," if line else f"    {row},"
    if line:
        out.append(line)
    out.append("];")
    return out


def render() -> tuple[str, bytes, bytes, bytes, bytes, bytes, bytes, bytes, bytes, bytes, bytes, bytes, str]:
    try:
        import phonenumbers  # noqa: PLC0415
    except ImportError:
        sys.exit("phonenumbers is not installed: run `make venv` (it is in tools/requirements-dev.txt)")
    blob = Blob()
    programs = Programs()
    number_formats = Formats(blob)
    metas = entities()
    # Territories sorted by id ("001" entities first), so lookups by id can bisect.
    metas.sort(key=lambda m: (m.id, m.country_code))
    by_code: dict[int, list[tuple[bool, int]]] = {}
    # The distinct length masks, which territories point into by index.
    length_rows: list[str] = []
    length_index: dict[str, int] = {}
    # The national prefix transforms and extension prefixes, which territories point into.
    texts: list[str] = []
    text_index: dict[str, int] = {}
    records: list[bytes] = []
    all_examples = ""
    for index, meta in enumerate(metas):
        patterns = []
        lengths = []
        examples = []
        for bit, name in enumerate(DESCS):
            desc = getattr(meta, name)
            if desc is None or not desc.national_number_pattern or tuple(desc.possible_length) == (-1,):
                lengths.append(0)
                examples.append(None)
                continue
            patterns.append((desc.national_number_pattern, 1 << bit))
            # A description without its own lengths takes any length (libphonenumber's
            # _is_number_matching_desc skips the length test).
            lengths.append(lengths_mask(desc.possible_length) if desc.possible_length else 0xFFFFFFFF)
            examples.append(desc.example_number)
        types = blob.add(patterns, prefix=False)
        leading = blob.add([(meta.leading_digits, 1)], prefix=True) if meta.leading_digits else 0xFFFF
        local = lengths_mask(meta.general_desc.possible_length_local_only)
        if meta.national_prefix_transform_rule and (
                not meta.national_prefix_for_parsing or sre.parse(meta.national_prefix_for_parsing).state.groups < 2):
            raise ValueError(f"{meta.id}: a national prefix transform rule with no group to take part")
        example_text = examples_text(examples)
        if len(meta.id) not in (2, 3) or not meta.id.isascii() or (len(meta.id) == 3 and meta.id != "001"):
            raise ValueError(f"a territory id that is not two letters or 001: {meta.id}")
        if len(all_examples) + len(example_text) > 0xFFFF:
            raise ValueError("more than 65,535 bytes of example numbers")

        def text(value: str | None) -> int:
            if value is None:
                return 0xFF
            index = Formats.intern(value, texts, text_index)
            if index == 0xFF:  # the "none" byte
                raise ValueError("more than 255 distinct prefix texts")
            return index

        national = number_formats.list(meta.number_format, True)
        international = number_formats.list(meta.intl_number_format or meta.number_format, False)
        # One territory's record (see `Territory` in core/src/phone/territory.rs): calling
        # code, the two automata's indices, each description's lengths
        # (indices into LENGTHS), the local-only lengths, whether fixed line and mobile are
        # one, its examples' span of EXAMPLES, the international prefix's and the national
        # prefix's programs, the transform's and the extension prefix's index in
        # PREFIX_TEXTS (0xFF: none), and its national and international formats' spans.
        record = (
            meta.country_code.to_bytes(2, "little")
            + types.to_bytes(2, "little")
            + leading.to_bytes(2, "little")
            + bytes(Formats.intern(f"0x{m:x}", length_rows, length_index) for m in lengths)
            + bytes([Formats.intern(f"0x{local:x}", length_rows, length_index),
                     1 if meta.same_mobile_and_fixed_line_pattern else 0])
            + len(all_examples).to_bytes(2, "little") + len(example_text).to_bytes(2, "little")
            + program_or_none(programs, meta.international_prefix)
            + program_or_none(programs, meta.national_prefix_for_parsing)
            + bytes([text(template(meta.national_prefix_transform_rule)
                          if meta.national_prefix_transform_rule else None),
                     text(meta.preferred_extn_prefix)])
            + national[0].to_bytes(2, "little") + bytes([national[1]])
            + international[0].to_bytes(2, "little") + bytes([international[1]])
        )
        records.append(record)
        all_examples += example_text
        by_code.setdefault(meta.country_code, []).append((not meta.main_country_for_code, index))
    territories = planes(records)
    out = [
        "// @generated by tools/gen_phone_metadata.py from libphonenumber's metadata",
        f"// (the `phonenumbers` package {phonenumbers.__version__}); do not edit.",
        "//",
        "// Copyright (C) 2009 The Libphonenumber Authors. Licensed under the Apache License,",
        "// Version 2.0 (http://www.apache.org/licenses/LICENSE-2.0); this is a derived,",
        "// compiled form of its PhoneNumberMetadata.xml.",
        "",
        "use super::planes;",
        "use super::program::Groups;",
        "",
        "/// The libphonenumber metadata release these tables come from.",
        f'pub const VERSION: &str = "{phonenumbers.__version__}";',
        "",
        "/// The automata, row after row (see `Automaton`).",
        '#[cfg(not(feature = "compact"))]',
        'pub static AUTOMATA: &[u8] = include_bytes!("automata.bin");',
        "",
        "/// Each automaton's place in `AUTOMATA`, 13 bytes each (see `automaton::get`).",
        '#[cfg(not(feature = "compact"))]',
        'pub static AUTOMATON_INDEX: &[u8] = include_bytes!("automaton_index.bin");',
        "",
        "/// The automata's accepting states' labels, two bytes each (see `automaton::get`).",
        '#[cfg(not(feature = "compact"))]',
        'pub static AUTOMATON_LABELS: &[u8] = include_bytes!("automaton_labels.bin");',
        "",
        "/// The same patterns as bytecode, for the compact builds (see `pattern`).",
        '#[cfg(feature = "compact")]',
        'pub static PATTERNS: &[u8] = include_bytes!("patterns.bin");',
        "",
        "/// The class masks of that bytecode, two bytes each (see `pattern`).",
        '#[cfg(feature = "compact")]',
        'pub static PATTERN_MASKS: &[u8] = include_bytes!("pattern_masks.bin");',
        "",
        "/// Each automaton's bytecode, as its packed code: four bytes each, as byte planes (see",
        "/// `automaton::get`).",
        '#[cfg(feature = "compact")]',
        'pub static AUTOMATON_CODES: &[u8] = include_bytes!("automaton_codes.bin");',
        "",
        "/// The programs, one after another (see `Program`).",
        'pub static PROGRAMS: &[u8] = include_bytes!("programs.bin");',
        "",
        "/// The number formats' groups, four bytes each (see `Groups`).",
        'pub static FORMAT_GROUPS: &[u8] = include_bytes!("format_groups.bin");',
        "",
        "/// The number of automata (`automaton::get`).",
        f"pub const AUTOMATON_COUNT: usize = {blob.count};",
        "",
        "/// The number of territories.",
        f"pub const TERRITORY_COUNT: usize = {len(records)};",
        "",
        "/// Every territory, sorted by id: a record each, stored as byte planes, laid out for the",
        "/// build by `planes::layout` (see `Territory`).",
        'pub static TERRITORIES: &[u8] = &planes::layout(*include_bytes!("territories.bin"), TERRITORY_COUNT);',
    ]
    out += text_table("Every territory's id, two characters each (`00` for `001`), in `TERRITORIES`' order.",
                      "TERRITORY_IDS", "".join(m.id[:2] for m in metas))
    out += table("The national prefix transforms and extension prefixes (`Territory`).",
                 "PREFIX_TEXTS", "&str", [rust_text(t) for t in texts])
    code_territories: list[str] = []
    calling_codes: list[bytes] = []
    import phonenumbers.data as pdata  # noqa: PLC0415

    for code in sorted(by_code):
        # libphonenumber's own order for the code's regions (its main country first).
        regions = pdata._COUNTRY_CODE_TO_REGION_CODE.get(code, ())
        position = {r: i for i, r in enumerate(regions)}
        members = sorted(by_code[code], key=lambda m: (position.get(metas[m[1]].id, 0), m))
        # A row of CALLING_CODES: the code, then its territories' span of CODE_TERRITORIES.
        calling_codes.append(code.to_bytes(2, "little") + len(code_territories).to_bytes(2, "little")
                             + len(members).to_bytes(2, "little"))
        code_territories += [str(i) for _, i in members]
    out += [
        "",
        "/// The number of calling codes.",
        f"pub const CALLING_CODE_COUNT: usize = {len(calling_codes)};",
        "",
        "/// Each country calling code with its territories, sorted by code: the code, then the",
        "/// offset and count of its rows of `CODE_TERRITORIES` (u16 each), as byte planes laid out",
        "/// by `planes::layout`.",
        'pub static CALLING_CODES: &[u8] = &planes::layout(*include_bytes!("calling_codes.bin"), CALLING_CODE_COUNT);',
        "",
        "/// The number of number formats.",
        f"pub const FORMAT_COUNT: usize = {len(number_formats.rows)};",
        "",
        "/// Every territory's number formats, list after list (`Territory::formats`): a row of",
        "/// four bytes each (`Format`), as byte planes laid out by `planes::layout`.",
        'pub static FORMATS: &[u8] = &planes::layout(*include_bytes!("formats.bin"), FORMAT_COUNT);',
        "",
        "/// Every territory's example numbers, one after another (`Territory::example`).",
        'pub static EXAMPLES: &str = include_str!("examples.txt");',
    ]
    out += table("Each calling code's territories, main one first: indices into `TERRITORIES`.",
                 "CODE_TERRITORIES", "u16", code_territories)
    out += table("The distinct length masks (bit `n` for `n` digits; `Territory::lengths`).",
                 "LENGTHS", "u32", length_rows)
    out += number_formats.tables()
    out += digit_runs()
    out.append(f"// {blob.states} states, {len(blob.data)} bytes of automata, {len(programs.data)} bytes of programs, "
               f"{len(blob.patterns.data)} bytes of pattern bytecode and {len(blob.patterns.masks)} of its masks "
               f"(at most {blob.patterns.most_steps} steps).")
    return ("\n".join(out) + "\n", bytes(blob.data), bytes(programs.data), bytes(blob.patterns.data),
            bytes(blob.patterns.masks), bytes(number_formats.group_data), territories, blob.code_planes(),
            bytes(blob.index), bytes(blob.labels), planes(calling_codes), planes(number_formats.rows),
            all_examples)


def digit_runs() -> list[str]:
    """The characters with a digit value (Python's unicodedata.digit, which libphonenumber's
    Python port reads digits with), as runs of consecutive values; `decimal` marks the runs
    of category Nd, the ones `\\d` matches."""
    import unicodedata  # noqa: PLC0415

    runs: list[list] = []
    for cp in range(sys.maxunicode + 1):
        c = chr(cp)
        value = unicodedata.digit(c, None)
        if value is None:
            continue
        decimal = unicodedata.category(c) == "Nd"
        if runs and runs[-1][1] == cp - 1 and runs[-1][3] == decimal and runs[-1][2] + cp - runs[-1][0] == value:
            runs[-1][1] = cp
        else:
            runs.append([cp, cp, value, decimal])
    out = [
        "",
        f"/// Characters with a digit value (Unicode {unicodedata.unidata_version}, Python's",
        "/// `unicodedata.digit`): (first, last, value of first, decimal digit (Nd)), sorted.",
        f"pub static DIGIT_RUNS: [(u32, u32, u8, bool); {len(runs)}] = [",
    ]
    out += [f"    (0x{a:x}, 0x{b:x}, {v}, {'true' if d else 'false'})," for a, b, v, d in runs]
    out.append("];")
    # Python's `\\w` (str.isalnum() or `_`), which libphonenumber's trailing-character rule uses.
    words: list[list[int]] = []
    inside = False
    for cp in range(sys.maxunicode + 1):
        word = chr(cp).isalnum() or cp == 0x5F
        if word and not inside:
            words.append([cp, cp])
        elif word:
            words[-1][1] = cp
        inside = word
    # Varints, each range as (gap after the previous range, length - 1): 2 KB instead of 6.
    packed = bytearray()
    previous = -1
    index: list[tuple[int, int]] = []
    for i, (a, b) in enumerate(words):
        if i % 32 == 0:
            index.append((previous + 1, len(packed)))
        for value in (a - previous - 1, b - a):
            while value >= 0x80:
                packed.append(value & 0x7F | 0x80)
                value >>= 7
            packed.append(value)
        previous = b
    out += [
        "",
        f"/// Python's `\\w` (Unicode {unicodedata.unidata_version}: `str.isalnum()` or `_`): {len(words)} ranges, each",
        "/// as two LEB128 varints, the gap after the previous range and its length - 1.",
        "pub static WORD_RANGES: &[u8] = &[",
    ]
    for i in range(0, len(packed), 20):
        out.append("    " + ", ".join(str(x) for x in packed[i:i + 20]) + ",")
    out.append("];")
    out += [
        "",
        "/// Where to start walking `WORD_RANGES` (every 32nd range): (the code point after the",
        "/// previous range, the byte offset of the range's varints).",
        f"pub static WORD_INDEX: [(u32, u16); {len(index)}] = [",
    ]
    out += [f"    (0x{n:x}, {o})," for n, o in index]
    out.append("];")
    return out


def program_or_none(programs: Programs, pattern: str | None) -> bytes:
    """A territory's program fields (offset and length u16, splits u16, groups, longest);
    offset 0xFFFF for none."""
    at, length, splits, groups, longest = programs.add(pattern) if pattern else (0xFFFF, 0, 0, 0, 0)
    return (at.to_bytes(2, "little") + length.to_bytes(2, "little") + splits.to_bytes(2, "little")
            + bytes([groups, longest]))


if __name__ == "__main__":
    raise SystemExit(_generated.main_all(
        [RS, BIN, PROGRAMS, PATTERNS, PATTERN_MASKS, FORMAT_GROUPS, TERRITORIES, AUTOMATON_CODES,
         AUTOMATON_INDEX, AUTOMATON_LABELS, CALLING_CODES, FORMATS, EXAMPLES], render))

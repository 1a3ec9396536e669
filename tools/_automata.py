"""Minimal DFAs of the regular patterns of the generated tables (phone-number metadata,
postal-code formats): Python `re` syntax parsed by `re`'s own parser, compiled here so the
library needs no regex engine. Literals and classes become bit masks over a small alphabet
(the caller's `mask`); patterns are finite (bounded repeats only)."""

from __future__ import annotations

from typing import Callable

try:
    import re._constants as C  # noqa: N812
    import re._parser as sre
except ImportError:  # Python < 3.11
    import sre_constants as C  # type: ignore[no-redef]  # noqa: N812
    import sre_parse as sre  # type: ignore[no-redef]

# A literal's or class's symbols, as a bit mask over the alphabet.
Mask = Callable[[object, object], int]


class Nfa:
    def __init__(self, mask: Mask) -> None:
        self.mask = mask
        self.eps: list[list[int]] = []
        self.moves: list[list[tuple[int, int]]] = []

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
            self.moves[at].append((self.mask(op, av), to))
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
                raise ValueError("unbounded repetition: the patterns are finite")
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


def dfa(patterns: list[tuple[str, int]], symbols: int, mask: Mask,
        prefix: bool = False) -> tuple[list[list[int]], list[int]]:
    """The minimal DFA of labelled patterns matched whole (or, with `prefix`, any input that
    starts with a match: accepting states absorb): (rows of `symbols` targets, labels), state 0
    dead, 1 the start, rows and labels indexed by state - 1. Accepting states come last."""
    nfa = Nfa(mask)
    start = nfa.state()
    accepts: dict[int, int] = {}
    for pattern, label in patterns:
        s = nfa.state()
        nfa.eps[start].append(s)
        end = nfa.sequence(sre.parse(pattern), s)
        accepts[end] = accepts.get(end, 0) | label
    first = nfa.closure([start])
    ids = {first: 0}
    order = [first]
    rows: list[list[int]] = []
    labels: list[int] = []
    i = 0
    while i < len(order):
        current = order[i]
        i += 1
        label = 0
        for s in current:
            label |= accepts.get(s, 0)
        labels.append(label)
        row = []
        for symbol in range(symbols):
            if prefix and label:
                row.append(ids[current])  # absorbing: a prefix has matched
                continue
            moved = {t for s in current for m, t in nfa.moves[s] if m >> symbol & 1}
            if not moved:
                row.append(-1)
                continue
            target = nfa.closure(moved)
            if target not in ids:
                ids[target] = len(order)
                order.append(target)
            row.append(ids[target])
        rows.append(row)
    return minimize(rows, labels)


def minimize(rows: list[list[int]], labels: list[int]) -> tuple[list[list[int]], list[int]]:
    # Moore's partition refinement, then breadth-first numbering from the start (chains of
    # states stay next to each other), accepting states last.
    block = list(labels)
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
    if labels[0]:
        raise ValueError("the start state accepts: a pattern matches the empty string")
    ordered = [b for b in seen if not labels[members[b]]] + [b for b in seen if labels[members[b]]]
    number = {b: n + 1 for n, b in enumerate(ordered)}
    out_rows = [[number[block[t]] if t >= 0 else 0 for t in rows[members[b]]] for b in ordered]
    out_labels = [labels[members[b]] for b in ordered]
    return out_rows, out_labels

"""`make bench-python`: bulk phone checks from Python, wanumbers against `phonenumbers`.

The same generated list (100,000 numbers by default) goes to:

* ``wanumbers.check_phones(list)``: one native call (the GIL released);
* the same split over two threads (the engine runs without the GIL);
* ``wanumbers.check_phone`` in a Python loop: what the per-call overhead of the binding costs;
* ``phonenumbers`` (the pure-Python port of libphonenumber that a Python user would otherwise
  pick): ``parse`` + ``is_valid_number`` + ``format_number(E164)`` per number.

The list is the Rust benchmark's recipe: every region's example numbers (mobile, fixed line,
toll free, premium rate, VoIP) in international form, in random order, last two digits varied,
one in three truncated or extended so that about a third are invalid. Runs are interleaved and
the median kept, so noise on this machine hits every variant alike. It prints ratios (and how
often the two libraries agree), not timings to compare across machines.
"""

from __future__ import annotations

import argparse
import gc
import re
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Callable, Dict, List, Optional

import phonenumbers
from phonenumbers import PhoneNumberFormat, PhoneNumberType

import wanumbers

TYPES = [PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE, PhoneNumberType.TOLL_FREE,
         PhoneNumberType.PREMIUM_RATE, PhoneNumberType.VOIP]


def corpus(n: int) -> List[str]:
    seeds = []
    for region in sorted(phonenumbers.SUPPORTED_REGIONS):
        for kind in TYPES:
            example = phonenumbers.example_number_for_type(region, kind)
            if example is not None:
                seeds.append(phonenumbers.format_number(example, PhoneNumberFormat.INTERNATIONAL))
    state = 0x2545F4914F6CDD1D
    mask = (1 << 64) - 1
    out: List[str] = []
    while len(out) < n:
        state ^= (state << 13) & mask
        state ^= state >> 7
        state ^= (state << 17) & mask
        text = seeds[(state >> 33) % len(seeds)]
        text = text[:-2] + f"{state % 100:02d}"
        if state % 6 == 0:
            text = text[:-2]
        elif state % 6 == 1:
            text += "77"
        out.append(text)
    return out


def with_phonenumbers(raws: List[str]) -> List[Optional[str]]:
    out: List[Optional[str]] = []
    for raw in raws:
        try:
            number = phonenumbers.parse(raw, None)
        except phonenumbers.NumberParseException:
            out.append(None)
            continue
        out.append(phonenumbers.format_number(number, PhoneNumberFormat.E164) if phonenumbers.is_valid_number(number) else None)
    return out


# Python's `re` keeps 512 compiled patterns; libphonenumber's metadata has thousands, so on
# mixed input `phonenumbers` keeps recompiling. Its best case: a cache that holds them all.
_EVERY_PATTERN: Dict[object, object] = {}


def with_phonenumbers_cached(raws: List[str]) -> List[Optional[str]]:
    saved = re._cache, re._MAXCACHE  # type: ignore[attr-defined]
    re._cache, re._MAXCACHE = _EVERY_PATTERN, 1 << 20  # type: ignore[attr-defined]
    try:
        return with_phonenumbers(raws)
    finally:
        re._cache, re._MAXCACHE = saved  # type: ignore[attr-defined]


def with_check_phones(raws: List[str]) -> List[Optional[str]]:
    return [r.e164 if r.valid else None for r in wanumbers.check_phones(raws)]


def with_two_threads(raws: List[str]) -> List[Optional[str]]:
    half = len(raws) // 2
    with ThreadPoolExecutor(2) as pool:
        parts = list(pool.map(with_check_phones, [raws[:half], raws[half:]]))
    return parts[0] + parts[1]


def with_check_phone_loop(raws: List[str]) -> List[Optional[str]]:
    check = wanumbers.check_phone
    return [r.e164 if r.valid else None for r in map(check, raws)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--n", type=int, default=100_000, help="numbers in the list (default 100000)")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds; the median is kept (default 3)")
    args = parser.parse_args()

    raws = corpus(args.n)
    variants: Dict[str, Callable[[List[str]], List[Optional[str]]]] = {
        "wanumbers.check_phones (one call)": with_check_phones,
        "wanumbers.check_phones (2 threads)": with_two_threads,
        "wanumbers.check_phone (Python loop)": with_check_phone_loop,
        "phonenumbers parse+is_valid+E164": with_phonenumbers,
        "phonenumbers, every pattern cached": with_phonenumbers_cached,
    }
    # Warm up (metadata loading, first-use caches) outside the timed rounds: cold start is
    # another question than throughput.
    for run in variants.values():
        run(raws[:2000])
    times: Dict[str, List[float]] = {name: [] for name in variants}
    results: Dict[str, List[Optional[str]]] = {}
    for round_ in range(args.rounds):
        order = list(variants) if round_ % 2 == 0 else list(reversed(variants))
        for name in order:
            start = time.perf_counter()
            results[name] = variants[name](raws)
            times[name].append(time.perf_counter() - start)
            gc.collect()

    ours, baseline = results["wanumbers.check_phones (one call)"], results["phonenumbers parse+is_valid+E164"]
    agree = sum(a == b for a, b in zip(ours, baseline))
    valid = sum(r is not None for r in ours)
    base = statistics.median(times["phonenumbers parse+is_valid+E164"])
    print(f"{args.n} numbers from {len(phonenumbers.SUPPORTED_REGIONS)} regions; {valid / args.n:.0%} valid; "
          f"median of {args.rounds} interleaved rounds (phonenumbers {phonenumbers.__version__}, wanumbers {wanumbers.__version__})")
    cached = statistics.median(times["phonenumbers, every pattern cached"])
    for name in variants:
        median = statistics.median(times[name])
        print(f"  {name:38} {base / median:6.1f}x phonenumbers  {cached / median:6.1f}x with every pattern cached"
              f"  ({median / args.n * 1e6:.2f} µs/number)")
    print(f"  same result (E.164 or invalid) as phonenumbers on {agree / args.n:.2%} of inputs")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""`make bench-columns`: phone columns at data scale, in one run.

1,000,000 mixed numbers (the recipe of `phones.py`) with 2% nulls, through:

* list in / list out: ``check_phones(list)`` (a ``PhoneCheck`` or ``None`` per row);
* Arrow in / Arrow out: ``check_phones(pa.array, columns=True)`` read in place, Arrow columns out;
* the Polars namespace: ``pl.col("phone").wanumbers.check()`` in a lazy query;
* ``phonenumbers`` (what a Python user would otherwise pick) via pandas ``.map`` on a
  100,000-row sample, scaled to 1,000,000.

Each variant runs in its own process (so peak memory is its own) and once to warm up (the
phone engine compiles its patterns on first use: issue 14 removes that); the time is the
median of 3 runs, the peak is the process's high-water mark above what it held before them. It prints time and peak per variant and the ratios against the Arrow path; no timing
is asserted anywhere (the machine is noisy).
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from typing import Any, Callable, Dict, List, Optional

ROWS = 1_000_000
SAMPLE = 100_000


def high_water_kb() -> int:
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def current_kb() -> int:
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def numbers(n: int) -> List[Optional[str]]:
    sys.path.insert(0, __file__.rsplit("/", 1)[0])
    from phones import corpus  # noqa: PLC0415

    out: List[Optional[str]] = list(corpus(n))
    for i in range(0, n, 50):
        out[i] = None
    return out


def run(variant: str) -> Dict[str, Any]:
    import pyarrow as pa  # noqa: PLC0415

    import wanumbers  # noqa: PLC0415

    data = numbers(SAMPLE if variant == "phonenumbers" else ROWS)
    work: Callable[[], Any]
    if variant == "list":
        work = lambda: wanumbers.check_phones(data)  # noqa: E731
    elif variant == "arrow":
        column = pa.array(data, pa.string())
        del data
        work = lambda: pa.record_batch(wanumbers.check_phones(column, columns=True))  # noqa: E731
    elif variant == "polars":
        import polars as pl  # noqa: PLC0415

        import wanumbers.polars  # noqa: F401, PLC0415

        frame = pl.DataFrame({"phone": data})
        del data
        work = lambda: frame.lazy().select(pl.col("phone").wanumbers.check()).collect()  # noqa: E731
    else:
        import pandas as pd  # noqa: PLC0415
        import phonenumbers  # noqa: PLC0415

        series = pd.Series(data)
        del data

        def one(raw: object) -> Optional[str]:
            if not isinstance(raw, str):  # None, or pandas' NaN for it
                return None
            try:
                parsed = phonenumbers.parse(raw, None)
            except phonenumbers.NumberParseException:
                return None
            if not phonenumbers.is_valid_number(parsed):
                return None
            return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)

        work = lambda: series.map(one)  # noqa: E731
    # A first run pays the one-time costs (the phone engine's patterns, imports); then the
    # high-water mark is reset (Linux: clear_refs 5) so the peak is one run's own.
    warm = work()
    del warm
    with open("/proc/self/clear_refs", "w", encoding="ascii") as fh:
        fh.write("5")
    base = current_kb()
    times = []
    for _ in range(3):
        started = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - started)
        del result
    scale = ROWS / SAMPLE if variant == "phonenumbers" else 1
    return {"seconds": statistics.median(times) * scale, "peak_mb": (high_water_kb() - base) / 1024}


def main() -> None:
    if len(sys.argv) > 1:
        print(json.dumps(run(sys.argv[1])))
        return
    results = {}
    for variant in ("arrow", "list", "polars", "phonenumbers"):
        out = subprocess.run([sys.executable, __file__, variant], check=True, capture_output=True, text=True)
        results[variant] = json.loads(out.stdout)
    arrow = results["arrow"]
    print(f"{ROWS:,} mixed numbers, 2% null (phonenumbers: a {SAMPLE:,} sample, scaled)")
    print(f"{'variant':<14}{'seconds':>9}{'time vs Arrow':>15}{'peak MB':>10}{'peak vs Arrow':>15}")
    for variant, r in results.items():
        print(f"{variant:<14}{r['seconds']:>9.2f}{r['seconds'] / arrow['seconds']:>14.1f}x{r['peak_mb']:>10.0f}{r['peak_mb'] / max(arrow['peak_mb'], 1):>14.1f}x")
    print("(phonenumbers' peak is its 100,000-row sample's)")


if __name__ == "__main__":
    main()

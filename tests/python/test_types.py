"""Types are tested like code: the error-code Literal, and the GIL release."""

from __future__ import annotations

import threading
import typing

import wanumbers as w
from wanumbers._types import ErrorCode


def test_the_error_code_literal_matches_the_core() -> None:
    assert list(typing.get_args(ErrorCode)) == list(w.ERROR_CODES)


def test_check_phones_lets_other_threads_run() -> None:
    numbers = [f"+44 20 7{i % 1000:03d} {i % 10000:04d}" for i in range(100_000)]
    entering = threading.Event()
    done = threading.Event()
    results: list[int] = []

    def work() -> None:
        entering.set()
        results.append(len(w.check_phones(numbers, "GB")))
        done.set()

    thread = threading.Thread(target=work)
    thread.start()
    entering.wait()
    # Count only while the native call runs: holding the GIL it would stop this loop cold;
    # without it, this thread keeps executing Python the whole time.
    counter = 0
    while not done.is_set():
        counter += 1
    thread.join()
    assert results == [100_000]
    assert counter > 100_000, f"the main thread advanced only {counter} times during the call: is the GIL held?"


def test_check_results_have_exactly_the_typed_keys() -> None:
    keys = set(w.PhoneCheck.__annotations__)
    assert set(w.check_phone("+447400123456")) == keys
    assert all(set(c) == keys for c in w.check_phones(["+447400123456", "nope", ""]))
    assert w.check_phones(["+447400123456", "nope"]) == [w.check_phone("+447400123456"), w.check_phone("nope")]

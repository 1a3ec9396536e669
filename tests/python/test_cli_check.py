"""`wanumbers check` on hostile files: never a traceback, the input's columns unchanged (read
back with Python's csv module, the oracle for RFC 4180), the phone column found from common
headers or refused when ambiguous, arguments checked before anything is written, and memory
flat in the file's size."""

from __future__ import annotations

import csv
import io
import os
import pathlib
import random
import subprocess
import sys
from typing import Dict, List, Tuple

import pytest


def run(*args: str, stdin: bytes | None = None, cwd: pathlib.Path | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "wanumbers", *args], capture_output=True, input=stdin, check=False, cwd=cwd)


def hostile() -> Dict[str, Tuple[bytes, List[str]]]:
    """name → (the file's bytes, extra arguments)."""
    rng = random.Random(7)
    return {
        "quotes": (b'name,phone\n"Smith, ""JJ""",+447400123456\n"a\nb\r\nc","+44 20 7183 8750"\n', []),
        "bom": (b"\xef\xbb\xbfPhone Number,name\n+447400123456,x\n", []),
        "one_mb_field": (b"phone,notes\n+447400123456," + b"x" * 1_000_000 + b"\n", []),
        "binary": (bytes(rng.randrange(256) for _ in range(4096)), []),
        "nul": (b"phone,x\n+447400\x00123456,1\n", []),
        "empty": (b"", []),
        "cp1252": ("phone,name\n+447400123456,Jos\u00e9 M\u00fcller \u2013 caf\u00e9\n".encode("cp1252"), []),
        "cp1252_declared": ("phone,name\n+447400123456,Jos\u00e9 \u2013\n".encode("cp1252"), ["--encoding", "cp1252"]),
        "crlf": (b"id;tel\r\n1;+447400123456\r\n2;07400 123456\r\n", ["--region", "GB"]),
        "header_only": (b"name,whatsapp\n", []),
        "ragged": (b"msisdn,a,b\n+447400123456\n+447400123457,1,2,3\n", []),
        "unterminated_quote": (b'phone,n\n"+447400123456,1\n', []),
        "lone_cr": (b"phone\r+447400123456\r", []),
    }


def rows_of(text: str) -> List[List[str]]:
    """What Python's csv module reads from a file (the delimiter of its first line), or its
    lines for a file with no delimiter (one number per line)."""
    csv.field_size_limit(2**26)
    lines = io.StringIO(text, newline="")
    first = text.split("\n", 1)[0]
    if not any(d in first for d in ",;\t"):
        return [[line.rstrip("\r\n")] for line in lines]
    return list(csv.reader(lines, csv.Sniffer().sniff(first, ",;\t")))


@pytest.mark.parametrize("name", sorted(hostile()))
def test_hostile_files_get_an_answer_or_a_message_never_a_traceback(name: str, tmp_path: pathlib.Path) -> None:
    data, extra = hostile()[name]
    path = tmp_path / f"{name}.csv"
    path.write_bytes(data)
    r = run("check", str(path), *extra)
    err = r.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err, err
    assert r.returncode in (0, 1, 2), err
    if r.returncode == 2:
        assert err.startswith("wanumbers: ") and r.stdout == b"", err
        return
    encoding = extra[extra.index("--encoding") + 1] if "--encoding" in extra else "utf-8-sig"
    given = rows_of(data.decode(encoding))
    out = list(csv.reader(io.StringIO(r.stdout.decode("utf-8"), newline="")))
    assert len(out) == max(len(given), 1)
    for before, after in zip(given, out):
        assert after[: len(before)] == before, (before, after)
        assert len(after) >= len(before) + 5


def test_cp1252_without_encoding_says_what_to_do(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "latin.csv"
    path.write_bytes(hostile()["cp1252"][0])
    r = run("check", str(path))
    assert r.returncode == 2 and b"not UTF-8 text" in r.stderr and b"--encoding cp1252" in r.stderr


@pytest.mark.parametrize("header", ["Phone Number", "tel", "TELEPHONE", "WhatsApp", "mobile", "MSISDN", "phone_number", " Phone  number ", "E.164"])
def test_the_phone_column_is_found_from_common_headers(header: str, tmp_path: pathlib.Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text(f"id,{header},note\n1,+447400123456,x\n", encoding="utf-8-sig")
    r = run("check", str(path))
    assert r.returncode == 0, r.stderr
    rows = list(csv.reader(io.StringIO(r.stdout.decode())))
    assert rows[1][3:5] == ["true", "+447400123456"]


def test_ambiguous_or_missing_phone_columns_are_an_error_not_a_guess(tmp_path: pathlib.Path) -> None:
    both = tmp_path / "both.csv"
    both.write_text("Phone,Mobile\n+447400123456,+447400123457\n")
    r = run("check", str(both))
    assert r.returncode == 2 and b"several columns look like phone numbers" in r.stderr and b"--column" in r.stderr
    r = run("check", str(both), "--column", "mobile")
    assert r.returncode == 0 and b"+447400123457,true,+447400123457" in r.stdout
    r = run("check", str(both), "--column", "2")
    assert r.returncode == 0 and b"+447400123457,true,+447400123457" in r.stdout
    r = run("check", str(both), "--column", "fax")
    assert r.returncode == 2 and b"no such column" in r.stderr
    none = tmp_path / "none.csv"
    none.write_text("name,city\nann,x\n")
    r = run("check", str(none))
    assert r.returncode == 2 and b"choose one with --column" in r.stderr


def test_arguments_are_checked_before_anything_is_written(tmp_path: pathlib.Path) -> None:
    src = tmp_path / "in.csv"
    src.write_text("phone\n07400 123456\n")
    out = tmp_path / "out.csv"
    for args in (["--region", "ZZ"], ["--column", "9"], ["--encoding", "no-such-codec"]):
        r = run("check", str(src), "-o", str(out), *args)
        assert r.returncode == 2 and r.stdout == b"" and b"Traceback" not in r.stderr, (args, r.stderr)
        assert not out.exists() and os.listdir(tmp_path) == ["in.csv"], args
    # A lowercase region is read as the code it stands for, with a note.
    r = run("check", str(src), "-o", str(out), "--region", "gb")
    assert r.returncode == 0 and b"note: --region gb read as GB" in r.stderr
    assert "+447400123456" in out.read_text()


def test_a_failure_part_way_leaves_no_output_file(tmp_path: pathlib.Path) -> None:
    src = tmp_path / "in.csv"
    src.write_bytes(b"phone\n" + b"+447400123456\n" * 100_000 + b"\xff\n")
    out = tmp_path / "out.csv"
    r = run("check", str(src), "-o", str(out))
    assert r.returncode == 2 and b"not UTF-8 text" in r.stderr
    assert sorted(os.listdir(tmp_path)) == ["in.csv"]


def test_version() -> None:
    r = run("--version")
    assert r.returncode == 0 and r.stdout.decode().startswith("wanumbers ")


def test_a_million_rows_stream_in_flat_memory(tmp_path: pathlib.Path) -> None:
    src = tmp_path / "big.csv"
    with open(src, "w", encoding="utf-8") as fh:
        fh.write("id,phone,note\n")
        for i in range(1_000_000):
            fh.write(f"{i},+44 7400 {i % 1_000_000:06d},\n")
    # The peak of this process's own memory (VmHWM: getrusage's ru_maxrss would carry the
    # forking pytest process's peak across exec).
    probe = (
        "import runpy, sys\n"
        "sys.argv = ['wanumbers', 'check', sys.argv[1], '-o', sys.argv[2]]\n"
        "try:\n    runpy.run_module('wanumbers', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM:')][0]\n"
        "print(hwm.split()[1], file=sys.stderr)\n"
    )
    r = subprocess.run([sys.executable, "-c", probe, str(src), str(tmp_path / "out.csv")], capture_output=True, check=False)
    peak_kb = int(r.stderr.decode().strip().splitlines()[-1])
    assert peak_kb < 100 * 1024, f"peak RSS {peak_kb // 1024} MB for a {src.stat().st_size // 2**20} MB file"
    with open(tmp_path / "out.csv", encoding="utf-8") as fh:
        assert sum(1 for _ in fh) == 1_000_001


def test_parquet_in_and_out(tmp_path: pathlib.Path) -> None:
    import pyarrow as pa  # type: ignore[import-untyped]
    import pyarrow.parquet as pq  # type: ignore[import-untyped]

    src = tmp_path / "in.parquet"
    pq.write_table(pa.table({"id": [1, 2, 3], "Phone Number": ["+447400123456", None, "call me"]}), src)
    r = run("check", str(src))
    assert r.returncode == 1, r.stderr
    rows = list(csv.reader(io.StringIO(r.stdout.decode())))
    assert rows[0] == ["id", "Phone Number", "valid", "e164", "region", "type", "error"]
    assert rows[1][:4] == ["1", "+447400123456", "true", "+447400123456"] and rows[2][-1] == "phone_empty"
    out = tmp_path / "out.parquet"
    assert run("check", str(src), "-o", str(out)).returncode == 1
    table = pq.read_table(out)
    assert table.column("valid").to_pylist() == [True, False, False]
    assert table.column("e164").to_pylist() == ["+447400123456", None, None]
    assert table.column("Phone Number").to_pylist() == ["+447400123456", None, "call me"]
    # Parquet to Parquet: the input columns keep their types.
    assert table.schema.field("id").type == pa.int64() and table.column("id").to_pylist() == [1, 2, 3]
    assert table.column("error").to_pylist() == [None, "phone_empty", "phone_not_a_number"]
    bad = tmp_path / "bad.parquet"
    bad.write_bytes(b"not parquet")
    r = run("check", str(bad))
    assert r.returncode == 2 and b"not a Parquet file" in r.stderr and b"Traceback" not in r.stderr

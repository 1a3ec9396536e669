"""``wanumbers check``: phone numbers in a CSV file (or one per line), checked, streamed out.

The file is read as Python's ``csv`` module reads it (RFC 4180: doubled quotes, quoted
delimiters and newlines), a row at a time, so memory stays flat however long the file is; every
input column comes out as it went in, followed by the results. Every argument is checked, and
the header read, before anything is written; with ``--output`` the file appears only once it is
complete (a failure part-way leaves nothing behind).
"""

from __future__ import annotations

import argparse
import codecs
import csv
import io
import itertools
import os
import re
import sys
import tempfile
from typing import IO, Any, Iterator, List, Optional, Sequence, TextIO, Tuple

from . import _native as n
from ._errors import WanumbersError

CHUNK = 10_000
# The largest field read (a 1 MB field is fine; csv's default of 128 KiB is not enough).
MAX_FIELD = 64 * 1024 * 1024
# How much of the file the delimiter is guessed from.
SAMPLE = 64 * 1024

RESULT_COLUMNS = ["valid", "e164", "region", "type", "error"]
# Header names taken for the phone column, compared without case, spaces or punctuation.
PHONE_HEADERS = frozenset(
    {
        "phone",
        "phonenumber",
        "phoneno",
        "number",
        "e164",
        "msisdn",
        "mobile",
        "mobilenumber",
        "mobilephone",
        "cell",
        "cellphone",
        "telephone",
        "telephonenumber",
        "tel",
        "telno",
        "whatsapp",
        "whatsappnumber",
    }
)


class Usage(Exception):
    """A problem with the command's input, reported in one line."""


def _key(name: str) -> str:
    return re.sub(r"[\W_]+", "", name).lower()


def unreadable(path: str, err: OSError) -> Usage:
    """The one-line message for a file that cannot be opened (every command's)."""
    if isinstance(err, FileNotFoundError):
        return Usage(f"{path}: no such file")
    if isinstance(err, IsADirectoryError):
        return Usage(f"{path}: is a directory")
    return Usage(f"{path}: {err.strerror}")


def _open(path: str, encoding: str) -> TextIO:
    try:
        raw: IO[bytes] = sys.stdin.buffer if path == "-" else open(path, "rb")  # noqa: SIM115
    except OSError as err:
        raise unreadable(path, err) from None
    # csv wants newline="" (it reads quoted line breaks itself); a UTF-8 BOM is dropped.
    return io.TextIOWrapper(raw, encoding=encoding, newline="")


def _lines(fh: TextIO, path: str, encoding: str) -> Iterator[str]:
    """The file's lines, a decoding error reported as a Usage."""
    try:
        yield from fh
    except UnicodeDecodeError as err:
        utf8 = encoding.lower().replace("_", "-").startswith("utf-8")
        name, hint = ("UTF-8", " (give --encoding, e.g. --encoding cp1252)") if utf8 else (encoding, "")
        raise Usage(f"{path}: not {name} text: byte 0x{err.object[err.start]:02x} cannot be read{hint}") from None


def _rows(lines: Iterator[str], dialect: Any, path: str) -> Iterator[List[str]]:
    reader = csv.reader(lines, dialect)
    try:
        yield from reader
    except csv.Error as err:
        raise Usage(f"{path}, line {reader.line_num}: {err}") from None


def _sniff(sample: str) -> Any:
    first = sample.split("\n", 1)[0]
    if not any(d in first for d in ",;\t"):
        return None
    try:
        return csv.Sniffer().sniff(first, delimiters=",;\t")
    except csv.Error:
        return csv.excel


def looks_like_data(cell: str) -> bool:
    return any(ch.isdigit() for ch in cell)


def _choose(first: Sequence[str], column: Optional[str], path: str) -> Tuple[int, bool]:
    """The phone column's index and whether the first row is a header."""
    if column is not None:
        if column.isdigit():
            at = int(column) - 1
            if at < 0 or at >= max(len(first), 1):
                raise Usage(f"--column {column}: the file has {len(first)} column(s); columns count from 1")
            return at, not looks_like_data(first[at])
        keys = [_key(c) for c in first]
        if _key(column) not in keys:
            raise Usage(f"--column {column}: no such column (the header has: {', '.join(first)})")
        return keys.index(_key(column)), True
    matches = [i for i, c in enumerate(first) if _key(c) in PHONE_HEADERS]
    if len(matches) == 1:
        return matches[0], True
    if len(matches) > 1:
        names = ", ".join(repr(first[i]) for i in matches)
        raise Usage(f"{path}: several columns look like phone numbers ({names}): choose one with --column")
    if len(first) <= 1:
        return 0, bool(first) and not looks_like_data(first[0])
    if any(looks_like_data(c) for c in first):
        raise Usage(f"{path}: the first row is not a header naming a phone column: choose the column with --column INDEX (from 1)")
    raise Usage(f"{path}: no column is named like a phone number (the header has: {', '.join(first)}): choose one with --column")


def _region(region: Optional[str]) -> Optional[str]:
    if region is None:
        return None
    try:
        code: str = n.normalize_country_code(region.strip())
    except WanumbersError as err:
        raise Usage(f"--region {region}: {err}") from None
    if code != region:
        print(f"wanumbers: note: --region {region} read as {code}", file=sys.stderr)
    return code


def _progress(done: int, out: TextIO) -> None:
    out.write(f"\rchecked {done:,} numbers")
    out.flush()


def cmd_check(args: argparse.Namespace) -> int:
    region = _region(args.region)
    try:
        codecs.lookup(args.encoding)
    except LookupError:
        raise Usage(f"--encoding {args.encoding}: no such encoding (e.g. utf-8, cp1252, latin-1)") from None
    csv.field_size_limit(MAX_FIELD)
    parquet_in = args.file.lower().endswith(".parquet")
    parquet_out = (args.output or "").lower().endswith(".parquet")
    if parquet_in or parquet_out:
        _pyarrow()
    if parquet_in and parquet_out:
        total, invalid = _parquet_to_parquet(args.file, args.output, args.column, region, args.progress or sys.stderr.isatty())
        if invalid:
            print(f"{invalid} of {total} numbers are not valid", file=sys.stderr)
        return 1 if invalid else 0
    fh: Optional[TextIO] = None
    try:
        if parquet_in:
            first, rows = _parquet_rows(args.file)
        else:
            fh = _open(args.file, args.encoding)
            first, rows = _text_rows(fh, args.file, args.encoding)
        if first is None:
            header: List[str] = ["input"]
            col, has_header, pending = 0, False, []
        else:
            col, has_header = _choose(first, args.column, args.file)
            has_header = has_header or parquet_in
            header = first if has_header else ["input"] + [f"column{i + 1}" for i in range(1, len(first))]
            pending = [] if has_header else [first]
        clash = set(RESULT_COLUMNS) & {h.strip().lower() for h in header}
        added = [f"checked_{c}" for c in RESULT_COLUMNS] if clash else RESULT_COLUMNS
        with _Output(args.output, header + added, parquet_out) as writer:
            total, invalid = _check_rows(itertools.chain(pending, rows), writer, col, len(header), region, args.progress or sys.stderr.isatty())
    finally:
        if fh is not None:
            fh.close()
    if invalid:
        print(f"{invalid} of {total} numbers are not valid", file=sys.stderr)
    return 1 if invalid else 0


def _text_rows(fh: TextIO, path: str, encoding: str) -> Tuple[Optional[List[str]], Iterator[List[str]]]:
    """The first row and the rest of a CSV file (or of one with a value per line)."""
    lines = _lines(fh, path, encoding)
    head = list(_until(lines, SAMPLE))
    dialect = _sniff("".join(head))
    source = itertools.chain(head, lines)
    rows: Iterator[List[str]] = _rows(source, dialect, path) if dialect else ([line.rstrip("\r\n")] for line in source)
    return next(rows, None), rows


def _pyarrow() -> Any:
    try:
        import pyarrow.parquet as pq  # type: ignore[import-untyped,import-not-found,unused-ignore]
    except ImportError:
        raise Usage("Parquet files need pyarrow: pip install pyarrow") from None
    return pq


def _parquet_file(path: str) -> Any:
    pq = _pyarrow()
    try:
        return pq.ParquetFile(path)
    except FileNotFoundError:
        raise Usage(f"{path}: no such file") from None
    except (OSError, ValueError) as err:
        raise Usage(f"{path}: not a Parquet file ({err})") from None


def _parquet_to_parquet(path: str, output: str, column: Optional[str], region: Optional[str], show: bool) -> Tuple[int, int]:
    """Parquet in and out: every input column keeps its Arrow type, and the phone column goes
    to the core as Arrow (read in place, no row objects), a batch at a time."""
    import pyarrow as pa  # type: ignore[import-untyped,import-not-found,unused-ignore]
    import pyarrow.compute as pc  # type: ignore[import-untyped,import-not-found,unused-ignore]

    source = _parquet_file(path)
    names = list(source.schema_arrow.names)
    col, _ = _choose(names, column, path)
    clash = set(RESULT_COLUMNS) & {h.strip().lower() for h in names}
    added = [f"checked_{c}" for c in RESULT_COLUMNS] if clash else RESULT_COLUMNS
    schema = pa.schema(list(source.schema_arrow) + [pa.field(added[0], pa.bool_())] + [pa.field(a, pa.string()) for a in added[1:]])
    total = invalid = 0
    with _Output(output, names + added, True, schema=schema) as writer:
        for batch in source.iter_batches(batch_size=CHUNK):
            phones = batch.column(col)
            if not (pa.types.is_string(phones.type) or pa.types.is_large_string(phones.type)):
                phones = phones.cast(pa.string())
            # An empty cell is checked as the CSV path checks it (phone_empty).
            result = pa.record_batch(n.check_phones(pc.fill_null(phones, ""), region, columns=True))
            valid = result.column("valid")
            invalid += batch.num_rows - (pc.sum(valid).as_py() or 0)
            extra = [valid] + [result.column(c).cast(pa.string()) for c in ("e164", "region", "type", "error_code")]
            writer.write_batch(pa.RecordBatch.from_arrays(list(batch.columns) + extra, schema=schema))
            total += batch.num_rows
            if show:
                _progress(total, sys.stderr)
    if show and total:
        sys.stderr.write("\n")
    return total, invalid


def _parquet_rows(path: str) -> Tuple[Optional[List[str]], Iterator[List[str]]]:
    """A Parquet file's column names and its rows as text (null: empty), a batch at a time."""
    source = _parquet_file(path)

    def rows() -> Iterator[List[str]]:
        for batch in source.iter_batches(batch_size=CHUNK):
            columns = [column.to_pylist() for column in batch.columns]
            for values in zip(*columns):
                yield ["" if v is None else str(v) for v in values]

    return list(source.schema_arrow.names), rows()


def _until(lines: Iterator[str], size: int) -> Iterator[str]:
    """Lines from `lines` until `size` characters have come (whole lines)."""
    seen = 0
    for line in lines:
        yield line
        seen += len(line)
        if seen >= size:
            return


def _check_rows(rows: Iterator[List[str]], writer: Any, col: int, width: int, region: Optional[str], show: bool) -> Tuple[int, int]:
    total = invalid = 0
    while True:
        chunk = list(itertools.islice(rows, CHUNK))
        if not chunk:
            break
        numbers = [row[col] if col < len(row) else "" for row in chunk]
        for row, check in zip(chunk, n.check_phones(numbers, region)):
            invalid += not check.valid
            failure = check.error
            padded = row + [""] * (width - len(row))
            writer.writerow(padded + [str(check.valid).lower(), check.e164 or "", check.region or "", check.type or "", failure.code if failure else ""])
        total += len(chunk)
        if show:
            _progress(total, sys.stderr)
    if show and total:
        sys.stderr.write("\n")
    return total, invalid


class _ParquetWriter:
    """Rows written as Parquet, a chunk at a time: every column text, `valid` a boolean."""

    def __init__(self, path: str, header: List[str], schema: Any = None) -> None:
        import pyarrow as pa  # type: ignore[import-untyped,import-not-found,unused-ignore]
        import pyarrow.parquet as pq  # type: ignore[import-untyped,import-not-found,unused-ignore]

        self.pa = pa
        self.header = header
        fields = [pa.field(name, pa.bool_() if i == len(header) - len(RESULT_COLUMNS) else pa.string()) for i, name in enumerate(header)]
        self.schema = schema if schema is not None else pa.schema(fields)
        self.writer = pq.ParquetWriter(path, self.schema)
        self.rows: List[List[str]] = []

    def writerow(self, row: List[str]) -> None:
        self.rows.append(row)
        if len(self.rows) >= CHUNK:
            self.flush()

    def flush(self) -> None:
        if not self.rows:
            return
        width = len(self.header)
        valid = width - len(RESULT_COLUMNS)
        columns: List[List[Any]] = []
        for i in range(width):
            values = [row[i] if i < len(row) else "" for row in self.rows]
            columns.append([v == "true" for v in values] if i == valid else [v or None for v in values])
        self.writer.write_table(self.pa.Table.from_arrays([self.pa.array(c, type=f.type) for c, f in zip(columns, self.schema)], schema=self.schema))
        self.rows = []

    def write_batch(self, batch: Any) -> None:
        self.writer.write_batch(batch)

    def close(self) -> None:
        self.flush()
        self.writer.close()


class _Output:
    """A row writer over stdout, or over a file written beside its destination and moved into
    place once complete (CSV, or Parquet when the name ends in `.parquet`)."""

    def __init__(self, path: Optional[str], header: List[str], parquet: bool, schema: Any = None) -> None:
        self.path = path
        self.header = header
        self.parquet = parquet
        self.schema = schema
        self.temp: Optional[str] = None
        self.fh: Optional[TextIO] = None
        self.table: Optional[_ParquetWriter] = None

    def __enter__(self) -> Any:
        if self.path is None:
            writer = csv.writer(sys.stdout)
            writer.writerow(self.header)
            return writer
        folder = os.path.dirname(os.path.abspath(self.path))
        try:
            fd, self.temp = tempfile.mkstemp(prefix=".wanumbers-", suffix=".part", dir=folder)
        except OSError as err:
            raise Usage(f"{self.path}: cannot write there ({err.strerror})") from None
        if self.parquet:
            os.close(fd)
            self.table = _ParquetWriter(self.temp, self.header, self.schema)
            return self.table
        self.fh = open(fd, "w", newline="", encoding="utf-8")  # noqa: SIM115
        writer = csv.writer(self.fh)
        writer.writerow(self.header)
        return writer

    def __exit__(self, kind: Any, value: Any, trace: Any) -> None:
        if self.temp is None or self.path is None:
            return
        try:
            if self.fh is not None:
                self.fh.close()
            if self.table is not None:
                self.table.close()
        finally:
            if kind is None:
                os.replace(self.temp, self.path)
            else:
                os.unlink(self.temp)


def add_parser(sub: Any) -> None:
    k = sub.add_parser("check", help="check phone numbers: CSV or one per line in, CSV out")
    k.add_argument("file", help="a CSV file (or one number per line), a .parquet file (with pyarrow), or - for stdin")
    k.add_argument("--region", help="default region for numbers without +country code, e.g. GB")
    k.add_argument("--column", help="the phone column: its header name or its position (from 1); found from the header by default")
    k.add_argument("--encoding", default="utf-8-sig", help="the file's text encoding (default UTF-8; a BOM is dropped)")
    k.add_argument("--output", "-o", help="write the CSV (or .parquet, with pyarrow) here, once complete, instead of stdout")
    k.add_argument("--progress", action="store_true", help="show progress even when stderr is not a terminal")
    k.set_defaults(run=cmd_check)

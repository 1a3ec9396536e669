"""Phone columns at data scale: `check_phones` / `normalize_phones` over every kind of column
(list, tuple, NumPy, pandas, Polars, pyarrow, DuckDB), nulls in -> nulls out, and the Arrow
result read by pyarrow (the oracle of the hand-written C data interface), pandas, Polars and
DuckDB. The answers are always those of `check_phone`, one row at a time."""

from __future__ import annotations

import math
from typing import Any, List, Optional

import duckdb
import numpy as np
import pandas as pd  # type: ignore[import-untyped,unused-ignore]
import polars as pl
import pyarrow as pa  # type: ignore[import-untyped,unused-ignore]
import pytest

import wanumbers as w
import wanumbers.polars  # noqa: F401 (registers the namespace)

RAW: List[Optional[str]] = ["+44 7400 123456", None, "020 7946 0958", "call me", "+1 212 555 0100", "", "+33 6 12 34 56 78"]


def expected(region: Optional[str] = "GB") -> List[Optional[w.PhoneCheck]]:
    return [None if r is None else w.check_phone(r, region) for r in RAW]


def e164s(region: Optional[str] = "GB") -> List[Optional[str]]:
    return [None if c is None else c.e164 for c in expected(region)]


COLUMNS = {
    "list": lambda: list(RAW),
    "tuple": lambda: tuple(RAW),
    "generator": lambda: (r for r in RAW),
    "numpy object": lambda: np.array(RAW, dtype=object),
    "pandas object (NaN)": lambda: pd.Series([math.nan if r is None else r for r in RAW]),
    "pandas string (NA)": lambda: pd.Series(RAW, dtype="string"),
    "pandas Arrow string": lambda: pd.Series(RAW, dtype=pd.ArrowDtype(pa.string())),
    "polars": lambda: pl.Series("phone", RAW),
    "pyarrow string": lambda: pa.array(RAW, pa.string()),
    "pyarrow large_string": lambda: pa.array(RAW, pa.large_string()),
    "pyarrow string_view": lambda: pa.array(RAW, pa.string_view()),
    "pyarrow chunked": lambda: pa.chunked_array([RAW[:3], RAW[3:]], pa.string()),
    "pyarrow sliced": lambda: pa.array(["x", *RAW, "y"], pa.string()).slice(1, len(RAW)),
    "duckdb": lambda: duckdb_column(),
    "duckdb relation (one column)": lambda: duckdb_relation(),
    "pyarrow one-column table": lambda: pa.table({"phone": pa.array(RAW, pa.string())}),
    "polars one-column frame": lambda: pl.DataFrame({"phone": RAW}),
}


def duckdb_relation() -> Any:
    relation = duckdb.sql("select * from (values " + ", ".join("(NULL)" if r is None else f"('{r}')" for r in RAW) + ") t(phone)")
    assert relation is not None
    return relation


def duckdb_column() -> Any:
    relation = duckdb.sql("select * from (values " + ", ".join("(NULL)" if r is None else f"('{r}')" for r in RAW) + ") t(phone)")
    assert relation is not None
    return relation.to_arrow_table()["phone"]


@pytest.mark.parametrize("make", COLUMNS.values(), ids=list(COLUMNS))
def test_every_kind_of_column_gives_the_row_by_row_answers(make: Any) -> None:
    assert w.check_phones(make(), "GB") == expected()
    assert w.normalize_phones(make(), "GB") == e164s()
    batch = pa.record_batch(w.check_phones(make(), "GB", columns=True))
    assert batch.column("e164").to_pylist() == e164s()
    assert pa.array(w.normalize_phones(make(), "GB", columns=True)).to_pylist() == e164s()


def test_the_arrow_result_has_the_documented_schema_and_values() -> None:
    result = w.check_phones(RAW, "GB", columns=True)
    assert len(result) == len(RAW) and "rows=7" in repr(result)
    batch = pa.record_batch(result)
    assert batch.schema.names == ["valid", "e164", "region", "type", "error_code"]
    assert batch.schema.field("valid").type == pa.bool_()
    assert batch.schema.field("e164").type == pa.large_string()
    assert batch.schema.field("region").type == pa.dictionary(pa.int16(), pa.string())
    rows = batch.to_pylist()
    for got, check in zip(rows, expected()):
        if check is None:
            assert got == {"valid": None, "e164": None, "region": None, "type": None, "error_code": None}
        else:
            assert got == {
                "valid": check.valid,
                "e164": check.e164,
                "region": check.region,
                "type": None if check.type is None else str(check.type),
                "error_code": None if check.error is None else check.error.code,
            }
    # The stream protocol gives the same (pyarrow's reader, DuckDB's scan).
    assert pa.RecordBatchReader.from_stream(result).read_all().to_pylist() == rows
    # Each export is independent: the capsules can be taken again.
    assert pa.record_batch(result).to_pylist() == rows


def test_pandas_polars_and_duckdb_read_the_result() -> None:
    result = w.check_phones(RAW, "GB", columns=True)
    frame: Any = result.to_pandas()
    assert list(frame.columns) == ["valid", "e164", "region", "type", "error_code"]
    assert isinstance(frame["region"].dtype, pd.CategoricalDtype)
    assert frame["e164"].iloc[0] == "+447400123456"
    polars_frame: Any = result.to_polars()
    assert polars_frame["e164"].to_list() == e164s()
    relation = duckdb.sql("select count(*) from result where valid")
    assert relation is not None
    valid = relation.fetchall()
    assert valid == [(sum(1 for c in expected() if c is not None and c.valid),)]
    series: Any = w.normalize_phones(RAW, "GB", columns=True).to_pandas()
    assert [None if pd.isna(v) else v for v in series] == e164s()


def test_the_polars_namespace_eager_lazy_and_streaming() -> None:
    # The namespace is registered at run time: mypy does not see it (polars' own limit).
    phone: Any = pl.col("phone")
    frame = pl.DataFrame({"phone": RAW})
    eager = frame.with_columns(phone.wanumbers.e164(region="GB").alias("e164"))
    assert eager["e164"].to_list() == e164s()
    lazy = frame.lazy().select(
        phone.wanumbers.e164(region="GB").alias("e164"),
        phone.wanumbers.valid(region="GB").alias("valid"),
        phone.wanumbers.check(region="GB").struct.field("error_code").alias("error"),
    )
    for result in (lazy.collect(), lazy.collect(engine="streaming")):
        assert result["e164"].to_list() == e164s()
        assert result["valid"].to_list() == [None if c is None else c.valid for c in expected()]
        assert result["error"].to_list() == [None if c is None or c.error is None else c.error.code for c in expected()]
    series: Any = frame["phone"]
    assert series.wanumbers.e164("GB").to_list() == e164s()


def test_nulls_never_fail_the_batch_but_other_types_are_named() -> None:
    assert w.check_phones([None, math.nan, pd.NA, np.nan]) == [None, None, None, None]
    assert w.normalize_phones([447400123456, "+447400123456"]) == [None, "+447400123456"]
    with pytest.raises(w.InputError) as err:
        w.check_phones(["+447400123456", b"bytes"])
    assert err.value.code == "argument_type" and err.value.details["argument"] == "raws[1]"
    with pytest.raises(w.InputError) as err:
        w.check_phones("+447400123456")
    assert err.value.code == "argument_type"
    # Arrow ints are read as digits, as Python ints are; binary is no text.
    assert w.normalize_phones(pa.array([447400123456, None])) == [None, None]
    with pytest.raises(w.InputError) as err:
        w.check_phones(pa.array([b"+447400123456"], pa.binary()))
    assert err.value.code == "argument_type" and "text column" in err.value.message
    with pytest.raises(w.WanumbersError) as failed:
        w.check_phones(pa.array(RAW), "ZZ", columns=True)
    assert failed.value.code.startswith("country_")
    with pytest.raises(w.InputError):
        w.check_phones(RAW, columns="yes")  # type: ignore[call-overload]


def test_a_large_column_is_split_and_stays_small() -> None:
    numbers = [f"+44 7400 {i:06d}" if i % 50 else None for i in range(200_000)]
    column = pa.array(numbers, pa.string())
    result = pa.record_batch(w.check_phones(column, columns=True))
    assert result.num_rows == 200_000 and result.column("valid").null_count == 4_000
    assert result.column("e164").to_pylist()[:2] == [None, "+447400000001"]
    assert w.check_phones(numbers[:5000]) == [None if n is None else w.check_phone(n) for n in numbers[:5000]]
    # The result costs about what the input column does, not an object per row.
    assert result.nbytes < 2 * column.nbytes, (result.nbytes, column.nbytes)


def test_columns_python_reads_row_by_row_when_arrow_has_no_text() -> None:
    # pandas 3 exports a Series through Arrow; ints (and mixed objects) are read row by row.
    assert w.normalize_phones(pd.Series([447400123456, 442079460958])) == [None, None]
    assert w.normalize_phones(pd.Series([447400123456]), "GB") == w.normalize_phones([447400123456], "GB")
    mixed = pd.Series(["+447400123456", 12025550123, None], dtype=object)
    assert w.normalize_phones(mixed) == ["+447400123456", None, None]


class _Once:
    """A producer that hands out the same stream capsule twice (the second is consumed)."""

    def __init__(self) -> None:
        self.capsule = pa.chunked_array([["+447400123456"]]).__arrow_c_stream__()

    def __arrow_c_stream__(self, requested_schema: object = None) -> object:
        return self.capsule


def test_a_consumed_capsule_is_refused_not_read() -> None:
    once = _Once()
    assert w.normalize_phones(once) == ["+447400123456"]
    with pytest.raises(w.InputError) as err:
        w.normalize_phones(once)
    assert err.value.code == "argument_type"

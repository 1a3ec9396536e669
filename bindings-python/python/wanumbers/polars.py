"""Polars expressions over the Arrow path: ``import wanumbers.polars`` registers the
``wanumbers`` namespace on expressions and series.

    import polars as pl
    import wanumbers.polars  # noqa: F401 (registers the namespace)

    df.with_columns(pl.col("phone").wanumbers.e164(region="GB"))
    df.lazy().select(pl.col("phone").wanumbers.check()).collect(engine="streaming")

Each batch goes to the core as Arrow (read in place, the GIL released, split over the
machine's threads) and comes back as Arrow; the functions are elementwise, so lazy and
streaming queries run them batch by batch. ``polars`` stays an optional dependency.
"""

from __future__ import annotations

from typing import Optional

import polars as pl

from . import _native

__all__ = ["PhoneExpr", "PhoneSeries", "CHECK_SCHEMA"]

#: The struct ``check()`` gives: the columns of ``check_phones(..., columns=True)``.
CHECK_SCHEMA = pl.Struct(
    {"valid": pl.Boolean, "e164": pl.String, "region": pl.String, "type": pl.String, "error_code": pl.String}
)


def _e164(series: pl.Series, region: Optional[str]) -> pl.Series:
    return pl.Series(series.name, _native.normalize_phones(series, region, columns=True), dtype=pl.String)


def _check(series: pl.Series, region: Optional[str]) -> pl.Series:
    frame = pl.DataFrame(_native.check_phones(series, region, columns=True))
    frame = frame.with_columns(pl.col("region", "type", "error_code").cast(pl.String))
    return frame.to_struct(series.name)


@pl.api.register_expr_namespace("wanumbers")
class PhoneExpr:
    """``pl.col(...).wanumbers``: phone numbers checked by wanumbers."""

    def __init__(self, expr: pl.Expr) -> None:
        self._expr = expr

    def e164(self, region: Optional[str] = None) -> pl.Expr:
        """E.164, null where the row is not a valid number (``region``: for national input)."""
        return self._expr.map_batches(lambda s: _e164(s, region), return_dtype=pl.String, is_elementwise=True)

    def check(self, region: Optional[str] = None) -> pl.Expr:
        """A struct per row: ``valid``, ``e164``, ``region``, ``type``, ``error_code``."""
        return self._expr.map_batches(lambda s: _check(s, region), return_dtype=CHECK_SCHEMA, is_elementwise=True)

    def valid(self, region: Optional[str] = None) -> pl.Expr:
        """Whether the row is a valid number (null where the row is null)."""
        return self.check(region).struct.field("valid")


@pl.api.register_series_namespace("wanumbers")
class PhoneSeries:
    """``series.wanumbers``: the same on a Series."""

    def __init__(self, series: pl.Series) -> None:
        self._series = series

    def e164(self, region: Optional[str] = None) -> pl.Series:
        """E.164, null where the row is not a valid number."""
        return _e164(self._series, region)

    def check(self, region: Optional[str] = None) -> pl.Series:
        """A struct per row: ``valid``, ``e164``, ``region``, ``type``, ``error_code``."""
        return _check(self._series, region)

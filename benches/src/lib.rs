//! Benchmarks for wanumbers live in `benches/` (`make bench`); this crate has no library code.

//! The loader: every malformation in the fixtures, and properties over any bytes.
//! One test binary: a module per file in `loader/`.

mod support;

#[path = "loader/contained.rs"]
mod contained;
#[path = "loader/fixtures.rs"]
mod fixtures;
#[path = "loader/props.rs"]
mod props;

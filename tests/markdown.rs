//! The Markdown renderer: snapshots of every construct, and properties over any
//! Markdown and the Liquid read before it. One test binary: a module per file in `markdown/`, snapshots in
//! `markdown/snapshots/`.

mod support;

#[path = "markdown/liquid_props.rs"]
mod liquid_props;
#[path = "markdown/props.rs"]
mod props;
#[path = "markdown/render.rs"]
mod render;

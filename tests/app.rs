//! The app on TestBackend: its flows, screens, search and filter, problems, hostile
//! text, and properties over any keys. One test binary: a module per file in `app/`,
//! snapshots in `app/snapshots/`.

mod support;

#[path = "app/actions.rs"]
mod actions;
#[path = "app/bodies_on_disk.rs"]
mod bodies_on_disk;
#[path = "app/body_search.rs"]
mod body_search;
#[path = "app/code_colours.rs"]
mod code_colours;
#[path = "app/filing_order.rs"]
mod filing_order;
#[path = "app/filter_rank.rs"]
mod filter_rank;
#[path = "app/flows.rs"]
mod flows;
#[path = "app/frame.rs"]
mod frame;
#[path = "app/help_overlay.rs"]
mod help_overlay;
#[path = "app/hostile_text.rs"]
mod hostile_text;
#[path = "app/links.rs"]
mod links;
#[path = "app/liquid.rs"]
mod liquid;
#[path = "app/list_rows.rs"]
mod list_rows;
#[path = "app/problems_popup.rs"]
mod problems_popup;
#[path = "app/props.rs"]
mod props;
#[path = "app/relint_after_edit.rs"]
mod relint_after_edit;
#[path = "app/screens.rs"]
mod screens;
#[path = "app/search.rs"]
mod search;
#[path = "app/snapshot_never_writes.rs"]
mod snapshot_never_writes;

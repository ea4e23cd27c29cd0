//! The binary's commands run as a user runs them (`assert_cmd`): `list`, `check`,
//! `show`, `config`, `new`/`publish`, `review`, `snapshot` and the app's own options.
//! One test binary: a module per file in `cli/`.

mod support;

#[path = "cli/app.rs"]
mod app;
#[path = "cli/config.rs"]
mod config;
#[path = "cli/damage.rs"]
mod damage;
#[path = "cli/draft.rs"]
mod draft;
#[path = "cli/list_check.rs"]
mod list_check;
#[path = "cli/output.rs"]
mod output;
#[path = "cli/review.rs"]
mod review;
#[path = "cli/review_app.rs"]
mod review_app;
#[path = "cli/show.rs"]
mod show;
#[path = "cli/site.rs"]
mod site;

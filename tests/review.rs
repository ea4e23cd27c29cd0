//! Reviewing: the review app on TestBackend (flows, screens, properties, the default
//! review file), the review store, its lock and concurrent writers, the rubric, and
//! the byte-exact unpublish. One test binary: a module per file in `review/`, snapshots
//! in `review/snapshots/`.

mod support;

#[path = "review/app_flows.rs"]
mod app_flows;
#[path = "review/app_location.rs"]
mod app_location;
#[path = "review/app_props.rs"]
mod app_props;
#[path = "review/app_screens.rs"]
mod app_screens;
#[path = "review/changes.rs"]
mod changes;
#[path = "review/concurrency.rs"]
mod concurrency;
#[path = "review/date_filters.rs"]
mod date_filters;
#[path = "review/export_scope.rs"]
mod export_scope;
#[path = "review/fields.rs"]
mod fields;
#[path = "review/lock.rs"]
mod lock;
#[path = "review/new_posts.rs"]
mod new_posts;
#[path = "review/publish.rs"]
mod publish;
#[path = "review/rubric.rs"]
mod rubric;
#[path = "review/rubric_meaning.rs"]
mod rubric_meaning;
#[path = "review/store.rs"]
mod store;
#[path = "review/tags.rs"]
mod tags;

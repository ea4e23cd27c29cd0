//! The markers a post gets in lists, shared by `meetup-reader list` and the app's list.

/// The post has `published: false`.
pub const UNPUBLISHED: &str = "⊘";
/// The loader found problems in the post.
pub const PROBLEMS: &str = "⚠";
/// The post is tagged (the app's `t`).
pub const TAGGED: &str = "*";

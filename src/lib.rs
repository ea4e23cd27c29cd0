//! meetup-reader: read, review and draft Jekyll meetup reflection posts.
//!
//! The modules are public so that the integration tests can reach them.

pub mod app;
pub mod assignment;
pub mod cli;
pub mod commands;
pub mod config;
pub mod corpus;
pub mod draft;
pub mod error;
pub mod fsutil;
pub mod key;
pub mod launcher;
pub mod lines;
pub mod liquid;
pub mod markdown;
pub mod marks;
pub mod plural;
pub mod post;
pub mod review;
pub mod sanitize;
pub mod site;
pub mod snapshot;
pub mod syntax;

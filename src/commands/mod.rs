//! The command-line companions. Each returns the process exit code, or an error
//! that `main` reports in one sentence (exit 2).

pub mod app;
pub mod check;
pub mod generated;
pub mod list;
pub mod new;
pub mod publish;
pub mod review;
pub mod show;
pub mod snapshot;

/// Exit codes, as the README documents them.
pub mod exit {
    /// Success.
    pub const OK: u8 = 0;
    /// The command ran and found problems (e.g. `check` found errors).
    pub const PROBLEMS: u8 = 1;
    /// Usage or I/O error.
    pub const FAILURE: u8 = 2;
}

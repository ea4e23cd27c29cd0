//! Rendered bodies kept per post, width and theme, so scrolling never re-renders.
//!
//! An entry remembers the Markdown it was rendered from and is used only while the post's
//! text is the same, so an edited post is never served stale even if the caller forgets
//! to invalidate it. Comparing the text costs a memory compare, far less than rendering.
//! The cache is bounded by entry count and by the size of the text it holds; the least
//! recently used entries go first.

use std::collections::HashMap;

use super::{Rendered, Theme, ThemeName, render};

const MAX_ENTRIES: usize = 48;
const MAX_SOURCE_BYTES: usize = 24 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Key {
    post: String,
    width: u16,
    theme: ThemeName,
    colors: bool,
}

impl Key {
    fn of(post: &str, width: u16, theme: &Theme) -> Self {
        Self {
            post: post.to_string(),
            width,
            theme: theme.name,
            colors: theme.colors,
        }
    }
}

#[derive(Debug)]
struct Entry {
    source: String,
    rendered: Rendered,
    last_used: u64,
    /// [`crate::syntax::generation`] when rendered: while languages are still being
    /// built, a later render may colour code this one left plain.
    syntax_generation: u64,
}

/// Rendered bodies kept per post and width, so scrolling never re-renders.
#[derive(Debug, Default)]
pub struct RenderCache {
    entries: HashMap<Key, Entry>,
    clock: u64,
    source_bytes: usize,
}

impl RenderCache {
    pub fn new() -> Self {
        Self::default()
    }

    /// The rendered body of the post known as `key`, rendering it only when this width,
    /// theme and text have not been rendered before.
    pub fn get_or_render(
        &mut self,
        key: &str,
        markdown: &str,
        width: u16,
        theme: &Theme,
    ) -> &Rendered {
        self.clock += 1;
        let k = Key::of(key, width, theme);
        let generation = crate::syntax::generation();
        let fresh = self.entries.get(&k).is_some_and(|e| {
            e.source == markdown
                && (e.syntax_generation == generation
                    || theme.syntax != Some(crate::syntax::Loading::IfReady))
        });
        if !fresh {
            if let Some(old) = self.entries.remove(&k) {
                self.source_bytes -= old.source.len();
            }
            self.make_room(markdown.len());
            let rendered = render(markdown, width, theme);
            self.source_bytes += markdown.len();
            self.entries.insert(
                k.clone(),
                Entry {
                    source: markdown.to_string(),
                    rendered,
                    last_used: 0,
                    syntax_generation: generation,
                },
            );
        }
        let clock = self.clock;
        let entry = self
            .entries
            .get_mut(&k)
            .expect("entry just checked or inserted");
        entry.last_used = clock;
        &entry.rendered
    }

    /// The body of the post known as `key` as last rendered at this width and theme,
    /// if it was rendered from `markdown`; never renders (drawing reads it, after
    /// [`RenderCache::get_or_render`] made sure of it).
    pub fn get(&self, key: &str, markdown: &str, width: u16, theme: &Theme) -> Option<&Rendered> {
        let k = Key::of(key, width, theme);
        self.entries
            .get(&k)
            .filter(|e| e.source == markdown)
            .map(|e| &e.rendered)
    }

    /// Forgets every width of one post (after it was edited or reloaded).
    pub fn invalidate(&mut self, key: &str) {
        self.entries.retain(|k, _| k.post != key);
        self.recount();
    }

    /// Forgets everything (after a reload, or after changing a theme's styles by hand:
    /// entries are keyed by theme name and colour switch only).
    pub fn clear(&mut self) {
        self.entries.clear();
        self.source_bytes = 0;
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn recount(&mut self) {
        self.source_bytes = self.entries.values().map(|e| e.source.len()).sum();
    }

    /// Evicts least recently used entries until one more of `incoming` bytes fits.
    fn make_room(&mut self, incoming: usize) {
        while !self.entries.is_empty()
            && (self.entries.len() >= MAX_ENTRIES
                || self.source_bytes + incoming > MAX_SOURCE_BYTES)
        {
            let oldest = self
                .entries
                .iter()
                .min_by_key(|(_, e)| e.last_used)
                .map(|(k, _)| k.clone());
            let Some(oldest) = oldest else { break };
            if let Some(e) = self.entries.remove(&oldest) {
                self.source_bytes -= e.source.len();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of(r: &Rendered) -> String {
        (0..r.len())
            .map(|i| r.line_text(i))
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn serves_the_same_render_until_the_text_changes() {
        let theme = Theme::default();
        let mut cache = RenderCache::new();
        let first = text_of(cache.get_or_render("a", "one", 20, &theme));
        assert_eq!(first, "one");
        assert_eq!(text_of(cache.get_or_render("a", "two", 20, &theme)), "two");
        assert_eq!(cache.len(), 1);
        cache.get_or_render("a", "two", 30, &theme);
        assert_eq!(cache.len(), 2);
        cache.invalidate("a");
        assert!(cache.is_empty());
    }

    #[test]
    fn stays_bounded() {
        let theme = Theme::default();
        let mut cache = RenderCache::new();
        for i in 0..(MAX_ENTRIES * 2) {
            cache.get_or_render(&format!("post{i}"), "text", 40, &theme);
        }
        assert!(cache.len() <= MAX_ENTRIES);
        // The most recent survives.
        assert!(
            cache
                .entries
                .keys()
                .any(|k| k.post == format!("post{}", MAX_ENTRIES * 2 - 1))
        );
    }
}

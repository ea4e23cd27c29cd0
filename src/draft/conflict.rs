//! What "show both" lists when a draft changed elsewhere: the lines that differ.

use similar::{ChangeTag, TextDiff};

/// Which version a differing line is from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Theirs,
    Mine,
}

/// The lines only one of the two versions has, in order, at most `limit` of them; the
/// second value counts the ones left out.
pub fn differing_lines(theirs: &str, mine: &str, limit: usize) -> (Vec<(Side, String)>, usize) {
    let diff = TextDiff::from_lines(theirs, mine);
    let mut shown = Vec::new();
    let mut left_out = 0;
    for change in diff.iter_all_changes() {
        let side = match change.tag() {
            ChangeTag::Equal => continue,
            ChangeTag::Delete => Side::Theirs,
            ChangeTag::Insert => Side::Mine,
        };
        if shown.len() < limit {
            let line = change.value().trim_end_matches(['\n', '\r']).to_string();
            shown.push((side, line));
        } else {
            left_out += 1;
        }
    }
    (shown, left_out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_lines_that_differ_are_listed() {
        let (lines, left_out) =
            differing_lines("a\nfrom them\nc\n", "a\nfrom me\nc\nmore of mine\n", 10);
        assert_eq!(
            lines,
            [
                (Side::Theirs, "from them".to_string()),
                (Side::Mine, "from me".to_string()),
                (Side::Mine, "more of mine".to_string()),
            ]
        );
        assert_eq!(left_out, 0);
        let (lines, left_out) = differing_lines("a\n", "b\nc\nd\n", 2);
        assert_eq!((lines.len(), left_out), (2, 2));
    }
}

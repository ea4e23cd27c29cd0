//! Posts that were copied out of somewhere else and carry its marks.
//!
//! A pull request's diff view shows a new file with a `+` in front of every line; copied
//! from there, the post starts with `+---` and Jekyll sees no front matter at all. The
//! text under the `+` is the post the student meant, so it is read from there.

/// A file whose every line starts with `+`, read as the text under the `+`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unpasted {
    /// The text with the leading `+` of every line removed and any diff header dropped.
    pub text: String,
    /// How many lines of diff header (`diff --git`, `+++ b/…`, `@@ … @@`) came before the
    /// first `+` line: add it to a line of `text` to get the line of the file.
    pub header_lines: usize,
}

/// Lines a copied diff may start with before its `+` lines.
fn is_diff_header(line: &str) -> bool {
    [
        "diff --git ",
        "index ",
        "new file mode ",
        "--- ",
        "+++ ",
        "@@ ",
    ]
    .iter()
    .any(|prefix| line.starts_with(prefix))
}

/// The text under the `+` marks, when every line of `text` has one and what is under them
/// starts like a post (a `---` line or a `key:` line); `None` for anything else.
pub fn unpaste_diff(text: &str) -> Option<Unpasted> {
    let mut lines = text.split_inclusive('\n').peekable();
    let mut header_lines = 0;
    // Header lines come only before the first `+---`.
    while let Some(line) = lines.peek() {
        let content = line.trim_end_matches(['\n', '\r']);
        if content.starts_with("+---") || !is_diff_header(content) {
            break;
        }
        header_lines += 1;
        lines.next();
    }
    let mut out = String::with_capacity(text.len());
    let mut marked = 0;
    for line in lines {
        let content = line.trim_end_matches(['\n', '\r']);
        if content == "\\ No newline at end of file" {
            continue;
        }
        match line.strip_prefix('+') {
            Some(rest) => {
                out.push_str(rest);
                marked += 1;
            }
            // A blank line is how some viewers copy an empty `+` line.
            None if content.trim().is_empty() => out.push_str(line),
            None => return None,
        }
    }
    let first = out.lines().find(|l| !l.trim().is_empty())?;
    let starts_like_a_post = first.trim_end() == "---" || super::split::is_key_line(first);
    (marked >= 2 && starts_like_a_post).then_some(Unpasted {
        text: out,
        header_lines,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_marked_is_read_without_the_marks() {
        let found = unpaste_diff("+---\n+title: A\n+---\n+\n+I went.\n").unwrap();
        assert_eq!(found.text, "---\ntitle: A\n---\n\nI went.\n");
        assert_eq!(found.header_lines, 0);
    }

    #[test]
    fn a_diff_header_and_crlf_are_understood() {
        let text = "diff --git a/x.md b/x.md\r\nnew file mode 100644\r\n--- /dev/null\r\n+++ b/x.md\r\n@@ -0,0 +1,3 @@\r\n+---\r\n+title: A\r\n+---\r\n\\ No newline at end of file\r\n";
        let found = unpaste_diff(text).unwrap();
        assert_eq!(found.text, "---\r\ntitle: A\r\n---\r\n");
        assert_eq!(found.header_lines, 5);
    }

    #[test]
    fn ordinary_posts_and_plus_lists_are_left_alone() {
        assert_eq!(unpaste_diff("---\ntitle: A\n---\n+ one\n+ two\n"), None);
        assert_eq!(unpaste_diff("+ one\n+ two\n"), None);
        assert_eq!(unpaste_diff("+---\n"), None);
        assert_eq!(unpaste_diff(""), None);
    }
}

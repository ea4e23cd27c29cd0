//! Slugs: the URL-safe part of a post's file name, made from its title.

/// The longest slug produced, in bytes (slugs are ASCII).
pub const MAX_SLUG_LEN: usize = 60;

/// The slug used when a title has nothing usable in it (e.g. only emoji or symbols).
pub const FALLBACK_SLUG: &str = "reflection";

/// Turns a title into a slug: ASCII lowercase letters, digits and single `-`.
///
/// Accented and other non-ASCII letters are folded to ASCII by `deunicode`
/// ("Café Zürich" -> "cafe-zurich"); apostrophes are dropped ("Ann's" -> "anns");
/// every other character separates words. The result is never empty, at most
/// [`MAX_SLUG_LEN`] bytes, never starts or ends with `-`, and so can never be a path
/// separator, `.` or `..`.
pub fn slugify(title: &str) -> String {
    let folded = deunicode::deunicode(title);
    let mut slug = String::with_capacity(folded.len().min(MAX_SLUG_LEN + 1));
    let mut pending_dash = false;
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            if pending_dash && !slug.is_empty() {
                slug.push('-');
            }
            pending_dash = false;
            slug.push(c.to_ascii_lowercase());
            if slug.len() > MAX_SLUG_LEN {
                break;
            }
        } else if c == '\'' || c == '`' {
            // Apostrophes join a word rather than split it: "Ann's" -> "anns".
        } else {
            pending_dash = true;
        }
    }
    let slug = bound_length(slug);
    if slug.is_empty() {
        FALLBACK_SLUG.to_string()
    } else {
        slug
    }
}

/// Cuts a slug to [`MAX_SLUG_LEN`], at a `-` when one is near so no word is cut in half.
fn bound_length(mut slug: String) -> String {
    if slug.len() <= MAX_SLUG_LEN {
        return slug;
    }
    slug.truncate(MAX_SLUG_LEN);
    if let Some(dash) = slug.rfind('-')
        && dash >= MAX_SLUG_LEN / 2
    {
        slug.truncate(dash);
    }
    slug.trim_end_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_accents_and_drops_the_rest() {
        assert_eq!(slugify("Café Zürich: a Meetup!"), "cafe-zurich-a-meetup");
        assert_eq!(
            slugify("Inf380p's meetup reflection"),
            "inf380ps-meetup-reflection"
        );
        assert_eq!(slugify("  --Hello___World--  "), "hello-world");
        assert_eq!(slugify("../../etc/passwd"), "etc-passwd");
        assert_eq!(slugify("Ærøskøbing Straße"), "aeroskobing-strasse");
    }

    #[test]
    fn never_empty() {
        assert_eq!(slugify(""), FALLBACK_SLUG);
        assert_eq!(slugify("!!! ??? ..."), FALLBACK_SLUG);
        assert_eq!(slugify(".."), FALLBACK_SLUG);
        assert_eq!(slugify("/"), FALLBACK_SLUG);
    }

    #[test]
    fn bounded_at_a_word_boundary() {
        let title = "word ".repeat(40);
        let slug = slugify(&title);
        assert!(slug.len() <= MAX_SLUG_LEN, "{slug}");
        assert!(slug.ends_with("word"), "{slug}");
        let long = "a".repeat(200);
        assert_eq!(slugify(&long).len(), MAX_SLUG_LEN);
    }
}

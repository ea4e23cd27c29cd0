//! Counts as sentences say them: `1 post`, `2 posts`, `0 words`.

/// `count` and `noun`, the noun plural (an `s` added) unless the count is one.
pub fn count_of(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_is_singular_and_every_other_count_plural() {
        assert_eq!(count_of(1, "post"), "1 post");
        assert_eq!(count_of(0, "word"), "0 words");
        assert_eq!(count_of(2, "tagged post"), "2 tagged posts");
    }
}

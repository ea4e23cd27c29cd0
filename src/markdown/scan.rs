//! Byte scans of wrapped text, eight bytes at a time: a word is most of the text, and
//! finding its end most of the wrapping.

/// Where the word starting at `start` ends (at a space, a line break or the end of the
/// text), and whether it is all ASCII, one column a byte. Eight bytes at a time: a
/// word is most of the text, and this loop most of the wrapping.
pub(crate) fn word_end(bytes: &[u8], start: usize) -> (usize, bool) {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let mut i = start;
    let mut high = 0u64;
    while let Some(chunk) = bytes.get(i..).and_then(<[u8]>::first_chunk::<8>) {
        let v = u64::from_le_bytes(*chunk);
        let spaces = v ^ (ONES * u64::from(b' '));
        let breaks = v ^ (ONES * u64::from(b'\n'));
        // The high bit of each byte that is zero, exact up to the first one (the
        // classic zero-byte test): the first space or line break.
        let found =
            ((spaces.wrapping_sub(ONES) & !spaces) | (breaks.wrapping_sub(ONES) & !breaks)) & HIGHS;
        if found != 0 {
            let before = found.trailing_zeros() / 8;
            let mask = if before == 0 {
                0
            } else {
                u64::MAX >> (64 - 8 * before)
            };
            high |= v & mask;
            return (i + before as usize, high & HIGHS == 0);
        }
        high |= v;
        i += 8;
    }
    let mut tail = 0u8;
    while i < bytes.len() && bytes[i] != b' ' && bytes[i] != b'\n' {
        tail |= bytes[i];
        i += 1;
    }
    (i, high & HIGHS == 0 && tail < 0x80)
}

/// Where the simple text starting at `from` ends, at most at `to`: printable ASCII
/// whose spaces are single. Eight bytes at a time, like [`word_end`].
pub(crate) fn simple_prefix(bytes: &[u8], from: usize, to: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    const LOWS: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    // The high bit of every byte equal to `b`, exactly.
    let equal = |v: u64, b: u8| {
        let t = v ^ (ONES * u64::from(b));
        !(((t & LOWS) + LOWS) | t) & HIGHS
    };
    let mut i = from;
    // Whether the byte before `i` is a space.
    let mut space_before = false;
    while let Some(chunk) = bytes.get(i..to).and_then(<[u8]>::first_chunk::<8>) {
        let v = u64::from_le_bytes(*chunk);
        let spaces = equal(v, b' ');
        // Bytes of 0x80 and more, DEL, and below a space (line breaks among them).
        let controls = {
            let below = v.wrapping_sub(ONES * 0x20) & !v & HIGHS;
            (v & HIGHS) | equal(v, 0x7f) | below
        };
        // A space after a space: this one's bit and the next byte's.
        let doubled = spaces & ((spaces << 8) | u64::from(space_before) << 7);
        let bad = controls | doubled;
        if bad != 0 {
            break;
        }
        space_before = bytes[i + 7] == b' ';
        i += 8;
    }
    while i < to {
        let b = bytes[i];
        if !(b' '..=b'~').contains(&b) || (b == b' ' && i > from && bytes[i - 1] == b' ') {
            return i;
        }
        i += 1;
    }
    to
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The eight-bytes-at-a-time word scan agrees with a byte at a time.
        #[test]
        fn word_end_agrees_with_a_byte_scan(text in "[a \n\u{e9}\u{65e5}b]{0,40}", start in 0usize..40) {
            let bytes = text.as_bytes();
            let start = start.min(bytes.len());
            let mut end = start;
            while end < bytes.len() && bytes[end] != b' ' && bytes[end] != b'\n' {
                end += 1;
            }
            let ascii = bytes[start..end].is_ascii();
            proptest::prop_assert_eq!(word_end(bytes, start), (end, ascii));
        }
    }

    proptest::proptest! {
        /// The eight-bytes-at-a-time scan for simple text agrees with a byte at a time.
        #[test]
        fn simple_prefix_agrees_with_a_byte_scan(
            text in "[ab  \n\u{7f}\u{e9}~]{0,40}",
            from in 0usize..40,
            to in 0usize..41,
        ) {
            let bytes = text.as_bytes();
            let to = to.min(bytes.len());
            let from = from.min(to);
            let mut end = from;
            while end < to
                && (b' '..=b'~').contains(&bytes[end])
                && !(bytes[end] == b' ' && end > from && bytes[end - 1] == b' ')
            {
                end += 1;
            }
            proptest::prop_assert_eq!(simple_prefix(bytes, from, to), end);
        }
    }
}

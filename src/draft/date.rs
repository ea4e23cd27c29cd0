//! Publication dates: `--date YYYY-MM-DD`, or today.

use std::sync::OnceLock;

use time::{OffsetDateTime, UtcOffset};

use super::error::{DraftError, DraftResult};
use crate::post::PostDate;

/// Parses a `YYYY-MM-DD` date that exists on the calendar (no 30 February).
pub fn parse_date(text: &str) -> DraftResult<PostDate> {
    parse_date_opt(text).ok_or_else(|| DraftError::BadDate(text.to_string()))
}

/// Like [`parse_date`], without the error. Also takes the date part of a front-matter
/// `date:` value such as `2023-02-01 10:00:00 -0600`.
pub fn parse_date_opt(text: &str) -> Option<PostDate> {
    let text = text.trim();
    let date_part = text.get(..10)?;
    if text.len() > 10 && !text[10..].starts_with([' ', 'T']) {
        return None;
    }
    let bytes = date_part.as_bytes();
    if bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let digits = |range: std::ops::Range<usize>| -> Option<u32> {
        let part = &date_part[range];
        part.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| part.parse().ok())
            .flatten()
    };
    let year = digits(0..4)? as i32;
    let month = u8::try_from(digits(5..7)?).ok()?;
    let day = u8::try_from(digits(8..10)?).ok()?;
    PostDate::new(year, month, day)
}

/// The local UTC offset, read once while the process has a single thread (the `time`
/// crate refuses to read it later, because another thread could change the
/// environment meanwhile). See [`remember_local_offset`].
static LOCAL_OFFSET: OnceLock<Option<UtcOffset>> = OnceLock::new();

/// Reads and keeps the local UTC offset. `main` calls it first thing, before any thread
/// starts, so [`today`] is local even in the multi-threaded app.
pub fn remember_local_offset() {
    LOCAL_OFFSET.get_or_init(|| UtcOffset::current_local_offset().ok());
}

/// Today in local time, or in UTC when the local offset cannot be known.
pub fn today() -> PostDate {
    let offset = LOCAL_OFFSET
        .get()
        .copied()
        .flatten()
        .or_else(|| UtcOffset::current_local_offset().ok())
        .unwrap_or(UtcOffset::UTC);
    let now = OffsetDateTime::now_utc().to_offset(offset);
    PostDate {
        year: now.year(),
        month: now.month() as u8,
        day: now.day(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_real_dates() {
        assert_eq!(parse_date("2023-02-28").unwrap().to_string(), "2023-02-28");
        assert!(parse_date("2023-02-30").is_err());
        assert!(parse_date("2024-02-29").is_ok());
        assert!(parse_date("tomorrow").is_err());
        assert!(parse_date("2023-2-3").is_err());
        assert!(parse_date("2023-02-03x").is_err());
        assert!(parse_date("é023-02-03").is_err());
        assert_eq!(
            parse_date_opt("2023-02-01 10:00:00 -0600")
                .unwrap()
                .to_string(),
            "2023-02-01"
        );
        let message = parse_date("tomorrow").unwrap_err().to_string();
        assert!(message.contains("\"tomorrow\""), "{message}");
    }
}

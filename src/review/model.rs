//! What a reviewer records about a post: a status, an optional score, a note, and a
//! hash of the content that was reviewed.

use std::fmt;
use std::path::{Component, Path};
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::publish::without_published_line;

/// Where a post stands in the review.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReviewStatus {
    #[default]
    Unreviewed,
    Reviewed,
    NeedsRevision,
    Flagged,
}

impl ReviewStatus {
    pub const ALL: [ReviewStatus; 4] = [
        Self::Unreviewed,
        Self::Reviewed,
        Self::NeedsRevision,
        Self::Flagged,
    ];

    /// The name used on the command line, in files and in exports.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Unreviewed => "unreviewed",
            Self::Reviewed => "reviewed",
            Self::NeedsRevision => "needs-revision",
            Self::Flagged => "flagged",
        }
    }
}

impl fmt::Display for ReviewStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ReviewStatus {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_ascii_lowercase().replace(['_', ' '], "-");
        Self::ALL
            .into_iter()
            .find(|status| status.as_str() == wanted)
            .ok_or_else(|| {
                format!(
                    "`{s}` is not a review status; use one of: {}",
                    Self::ALL.map(Self::as_str).join(", ")
                )
            })
    }
}

/// One post's review.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Review {
    #[serde(default)]
    pub status: ReviewStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<f64>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// [`content_hash`] of the post when the review was last changed.
    #[serde(default)]
    pub content_hash: String,
    /// When the review was last changed, RFC 3339 in UTC.
    #[serde(default)]
    pub updated: String,
}

impl Review {
    /// True when there is nothing worth keeping.
    pub fn is_blank(&self) -> bool {
        self.status == ReviewStatus::Unreviewed && self.score.is_none() && self.note.is_empty()
    }
}

/// Parses a score from 0 to `max`: `8`, `8.5`, `8,5` or `8/10` (the scale must be
/// `max`), with at most [`SCORE_DECIMALS`] decimals, as many as scores are shown with
/// (`9.9999` would show as the full mark). Anything else, or a number out of range, is
/// refused with the reason, naming the number as it was typed.
pub fn parse_score_out_of(text: &str, max: f64) -> Result<f64, String> {
    let scale = format_number(max);
    let trimmed = text.trim();
    let (number, out_of) = match trimmed.split_once('/') {
        Some((number, out_of)) => (number.trim(), Some(out_of.trim())),
        None => (trimmed, None),
    };
    if let Some(out_of) = out_of
        && out_of.replace(',', ".").parse::<f64>().ok() != Some(max)
    {
        return Err(format!(
            "`{trimmed}`: scores are out of {scale}; write a number such as 8.5 or 8.5/{scale}"
        ));
    }
    let not_a_score =
        || format!("`{trimmed}` is not a score; give a number from 0 to {scale}, such as 8 or 8.5");
    let decimals = decimals_of(number).ok_or_else(not_a_score)?;
    let score = number
        .replace(',', ".")
        .parse::<f64>()
        .map_err(|_| not_a_score())?;
    if !(0.0..=max).contains(&score) {
        return Err(format!(
            "`{number}` is out of range: scores go from 0 to {scale}"
        ));
    }
    if decimals > SCORE_DECIMALS {
        return Err(format!(
            "`{number}` has more decimals than a score keeps; give at most {SCORE_DECIMALS}, such as 8.5 or 8.125"
        ));
    }
    // `-0` is the score 0, not a negative zero kept in the review file.
    Ok(score + 0.0)
}

/// The decimals a score is kept and shown with.
pub const SCORE_DECIMALS: usize = 3;

/// How many decimals `number` has, when it is a plain decimal number: a sign, digits,
/// at most one point or comma, and at least one digit (no exponent, no `inf`).
fn decimals_of(number: &str) -> Option<usize> {
    let unsigned = number.strip_prefix(['-', '+']).unwrap_or(number);
    let (whole, fraction) = unsigned.split_once(['.', ',']).unwrap_or((unsigned, ""));
    let digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    (digits(whole) && digits(fraction) && !(whole.is_empty() && fraction.is_empty()))
        .then_some(fraction.len())
}

/// A number as people write it: `8`, `8.5` (never `8.0` or `8.500000001`).
pub fn format_number(number: f64) -> String {
    let rounded = (number * 1000.0).round() / 1000.0;
    if rounded.fract() == 0.0 && rounded.abs() < 1e15 {
        format!("{}", rounded as i64)
    } else {
        format!("{rounded}")
    }
}

/// A score on a scale, as shown everywhere: `8.5/10`.
pub fn format_score(score: f64, score_max: f64) -> String {
    format!("{}/{}", format_number(score), format_number(score_max))
}

/// A stable hash of a post's content: SHA-256 of its bytes, leaving out the
/// `published` line so that unpublishing a post does not mark it as changed.
/// (std's `DefaultHasher` may change between Rust releases, so it must not be stored.)
pub fn content_hash(bytes: &[u8]) -> String {
    let digest = Sha256::digest(without_published_line(bytes));
    let mut hex = String::with_capacity(7 + 64);
    hex.push_str("sha256:");
    for byte in digest {
        hex.push_str(&format!("{byte:02x}"));
    }
    hex
}

/// A post's key in the review file: its path relative to the posts folder, with `/`
/// between components on every system.
///
/// A name that is not UTF-8 is written `�` + its bytes with `%` and every non-ASCII byte
/// percent-encoded, so that two names differing only in invalid bytes never share a
/// review (a lossy conversion would give both the same key).
pub fn post_key(rel: &Path) -> String {
    rel.components()
        .filter_map(|c| match c {
            Component::Normal(part) => Some(match part.to_str() {
                Some(name) => name.to_string(),
                None => encode_non_utf8(part.as_encoded_bytes()),
            }),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("/")
}

fn encode_non_utf8(bytes: &[u8]) -> String {
    let mut out = String::from('\u{FFFD}');
    for &byte in bytes {
        if byte.is_ascii() && byte != b'%' {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// The review's progress over a set of posts: "12 / 40 reviewed · 3 flagged".
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Progress {
    pub total: usize,
    pub reviewed: usize,
    pub needs_revision: usize,
    pub flagged: usize,
}

impl Progress {
    pub fn count(&mut self, status: ReviewStatus) {
        self.total += 1;
        match status {
            ReviewStatus::Unreviewed => {}
            ReviewStatus::Reviewed => self.reviewed += 1,
            ReviewStatus::NeedsRevision => self.needs_revision += 1,
            ReviewStatus::Flagged => self.flagged += 1,
        }
    }

    /// Posts with any status other than unreviewed.
    pub fn done(&self) -> usize {
        self.reviewed + self.needs_revision + self.flagged
    }
}

impl fmt::Display for Progress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} / {} reviewed", self.done(), self.total)?;
        if self.needs_revision > 0 {
            write!(f, " · {} need revision", self.needs_revision)?;
        }
        if self.flagged > 0 {
            write!(f, " · {} flagged", self.flagged)?;
        }
        Ok(())
    }
}

/// Now, as RFC 3339 in UTC to the second: `2026-11-23T19:08:54Z`.
pub fn now_rfc3339() -> String {
    let now = time::OffsetDateTime::now_utc();
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        now.year(),
        u8::from(now.month()),
        now.day(),
        now.hour(),
        now.minute(),
        now.second()
    )
}

/// Now, compact and safe in a file name: `20261123T190854Z`.
pub fn now_compact() -> String {
    now_rfc3339().replace(['-', ':'], "")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_round_trip_through_their_names() {
        for status in ReviewStatus::ALL {
            assert_eq!(status.as_str().parse::<ReviewStatus>(), Ok(status));
        }
        assert_eq!("Needs_Revision".parse(), Ok(ReviewStatus::NeedsRevision));
        assert!(
            "done"
                .parse::<ReviewStatus>()
                .unwrap_err()
                .contains("flagged")
        );
    }

    #[test]
    fn keys_use_forward_slashes() {
        let rel = Path::new("alice").join("2024-01-01-a.md");
        assert_eq!(post_key(&rel), "alice/2024-01-01-a.md");
    }

    #[cfg(unix)]
    #[test]
    fn names_that_differ_only_in_invalid_bytes_get_different_keys() {
        use std::ffi::OsStr;
        use std::os::unix::ffi::OsStrExt;
        let one = Path::new("a").join(OsStr::from_bytes(b"2024-01-01-x\xff.md"));
        let two = Path::new("a").join(OsStr::from_bytes(b"2024-01-01-x\xfe.md"));
        assert_eq!(post_key(&one), "a/\u{FFFD}2024-01-01-x%FF.md");
        assert_ne!(post_key(&one), post_key(&two));
        let percent = Path::new("a").join(OsStr::from_bytes(b"x%FF\xff"));
        assert_eq!(post_key(&percent), "a/\u{FFFD}x%25FF%FF");
    }

    #[test]
    fn hash_is_stable_and_ignores_unpublishing() {
        let post = b"---\ntitle: A\n---\nbody\n";
        let known = "sha256:";
        assert!(content_hash(post).starts_with(known));
        assert_eq!(content_hash(post).len(), 7 + 64);
        let unpublished = super::super::publish::toggle_published(post).unwrap();
        assert_eq!(content_hash(post), content_hash(&unpublished));
        assert_ne!(
            content_hash(post),
            content_hash(b"---\ntitle: B\n---\nbody\n")
        );
        // SHA-256 of the empty string, so the algorithm cannot drift unnoticed.
        assert_eq!(
            content_hash(b""),
            "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }

    #[test]
    fn scores_must_be_finite_numbers() {
        assert_eq!(parse_score_out_of(" 8.5 ", 10.0), Ok(8.5));
        assert_eq!(parse_score_out_of("8/10", 10.0), Ok(8.0));
        assert_eq!(parse_score_out_of("8,5", 10.0), Ok(8.5));
        assert_eq!(parse_score_out_of("0", 10.0), Ok(0.0));
        assert_eq!(parse_score_out_of("95 / 100", 100.0), Ok(95.0));
        assert!(
            parse_score_out_of("8/5", 10.0)
                .unwrap_err()
                .contains("out of 10")
        );
        assert!(
            parse_score_out_of("11", 10.0)
                .unwrap_err()
                .contains("out of range")
        );
        assert!(
            parse_score_out_of("-1", 10.0)
                .unwrap_err()
                .contains("out of range")
        );
        assert_eq!(format_number(8.0), "8");
        assert_eq!(format_number(8.5), "8.5");
        assert!(parse_score_out_of("NaN", 10.0).is_err());
        assert!(parse_score_out_of("inf", 10.0).is_err());
        assert!(parse_score_out_of("A+", 10.0).is_err());
        assert!(parse_score_out_of("1e1", 10.0).is_err());
        assert!(parse_score_out_of(".", 10.0).is_err());
        assert!(parse_score_out_of("8.5.1", 10.0).is_err());
        assert_eq!(parse_score_out_of(".5", 10.0), Ok(0.5));
        assert_eq!(parse_score_out_of("8.", 10.0), Ok(8.0));
        assert!(parse_score_out_of("-0", 10.0).unwrap().is_sign_positive());
    }

    /// A number out of range is named as typed, not rounded into range; a score with
    /// more decimals than are shown is refused rather than shown as another.
    #[test]
    fn a_refused_score_is_named_as_typed() {
        assert_eq!(
            parse_score_out_of("10.00001", 10.0),
            Err("`10.00001` is out of range: scores go from 0 to 10".to_string())
        );
        assert_eq!(
            parse_score_out_of(" -0.0001 ", 10.0),
            Err("`-0.0001` is out of range: scores go from 0 to 10".to_string())
        );
        let err = parse_score_out_of("9.9999999", 10.0).unwrap_err();
        assert!(err.starts_with("`9.9999999` has more decimals"), "{err}");
        assert_eq!(parse_score_out_of("9.999", 10.0), Ok(9.999));
        assert_eq!(format_score(9.999, 10.0), "9.999/10");
        assert_eq!(parse_score_out_of("8,125/10", 10.0), Ok(8.125));
    }

    #[test]
    fn progress_reads_like_the_header() {
        let mut progress = Progress::default();
        for status in [
            ReviewStatus::Reviewed,
            ReviewStatus::Flagged,
            ReviewStatus::Unreviewed,
        ] {
            progress.count(status);
        }
        assert_eq!(progress.to_string(), "2 / 3 reviewed · 1 flagged");
    }
}

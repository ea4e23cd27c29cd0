//! Jekyll file names: `YYYY-MM-DD-slug.ext`, the date and slug they carry.

use std::fmt;

use serde::{Serialize, Serializer};

/// A calendar date, as Jekyll takes it from a file name or a `date:` key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PostDate {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl PostDate {
    /// A date only if it is a real one (no 31 April, no 29 February 2023).
    pub fn new(year: i32, month: u8, day: u8) -> Option<Self> {
        let month_enum = time::Month::try_from(month).ok()?;
        time::Date::from_calendar_date(year, month_enum, day).ok()?;
        Some(Self { year, month, day })
    }
}

impl fmt::Display for PostDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for PostDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

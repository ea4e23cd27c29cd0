//! The filter's yes/no (greedy fuzzy matching) agrees with nucleo's scoring matcher.

use meetup_reader::app::filter::{Filter, Haystacks};
use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32String};
use proptest::prelude::*;

use crate::support::site::post;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn filter_agrees_with_nucleo_scoring(
        title in "[a-zA-Zéü ]{0,30}",
        author in "[a-zA-Z]{0,10}",
        query in "[a-zA-Zé ^$']{0,6}",
    ) {
        let post = post("a/b.md", &title, &author, None, "");
        let hay = Haystacks::of(&post);
        let mut matcher = Matcher::new(Config::DEFAULT);
        let filter = Filter::parse(&query);
        let ours = filter.matches(&post, &hay, &mut matcher, &mut Vec::new());
        let pattern = Pattern::parse(&query, CaseMatching::Smart, Normalization::Smart);
        let all = format!("{} {} reflection", title, author);
        let theirs = pattern.score(Utf32String::from(all.as_str()).slice(..), &mut matcher).is_some();
        prop_assert_eq!(ours, theirs, "query {:?} on {:?}", query, all);
    }
}

//! The question matcher and answer counter never panic, and never count more words
//! than the text holds.

use meetup_reader::draft::questions::strip_tags;
use meetup_reader::draft::{answered, normalize_question, questions};
use meetup_reader::post::count_words;
use proptest::prelude::*;

fn markdownish() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            Just("**How did it go?**".to_string()),
            Just("## What did you learn".to_string()),
            Just("<br /> HOW DID IT GO?? <br/>".to_string()),
            Just("**".to_string()),
            Just("__x".to_string()),
            Just("<".to_string()),
            Just("<b".to_string()),
            "[a-z ?*#_<>/]{0,30}",
            any::<String>(),
        ],
        0..20,
    )
    .prop_map(|lines| lines.join("\n"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn counting_is_total_and_bounded(body in markdownish(), template in markdownish()) {
        let qs = questions(&template);
        let answers = answered(&body, &qs);
        prop_assert_eq!(answers.len(), qs.len());
        let counted: usize = answers.iter().map(|a| a.words).sum();
        prop_assert!(counted <= count_words(&strip_tags(&body)) + body.lines().count());
    }

    #[test]
    fn normalising_is_idempotent(text in markdownish()) {
        let once = normalize_question(&text);
        // A leading number may be a list marker once; after that the text is plain words.
        let twice = normalize_question(&once);
        prop_assert_eq!(normalize_question(&twice), twice.clone());
        prop_assert!(!once.contains("  ") && once == once.trim());
    }
}

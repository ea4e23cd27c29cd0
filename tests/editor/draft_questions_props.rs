//! Template prompts and answer counts never panic, and the counts are the rubric's.

use meetup_reader::draft::{answered, answered_count, questions};
use meetup_reader::review::Rubric;
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
    fn prompts_and_counts_agree_with_the_rubric(body in markdownish(), template in markdownish()) {
        let qs = questions(&template);
        prop_assert!(qs.iter().all(|q| !q.trim().is_empty()));
        let answers = answered(&body, &qs);
        prop_assert_eq!(answers.len(), qs.len());
        let rubric = Rubric::of(&body, &qs);
        let counted: usize = answers.iter().map(|a| a.words).sum();
        prop_assert!(counted <= rubric.total_words());
        prop_assert_eq!(answered_count(&body, &qs), rubric.answered());
    }
}

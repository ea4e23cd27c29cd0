//! Rubrics measured after the list: the loader leaves them out (judging answers is
//! most of the work of reading a folder), the loop measures them a slice at a time
//! on every core once the load is over, and the rows and post on screen are measured
//! first, when the app is fitted to a frame.

use rayon::prelude::*;

use super::PostStore;
use crate::review::Rubric;

/// Posts measured per slice: about a millisecond on two cores.
const RUBRIC_SLICE: usize = 64;

impl PostStore {
    /// True while some post waits for its rubric.
    pub fn rubrics_pending(&self) -> bool {
        self.measured_up_to < self.rubrics.len()
    }

    /// Measures the next slice of posts waiting for their rubric; false when none was.
    pub fn measure_rubrics(&mut self) -> bool {
        let start = self.measured_up_to;
        let Some(waiting) = self.rubrics[start..].iter().position(Option::is_none) else {
            self.measured_up_to = self.rubrics.len();
            return false;
        };
        let start = start + waiting;
        let end = (start + RUBRIC_SLICE).min(self.rubrics.len());
        let (posts, questions, bodies) = (&self.posts, &self.questions, &self.bodies);
        self.rubrics[start..end]
            .par_iter_mut()
            .enumerate()
            .filter(|(_, rubric)| rubric.is_none())
            .for_each(|(k, rubric)| {
                let measured =
                    Self::with_body(bodies, posts, start + k, |body| Rubric::of(body, questions));
                *rubric = Some(measured);
            });
        self.measured_up_to = end;
        true
    }

    /// Measures every rubric still waiting (scripts wait for them, as for the load).
    pub fn measure_all_rubrics(&mut self) {
        while self.measure_rubrics() {}
    }

    /// Post `index` measured against `questions`: its rubric as kept when they are the
    /// store's questions and it was measured, else measured now.
    pub fn rubric_against(&self, index: usize, questions: &[String]) -> Rubric {
        match &self.rubrics[index] {
            Some(rubric) if questions == self.questions.as_slice() => rubric.clone(),
            _ => Self::with_body(&self.bodies, &self.posts, index, |body| {
                Rubric::of(body, questions)
            }),
        }
    }

    /// Measures the rubric of the post at `index` now, if it waits for it.
    pub fn measure_rubric(&mut self, index: usize) {
        if self.rubrics[index].is_none() {
            let measured = self.rubric_against(index, &self.questions);
            self.rubrics[index] = Some(measured);
        }
    }
}

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
        let (posts, questions) = (&self.posts, &self.questions);
        self.rubrics[start..end]
            .par_iter_mut()
            .enumerate()
            .filter(|(_, rubric)| rubric.is_none())
            .for_each(|(k, rubric)| *rubric = Some(Rubric::of(&posts[start + k].body, questions)));
        self.measured_up_to = end;
        true
    }

    /// Measures every rubric still waiting (scripts wait for them, as for the load).
    pub fn measure_all_rubrics(&mut self) {
        while self.measure_rubrics() {}
    }

    /// Measures the rubric of the post at `index` now, if it waits for it.
    pub fn measure_rubric(&mut self, index: usize) {
        if self.rubrics[index].is_none() {
            self.rubrics[index] = Some(Rubric::of(&self.posts[index].body, &self.questions));
        }
    }
}

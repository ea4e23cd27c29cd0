//! Drafting: the editor on TestBackend (flows, screens, words never lost, properties),
//! and the drafts under it (template, atomic writes, autosave and recovery, file names).
//! One test binary: a module per file in `editor/`, snapshots in `editor/snapshots/`.

mod support;

#[path = "editor/conflict.rs"]
mod conflict;
#[path = "editor/draft_atomic.rs"]
mod draft_atomic;
#[path = "editor/draft_props.rs"]
mod draft_props;
#[path = "editor/draft_questions_props.rs"]
mod draft_questions_props;
#[path = "editor/draft_recovery.rs"]
mod draft_recovery;
#[path = "editor/draft_template.rs"]
mod draft_template;
#[path = "editor/flows.rs"]
mod flows;
#[path = "editor/hostile_files.rs"]
mod hostile_files;
#[path = "editor/no_lost_words.rs"]
mod no_lost_words;
#[path = "editor/props.rs"]
mod props;
#[path = "editor/screens.rs"]
mod screens;
#[path = "editor/template_reads_well.rs"]
mod template_reads_well;

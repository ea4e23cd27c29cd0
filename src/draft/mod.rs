//! Drafting a reflection: templates, progress on the questions, slugs, saving drafts
//! with autosave and crash recovery, and publishing without overwriting anything.
//! The domain only: nothing here knows about the terminal.

pub mod author;
pub mod conflict;
pub mod create;
pub mod date;
pub mod error;
pub mod external;
pub mod front;
pub mod lock;
pub mod publish;
pub mod questions;
pub mod session;
pub mod site;
pub mod slug;
pub mod template;

pub use author::default_author;
pub use create::{
    CreatedDraft, DraftRequest, create_draft, detached_draft, draft_text, start_draft,
};
pub use date::{parse_date, today};
pub use error::{DraftError, DraftResult};
pub use lock::{Holder, holder, lock_path};
pub use publish::{PublishPlan, Published, plan_publish, publish};
pub use questions::{Answer, answered, answered_count, questions};
pub use session::{
    DraftSession, Recovery, autosave_due, conflict_path, delete_draft, find_recoveries,
    find_recovery, recovery_path,
};
pub use site::{DraftSettings, author_folder, is_per_author, list_drafts};
pub use slug::slugify;
pub use template::{
    Template, TemplateOrigin, TemplateVars, builtin_template, find_template, render,
};

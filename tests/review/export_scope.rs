//! Export from the app does what the grader was doing: the posts the filter (or the
//! session) shows unless told "all", to a file named for the site and the day outside
//! the site, and the path chosen is offered again next time.

use meetup_reader::app::Layer;
use meetup_reader::app::review::Popup;

use crate::support::screen::*;
use crate::support::site::*;

fn rows_in(path: &std::path::Path) -> usize {
    csv::Reader::from_path(path).unwrap().records().count()
}

fn export_field(app: &meetup_reader::app::App) -> (String, bool) {
    match app.layers.top() {
        Some(Layer::Review(Popup::Export { field, shown_only })) => {
            (field.text().to_string(), *shown_only)
        }
        other => panic!("no export popup: {other:?}"),
    }
}

#[test]
fn a_filtered_list_exports_what_it_shows_unless_all_is_chosen() {
    let site = review_site();
    let out = tempfile::tempdir().unwrap();
    let mut app = site.review_app();
    app.working_dir = out.path().to_path_buf();
    let mut term = terminal(120, 40);
    let screen = press(&mut app, &mut term, "/ a u t h o r : a n n enter E");
    assert!(
        screen.contains("this filter (1)") && screen.contains("all (4)"),
        "{screen}"
    );
    let (path, shown_only) = export_field(&app);
    assert!(shown_only, "the filter's posts by default");
    // Named for the site and the day, in the folder the app was started from.
    let expected = out.path().join(format!(
        "grades-{}-{}.csv",
        meetup_reader::draft::slugify(&site.posts.file_name().unwrap().to_string_lossy()),
        meetup_reader::draft::today()
    ));
    assert_eq!(std::path::PathBuf::from(&path), expected);
    press(&mut app, &mut term, "enter");
    assert_eq!(rows_in(&expected), 1, "only the filtered post");

    // The path is offered again; down chooses all.
    press(&mut app, &mut term, "E");
    assert_eq!(export_field(&app).0, expected.to_string_lossy());
    press(&mut app, &mut term, "down");
    assert!(!export_field(&app).1);
    press(&mut app, &mut term, "enter y");
    assert_eq!(rows_in(&expected), 4, "all posts");
}

#[test]
fn without_a_filter_everything_is_exported() {
    let site = review_site();
    let out = tempfile::tempdir().unwrap();
    let mut app = site.review_app();
    app.working_dir = out.path().to_path_buf();
    let mut term = terminal(120, 40);
    press(&mut app, &mut term, "E");
    let (path, shown_only) = export_field(&app);
    assert!(!shown_only);
    press(&mut app, &mut term, "enter");
    assert_eq!(rows_in(std::path::Path::new(&path)), 4);
}

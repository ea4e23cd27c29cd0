//! The README's table of keys is generated from the live keymap, so it cannot drift:
//! this test fails when they differ. `UPDATE_README=1 cargo test --test readme_keys`
//! rewrites the table.

use meetup_reader::app::keymap::Keymap;

const START: &str = "<!-- keys:start (generated from the keymap; see tests/readme_keys.rs) -->\n";
const END: &str = "<!-- keys:end -->";

fn keys_table() -> String {
    let mut table = String::from("| where | keys | what they do |\n|---|---|---|\n");
    for (mode, rows) in Keymap::default().help_sections() {
        for (keys, description) in rows {
            table.push_str(&format!(
                "| {} | {} | {} |\n",
                mode.title(),
                keys.replace('|', "\\|"),
                description.replace('|', "\\|")
            ));
        }
    }
    table
}

#[test]
fn the_readme_lists_the_keys_of_the_keymap() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let start = readme.find(START).expect("the README has a keys table") + START.len();
    let end = start + readme[start..].find(END).expect("the keys table ends");
    let table = keys_table();
    if std::env::var_os("UPDATE_README").is_some() {
        let updated = format!("{}{table}{}", &readme[..start], &readme[end..]);
        std::fs::write("README.md", updated).unwrap();
        return;
    }
    assert_eq!(
        readme[start..end],
        table,
        "the README's keys differ from the keymap; run UPDATE_README=1 cargo test --test readme_keys"
    );
}

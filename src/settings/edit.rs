//! Edits of the config file that keep everything else in it: its comments,
//! its order and its other sections (toml_edit). Pure: text in, text out.

use toml_edit::{value, DocumentMut, Item, Table};

use crate::core::probe::ConfigValue;

/// `text` with each of `values` set under `[limiter]` (the table made if
/// absent); an error when the text is not TOML.
pub fn set_limiter(text: &str, values: &[(&str, ConfigValue)]) -> Result<String, String> {
    let mut doc: DocumentMut = text.parse().map_err(|e: toml_edit::TomlError| e.to_string())?;
    if !doc.contains_key("limiter") {
        doc.insert("limiter", Item::Table(Table::new()));
    }
    let table = doc["limiter"].as_table_mut().ok_or("[limiter] is not a table")?;
    for (key, v) in values {
        table[*key] = match v {
            ConfigValue::Text(t) => value(t.as_str()),
            ConfigValue::Int(n) => value(i64::from(*n)),
            ConfigValue::Bool(b) => value(*b),
        };
    }
    Ok(doc.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sets_keys_and_keeps_the_rest() {
        let text = "# mine\n[redis]\nurl = \"redis://127.0.0.1:6379/0\" # kept\n\n[limiter]\npreset = \"contract\"\nwindow = \"fixed\"\n";
        let out = set_limiter(
            text,
            &[
                ("window", ConfigValue::Text("never".into())),
                ("database", ConfigValue::Int(1)),
                ("block_enforced", ConfigValue::Bool(false)),
            ],
        )
        .unwrap();
        assert!(out.starts_with("# mine\n[redis]\nurl = \"redis://127.0.0.1:6379/0\" # kept\n"), "{out}");
        assert!(
            out.contains("window = \"never\"")
                && out.contains("database = 1")
                && out.contains("block_enforced = false"),
            "{out}"
        );
        let fresh = set_limiter("", &[("counts", ConfigValue::Text("allowed".into()))]).unwrap();
        assert_eq!(fresh, "[limiter]\ncounts = \"allowed\"\n");
        assert!(set_limiter("not = [toml", &[]).is_err());
    }
}

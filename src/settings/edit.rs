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
    for (key, v) in values {
        // A row the file's own `[[rate_limit.buckets]]` defines is set
        // there: the limit stays in one place.
        if let ConfigValue::Limit { row, limit } = v {
            let limit = i64::try_from(*limit).map_err(|e| e.to_string())?;
            if let Some(bucket) = doc
                .get_mut("rate_limit")
                .and_then(|r| r.get_mut("buckets"))
                .and_then(Item::as_array_of_tables_mut)
                .and_then(|rows| rows.iter_mut().find(|t| t.get("name").and_then(Item::as_str) == Some(row)))
            {
                bucket["limit"] = value(limit);
                continue;
            }
        }
        let table = doc["limiter"].as_table_mut().ok_or("[limiter] is not a table")?;
        table[*key] = match v {
            ConfigValue::Text(t) => value(t.as_str()),
            ConfigValue::Int(n) => value(i64::from(*n)),
            ConfigValue::Bool(b) => value(*b),
            // One row of a table the file may already hold: the others kept.
            ConfigValue::Limit { row, limit } => {
                if !table.contains_key(key) {
                    table.insert(key, Item::Table(Table::new()));
                }
                let rows = table[*key].as_table_like_mut().ok_or_else(|| format!("[limiter] {key} is not a table"))?;
                rows.insert(row, value(i64::try_from(*limit).map_err(|e| e.to_string())?));
                continue;
            }
        };
    }
    Ok(doc.to_string())
}

/// The whole file as `--write` would make it, with `values` set under
/// `[limiter]`, when the validator of `config check` accepts it; otherwise
/// why not, in its words. A combination it refuses would stop every
/// command after the write, so nothing writes one.
pub fn propose(text: &str, file: Option<&std::path::Path>, values: &[(&str, ConfigValue)]) -> Result<String, String> {
    let edited = set_limiter(text, values)?;
    match crate::settings::parse(&edited, file) {
        Ok(_) => Ok(edited),
        Err(problems) => Err(format!(
            "the learned shape would make a config that `config check` refuses ({})",
            problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ")
        )),
    }
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
        let limits = |text| {
            set_limiter(
                text,
                &[("limits", ConfigValue::Limit { row: "api/v2/bookings/*/reschedule".into(), limit: 10 })],
            )
        };
        let added = limits("[limiter]\npreset = \"askproai-2025-10\"\n").unwrap();
        assert!(added.contains("[limiter.limits]\n\"api/v2/bookings/*/reschedule\" = 10\n"), "{added}");
        let kept = limits("[limiter]\nlimits = { default = 5, \"api/v2/bookings/*/reschedule\" = 20 }\n").unwrap();
        assert!(kept.contains("default = 5") && kept.contains("\"api/v2/bookings/*/reschedule\" = 10"), "{kept}");
        let contract = "[limiter]\n\n[[rate_limit.buckets]]\nname = \"reschedule\"\nlimit = 20 # mine\n";
        let set =
            set_limiter(contract, &[("limits", ConfigValue::Limit { row: "reschedule".into(), limit: 10 })]).unwrap();
        assert!(set.contains("name = \"reschedule\"\nlimit = 10") && !set.contains("limits"), "{set}");
        let fresh = set_limiter("", &[("counts", ConfigValue::Text("allowed".into()))]).unwrap();
        assert_eq!(fresh, "[limiter]\ncounts = \"allowed\"\n");
        assert!(set_limiter("not = [toml", &[]).is_err());
    }
}

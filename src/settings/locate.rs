//! Where in the file a problem is: unknown keys found by walking the file
//! against the default config's shape, and key paths turned into line numbers.

use toml_edit::{ImDocument, Item, TableLike};

/// Tables whose keys are names the user chooses (`[breakers.<service>]`,
/// the limit table's rows in `[limiter.limits]`).
const FREE_NAMED: &[&str] = &["breakers", "limiter.limits"];

/// A key path such as `rate_limit.buckets[2].window`.
pub type KeyPath = String;

/// Every key in `doc` that the config does not know, with its byte offset.
pub fn unknown_keys(doc: &ImDocument<&str>, shape: &toml::Value) -> Vec<(KeyPath, Option<usize>)> {
    let mut found = Vec::new();
    walk_table(doc.as_table(), shape, "", &mut found);
    found
}

fn join(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_string()
    } else {
        format!("{parent}.{key}")
    }
}

fn walk_table(table: &dyn TableLike, shape: &toml::Value, path: &str, found: &mut Vec<(KeyPath, Option<usize>)>) {
    let Some(known) = shape.as_table() else {
        return;
    };
    for (key, item) in table.iter() {
        let here = join(path, key);
        let offset = table.key(key).and_then(|k| k.span()).or_else(|| item.span()).map(|s| s.start);
        let Some(expected) = known.get(key) else {
            found.push((here, offset));
            continue;
        };
        if FREE_NAMED.contains(&here.as_str()) {
            let entry_shape = expected.as_table().and_then(|t| t.values().next());
            if let (Some(entries), Some(entry_shape)) = (item.as_table_like(), entry_shape) {
                for (name, entry) in entries.iter() {
                    walk_item(entry, entry_shape, &join(&here, name), found);
                }
            }
            continue;
        }
        walk_item(item, expected, &here, found);
    }
}

fn walk_item(item: &Item, shape: &toml::Value, path: &str, found: &mut Vec<(KeyPath, Option<usize>)>) {
    if let Some(table) = item.as_table_like() {
        walk_table(table, shape, path, found);
        return;
    }
    let Some(element_shape) = shape.as_array().and_then(|a| a.first()) else {
        return;
    };
    if let Some(tables) = item.as_array_of_tables() {
        for (i, t) in tables.iter().enumerate() {
            walk_table(t, element_shape, &format!("{path}[{i}]"), found);
        }
    } else if let Some(array) = item.as_array() {
        for (i, v) in array.iter().enumerate() {
            if let Some(t) = v.as_inline_table() {
                walk_table(t, element_shape, &format!("{path}[{i}]"), found);
            }
        }
    }
}

/// The byte offset of the value at `path`, or of the nearest parent found.
pub fn offset_of(doc: &ImDocument<&str>, path: &str) -> Option<usize> {
    let segments: Vec<&str> = path.split('.').collect();
    resolve(doc.as_table(), &segments)
}

fn resolve(table: &dyn TableLike, segments: &[&str]) -> Option<usize> {
    let (first, rest) = segments.split_first()?;
    let (name, index) = match first.split_once('[') {
        Some((n, i)) => (n, i.trim_end_matches(']').parse::<usize>().ok()),
        None => (*first, None),
    };
    let item = table.get(name)?;
    let here = table.key(name).and_then(|k| k.span()).or_else(|| item.span()).map(|s| s.start);
    let (child, child_offset): (Option<&dyn TableLike>, Option<usize>) = match index {
        Some(i) => match (item.as_array_of_tables(), item.as_array()) {
            (Some(aot), _) => {
                aot.get(i).map_or((None, None), |t| (Some(t as &dyn TableLike), t.span().map(|s| s.start)))
            }
            (_, Some(arr)) => arr.get(i).map_or((None, None), |v| {
                (v.as_inline_table().map(|t| t as &dyn TableLike), v.span().map(|s| s.start))
            }),
            _ => (None, None),
        },
        None => (item.as_table_like(), None),
    };
    let here = child_offset.or(here);
    match child {
        Some(t) if !rest.is_empty() => resolve(t, rest).or(here),
        _ => here,
    }
}

/// 1-based line of a byte offset.
pub fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())].iter().filter(|&&b| b == b'\n').count() + 1
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::file::FileConfig;

    fn shape() -> toml::Value {
        toml::Value::try_from(FileConfig::default()).unwrap()
    }

    fn unknown(text: &str) -> Vec<(String, usize)> {
        let doc = ImDocument::parse(text).unwrap();
        unknown_keys(&doc, &shape()).into_iter().map(|(k, o)| (k, line_of(text, o.unwrap()))).collect()
    }

    #[test]
    fn finds_unknown_keys_at_every_level() {
        let text = "bogus = 1\n[redis]\nurl = \"redis://x\"\nprefx = \"a\"\n\n[[rate_limit.buckets]]\nname = \"b\"\nlimt = 3\n\n[breakers.retell]\nfailure_treshold = 3\n";
        assert_eq!(
            unknown(text),
            [
                ("bogus".to_string(), 1),
                ("redis.prefx".to_string(), 4),
                ("rate_limit.buckets[0].limt".to_string(), 8),
                ("breakers.retell.failure_treshold".to_string(), 11),
            ]
        );
    }

    #[test]
    fn known_files_have_no_unknown_keys() {
        let text = toml::to_string(&FileConfig::default()).unwrap();
        assert!(unknown(&text).is_empty());
    }

    #[test]
    fn locates_values_by_path() {
        let text = "[redis]\nurl = \"x\"\n\n[[rate_limit.buckets]]\nname = \"a\"\n\n[[rate_limit.buckets]]\nname = \"b\"\nwindow = \"1x\"\n";
        let doc = ImDocument::parse(text).unwrap();
        let line = |p: &str| offset_of(&doc, p).map(|o| line_of(text, o));
        assert_eq!(line("redis.url"), Some(2));
        assert_eq!(line("rate_limit.buckets[1].window"), Some(9));
        assert_eq!(line("rate_limit.buckets[1]"), Some(7));
    }
}

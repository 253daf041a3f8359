//! A value as Laravel's Redis cache store writes it: a number raw (so
//! `INCRBY` works on it), anything else PHP-serialized (`s:4:"open";`).
//! Read back the way `RedisStore::unserialize` does: numeric text is the
//! number, the rest goes through `unserialize`.

/// What a stored value is, as far as gatewayctl needs to read it.
#[derive(Debug, Clone, PartialEq)]
pub enum CacheValue {
    Int(i64),
    Float(f64),
    Str(String),
    Bool(bool),
    Null,
    /// Serialized, but not a scalar this reader takes (an array, an object),
    /// or not serialized at all: the kind, never the bytes.
    Unreadable(&'static str),
}

impl CacheValue {
    /// Decodes one value as the cache store wrote it.
    pub fn decode(raw: &str) -> CacheValue {
        if let Some(n) = numeric(raw) {
            return n;
        }
        match serialized(raw) {
            Some(v) => v,
            None if raw.starts_with("a:") => CacheValue::Unreadable("a serialized array"),
            None if raw.starts_with("O:") => CacheValue::Unreadable("a serialized object"),
            None => CacheValue::Unreadable("neither a number nor a PHP-serialized value"),
        }
    }

    /// The value as text the way a breaker's `:state` compares it.
    pub fn as_text(&self) -> Option<&str> {
        match self {
            CacheValue::Str(s) => Some(s),
            _ => None,
        }
    }

    /// A whole, non-negative count or timestamp.
    pub fn as_count(&self) -> Option<u64> {
        match self {
            CacheValue::Int(n) => u64::try_from(*n).ok(),
            CacheValue::Str(s) => s.trim().parse().ok(),
            _ => None,
        }
    }
}

/// PHP's `is_numeric` for the plain forms a store writes: optional sign,
/// digits, an optional fraction.
fn numeric(raw: &str) -> Option<CacheValue> {
    let body = raw.strip_prefix('-').unwrap_or(raw);
    if body.is_empty() || !body.bytes().all(|b| b.is_ascii_digit() || b == b'.') || body.starts_with('.') {
        return None;
    }
    match raw.parse::<i64>() {
        Ok(n) => Some(CacheValue::Int(n)),
        Err(_) => raw.parse::<f64>().ok().map(CacheValue::Float),
    }
}

/// `s:N:"…";`, `i:N;`, `d:F;`, `b:0;`/`b:1;` and `N;`, the whole value.
fn serialized(raw: &str) -> Option<CacheValue> {
    if raw == "N;" {
        return Some(CacheValue::Null);
    }
    if let Some(rest) = raw.strip_prefix("s:") {
        let (len, rest) = rest.split_once(':')?;
        let len: usize = len.parse().ok()?;
        let body = rest.strip_prefix('"')?;
        // The length counts bytes; the string may hold quotes of its own.
        let text = body.get(..len)?;
        return (body.get(len..)? == "\";").then(|| CacheValue::Str(text.to_string()));
    }
    let inner = raw.strip_suffix(';')?;
    if let Some(n) = inner.strip_prefix("i:") {
        return n.parse().ok().map(CacheValue::Int);
    }
    if let Some(f) = inner.strip_prefix("d:") {
        return f.parse().ok().map(CacheValue::Float);
    }
    match inner {
        "b:0" => Some(CacheValue::Bool(false)),
        "b:1" => Some(CacheValue::Bool(true)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::CacheValue::{self, *};
    use proptest::prelude::*;

    #[test]
    fn reads_what_the_cache_store_writes() {
        let cases = [
            ("42", Int(42)),
            ("-3", Int(-3)),
            ("1.5", Float(1.5)),
            ("s:4:\"open\";", Str("open".into())),
            ("s:9:\"half_open\";", Str("half_open".into())),
            ("s:5:\"a\"b\"c\";", Str("a\"b\"c".into())),
            ("s:2:\"é\";", Str("é".into())),
            ("i:7;", Int(7)),
            ("d:0.25;", Float(0.25)),
            ("b:1;", Bool(true)),
            ("N;", Null),
        ];
        for (raw, want) in cases {
            assert_eq!(CacheValue::decode(raw), want, "{raw}");
        }
    }

    #[test]
    fn what_it_cannot_read_it_says_so_without_the_bytes() {
        for raw in ["open", "s:9:\"open\";", "s:4:\"open\"", "a:1:{i:0;i:1;}", "O:8:\"stdClass\":0:{}", "", "1e5", ".5"]
        {
            assert!(matches!(CacheValue::decode(raw), Unreadable(_)), "{raw}");
        }
        assert_eq!(CacheValue::decode("a:0:{}"), Unreadable("a serialized array"));
    }

    proptest! {
        #[test]
        fn never_panics(raw in "\\PC{0,40}") {
            let _ = CacheValue::decode(&raw);
        }

        #[test]
        fn a_serialized_string_round_trips(text in "\\PC{0,30}") {
            let raw = format!("s:{}:\"{text}\";", text.len());
            prop_assert_eq!(CacheValue::decode(&raw), Str(text));
        }
    }
}

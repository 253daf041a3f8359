//! The gateway's `LogSanitizer` (contract §5): redact what it redacts, and
//! find what it should have redacted but did not.

use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use crate::core::scan;

/// A key rule: a key containing any of `key_contains` is sensitive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyRule {
    pub id: String,
    pub key_contains: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SanitizerRules {
    /// Checked in order; the first rule whose substring occurs names the finding.
    pub keys: Vec<KeyRule>,
    pub redaction: String,
    /// Hex characters of SHA-256 kept for an email's local part.
    pub email_hash_chars: usize,
}

impl SanitizerRules {
    /// The contract's rules (§5), the config's defaults: what the gateway's
    /// `LogSanitizer` redacts out of the box.
    pub fn contract() -> SanitizerRules {
        let rule = |id: &str, keys: &[&str]| KeyRule {
            id: id.into(),
            key_contains: keys.iter().map(|k| k.to_string()).collect(),
        };
        SanitizerRules {
            keys: vec![
                rule("password", &["password"]),
                rule("secret", &["secret"]),
                rule("token", &["token"]),
                rule("api_key", &["api_key", "apikey"]),
                rule("authorization", &["authorization"]),
                rule("cookie", &["cookie"]),
            ],
            redaction: "[REDACTED]".into(),
            email_hash_chars: 12,
        }
    }
}

pub const RULE_CREDIT_CARD: &str = "credit_card";
pub const RULE_EMAIL: &str = "email";

/// Something the sanitizer should have redacted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub rule: String,
    /// Where: a JSON path such as `$.user.password` (or `$` for bare text).
    pub path: String,
}

impl SanitizerRules {
    /// The rule a key falls under, compared case-insensitively with `-` as `_`.
    pub fn key_rule(&self, key: &str) -> Option<&KeyRule> {
        // On the stack for the usual short key: the log scanner asks this
        // for every key name it meets.
        let mut buf = [0u8; 64];
        let owned: Vec<u8>;
        let normal: &[u8] = match key.len() <= buf.len() {
            true => {
                for (d, b) in buf.iter_mut().zip(key.bytes()) {
                    *d = if b == b'-' { b'_' } else { b.to_ascii_lowercase() };
                }
                &buf[..key.len()]
            }
            false => {
                owned = key.to_ascii_lowercase().replace('-', "_").into_bytes();
                &owned
            }
        };
        self.keys.iter().find(|r| r.key_contains.iter().any(|needle| contains(normal, needle.as_bytes())))
    }

    /// The sanitized copy of a logged context, as the gateway writes it.
    pub fn sanitize(&self, value: &Value) -> Value {
        match value {
            Value::Object(map) => Value::Object(
                map.iter()
                    .map(|(k, v)| {
                        let clean = match self.key_rule(k) {
                            Some(_) => Value::String(self.redaction.clone()),
                            None => self.sanitize(v),
                        };
                        (k.clone(), clean)
                    })
                    .collect::<Map<_, _>>(),
            ),
            Value::Array(items) => Value::Array(items.iter().map(|v| self.sanitize(v)).collect()),
            Value::String(s) => Value::String(self.redact_text(s)),
            other => other.clone(),
        }
    }

    /// Card numbers become the redaction, then email local parts are hashed.
    pub fn redact_text(&self, text: &str) -> String {
        let carded = replace_ranges(text, scan::cards(text).into_iter().map(|r| (r, self.redaction.clone())));
        let hashed = scan::emails(&carded)
            .into_iter()
            .map(|m| (m.range.start..m.at, self.hash_local(&carded[m.range.start..m.at])));
        replace_ranges(&carded, hashed)
    }

    fn hash_local(&self, local: &str) -> String {
        let digest = Sha256::digest(local.as_bytes());
        let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
        hex[..self.email_hash_chars.min(hex.len())].to_string()
    }

    /// Is this local part already the sanitizer's hash?
    pub fn is_hashed_local(&self, local: &str) -> bool {
        local.len() == self.email_hash_chars && local.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
    }

    /// Unsanitized values left in a logged context.
    pub fn inspect(&self, value: &Value) -> Vec<Finding> {
        let mut found = Vec::new();
        self.inspect_at(value, "$", &mut found);
        found
    }

    fn inspect_at(&self, value: &Value, path: &str, found: &mut Vec<Finding>) {
        match value {
            Value::Object(map) => {
                for (k, v) in map {
                    let here = format!("{path}.{k}");
                    match self.key_rule(k) {
                        Some(rule) if !self.is_redacted(v) => found.push(Finding { rule: rule.id.clone(), path: here }),
                        Some(_) => {}
                        None => self.inspect_at(v, &here, found),
                    }
                }
            }
            Value::Array(items) => {
                for (i, v) in items.iter().enumerate() {
                    self.inspect_at(v, &format!("{path}[{i}]"), found);
                }
            }
            Value::String(s) => {
                found.extend(
                    self.text_rules(s)
                        .into_iter()
                        .map(|rule| Finding { rule: rule.to_string(), path: path.to_string() }),
                );
            }
            _ => {}
        }
    }

    fn is_redacted(&self, v: &Value) -> bool {
        matches!(v, Value::String(s) if *s == self.redaction) || v.is_null()
    }

    /// Rule ids of the unsanitized cards and emails in free text.
    pub fn text_rules(&self, text: &str) -> Vec<&'static str> {
        let cards = scan::cards(text).into_iter().map(|_| RULE_CREDIT_CARD);
        let emails = scan::emails(text)
            .into_iter()
            .filter(|m| !self.is_hashed_local(&text[m.range.start..m.at]))
            .map(|_| RULE_EMAIL);
        cards.chain(emails).collect()
    }
}

/// Replaces non-overlapping ascending ranges of `text`.
fn replace_ranges(text: &str, edits: impl IntoIterator<Item = (std::ops::Range<usize>, String)>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for (range, with) in edits {
        out.push_str(&text[last..range.start]);
        out.push_str(&with);
        last = range.end;
    }
    out.push_str(&text[last..]);
    out
}

/// Does `hay` contain `needle`? (Keys are a few bytes: a plain window scan
/// beats building a searcher.)
fn contains(hay: &[u8], needle: &[u8]) -> bool {
    needle.is_empty() || hay.windows(needle.len()).any(|w| w == needle)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;

    pub fn contract() -> SanitizerRules {
        SanitizerRules::contract()
    }

    #[test]
    fn the_contract_email_example() {
        assert_eq!(contract().redact_text("john@example.com"), "96d9632f3635@example.com");
    }

    #[test]
    fn redacts_keys_at_any_depth_whatever_their_case() {
        let input = json!({
            "headers": {"X-Api-Key": "k", "Authorization": "Bearer t", "Cookie": "s=1", "Accept": "*/*"},
            "user": {"Password": "hunter2", "refresh_token": {"nested": 1}, "email": "Jane.Doe@corp.io"},
            "apiKey": "x", "client_secret": null, "list": ["4111 1111 1111 1111", 4111111111111111u64],
            "note": "order 4111111111111112"
        });
        let out = contract().sanitize(&input);
        let want = json!({
            "headers": {"X-Api-Key": "[REDACTED]", "Authorization": "[REDACTED]", "Cookie": "[REDACTED]", "Accept": "*/*"},
            "user": {"Password": "[REDACTED]", "refresh_token": "[REDACTED]", "email": contract().redact_text("Jane.Doe@corp.io")},
            "apiKey": "[REDACTED]", "client_secret": "[REDACTED]", "list": ["[REDACTED]", 4111111111111111u64],
            "note": "order 4111111111111112"
        });
        assert_eq!(out, want);
        assert!(out["user"]["email"].as_str().unwrap().ends_with("@corp.io"));
    }

    #[test]
    fn inspect_names_each_rule() {
        let input = json!({"password": "p", "x-api-key": "k", "Cookie": "c", "auth": {"Authorization": "b"},
            "secretive": "s", "csrf_token": "t", "msg": "pay 4111111111111111 from bob@x.org", "ok": "[REDACTED]",
            "hashed": "96d9632f3635@example.com"});
        let mut rules: Vec<_> = contract().inspect(&input).into_iter().map(|f| f.rule).collect();
        rules.sort();
        assert_eq!(
            rules,
            ["api_key", "authorization", "cookie", "credit_card", "email", "password", "secret", "token"]
        );
    }

    proptest! {
        /// Whatever goes in, nothing the rules look for survives sanitizing.
        /// (A word separates the card from the email: an email hash that starts
        /// with digits can extend a neighbouring digit run into a new card-shaped
        /// run, the contract's cards-then-emails order makes that possible, and the
        /// gateway behaves the same. So the random text carries no digits of its
        /// own: "4 kd.7p@-.a" becomes "4 839131007459@-.a", a Luhn-valid run.)
        #[test]
        fn sanitized_output_has_no_findings(
            keys in prop::collection::vec("[a-zA-Z_-]{1,12}", 1..6),
            texts in prop::collection::vec("[ a-z@.-]{0,40}", 1..6),
        ) {
            let rules = contract();
            let mut map = Map::new();
            for (k, t) in keys.iter().zip(texts.iter().cycle()) {
                map.insert(k.clone(), Value::String(format!("{t} 4111111111111111 x a.b@c.de")));
            }
            let clean = rules.sanitize(&Value::Object(map));
            prop_assert!(rules.inspect(&clean).is_empty(), "{clean}");
        }
    }
}

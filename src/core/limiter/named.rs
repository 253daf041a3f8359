//! Laravel's named limiters (`RateLimiter::for`) as the app answers: its
//! callback is called with synthetic guest requests that vary what a key
//! may read (the address, the API key sent or not, the body), and what it
//! returned for each is read into a [`NamedAnswer`] the model counts with.
//! Pure: the calls happen in a sealed run of the app's code.

use serde::{Deserialize, Serialize};

use crate::core::limiter::{KeyPart, NamedAnswer, NamedLimit};

/// One synthetic request the callback is called with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Probe {
    pub address: String,
    pub api_key: Option<String>,
    pub body: serde_json::Value,
}

/// What the callback returned for one probe.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Seen {
    /// `limits`, `none` (`Limit::none()`), `response` (a response of its
    /// own) or `error`.
    pub answer: String,
    #[serde(default)]
    pub limits: Vec<SeenLimit>,
    /// What it threw, for `error`.
    #[serde(default)]
    pub error: Option<String>,
}

/// One `Limit` as the callback returned it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeenLimit {
    pub max: u64,
    pub decay_s: u64,
    pub key: String,
    #[serde(default)]
    pub own_response: bool,
}

const ADDRESS: [&str; 2] = ["198.51.100.7", "198.51.100.8"];
const API_KEY: [&str; 2] = ["gatewayctl-named-key-one", "gatewayctl-named-key-two"];

/// The probes, in the order [`answer`] reads them: `body` is what
/// gatewayctl sends, `other` a body that differs in every field.
pub fn probes(body: &serde_json::Value, other: &serde_json::Value) -> Vec<Probe> {
    let probe = |address: usize, api_key: Option<usize>, body: &serde_json::Value| Probe {
        address: ADDRESS[address].into(),
        api_key: api_key.map(|k| API_KEY[k].to_string()),
        body: body.clone(),
    };
    vec![
        probe(0, Some(0), body),
        probe(1, Some(0), body),
        probe(0, Some(1), body),
        probe(0, None, body),
        probe(1, None, body),
        probe(0, Some(0), other),
    ]
}

/// What the limiter answers gatewayctl's requests, from what it returned
/// for each of [`probes`]: the same limits every time, each key a template
/// of the address and the API key that explains every probe's key; else
/// unknown, with why.
pub fn answer(seen: &[Seen]) -> NamedAnswer {
    let Some(first) = seen.first() else { return NamedAnswer::Unknown("it was not called".into()) };
    if seen.len() != 6 {
        return NamedAnswer::Unknown(format!("it answered {} of 6 requests", seen.len()));
    }
    if let Some(e) = seen.iter().find_map(|s| s.error.as_ref().filter(|_| s.answer == "error")) {
        return NamedAnswer::Unknown(format!("its callback threw: {e}"));
    }
    if seen.iter().any(|s| s.answer != first.answer) {
        return NamedAnswer::Unknown("it answers requests differently by who sends them".into());
    }
    match first.answer.as_str() {
        "none" => return NamedAnswer::Unlimited,
        "response" => return NamedAnswer::Unknown("it answers with a response of its own before counting".into()),
        "limits" => {}
        other => return NamedAnswer::Unknown(format!("it returned {other}")),
    }
    let n = first.limits.len();
    if n == 0 || seen.iter().any(|s| s.limits.len() != n) {
        return NamedAnswer::Unknown("it returns a different number of limits by request".into());
    }
    let mut limits = Vec::new();
    for i in 0..n {
        let at = |p: usize| &seen[p].limits[i];
        let (max, decay_s) = (at(0).max, at(0).decay_s);
        if (1..6).any(|p| at(p).max != max || at(p).decay_s != decay_s) {
            return NamedAnswer::Unknown(format!("its limit {} differs by request", i + 1));
        }
        if at(5).key != at(0).key {
            return NamedAnswer::Unknown(format!("the key of its limit {} reads the request's body", i + 1));
        }
        let with = template(&at(0).key, ADDRESS[0], Some(API_KEY[0])).filter(|t| {
            render(t, ADDRESS[1], API_KEY[0]) == at(1).key && render(t, ADDRESS[0], API_KEY[1]) == at(2).key
        });
        let without = template(&at(3).key, ADDRESS[0], None).filter(|t| render(t, ADDRESS[1], "") == at(4).key);
        if with.is_none() && without.is_none() {
            return NamedAnswer::Unknown(format!(
                "the key of its limit {} reads something other than the address and the API key",
                i + 1
            ));
        }
        let own_response = (0..6).any(|p| at(p).own_response);
        limits.push(NamedLimit { max, decay_s, key_with_api_key: with, key_without: without, own_response });
    }
    NamedAnswer::Limits(limits)
}

/// `key` as text, the address and the API key where they stand in it.
fn template(key: &str, address: &str, api_key: Option<&str>) -> Option<Vec<KeyPart>> {
    let mut parts = Vec::new();
    let mut rest = key;
    loop {
        let next = [(address, KeyPart::Address)]
            .into_iter()
            .chain(api_key.map(|k| (k, KeyPart::ApiKey)))
            .filter_map(|(marker, part)| rest.find(marker).map(|at| (at, marker.len(), part)))
            .min_by_key(|(at, _, _)| *at);
        match next {
            Some((at, len, part)) => {
                if at > 0 {
                    parts.push(KeyPart::Text(rest[..at].to_string()));
                }
                parts.push(part);
                rest = &rest[at + len..];
            }
            None => {
                if !rest.is_empty() {
                    parts.push(KeyPart::Text(rest.to_string()));
                }
                return Some(parts);
            }
        }
    }
}

fn render(template: &[KeyPart], address: &str, api_key: &str) -> String {
    template
        .iter()
        .map(|p| match p {
            KeyPart::Text(t) => t.as_str(),
            KeyPart::Address => address,
            KeyPart::ApiKey => api_key,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits(keys: &[&str], max: u64) -> Seen {
        Seen {
            answer: "limits".into(),
            limits: keys
                .iter()
                .map(|k| SeenLimit { max, decay_s: 60, key: k.to_string(), own_response: false })
                .collect(),
            error: None,
        }
    }

    /// What a callback keyed by `key(address, api key)` returns for each probe.
    fn seen_by(key: impl Fn(&Probe) -> String) -> Vec<Seen> {
        let body = serde_json::json!({"service_id": 1});
        probes(&body, &serde_json::json!({"service_id": 2})).iter().map(|p| limits(&[&key(p)], 10)).collect()
    }

    #[test]
    fn a_key_by_address_or_api_key_becomes_a_template() {
        let by_ip = answer(&seen_by(|p| p.address.clone()));
        let NamedAnswer::Limits(l) = by_ip else { panic!("{by_ip:?}") };
        assert_eq!(l[0].key_with_api_key, Some(vec![KeyPart::Address]));
        assert_eq!(l[0].key_without, Some(vec![KeyPart::Address]));
        let by_key = answer(&seen_by(|p| format!("k:{}", p.api_key.clone().unwrap_or_else(|| p.address.clone()))));
        let NamedAnswer::Limits(l) = by_key else { panic!("{by_key:?}") };
        assert_eq!(l[0].key_with_api_key, Some(vec![KeyPart::Text("k:".into()), KeyPart::ApiKey]));
        assert_eq!(l[0].key_without, Some(vec![KeyPart::Text("k:".into()), KeyPart::Address]));
        // A key of an input field gatewayctl never sends is empty: one key for every client.
        let constant = answer(&seen_by(|_| String::new()));
        let NamedAnswer::Limits(l) = constant else { panic!("{constant:?}") };
        assert_eq!(l[0].key_without, Some(vec![]));
    }

    #[test]
    fn what_the_model_cannot_follow_is_unknown_with_why() {
        let body = answer(&seen_by(|p| p.body["service_id"].to_string()));
        assert!(matches!(&body, NamedAnswer::Unknown(w) if w.contains("body")), "{body:?}");
        let mut odd = seen_by(|p| p.address.clone());
        odd[2].limits[0].key = "someone".into();
        odd[3].limits[0].key = "else".into();
        assert!(matches!(answer(&odd), NamedAnswer::Unknown(w) if w.contains("other than")));
        let mut threw = seen_by(|p| p.address.clone());
        threw[1] = Seen { answer: "error".into(), limits: vec![], error: Some("RuntimeException: no".into()) };
        assert!(matches!(answer(&threw), NamedAnswer::Unknown(w) if w.contains("RuntimeException")));
        let none = vec![Seen { answer: "none".into(), limits: vec![], error: None }; 6];
        assert_eq!(answer(&none), NamedAnswer::Unlimited);
        let mut mixed = none.clone();
        mixed[3] = limits(&["x"], 5);
        assert!(matches!(answer(&mixed), NamedAnswer::Unknown(w) if w.contains("differently")));
    }
}

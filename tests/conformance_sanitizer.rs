//! The sanitizer: what the lab writes to laravel.log for a context full of
//! secrets equals what the core's sanitizer makes of the same context, on
//! all three sanitized endpoints, for fixed and generated payloads.

use serde_json::{json, Map, Value};

use crate::lab::{Lab, Rng};

const ENDPOINTS: &[(&str, &str)] = &[
    ("/api/webhooks/calcom", "Cal.com webhook received"),
    ("/api/webhooks/retell", "Retell webhook received"),
    ("/api/retell/collect-appointment", "Retell collect appointment"),
];

fn fixed() -> Vec<Value> {
    vec![
        json!({"password": "hunter2", "user": {"email": "john@example.com", "X-Api-Key": "k-123", "name": "John"},
               "card": "4111 1111 1111 1111", "order": "4111111111111112", "headers": {"Authorization": "Bearer abc", "Cookie": "s=1"},
               "notes": ["call jane.doe+x@corp.example.org", "pay with 5500-0000-0000-0004 please"], "attempt": 3}),
        json!({"client_secret": "s", "refresh_token": {"nested": "deep"}, "apiKey": "x", "message": "a@b.co and c@d.io, 378282246310005"}),
    ]
}

fn generated(seed: u64) -> Value {
    let mut rng = Rng::new(seed);
    let keys = [
        "password",
        "Password",
        "x-api-key",
        "apiKey",
        "csrf_token",
        "note",
        "email",
        "Authorization",
        "cookie",
        "name",
        "comment",
    ];
    let texts = [
        "plain words",
        "mail me at max.mustermann@example.de",
        "card 4111111111111111 ok",
        "card 4111 1111 1111 1112 is not valid",
        "5 4111111111111111 x",
        "id 12345678901234 and bob@x.io",
        "+49 30 1234567",
        "",
    ];
    let mut map = Map::new();
    for _ in 0..1 + rng.below(6) {
        let key = format!("{}{}", rng.pick(&keys), rng.below(3));
        let value = if rng.below(4) == 0 {
            json!({"inner": rng.pick(&texts).to_string(), (*rng.pick(&keys)).to_string(): rng.pick(&texts).to_string()})
        } else {
            Value::String(rng.pick(&texts).to_string())
        };
        map.insert(key, value);
    }
    Value::Object(map)
}

/// The context logged for the request whose payload carries `marker`.
fn logged_context(log: &str, message: &str, marker: &str) -> Value {
    let line = log
        .lines()
        .find(|l| l.contains(message) && l.contains(marker))
        .unwrap_or_else(|| panic!("no {message} line for {marker}:\n{log}"));
    let after = &line[line.find(message).unwrap() + message.len()..];
    serde_json::Deserializer::from_str(after.trim()).into_iter::<Value>().next().expect("a JSON context").unwrap()
}

#[test]
fn logged_contexts_equal_the_models_sanitizing() {
    logged_contexts_equal_the_models_sanitizing_on(&[]);
}

/// The same, unchanged, against Redis Cluster (three primaries, the app on phpredis's RedisCluster).
#[test]
fn on_a_cluster_logged_contexts_equal_the_models_sanitizing() {
    logged_contexts_equal_the_models_sanitizing_on(&["--redis", "cluster"]);
}

fn logged_contexts_equal_the_models_sanitizing_on(redis: &[&str]) {
    let lab = Lab::start_with("sanitizer", None, redis);
    let http = lab.http(None);
    let mut sent = Vec::new();
    let payloads: Vec<Value> = fixed().into_iter().chain((1..=12).map(generated)).collect();
    for (i, mut payload) in payloads.into_iter().enumerate() {
        let (path, message) = ENDPOINTS[i % ENDPOINTS.len()];
        let marker = format!("probe-{i:04}");
        payload.as_object_mut().unwrap().insert("request_ref".into(), Value::String(marker.clone()));
        let got = lab.send(&http, "POST", path, &[("X-Api-Key", &format!("sanitizer-{i}"))], Some(&payload));
        assert_eq!(got.status, 200, "{path}: {}", got.body);
        sent.push((message, marker, payload));
    }
    let log = lab.laravel_log();
    for (message, marker, payload) in sent {
        let want = lab.settings.sanitizer.sanitize(&payload);
        assert_eq!(logged_context(&log, message, &marker), want, "payload {payload}");
        assert!(
            lab.settings.sanitizer.inspect(&want).iter().all(|f| f.rule == "credit_card" || f.rule == "email"),
            "{want}"
        );
    }
}

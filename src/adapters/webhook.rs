//! Alerts to a Slack-compatible incoming webhook: retried, never fatal, and
//! the URL (which carries Slack's token) is never printed.

use std::time::Duration;

/// The webhook URL as it may be shown: scheme and host only (Slack's token
/// is its path, and a query or user part may hold one too).
pub fn mask(url: &str) -> String {
    if url.is_empty() {
        return String::new();
    }
    match reqwest::Url::parse(url) {
        Ok(u) => format!("{}://{}/***", u.scheme(), u.host_str().unwrap_or("?")),
        Err(_) => "<unparseable webhook URL>".into(),
    }
}

/// How a delivery went.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Delivery {
    pub delivered: bool,
    pub attempts: u32,
    pub error: Option<String>,
}

/// POSTs `{"text": …}` with up to three attempts (0.5 s, then 1 s apart).
pub async fn post(client: &reqwest::Client, url: &str, text: &str) -> Delivery {
    let body = serde_json::json!({ "text": text });
    let mut error = None;
    for attempt in 1..=3u32 {
        match client.post(url).json(&body).timeout(Duration::from_secs(5)).send().await {
            Ok(r) if r.status().is_success() => return Delivery { delivered: true, attempts: attempt, error: None },
            Ok(r) => error = Some(format!("the webhook answered {}", r.status().as_u16())),
            Err(e) => {
                error = Some(if e.is_timeout() {
                    "timed out".into()
                } else if e.is_connect() {
                    "connection failed".into()
                } else {
                    "request failed".into()
                })
            }
        }
        if attempt < 3 {
            tokio::time::sleep(Duration::from_millis(500 * u64::from(attempt))).await;
        }
    }
    Delivery { delivered: false, attempts: 3, error }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_token_is_never_shown() {
        let shown = super::mask("https://hooks.slack.com/services/T0/B0/s3cr3tT0ken?x=1");
        assert_eq!(shown, "https://hooks.slack.com/***");
        assert_eq!(super::mask(""), "");
    }
}

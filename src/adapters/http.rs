//! HTTP to the gateway: one request in, status + headers + body + time out.
//! Always asks for JSON (Laravel renders errors as HTML otherwise).

use std::collections::BTreeMap;
use std::net::IpAddr;
use std::time::{Duration, Instant};

use reqwest::header::{HeaderMap, HeaderName, HeaderValue, ACCEPT};
use reqwest::{Method, Url};

#[derive(Debug, thiserror::Error)]
pub enum HttpError {
    #[error("invalid gateway URL {url}: {reason}; check gateway.base_url")]
    Url { url: String, reason: String },
    #[error("cannot reach the gateway at {url}: {reason}; check that nginx and php-fpm run and gateway.base_url")]
    Connect { url: String, reason: String },
    #[error("the gateway did not answer {url} within {}ms", timeout.as_millis())]
    Timeout { url: String, timeout: Duration },
    #[error("request to {url} failed: {reason}")]
    Request { url: String, reason: String },
    #[error("{path:?} is not a path on the gateway ({base}): it would send the request, and its API key, to another host; write a path such as /api/health")]
    OffHost { path: String, base: String },
}

impl HttpError {
    pub fn is_unreachable(&self) -> bool {
        matches!(self, HttpError::Connect { .. } | HttpError::Timeout { .. })
    }
}

/// One request and its answer.
#[derive(Debug, Clone)]
pub struct Exchange {
    pub status: u16,
    /// Lowercase header names; repeated headers joined with ", ".
    pub headers: BTreeMap<String, String>,
    pub body: String,
    pub elapsed: Duration,
}

impl Exchange {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(&name.to_ascii_lowercase()).map(String::as_str)
    }

    /// A header parsed as an unsigned number.
    pub fn header_u64(&self, name: &str) -> Option<u64> {
        self.header(name)?.trim().parse().ok()
    }

    pub fn json(&self) -> Option<serde_json::Value> {
        serde_json::from_str(&self.body).ok()
    }
}

/// A client for one gateway.
#[derive(Clone)]
pub struct Http {
    client: reqwest::Client,
    base: Url,
    timeout: Duration,
}

impl Http {
    pub fn new(base_url: &str, timeout: Duration, local_address: Option<IpAddr>) -> Result<Http, HttpError> {
        let base = Url::parse(base_url).map_err(|e| HttpError::Url { url: base_url.into(), reason: e.to_string() })?;
        let mut defaults = HeaderMap::new();
        defaults.insert(ACCEPT, HeaderValue::from_static("application/json"));
        let client = reqwest::Client::builder()
            .timeout(timeout)
            .default_headers(defaults)
            .local_address(local_address)
            .build()
            .map_err(|e| HttpError::Request { url: base_url.into(), reason: e.to_string() })?;
        Ok(Http { client, base, timeout })
    }

    /// The URL of `path` on the gateway. A path is only ever a path on
    /// `base_url`: `//host/…`, `http://…` or `\\host` (a network-path
    /// reference) would name another host, and is refused.
    pub fn url(&self, path: &str) -> Result<String, HttpError> {
        let off = || HttpError::OffHost { path: path.to_string(), base: self.base.to_string() };
        if !path.starts_with('/') || path.starts_with("//") || path.starts_with("/\\") || path.contains("://") {
            return Err(off());
        }
        let joined = self.base.join(path).map_err(|_| off())?;
        let same_origin = joined.scheme() == self.base.scheme()
            && joined.host_str() == self.base.host_str()
            && joined.port_or_known_default() == self.base.port_or_known_default();
        if !same_origin {
            return Err(off());
        }
        Ok(joined.to_string())
    }

    /// Sends `method path` with extra headers and an optional JSON body.
    pub async fn send(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        json: Option<&serde_json::Value>,
    ) -> Result<Exchange, HttpError> {
        let url = self.url(path)?;
        let fail = |reason: String| HttpError::Request { url: url.clone(), reason };
        let method = Method::from_bytes(method.as_bytes()).map_err(|e| fail(e.to_string()))?;
        let mut request = self.client.request(method, &url);
        for (name, value) in headers {
            let name = HeaderName::from_bytes(name.as_bytes()).map_err(|e| fail(e.to_string()))?;
            request = request.header(name, *value);
        }
        if let Some(body) = json {
            request = request.json(body);
        }
        let started = Instant::now();
        let response = request.send().await.map_err(|e| self.classify(&url, e))?;
        let status = response.status().as_u16();
        let mut collected: BTreeMap<String, String> = BTreeMap::new();
        for (name, value) in response.headers() {
            let value = String::from_utf8_lossy(value.as_bytes()).into_owned();
            collected.entry(name.as_str().to_string()).and_modify(|v| *v = format!("{v}, {value}")).or_insert(value);
        }
        let body = response.text().await.map_err(|e| self.classify(&url, e))?;
        Ok(Exchange { status, headers: collected, body, elapsed: started.elapsed() })
    }

    /// The method and URL of `method path`, checked as [`Http::url`] checks
    /// it: for the load engine, which sends it again and again.
    pub fn prepare(&self, method: &str, path: &str) -> Result<(Method, Url), HttpError> {
        let url = self.url(path)?;
        let fail = |reason: String| HttpError::Request { url: url.clone(), reason };
        let method = Method::from_bytes(method.as_bytes()).map_err(|e| fail(e.to_string()))?;
        let parsed = Url::parse(&url).map_err(|e| fail(e.to_string()))?;
        Ok((method, parsed))
    }

    pub async fn get(&self, path: &str) -> Result<Exchange, HttpError> {
        self.send("GET", path, &[], None).await
    }

    fn classify(&self, url: &str, e: reqwest::Error) -> HttpError {
        let reason = std::error::Error::source(&e).map(|s| s.to_string()).unwrap_or_else(|| e.to_string());
        if e.is_timeout() {
            HttpError::Timeout { url: url.into(), timeout: self.timeout }
        } else if e.is_connect() {
            HttpError::Connect { url: url.into(), reason }
        } else {
            HttpError::Request { url: url.into(), reason }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_never_names_another_host() {
        let http = Http::new("http://127.0.0.1:8080", Duration::from_secs(1), None).unwrap();
        assert_eq!(http.url("/api/health").unwrap(), "http://127.0.0.1:8080/api/health");
        for bad in ["//127.0.0.2:18080/api/v2/bookings", "http://evil/x", "api/health", "/\\evil/x", "//evil"] {
            assert!(matches!(http.url(bad), Err(HttpError::OffHost { .. })), "{bad}");
        }
    }
}

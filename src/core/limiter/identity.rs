//! Who a request counts as, and the names made from it: the identity, its
//! hash, the counter and throttle keys, and the masks that keep an API key
//! out of every output.

use md5::{Digest, Md5};

/// Who the limiter counts: the API key when the request sends one, else the IP.
#[derive(Clone, PartialEq, Eq)]
pub enum Identity {
    ApiKey(String),
    Ip(String),
}

impl Identity {
    /// An empty `X-Api-Key` counts as absent, as the gateway reads it.
    pub fn of(api_key: Option<&str>, ip: &str) -> Self {
        match api_key.filter(|k| !k.is_empty()) {
            Some(key) => Identity::ApiKey(key.to_string()),
            None => Identity::Ip(ip.to_string()),
        }
    }

    /// Parses `ip:1.2.3.4`, or an API key as `key:<k>` or `api:<k>` (the
    /// shape decides which form is hashed).
    pub fn parse(text: &str) -> Option<Self> {
        if let Some(ip) = text.strip_prefix("ip:") {
            return (!ip.is_empty()).then(|| Identity::Ip(ip.to_string()));
        }
        let key = text.strip_prefix("key:").or_else(|| text.strip_prefix("api:"))?;
        (!key.is_empty()).then(|| Identity::ApiKey(key.to_string()))
    }

    /// A form safe to print: an API key keeps only its first and last two chars.
    pub fn masked(&self) -> String {
        match self {
            Identity::Ip(ip) => format!("ip:{ip}"),
            Identity::ApiKey(k) => format!("key:{}", mask_secret(k)),
        }
    }
}

impl std::fmt::Debug for Identity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.masked())
    }
}

/// A Redis key name safe to print: where it holds a raw identity after
/// `abuse:` or `blocked:` (`abuse:api:<key>`, `blocked:key:<key>`), the
/// API key is masked; session ids too. Hashed names pass unchanged.
pub fn mask_key_name(name: &str) -> String {
    for marker in ["abuse:", "blocked:"] {
        let Some(at) = name.find(marker) else { continue };
        let rest = &name[at + marker.len()..];
        let Some((label, secret)) = rest.split_once(':') else { continue };
        if matches!(label, "api" | "key" | "session") && !secret.is_empty() {
            let (secret, tail) = secret.split_once(':').map_or((secret, ""), |(s, t)| (s, t));
            let tail = if tail.is_empty() { String::new() } else { format!(":{tail}") };
            return format!("{}{label}:{}{tail}", &name[..at + marker.len()], mask_secret(secret));
        }
    }
    name.to_string()
}

/// Masks a secret for display, keeping at most two characters at each end.
pub fn mask_secret(secret: &str) -> String {
    let chars: Vec<char> = secret.chars().collect();
    if chars.len() < 8 {
        return "***".to_string();
    }
    let head: String = chars[..2].iter().collect();
    let tail: String = chars[chars.len() - 2..].iter().collect();
    format!("{head}***{tail}")
}

/// Lowercase hex md5, the gateway's key component.
pub fn md5_hex(text: &str) -> String {
    Md5::digest(text.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// The key Laravel's plain `throttle` counts a guest in: `sha1` of the
/// route's domain (none), `|`, and the address the request came from
/// (`ThrottleRequests::resolveRequestSignature`). Its window is the
/// `:timer` key beside it.
pub fn throttle_key(address: &str) -> String {
    sha1::Sha1::digest(format!("|{address}").as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// `rate_limit:<identity hash>:<scope>`, scope a bucket name or a path's md5.
pub fn counter_key(identity_hash: &str, scope: &str) -> String {
    format!("rate_limit:{identity_hash}:{scope}")
}

//! Redis URLs shown to people: the password is always masked, and any error
//! text that might echo it is scrubbed.

/// The URL with its password (and a user's password) replaced by `***`.
pub fn mask(url: &str) -> String {
    match reqwest::Url::parse(url) {
        Ok(mut parsed) => {
            if parsed.password().is_some() {
                let _ = parsed.set_password(Some("***"));
            }
            parsed.to_string()
        }
        // Unparseable: show only the scheme so nothing secret can leak.
        Err(_) => match url.split_once("://") {
            Some((scheme, _)) => format!("{scheme}://<unparseable>"),
            None => "<unparseable Redis URL>".to_string(),
        },
    }
}

/// The password in a URL, if any (percent-decoded as the client sends it).
pub fn password(url: &str) -> Option<String> {
    let parsed = reqwest::Url::parse(url).ok()?;
    let raw = parsed.password()?;
    Some(percent_decode(raw))
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Removes every occurrence of the URL's password from `text`.
pub fn scrub(text: &str, url: &str) -> String {
    let mut clean = text.to_string();
    for secret in [password(url), reqwest::Url::parse(url).ok().and_then(|u| u.password().map(str::to_string))]
        .into_iter()
        .flatten()
        .filter(|s| !s.is_empty())
    {
        clean = clean.replace(&secret, "***");
    }
    clean
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_passwords() {
        assert_eq!(mask("redis://:s3cr%40t@10.0.0.5:6380/2"), "redis://:***@10.0.0.5:6380/2");
        assert_eq!(mask("rediss://user:pw@host/0"), "rediss://user:***@host/0");
        assert_eq!(mask("redis://127.0.0.1:6379/0"), "redis://127.0.0.1:6379/0");
        assert!(!mask("redis://:pw@[bad").contains("pw"));
    }

    #[test]
    fn scrubs_decoded_and_raw_forms() {
        let url = "redis://:s3cr%40t@h/0";
        assert_eq!(password(url).as_deref(), Some("s3cr@t"));
        assert_eq!(scrub("auth s3cr@t and s3cr%40t failed", url), "auth *** and *** failed");
    }
}

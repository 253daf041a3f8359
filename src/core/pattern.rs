//! Laravel's `Str::is` path patterns: `*` matches any run of characters,
//! slashes included, and the whole path must match.

/// Does `path` match `pattern` the way `$request->is($pattern)` decides?
pub fn matches(pattern: &str, path: &str) -> bool {
    let pattern = pattern.as_bytes();
    let path = path.as_bytes();
    // Iterative glob with single-star backtracking: linear in practice, no recursion.
    let (mut p, mut s) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while s < path.len() {
        if p < pattern.len() && pattern[p] == b'*' {
            star = Some((p, s));
            p += 1;
        } else if p < pattern.len() && pattern[p] == path[s] {
            p += 1;
            s += 1;
        } else if let Some((sp, ss)) = star {
            p = sp + 1;
            s = ss + 1;
            star = Some((sp, ss + 1));
        } else {
            return false;
        }
    }
    pattern[p..].iter().all(|&c| c == b'*')
}

#[cfg(test)]
mod tests {
    use super::matches;

    #[test]
    fn behaves_like_str_is() {
        let cases = [
            ("v2/bookings", "v2/bookings", true),
            ("v2/bookings", "v2/bookings/1", false),
            ("v2/bookings/*", "v2/bookings/1", true),
            ("v2/bookings/*", "v2/bookings/1/reschedule", true),
            ("v2/bookings/*/reschedule", "v2/bookings/17/reschedule", true),
            ("v2/bookings/*/reschedule", "v2/bookings/17", false),
            ("webhooks/*", "webhooks/calcom", true),
            ("webhooks/*", "webhooks", false),
            ("*", "", true),
            ("a*b*c", "aXbYc", true),
            ("a*b*c", "aXbY", false),
        ];
        for (pattern, path, want) in cases {
            assert_eq!(matches(pattern, path), want, "{pattern} ~ {path}");
        }
    }
}

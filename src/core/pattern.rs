//! Path patterns where `*` is the only wildcard and the whole path must
//! match: Laravel's `Str::is` (`*` crosses slashes), and a regex such as
//! `^api/v2/bookings/[^/]*$` (`*` stays in one segment).

/// Does `path` match `pattern` the way `$request->is($pattern)` decides?
pub fn matches(pattern: &str, path: &str) -> bool {
    glob(pattern, path, true)
}

/// Does `path` match `pattern` anchored at both ends, `*` as `[^/]*`?
pub fn matches_in_segment(pattern: &str, path: &str) -> bool {
    glob(pattern, path, false)
}

fn glob(pattern: &str, path: &str, star_crosses_slash: bool) -> bool {
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
        } else if let Some((sp, ss)) = star.filter(|&(_, ss)| star_crosses_slash || path[ss] != b'/') {
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
    use super::{matches, matches_in_segment};

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

    #[test]
    fn an_anchored_star_is_one_segment() {
        let cases = [
            ("api/v2/bookings", "api/v2/bookings", true),
            ("api/v2/bookings", "api/v2/bookings/7", false),
            ("api/v2/bookings/*/reschedule", "api/v2/bookings/7/reschedule", true),
            ("api/v2/bookings/*/reschedule", "api/v2/bookings/7/8/reschedule", false),
            ("api/v2/availability/*", "api/v2/availability/simple", true),
            ("api/v2/availability/*", "api/v2/availability/a/b", false),
            ("webhooks/*", "api/webhooks/calcom", false),
            ("webhooks/*", "webhooks/calcom", true),
            ("a*b", "aXXb", true),
            ("a*b", "aX/b", false),
        ];
        for (pattern, path, want) in cases {
            assert_eq!(matches_in_segment(pattern, path), want, "{pattern} ~ {path}");
        }
    }
}

//! Finders for card numbers and email addresses in free text, written to give
//! the same matches as the gateway's PCRE patterns, match by match:
//!
//! - card:  `(?<![0-9])[0-9](?:[ -]?[0-9]){12,18}(?![0-9])`, kept when Luhn-valid
//! - email: `[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+`
//!
//! Like `preg_replace_callback`, a card-shaped match that fails Luhn is
//! skipped whole: scanning resumes after it, not inside it.

use std::ops::Range;

const MIN_CARD_DIGITS: usize = 13;
const MAX_CARD_DIGITS: usize = 19;

/// Luhn-valid card numbers, as byte ranges (separators included).
pub fn cards(text: &str) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    for_each_card(text.as_bytes(), |r| found.push(r));
    found
}

/// Calls `each` with every Luhn-valid card number in `bytes`, in order; the
/// same matches as [`cards`], without allocating (the scanner calls it on
/// every long digit run of a log).
pub fn for_each_card(bytes: &[u8], mut each: impl FnMut(Range<usize>)) {
    let mut at = 0;
    while at < bytes.len() {
        let starts_run = bytes[at].is_ascii_digit() && (at == 0 || !bytes[at - 1].is_ascii_digit());
        match starts_run.then(|| card_shape_at(bytes, at)).flatten() {
            Some(end) => {
                if luhn_valid(&bytes[at..end]) {
                    each(at..end);
                }
                at = end;
            }
            None => at += 1,
        }
    }
}

/// The end of the longest card-shaped run starting at `start` that is not
/// followed by a digit, as the greedy quantifier backtracks to it.
fn card_shape_at(bytes: &[u8], start: usize) -> Option<usize> {
    // Ends after 1..=19 digits, on the stack: this runs at every digit run.
    let mut ends = [0usize; MAX_CARD_DIGITS];
    let mut count = 1;
    let mut pos = start + 1;
    ends[0] = pos;
    let digit_at = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_digit);
    while count < MAX_CARD_DIGITS {
        if digit_at(pos) {
            pos += 1;
        } else if matches!(bytes.get(pos), Some(b' ' | b'-')) && digit_at(pos + 1) {
            pos += 2;
        } else {
            break;
        }
        ends[count] = pos;
        count += 1;
    }
    if count < MIN_CARD_DIGITS {
        return None;
    }
    ends[MIN_CARD_DIGITS - 1..count].iter().rev().copied().find(|&end| !digit_at(end))
}

/// The Luhn check over the digits of `candidate` (separators ignored).
pub fn luhn_valid(candidate: &[u8]) -> bool {
    let mut sum = 0u32;
    let mut double = false;
    for &b in candidate.iter().rev().filter(|b| b.is_ascii_digit()) {
        let mut d = u32::from(b - b'0');
        if double {
            d *= 2;
            if d > 9 {
                d -= 9;
            }
        }
        sum += d;
        double = !double;
    }
    sum % 10 == 0
}

/// An email address: the whole match and where its local part ends (the `@`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmailMatch {
    pub range: Range<usize>,
    pub at: usize,
}

fn is_local(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'%' | b'+' | b'-')
}

fn is_label(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-'
}

/// Every email address in `text`, leftmost first, never overlapping.
pub fn emails(text: &str) -> Vec<EmailMatch> {
    email_matches(text.as_bytes())
}

/// [`emails`] over bytes that need not be UTF-8: every byte an address is
/// made of is ASCII, so a match is the same as over the lossy text.
pub fn email_matches(bytes: &[u8]) -> Vec<EmailMatch> {
    let mut found = Vec::new();
    let mut floor = 0;
    for at in memchr_all(bytes, b'@') {
        if at < floor {
            continue;
        }
        let mut start = at;
        while start > floor && is_local(bytes[start - 1]) {
            start -= 1;
        }
        if start == at {
            continue;
        }
        if let Some(end) = domain_end(bytes, at + 1) {
            found.push(EmailMatch { range: start..end, at });
            floor = end;
        }
    }
    found
}

fn memchr_all(bytes: &[u8], needle: u8) -> impl Iterator<Item = usize> + '_ {
    memchr::memchr_iter(needle, bytes)
}

/// `[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+` from `from`; the end of the match.
fn domain_end(bytes: &[u8], from: usize) -> Option<usize> {
    let label = |i: usize| {
        let mut j = i;
        while j < bytes.len() && is_label(bytes[j]) {
            j += 1;
        }
        (j > i).then_some(j)
    };
    let mut end = label(from)?;
    let mut labels = 1;
    while bytes.get(end) == Some(&b'.') {
        match label(end + 1) {
            Some(next) => {
                end = next;
                labels += 1;
            }
            None => break,
        }
    }
    (labels >= 2).then_some(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card_texts(text: &str) -> Vec<&str> {
        cards(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn finds_luhn_valid_cards_in_their_groupings() {
        assert_eq!(card_texts("card 4111111111111111 ok"), ["4111111111111111"]);
        assert_eq!(card_texts("4111 1111 1111 1111"), ["4111 1111 1111 1111"]);
        assert_eq!(card_texts("x4111-1111-1111-1111y"), ["4111-1111-1111-1111"]);
        assert_eq!(card_texts("amex 378282246310005."), ["378282246310005"]);
    }

    #[test]
    fn skips_what_is_not_a_card() {
        assert!(card_texts("order 4111111111111112").is_empty(), "fails Luhn");
        assert!(card_texts("4111  1111 1111 1111").is_empty(), "double space splits it");
        assert!(card_texts("411111111111").is_empty(), "12 digits");
        assert!(card_texts("41111111111111111111").is_empty(), "20 digits, no boundary");
        assert!(card_texts("phone 0049 30 1234567").is_empty());
    }

    #[test]
    fn a_failed_match_is_skipped_whole_like_pcre() {
        // The 18-digit run fails Luhn; PCRE resumes after it, so the valid
        // card inside it is not seen.
        assert!(card_texts("12 4111 1111 1111 1111").is_empty());
        // 20 grouped digits: backtracks to the first 16, which pass Luhn.
        assert_eq!(card_texts("4111-1111-1111-1111-1111"), ["4111-1111-1111-1111"]);
    }

    #[test]
    fn luhn() {
        assert!(luhn_valid(b"4111111111111111"));
        assert!(luhn_valid(b"5500-0000-0000-0004"));
        assert!(!luhn_valid(b"4111111111111121"));
    }

    fn email_texts(text: &str) -> Vec<&str> {
        emails(text).into_iter().map(|m| &text[m.range]).collect()
    }

    #[test]
    fn finds_emails_like_the_pattern() {
        assert_eq!(email_texts("mail john.doe+x@example.co.uk now"), ["john.doe+x@example.co.uk"]);
        assert_eq!(email_texts("\"a@b.com\",\"c@d.org.\""), ["a@b.com", "c@d.org"]);
        assert_eq!(email_texts("a@b.c@d.com"), ["a@b.c"]);
        assert_eq!(email_texts("a@b@c.com"), ["b@c.com"]);
        assert_eq!(email_texts("a@b.com_x@c.com"), ["a@b.com", "_x@c.com"]);
        assert!(email_texts("user@localhost @x.com").is_empty());
    }
}

//! Is a Luhn-valid digit run a card a person would call sensitive? The
//! scanner's judgement, stricter than the gateway's sanitizer (which the
//! model mirrors exactly and which redacts every Luhn-valid 13–19 digit
//! run). A real log is full of numbers that pass Luhn by chance: epoch
//! milliseconds, phone numbers, booking ids, digit runs inside hex ids,
//! hashes and UUIDs. A card here must also have a card network's prefix
//! and length, a card's grouping when it has separators, stand alone (not
//! inside an identifier or after a `+`), and not be the whole value of a key
//! that names it something else (`"phone"`, `"ts_ms"`, `"order_id"`).

/// A card network's issuer prefixes (as inclusive ranges over the leading
/// digits) and card lengths.
struct Network {
    name: &'static str,
    prefixes: &'static [(u32, u32, usize)],
    lengths: &'static [usize],
}

/// Visa 13 is left out: no network issues it now, and a 13-digit run
/// starting with 4 is far more often a phone number than a card.
const NETWORKS: &[Network] = &[
    Network { name: "visa", prefixes: &[(4, 4, 1)], lengths: &[16, 19] },
    Network { name: "mastercard", prefixes: &[(51, 55, 2), (2221, 2720, 4)], lengths: &[16] },
    Network { name: "amex", prefixes: &[(34, 34, 2), (37, 37, 2)], lengths: &[15] },
    Network { name: "discover", prefixes: &[(6011, 6011, 4), (644, 649, 3), (65, 65, 2)], lengths: &[16, 17, 18, 19] },
    Network { name: "jcb", prefixes: &[(3528, 3589, 4)], lengths: &[16, 17, 18, 19] },
    Network {
        name: "diners",
        prefixes: &[(300, 305, 3), (36, 36, 2), (38, 39, 2)],
        lengths: &[14, 15, 16, 17, 18, 19],
    },
    Network { name: "unionpay", prefixes: &[(62, 62, 2)], lengths: &[16, 17, 18, 19] },
    Network {
        name: "maestro",
        prefixes: &[(50, 50, 2), (56, 58, 2), (639, 639, 3), (67, 67, 2)],
        lengths: &[13, 14, 15, 16, 17, 18, 19],
    },
];

/// The card network a digit string belongs to by prefix and length.
pub fn network(digits: &str) -> Option<&'static str> {
    let n = digits.len();
    NETWORKS
        .iter()
        .find(|net| {
            net.lengths.contains(&n)
                && net.prefixes.iter().any(|&(lo, hi, width)| {
                    digits.get(..width).and_then(|p| p.parse::<u32>().ok()).is_some_and(|p| (lo..=hi).contains(&p))
                })
        })
        .map(|net| net.name)
}

/// Separators, if any, in a card's own grouping: 4-4-4-4(-3), Amex 4-6-5,
/// Diners 4-6-4. A UUID's 8-4-4-4 or a date's 4-2-2 is not a card.
fn grouped_like_a_card(run: &str) -> bool {
    let groups: Vec<usize> = run.split([' ', '-']).map(str::len).collect();
    match groups.as_slice() {
        [_] => true,
        [4, 6, 5] | [4, 6, 4] => true,
        [init @ .., last] => init.iter().all(|&g| g == 4) && (1..=4).contains(last),
        [] => false,
    }
}

/// Keys whose value is a number that is not a card, whatever Luhn says.
#[rustfmt::skip]
const NOT_A_CARD_KEY: &[&str] = &[
    "phone", "mobile", "tel", "fax", "msisdn", "timestamp", "time", "epoch", "ts", "ms", "uuid", "guid", "hash",
    "order", "booking", "trace", "span", "parent", "nonce", "serial", "version", "seq", "sequence", "checksum", "crc",
    "signature", "etag", "offset", "size", "bytes", "count", "duration", "amount", "total", "price", "cents",
];

/// Is the JSON, form or header key right before `start` one that names the
/// value as something other than a card (and is the run the whole value)?
fn named_otherwise(line: &[u8], start: usize, end: usize) -> bool {
    let mut i = start;
    if i > 0 && line[i - 1] == b'"' {
        if line.get(end) != Some(&b'"') {
            return false;
        }
        i -= 1;
    } else if !matches!(line.get(end), None | Some(b',' | b'}' | b']' | b'&' | b' ' | b';')) {
        return false;
    }
    // An HTTP weak validator: `etag W/"…"`.
    if line[..i].ends_with(b"W/") {
        i -= 2;
    }
    while i > 0 && matches!(line[i - 1], b' ' | b':' | b'=') {
        i -= 1;
    }
    if i > 0 && line[i - 1] == b'"' {
        i -= 1;
    }
    let key_end = i;
    while i > 0 && (line[i - 1].is_ascii_alphanumeric() || matches!(line[i - 1], b'_' | b'-' | b'.')) {
        i -= 1;
    }
    if i == key_end {
        return false;
    }
    names_a_non_card(&String::from_utf8_lossy(&line[i..key_end]))
}

/// `order_id`, `ts_ms`, `attendee_phone`, `bookings_uid_unique`: a name that
/// says the number is something else.
fn names_a_non_card(name: &str) -> bool {
    let key = name.to_ascii_lowercase().replace('-', "_");
    key.split(['_', '.']).any(|part| NOT_A_CARD_KEY.contains(&part) || part.ends_with("id"))
}

/// The column a number is bound to in a logged SQL statement (Laravel's
/// `(SQL: insert into `t` (`a`, `b`) values (1, 2))`, `where `a` = 1`), or
/// the key of `Duplicate entry '…' for key '…'`.
fn sql_column(line: &[u8], start: usize, end: usize) -> Option<String> {
    let text = String::from_utf8_lossy(line);
    let before = &text[..start];
    // `col` = 123, `col` in (123
    let trimmed = before.trim_end_matches([' ', '=', '(', '\'']).trim_end_matches(" in").trim_end_matches(['(', ' ']);
    if let Some(col) = trimmed.strip_suffix('`').and_then(|t| t.rsplit_once('`')).map(|(_, c)| c) {
        return Some(col.to_string());
    }
    // Duplicate entry '123' for key 'bookings_uid_unique'
    if before.ends_with("Duplicate entry '") {
        let after = &text[end..];
        return after.strip_prefix("' for key '").and_then(|k| k.split('\'').next()).map(str::to_string);
    }
    // insert into `t` (`a`, `b`) values (1, 2): the value's position names its column.
    let values_at = before.rfind("values (")?;
    let list = &before[values_at + "values (".len()..];
    if list.contains(')') {
        return None;
    }
    let position = list.matches(',').count();
    let columns = &before[..values_at];
    let open = columns.rfind('(')?;
    let names: Vec<&str> = columns[open + 1..].trim_end().trim_end_matches(')').split(',').collect();
    names.get(position).map(|c| c.trim().trim_matches('`').to_string())
}

/// The judgement on the run alone (a network's prefix and length, a card's
/// grouping): cheap, so the scanner asks it before it looks at the line.
pub fn shaped_like_a_card(run: &[u8]) -> bool {
    let mut digits = [0u8; 19];
    let mut n = 0;
    for &b in run {
        match b {
            b'0'..=b'9' if n < digits.len() => {
                digits[n] = b;
                n += 1;
            }
            b' ' | b'-' => {}
            _ => return false,
        }
    }
    let (Ok(digits), Ok(run)) = (std::str::from_utf8(&digits[..n]), std::str::from_utf8(run)) else { return false };
    network(digits).is_some() && grouped_like_a_card(run)
}

/// Is `line[start..end]`, a Luhn-valid run found by the contract's rule, a
/// card a person would call sensitive?
pub fn plausible(line: &[u8], start: usize, end: usize) -> bool {
    if !shaped_like_a_card(&line[start..end]) {
        return false;
    }
    // Inside an identifier: a hex id, a hash, a UUID, a version string.
    let before = start.checked_sub(1).map(|i| line[i]);
    let after = line.get(end).copied();
    let identifier = |b: Option<u8>| b.is_some_and(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'/'));
    // After `+`: a phone number. Before `:`: a segment of a key or path
    // (`tenant:58295022059957:slots`).
    if identifier(before) || identifier(after) || before == Some(b'+') || after == Some(b':') {
        return false;
    }
    // A dash touching the run on either side: part of a longer dashed token (a UUID).
    if before == Some(b'-') || after == Some(b'-') {
        return false;
    }
    !named_otherwise(line, start, end) && !sql_column(line, start, end).is_some_and(|c| names_a_non_card(&c))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> bool {
        let b = text.as_bytes();
        let start = b.iter().position(u8::is_ascii_digit).unwrap();
        let mut end = start;
        while end < b.len()
            && (b[end].is_ascii_digit()
                || ((b[end] == b' ' || b[end] == b'-') && b.get(end + 1).is_some_and(u8::is_ascii_digit)))
        {
            end += 1;
        }
        plausible(b, start, end)
    }

    #[test]
    fn networks_by_prefix_and_length() {
        assert_eq!(network("4111111111111111"), Some("visa"));
        assert_eq!(network("5555555555554444"), Some("mastercard"));
        assert_eq!(network("2223003122003222"), Some("mastercard"));
        assert_eq!(network("378282246310005"), Some("amex"));
        assert_eq!(network("6011111111111117"), Some("discover"));
        assert_eq!(network("3530111333300000"), Some("jcb"));
        assert_eq!(network("30569309025904"), Some("diners"));
        assert_eq!(network("6200000000000005"), Some("unionpay"));
        assert_eq!(network("1764603076492"), None, "epoch milliseconds");
        assert_eq!(network("4915112345678"), None, "a phone number, 13 digits from 49");
    }

    #[test]
    fn real_cards_in_text_are_found() {
        for t in [
            "pay with 4111 1111 1111 1111 today",
            "{\"note\":\"card 4111-1111-1111-1111\"}",
            "{\"card_number\":\"5555555555554444\"}",
            "cc=378282246310005&x=1",
            "amex 3782 822463 10005",
            "(SQL: insert into `payments` (`card_number`, `note`) values (4111111111111111, x))",
        ] {
            assert!(found(t), "{t}");
        }
    }

    #[test]
    fn numbers_that_pass_luhn_by_chance_are_not_cards() {
        for t in [
            "{\"ts_ms\":4111111111111111}",
            "{\"phone\":\"4111111111111111\"}",
            "{\"booking_id\":4111111111111111}",
            "call +4111111111111111 now",
            "{\"request_id\":\"26725873-9411-0844-4111-111111111111\"}",
            "identity ab4111111111111111cd",
            "{\"uuid\":\"4111111111111111\"}",
            "4111 1111 1111 11111 x",
            "v1.4111111111111111",
            "(SQL: insert into `bookings` (`uid`, `phone`) values (4111111111111111, +4915112345678))",
            "(SQL: select * from `bookings` where `order_id` = 4111111111111111 limit 1)",
            "Duplicate entry '4111111111111111' for key 'bookings_uid_unique'",
            "cache hit tenant:4111111111111111:slots",
            "{\"trace\":\"4111111111111111\"}",
            "cache hit etag W/\"4111111111111111\" sha1 ab",
        ] {
            assert!(!found(t), "{t}");
        }
    }
}

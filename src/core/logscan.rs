//! Finding unsanitized secrets in log text, by the contract's §5 rules:
//! sensitive keys in JSON (`"key":"value"`), form or query (`key=value`) and
//! header (`Key: value`) form whose value is not the redaction, Luhn-valid
//! card numbers, and emails whose local part is not the sanitizer's hash.
//!
//! Built for speed on large logs: candidates are found over a whole chunk
//! (Aho-Corasick for key names, memchr for `@`, one pass for digit runs) and
//! only candidate lines are parsed.

use std::cell::RefCell;

use aho_corasick::{packed, AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::core::sanitizer::{SanitizerRules, RULE_CREDIT_CARD, RULE_EMAIL};
use crate::core::textmask::{self, Engine, Masks};
use crate::core::{cardcheck, scan};

/// One finding: where, which rule, and an excerpt with the secret masked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineFinding {
    /// 1-based.
    pub line: u64,
    pub rule: String,
    pub excerpt: String,
}

pub struct Scanner {
    /// Case-sensitive over the lowercased chunk: Teddy when the CPU has it
    /// (a case-insensitive search would turn Teddy off).
    lower_keys: LowerKeys,
    /// For each needle, the rule a key spelled exactly so falls under.
    needle_rules: Vec<Option<usize>>,
    engine: Engine,
    work: RefCell<Work>,
    rules: SanitizerRules,
}

enum LowerKeys {
    Teddy(packed::Searcher),
    Automaton(AhoCorasick),
}

/// Buffers reused from piece to piece.
#[derive(Default)]
struct Work {
    lower: Vec<u8>,
    masks: Masks,
    /// Key name matches: start, end, needle.
    keys: Vec<(usize, usize, usize)>,
    runs: Vec<usize>,
    found: Vec<Pending>,
}

const MIN_CARD_DIGITS: usize = 13;
const MAX_CARD_DIGITS: usize = 19;

/// A chunk is scanned in pieces of about this many bytes (cut after a
/// newline), so the piece, its lowercased copy and its masks stay in the
/// core's cache between the passes.
const PIECE: usize = 128 * 1024;

impl Scanner {
    pub fn new(rules: &SanitizerRules) -> Scanner {
        // Keys are compared lowercased with `-` read as `_`: search both spellings.
        let mut needles: Vec<String> = Vec::new();
        for rule in &rules.keys {
            for k in &rule.key_contains {
                let k = k.to_ascii_lowercase();
                if k.contains('_') {
                    needles.push(k.replace('_', "-"));
                }
                needles.push(k);
            }
        }
        let lower_keys = packed::Config::new()
            .match_kind(packed::MatchKind::LeftmostFirst)
            .builder()
            .extend(&needles)
            .build()
            .map(LowerKeys::Teddy)
            .unwrap_or_else(|| {
                LowerKeys::Automaton(
                    AhoCorasickBuilder::new()
                        .match_kind(MatchKind::LeftmostFirst)
                        .build(&needles)
                        .expect("valid needles"),
                )
            });
        // A key that is exactly a needle falls under that needle's rule.
        let needle_rules =
            needles.iter().map(|n| rules.key_rule(n).and_then(|r| rules.keys.iter().position(|k| k == r))).collect();
        Scanner {
            lower_keys,
            needle_rules,
            engine: Engine::detect(),
            work: RefCell::new(Work::default()),
            rules: rules.clone(),
        }
    }

    /// Scans a buffer of complete lines whose first line is `first_line`;
    /// appends findings and returns how many lines the buffer held.
    pub fn scan_chunk(&self, chunk: &[u8], first_line: u64, out: &mut Vec<LineFinding>) -> u64 {
        let mut lines = 0;
        let mut rest = chunk;
        while !rest.is_empty() {
            let cut = match rest.len() <= PIECE {
                true => rest.len(),
                false => memchr::memrchr(b'\n', &rest[..PIECE])
                    .or_else(|| memchr::memchr(b'\n', &rest[PIECE..]).map(|p| PIECE + p))
                    .map_or(rest.len(), |p| p + 1),
            };
            lines += self.scan_piece(&rest[..cut], first_line + lines, out, None);
            rest = &rest[cut..];
        }
        lines
    }

    /// Every finding in one line.
    pub fn scan_line(&self, line: &[u8], line_no: u64, out: &mut Vec<LineFinding>) {
        self.scan_piece(line, line_no, out, None);
    }

    /// `text` with every secret the scan finds masked as its excerpt shows
    /// it (`hu***`, `************4242`, `jo***@example.com`): a log line
    /// that may be quoted in a report.
    pub fn mask(&self, text: &str) -> String {
        let mut spans = Vec::new();
        self.scan_piece(text.as_bytes(), 1, &mut Vec::new(), Some(&mut spans));
        spans.sort_by_key(|(r, _): &(std::ops::Range<usize>, String)| (r.start, std::cmp::Reverse(r.end)));
        let bytes = text.as_bytes();
        let mut out = String::with_capacity(text.len());
        let mut at = 0;
        for (range, replacement) in spans {
            if range.start < at || range.end > bytes.len() {
                continue;
            }
            out.push_str(&String::from_utf8_lossy(&bytes[at..range.start]));
            out.push_str(&replacement);
            at = range.end;
        }
        out.push_str(&String::from_utf8_lossy(&bytes[at..]));
        out
    }

    /// One pass classifies every byte; a Teddy search over the lowercased
    /// copy finds key names. Each candidate (a key name, an `@`, a run of 13
    /// or more digits) is judged where it stands; only a finding needs its
    /// line, for the line number and the card's context.
    /// `spans`, when asked for: each secret's bytes and what masks them.
    fn scan_piece(
        &self,
        piece: &[u8],
        first_line: u64,
        out: &mut Vec<LineFinding>,
        spans: Option<&mut Vec<(std::ops::Range<usize>, String)>>,
    ) -> u64 {
        let mut work = self.work.borrow_mut();
        let Work { lower, masks, keys, runs, found } = &mut *work;
        let summary = textmask::classify(self.engine, piece, lower, masks);
        keys.clear();
        match &self.lower_keys {
            LowerKeys::Teddy(s) => {
                keys.extend(s.find_iter(lower.as_slice()).map(|m| (m.start(), m.end(), m.pattern().as_usize())))
            }
            LowerKeys::Automaton(ac) => {
                keys.extend(ac.find_iter(lower.as_slice()).map(|m| (m.start(), m.end(), m.pattern().as_usize())))
            }
        }
        runs.clear();
        textmask::long_digit_runs::<MIN_CARD_DIGITS>(self.engine, piece, masks, runs);
        found.clear();

        // Cards first in a line, then keys, then emails, as a reader scans it.
        for &rs in runs.iter() {
            // A plain run (no separator) holds one candidate, from its first
            // digit, and none when it is longer than a card; no card
            // network's numbers begin with 0, 1, 7, 8 or 9 (epoch seconds
            // and milliseconds begin with 1).
            let digits = textmask::digits_from(masks, rs);
            let plain = !(matches!(piece.get(rs + digits), Some(b' ' | b'-'))
                && piece.get(rs + digits + 1).is_some_and(u8::is_ascii_digit));
            if plain && (digits > MAX_CARD_DIGITS || !matches!(piece[rs], b'2'..=b'6')) {
                continue;
            }
            let run = &piece[rs..run_end(piece, rs)];
            scan::for_each_card(run, |r| {
                let (start, end) = (rs + r.start, rs + r.end);
                if !cardcheck::shaped_like_a_card(&piece[start..end]) {
                    return;
                }
                let (ls, le) = line_around(piece, start);
                if cardcheck::plausible(&piece[ls..le], start - ls, end - ls) {
                    let excerpt = mask_card(&run[r]);
                    found.push(Pending {
                        at: start,
                        rank: 0,
                        rule: RULE_CREDIT_CARD.into(),
                        secret: (start..end, excerpt.clone()),
                        excerpt,
                    });
                }
            });
        }
        let mut key_end = 0;
        for &(ms, me, needle) in keys.iter() {
            if ms < key_end {
                continue;
            }
            let (ks, ke) = key_bounds(piece, ms, me);
            key_end = ke;
            // SAFETY: `key_bounds` takes only ASCII bytes, so the key is UTF-8.
            let key = unsafe { std::str::from_utf8_unchecked(&piece[ks..ke]) };
            let rule = match (ks, ke) == (ms, me) {
                true => self.needle_rules[needle].map(|i| &self.rules.keys[i]),
                false => self.rules.key_rule(key),
            };
            let Some(rule) = rule else { continue };
            if let Some((value, form)) = value_after(piece, ks, ke) {
                // `value` lies inside `piece`: its place there is what a mask replaces.
                let from = value.as_ptr() as usize - piece.as_ptr() as usize;
                let span = from..from + value.len();
                let value = String::from_utf8_lossy(value);
                if !self.is_redacted(&value) {
                    found.push(Pending {
                        at: ks,
                        rank: 1,
                        rule: rule.id.clone(),
                        excerpt: masked_pair(key, &value, form),
                        secret: (span, mask(&value)),
                    });
                }
            }
        }
        if summary.any_at {
            for m in scan::email_matches(piece) {
                let local = std::str::from_utf8(&piece[m.range.start..m.at]).expect("address bytes are ASCII");
                if !self.rules.is_hashed_local(local) {
                    let domain = std::str::from_utf8(&piece[m.at..m.range.end]).expect("address bytes are ASCII");
                    let excerpt = format!("{}***{domain}", &local[..local.len().min(2)]);
                    let secret = (m.range.start..m.at, format!("{}***", &local[..local.len().min(2)]));
                    found.push(Pending { at: m.range.start, rank: 2, rule: RULE_EMAIL.into(), excerpt, secret });
                }
            }
        }

        if let Some(spans) = spans {
            spans.extend(found.iter().map(|f| f.secret.clone()));
        }
        // Line numbers, for the findings only, in line order.
        let mut line_no = first_line;
        let mut counted_to = 0;
        let mut pending: Vec<(usize, Pending)> =
            found.drain(..).map(|f| (memchr::memrchr(b'\n', &piece[..f.at]).map_or(0, |p| p + 1), f)).collect();
        pending.sort_by_key(|(line_start, f)| (*line_start, f.rank, f.at));
        for (line_start, f) in pending {
            line_no += memchr::memchr_iter(b'\n', &piece[counted_to..line_start]).count() as u64;
            counted_to = line_start;
            out.push(LineFinding { line: line_no, rule: f.rule, excerpt: f.excerpt });
        }
        summary.newlines + u64::from(piece.last().is_some_and(|&b| b != b'\n'))
    }

    fn is_redacted(&self, value: &str) -> bool {
        let v = value.trim();
        v == self.rules.redaction
            || v == "null"
            || v.is_empty()
            || v.eq_ignore_ascii_case("%5BREDACTED%5D")
            || v.starts_with(&self.rules.redaction)
    }
}

/// A finding before its line number is known.
struct Pending {
    at: usize,
    /// The order of findings within a line: cards, keys, emails.
    rank: u8,
    rule: String,
    excerpt: String,
    /// The secret's bytes in the piece, and what masks them.
    secret: (std::ops::Range<usize>, String),
}

/// The line around byte `at`, without its newline.
fn line_around(text: &[u8], at: usize) -> (usize, usize) {
    let start = memchr::memrchr(b'\n', &text[..at]).map_or(0, |p| p + 1);
    let end = memchr::memchr(b'\n', &text[at..]).map_or(text.len(), |p| at + p);
    (start, end)
}

/// The end of the digit run that starts at `start`.
fn run_end(b: &[u8], start: usize) -> usize {
    let mut i = start;
    while i < b.len()
        && (b[i].is_ascii_digit() || ((b[i] == b' ' || b[i] == b'-') && b.get(i + 1).is_some_and(u8::is_ascii_digit)))
    {
        i += 1;
    }
    i
}

fn is_key_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.')
}

/// The whole key around a needle match.
fn key_bounds(b: &[u8], mut start: usize, mut end: usize) -> (usize, usize) {
    while start > 0 && is_key_byte(b[start - 1]) {
        start -= 1;
    }
    while end < b.len() && is_key_byte(b[end]) {
        end += 1;
    }
    (start, end)
}

#[derive(Clone, Copy)]
enum Form {
    Json,
    Pair,
    Header,
}

/// The value that follows a key in JSON, form/query or header form; it
/// ends at the latest at the end of the key's line.
fn value_after(b: &[u8], ks: usize, ke: usize) -> Option<(&[u8], Form)> {
    let skip_spaces = |mut i: usize| {
        while i < b.len() && b[i] == b' ' {
            i += 1;
        }
        i
    };
    let until = |from: usize, stop: &dyn Fn(u8) -> bool| (from..b.len()).find(|&j| stop(b[j])).unwrap_or(b.len());
    if ks > 0 && b[ks - 1] == b'"' && b.get(ke) == Some(&b'"') {
        let colon = skip_spaces(ke + 1);
        if b.get(colon) != Some(&b':') {
            return None;
        }
        let v = skip_spaces(colon + 1);
        if b.get(v) == Some(&b'"') {
            let mut j = v + 1;
            while j < b.len() && b[j] != b'"' && b[j] != b'\n' {
                j += if b[j] == b'\\' && b.get(j + 1) != Some(&b'\n') { 2 } else { 1 };
            }
            return Some((&b[v + 1..j.min(b.len())], Form::Json));
        }
        let end = until(v, &|c| matches!(c, b',' | b'}' | b']' | b'\n'));
        return Some((&b[v..end], Form::Json));
    }
    match b.get(ke) {
        Some(b'=') => {
            let end = until(ke + 1, &|c| matches!(c, b'&' | b' ' | b'"' | b'\'' | b',' | b';' | b'\n'));
            Some((&b[ke + 1..end], Form::Pair))
        }
        Some(b':') if b.get(ke + 1) == Some(&b' ') => {
            let end = memchr::memchr3(b'"', b'\r', b'\n', &b[ke + 2..]).map_or(b.len(), |p| ke + 2 + p);
            Some((&b[ke + 2..end], Form::Header))
        }
        _ => None,
    }
}

fn mask(value: &str) -> String {
    let head: String = value.chars().take(2).collect();
    format!("{head}***")
}

fn masked_pair(key: &str, value: &str, form: Form) -> String {
    match form {
        Form::Json => format!("\"{key}\":\"{}\"", mask(value)),
        Form::Pair => format!("{key}={}", mask(value)),
        Form::Header => format!("{key}: {}", mask(value)),
    }
}

/// A card with all but its last four digits hidden.
fn mask_card(card: &[u8]) -> String {
    let digits: Vec<char> = card.iter().copied().filter(u8::is_ascii_digit).map(char::from).collect();
    let last: String = digits[digits.len().saturating_sub(4)..].iter().collect();
    format!("{}{last}", "*".repeat(digits.len().saturating_sub(4)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::sanitizer::tests::contract;

    fn scan(text: &str) -> Vec<(u64, String)> {
        let mut out = Vec::new();
        Scanner::new(&contract()).scan_chunk(text.as_bytes(), 1, &mut out);
        out.into_iter().map(|f| (f.line, f.rule)).collect()
    }

    #[test]
    fn finds_each_form_and_rule() {
        let log = "[t] lab.INFO: ok {\"a\":1}\n\
                   [t] lab.INFO: w {\"password\":\"hunter2\",\"X-Api-Key\":\"k\"}\n\
                   [t] lab.INFO: q GET /cb?token=abc&x=1\n\
                   Authorization: Bearer abc.def\n\
                   [t] lab.INFO: c {\"card\":\"4111 1111 1111 1111\",\"to\":\"john@example.com\"}\n\
                   [t] lab.INFO: cookie=s%3A1; {\"client_secret\":42}\n";
        let found = scan(log);
        let want: Vec<(u64, String)> = [
            (2, "password"),
            (2, "api_key"),
            (3, "token"),
            (4, "authorization"),
            (5, "credit_card"),
            (5, "email"),
            (6, "cookie"),
            (6, "secret"),
        ]
        .iter()
        .map(|(l, r)| (*l, r.to_string()))
        .collect();
        assert_eq!(found, want);
    }

    #[test]
    fn decoys_are_not_findings() {
        let log = "[t] lab.INFO: w {\"password\":\"[REDACTED]\",\"token\":null}\n\
                   [t] lab.INFO: hashed 96d9632f3635@example.com\n\
                   [t] lab.INFO: order 4111111111111112 and 2026-11-25 12:00:00\n\
                   [t] lab.WARNING: Password reset requested; token expired\n\
                   [t] lab.INFO: q /cb?token=%5BREDACTED%5D\n";
        assert_eq!(scan(log), []);
    }

    #[test]
    fn a_chunk_finds_what_its_lines_find_across_pieces() {
        // Longer than a piece, with findings on both sides of every cut and
        // lines of every length, some not UTF-8.
        let parts = [
            "{\"password\":\"hunter2\"}",
            "pay 4111 1111 1111 1111 now",
            "a@b.com x",
            "{\"token\":\"[REDACTED]\"}",
            "ts 1764603076492",
            "\u{e9}t\u{e9} Cookie: s=1",
            "plain",
        ];
        let mut text = Vec::new();
        let mut n = 0u64;
        while text.len() < 3 * PIECE {
            let part = parts[(n * 7 % parts.len() as u64) as usize];
            text.extend_from_slice(part.as_bytes());
            text.extend(std::iter::repeat_n(b'x', (n % 90) as usize));
            if n % 11 == 0 {
                text.push(0xff);
            }
            text.push(b'\n');
            n += 1;
        }
        let scanner = Scanner::new(&contract());
        let mut whole = Vec::new();
        let lines = scanner.scan_chunk(&text, 1, &mut whole);
        let mut each = Vec::new();
        for (i, line) in text.split(|&b| b == b'\n').take(n as usize).enumerate() {
            scanner.scan_line(line, i as u64 + 1, &mut each);
        }
        assert_eq!(lines, n);
        assert!(whole.len() > 1000);
        assert_eq!(whole, each);
    }

    #[test]
    fn line_numbers_count_every_line_and_excerpts_mask() {
        let log = "a\nb\nc\n{\"password\":\"hunter2\"}\nd\n";
        let mut out = Vec::new();
        let lines = Scanner::new(&contract()).scan_chunk(log.as_bytes(), 10, &mut out);
        assert_eq!(lines, 5);
        assert_eq!(out[0].line, 13);
        assert_eq!(out[0].excerpt, "\"password\":\"hu***\"");
        assert!(!out[0].excerpt.contains("hunter2"));
    }

    /// A log line quoted in a report: each secret masked in place, the rest kept.
    #[test]
    fn a_line_is_masked_in_place() {
        let scanner = Scanner::new(&contract());
        let line = "[t] lab.ERROR: boom password=hunter2secret {\"card\":\"4111 1111 1111 1111\",\"to\":\"john@example.com\",\"X-Api-Key\":\"sk_live_abc\"} at /app/x.php:7";
        let masked = scanner.mask(line);
        for secret in ["hunter2secret", "4111 1111 1111", "john@", "sk_live_abc"] {
            assert!(!masked.contains(secret), "{secret} in {masked}");
        }
        assert!(masked.starts_with("[t] lab.ERROR: boom password=hu*** "), "{masked}");
        assert!(
            masked.contains("1111") && masked.contains("jo***@example.com") && masked.ends_with("at /app/x.php:7"),
            "{masked}"
        );
        assert_eq!(scanner.mask("nothing secret here"), "nothing secret here");
    }
}

#[cfg(test)]
mod corpus {
    //! Recall and precision on a realistic log: stack traces, SQL with
    //! bindings, Retell and Cal.com payloads with millisecond timestamps,
    //! phone numbers, UUIDs, md5 identities, hashed emails and redacted
    //! keys; and a few planted real leaks. Every leak is found on its line,
    //! and nothing else is.

    use super::*;
    use crate::core::sanitizer::tests::contract;

    use crate::core::rng::Rng;

    /// What only this corpus draws, on the shared generator.
    trait Draw {
        fn uuid(&mut self) -> String;
        fn digit_uuid(&mut self) -> String;
    }
    impl Draw for Rng {
        fn uuid(&mut self) -> String {
            format!("{}-{}-{}-{}-{}", self.hex(8), self.hex(4), self.hex(4), self.hex(4), self.hex(12))
        }
        fn digit_uuid(&mut self) -> String {
            format!("{}-{}-{}-{}-{}", self.digits(8), self.digits(4), self.digits(4), self.digits(4), self.digits(12))
        }
    }

    fn line(rng: &mut Rng, n: u64) -> String {
        let ts_ms = 1_764_000_000_000 + rng.next() % 10_000_000_000;
        let stamp = "[2026-11-26 03:12:45.123]";
        match n % 9 {
            0 => format!("{stamp} production.INFO: API request {{\"method\":\"POST\",\"path\":\"/api/v2/bookings\",\"status\":201,\"duration_ms\":{}.{},\"identity\":\"{}\",\"request_id\":\"{}\"}}", rng.next() % 900, rng.next() % 100, rng.hex(32), rng.digit_uuid()),
            1 => format!("{stamp} production.INFO: Retell webhook received {{\"call_id\":\"{}\",\"ts_ms\":{ts_ms},\"from_number\":\"+49{}\",\"to_number\":\"+1{}\",\"password\":\"[REDACTED]\",\"api_key\":\"[REDACTED]\",\"email\":\"{}@example.com\"}}", rng.uuid(), rng.digits(11), rng.digits(10), rng.hex(12)),
            2 => format!("{stamp} production.INFO: Cal.com webhook received {{\"booking_id\":{},\"uid\":\"{}\",\"startTime\":\"2026-12-01T10:00:00.000Z\",\"created_ms\":{ts_ms},\"attendee_phone\":\"{}\",\"order_id\":\"{}\"}}", rng.digits(16), rng.hex(22), rng.digits(13), rng.digits(16)),
            3 => format!("{stamp} production.ERROR: SQLSTATE[23000]: Integrity constraint violation: 1062 Duplicate entry '{}' for key 'bookings_uid_unique' (SQL: insert into `bookings` (`uid`, `phone`, `created_at`) values ({}, +{}, 2026-11-26 03:12:45)) {{\"exception\":\"[object] (Illuminate\\\\Database\\\\QueryException(code: 23000))\"}}", rng.digits(16), rng.digits(16), rng.digits(13)),
            4 => format!("#{} /usr/share/php/Illuminate/Database/Connection.php({}): Illuminate\\Database\\Connection->runQueryCallback('insert into `b...', Array, Object(Closure)) {}", rng.next() % 40, rng.next() % 900, rng.hex(40)),
            5 => format!("{stamp} production.WARNING: Rate limit exceeded {{\"identity\":\"{}\",\"bucket\":\"bookings\",\"count\":{},\"retry_after\":{},\"reset_at_ms\":{ts_ms}}}", rng.hex(32), rng.next() % 90, rng.next() % 60),
            6 => format!("{stamp} production.DEBUG: cache hit tenant:{}:slots version {}.{}.{} etag W/\"{}\"", rng.digits(14), rng.next() % 9, rng.next() % 9, rng.digits(13), rng.hex(16)),
            7 => format!("{stamp} production.INFO: Slow API response {{\"path\":\"/api/v2/availability/simple\",\"duration_ms\":{}.{},\"trace\":\"{}\",\"span\":\"{}\"}}", 500 + rng.next() % 900, rng.next() % 100, rng.digits(19), rng.digit_uuid()),
            _ => format!("{stamp} production.INFO: Password reset requested; token expired for user {} (redacted token: [REDACTED])", rng.digits(8)),
        }
    }

    #[test]
    fn every_planted_leak_and_nothing_else() {
        for seed in [0x5eed_1234_abcd_0001, 7, 0xdead_beef, 1_764_603_076_492, 42] {
            planted_leaks_and_nothing_else(seed);
        }
    }

    fn planted_leaks_and_nothing_else(seed: u64) {
        let mut rng = Rng(seed);
        let mut log = String::new();
        let leaks: &[(u64, &str, &str)] = &[
            (1000, "password", "{\"password\":\"hunter2-Spring!\"}"),
            (2000, "credit_card", "{\"note\":\"pay with 4111 1111 1111 1111 please\"}"),
            (3000, "authorization", "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.abc.def"),
            (4000, "email", "{\"contact\":\"maria.schmidt@example.de\"}"),
            (5000, "credit_card", "{\"card_number\":\"5555555555554444\"}"),
            (6000, "api_key", "GET /api/v2/bookings?api_key=sk_live_51H8x&x=1"),
            (7000, "token", "{\"token\":\"tok_1Nf8aQ\"}"),
            (8000, "credit_card", "amex 3782-822463-10005 on file"),
        ];
        let mut want = Vec::new();
        for n in 1..=9000u64 {
            match leaks.iter().find(|l| l.0 == n) {
                Some((_, rule, text)) => {
                    log.push_str(&format!("[2026-11-26 03:12:45.123] production.INFO: leak {text}\n"));
                    want.push((n, rule.to_string()));
                }
                None => {
                    log.push_str(&line(&mut rng, n));
                    log.push('\n');
                }
            }
        }
        let mut out = Vec::new();
        Scanner::new(&contract()).scan_chunk(log.as_bytes(), 1, &mut out);
        let got: Vec<(u64, String)> = out.iter().map(|f| (f.line, f.rule.clone())).collect();
        let extra: Vec<String> = out
            .iter()
            .filter(|f| !want.contains(&(f.line, f.rule.clone())))
            .map(|f| format!("line {} {}: {}", f.line, f.rule, log.lines().nth(f.line as usize - 1).unwrap_or("")))
            .take(5)
            .collect();
        assert!(extra.is_empty(), "seed {seed}: decoys reported: {extra:#?}");
        assert_eq!(got, want, "seed {seed}: every planted leak, on its line");
    }
}

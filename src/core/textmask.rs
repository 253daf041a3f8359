//! One pass over a buffer of log text that does what the scanner needs from
//! every byte: an ASCII-lowercased copy (for a case-sensitive Teddy search of
//! the key names), per 64 bytes a bitmask of digits and one of card
//! separators (space, dash), and the buffer's newline count and whether it
//! holds an `@`. Everything after this pass works on the masks or on the few
//! candidates, never byte by byte over the whole buffer.
//!
//! SIMD where the CPU has it (AVX2 checked at run time, else SSE2, which
//! every x86_64 has); a scalar version elsewhere, which is also the
//! reference the tests compare against.

/// A buffer's bitmasks, one word per 64 bytes: bit `i` of word `w`
/// describes byte `64 * w + i` (bits past the end are 0).
#[derive(Debug, Default, Clone)]
pub struct Masks {
    pub digit: Vec<u64>,
    pub sep: Vec<u64>,
    /// Scratch of the run search: run members, and where MIN of them begin.
    member: Vec<u64>,
    long: Vec<u64>,
}

/// What [`classify`] learned about the whole buffer.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    pub newlines: u64,
    pub any_at: bool,
}

impl Summary {
    fn add(&mut self, newline: u64, at: u64) {
        self.newlines += u64::from(newline.count_ones());
        self.any_at |= at != 0;
    }
}

/// Which implementation [`classify`] uses, chosen once per scanner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Scalar,
    #[cfg(target_arch = "x86_64")]
    Sse2,
    #[cfg(target_arch = "x86_64")]
    Avx2,
}

impl Engine {
    /// The fastest this CPU runs (AVX2 comes with POPCNT, which the mask
    /// counting uses).
    pub fn detect() -> Engine {
        #[cfg(target_arch = "x86_64")]
        {
            if std::arch::is_x86_feature_detected!("avx2") && std::arch::is_x86_feature_detected!("popcnt") {
                return Engine::Avx2;
            }
            Engine::Sse2
        }
        #[cfg(not(target_arch = "x86_64"))]
        Engine::Scalar
    }
}

/// Lowercases `src` into `lower` (resized to its length), sets the digit
/// and separator masks, and counts the newlines.
pub fn classify(engine: Engine, src: &[u8], lower: &mut Vec<u8>, masks: &mut Masks) -> Summary {
    lower.resize(src.len(), 0);
    masks.digit.clear();
    masks.sep.clear();
    let words = src.len().div_ceil(64);
    masks.digit.reserve(words);
    masks.sep.reserve(words);
    let whole = src.len() / 64 * 64;
    let mut summary = match engine {
        Engine::Scalar => {
            let mut summary = Summary::default();
            for (s, d) in src[..whole].chunks_exact(64).zip(lower[..whole].chunks_exact_mut(64)) {
                let (digit, sep, newline, at) = classify_scalar(s, d);
                masks.digit.push(digit);
                masks.sep.push(sep);
                summary.add(newline, at);
            }
            summary
        }
        // SAFETY: SSE2 is part of x86_64.
        #[cfg(target_arch = "x86_64")]
        Engine::Sse2 => unsafe { x86::classify_sse2(&src[..whole], &mut lower[..whole], masks) },
        // SAFETY: `Engine::Avx2` is only chosen when the CPU reports AVX2.
        #[cfg(target_arch = "x86_64")]
        Engine::Avx2 => unsafe { x86::classify_avx2(&src[..whole], &mut lower[..whole], masks) },
    };
    if whole < src.len() {
        let (digit, sep, newline, at) = classify_scalar(&src[whole..], &mut lower[whole..]);
        masks.digit.push(digit);
        masks.sep.push(sep);
        summary.add(newline, at);
    }
    summary
}

/// Up to 64 bytes, one at a time: the digit, separator, newline and `@` bits.
fn classify_scalar(src: &[u8], lower: &mut [u8]) -> (u64, u64, u64, u64) {
    let (mut digit, mut sep, mut newline, mut at) = (0, 0, 0, 0);
    for (i, (&b, d)) in src.iter().zip(lower.iter_mut()).enumerate() {
        *d = b.to_ascii_lowercase();
        let bit = 1u64 << i;
        if b.is_ascii_digit() {
            digit |= bit;
        }
        if b == b' ' || b == b'-' {
            sep |= bit;
        }
        if b == b'\n' {
            newline |= bit;
        }
        if b == b'@' {
            at |= bit;
        }
    }
    (digit, sep, newline, at)
}

#[cfg(target_arch = "x86_64")]
mod x86 {
    use super::{Masks, Summary};
    use std::arch::x86_64::*;

    /// [`super::long_digit_runs`], compiled with AVX2 and POPCNT.
    ///
    /// # Safety
    /// The CPU must have AVX2 and POPCNT.
    #[target_feature(enable = "avx2,popcnt,bmi1,bmi2")]
    pub unsafe fn long_digit_runs_avx2<const MIN: usize>(text: &[u8], masks: &mut Masks, out: &mut Vec<usize>) {
        super::long_digit_runs_body::<MIN>(text, masks, out)
    }

    /// `src` whole blocks of 64 bytes, lowercased into `dst`.
    ///
    /// # Safety
    /// The CPU must have SSE2 (every x86_64 has).
    #[target_feature(enable = "sse2")]
    pub unsafe fn classify_sse2(src: &[u8], dst: &mut [u8], masks: &mut Masks) -> Summary {
        assert!(src.len() % 64 == 0 && dst.len() == src.len());
        let (mut newlines, mut ats) = (0u64, 0u64);
        let blocks = src.len() / 64;
        masks.digit.reserve(blocks);
        masks.sep.reserve(blocks);
        // Written through reserved capacity: Vec::push in this loop made
        // LLVM assemble each mask byte by byte through the stack.
        let digits = &mut masks.digit.spare_capacity_mut()[..blocks];
        let seps = &mut masks.sep.spare_capacity_mut()[..blocks];
        for (i, (d, s)) in digits.iter_mut().zip(seps.iter_mut()).enumerate() {
            let (digit, sep, newline, at) = classify64_sse2(src.as_ptr().add(64 * i), dst.as_mut_ptr().add(64 * i));
            d.write(digit);
            s.write(sep);
            newlines += u64::from(newline.count_ones());
            ats |= at;
        }
        // SAFETY: the loop wrote each of the `blocks` slots of both.
        masks.digit.set_len(masks.digit.len() + blocks);
        masks.sep.set_len(masks.sep.len() + blocks);
        Summary { newlines, any_at: ats != 0 }
    }

    /// `src` whole blocks of 64 bytes, lowercased into `dst`.
    ///
    /// # Safety
    /// The CPU must have AVX2 and POPCNT.
    #[target_feature(enable = "avx2,popcnt")]
    pub unsafe fn classify_avx2(src: &[u8], dst: &mut [u8], masks: &mut Masks) -> Summary {
        assert!(src.len() % 64 == 0 && dst.len() == src.len());
        let (mut newlines, mut ats) = (0u64, 0u64);
        let blocks = src.len() / 64;
        masks.digit.reserve(blocks);
        masks.sep.reserve(blocks);
        // Written through reserved capacity: Vec::push in this loop made
        // LLVM assemble each mask byte by byte through the stack.
        let digits = &mut masks.digit.spare_capacity_mut()[..blocks];
        let seps = &mut masks.sep.spare_capacity_mut()[..blocks];
        for (i, (d, s)) in digits.iter_mut().zip(seps.iter_mut()).enumerate() {
            let (digit, sep, newline, at) = classify64_avx2(src.as_ptr().add(64 * i), dst.as_mut_ptr().add(64 * i));
            d.write(digit);
            s.write(sep);
            newlines += u64::from(newline.count_ones());
            ats |= at;
        }
        // SAFETY: the loop wrote each of the `blocks` slots of both.
        masks.digit.set_len(masks.digit.len() + blocks);
        masks.sep.set_len(masks.sep.len() + blocks);
        Summary { newlines, any_at: ats != 0 }
    }

    /// # Safety
    /// `src` and `dst` must each be valid for 64 bytes.
    #[inline(always)]
    unsafe fn classify64_sse2(src: *const u8, dst: *mut u8) -> (u64, u64, u64, u64) {
        let zero = _mm_set1_epi8(b'0' as i8);
        let nine = _mm_set1_epi8(9);
        let upper_a = _mm_set1_epi8(b'A' as i8);
        let z25 = _mm_set1_epi8(25);
        let case_bit = _mm_set1_epi8(0x20);
        let space = _mm_set1_epi8(b' ' as i8);
        let dash = _mm_set1_epi8(b'-' as i8);
        let nl = _mm_set1_epi8(b'\n' as i8);
        let at = _mm_set1_epi8(b'@' as i8);
        let (mut digit_bits, mut sep_bits, mut newline, mut ats) = (0, 0, 0, 0);
        for k in 0..4 {
            let v = _mm_loadu_si128(src.add(16 * k) as *const __m128i);
            let t = _mm_sub_epi8(v, zero);
            let digit = _mm_cmpeq_epi8(_mm_min_epu8(t, nine), t);
            let u = _mm_sub_epi8(v, upper_a);
            let upper = _mm_cmpeq_epi8(_mm_min_epu8(u, z25), u);
            _mm_storeu_si128(dst.add(16 * k) as *mut __m128i, _mm_or_si128(v, _mm_and_si128(upper, case_bit)));
            let sep = _mm_or_si128(_mm_cmpeq_epi8(v, space), _mm_cmpeq_epi8(v, dash));
            let bits = |x: __m128i| u64::from(_mm_movemask_epi8(x) as u16) << (16 * k);
            digit_bits |= bits(digit);
            sep_bits |= bits(sep);
            newline |= bits(_mm_cmpeq_epi8(v, nl));
            ats |= bits(_mm_cmpeq_epi8(v, at));
        }
        (digit_bits, sep_bits, newline, ats)
    }

    /// # Safety
    /// `src` and `dst` must each be valid for 64 bytes, and the CPU must
    /// have AVX2.
    #[inline]
    #[target_feature(enable = "avx2")]
    unsafe fn classify64_avx2(src: *const u8, dst: *mut u8) -> (u64, u64, u64, u64) {
        let zero = _mm256_set1_epi8(b'0' as i8);
        let nine = _mm256_set1_epi8(9);
        let upper_a = _mm256_set1_epi8(b'A' as i8);
        let z25 = _mm256_set1_epi8(25);
        let case_bit = _mm256_set1_epi8(0x20);
        let space = _mm256_set1_epi8(b' ' as i8);
        let dash = _mm256_set1_epi8(b'-' as i8);
        let nl = _mm256_set1_epi8(b'\n' as i8);
        let at = _mm256_set1_epi8(b'@' as i8);
        let (mut digit_bits, mut sep_bits, mut newline, mut ats) = (0, 0, 0, 0);
        for k in 0..2 {
            let v = _mm256_loadu_si256(src.add(32 * k) as *const __m256i);
            let t = _mm256_sub_epi8(v, zero);
            let digit = _mm256_cmpeq_epi8(_mm256_min_epu8(t, nine), t);
            let u = _mm256_sub_epi8(v, upper_a);
            let upper = _mm256_cmpeq_epi8(_mm256_min_epu8(u, z25), u);
            _mm256_storeu_si256(dst.add(32 * k) as *mut __m256i, _mm256_or_si256(v, _mm256_and_si256(upper, case_bit)));
            let sep = _mm256_or_si256(_mm256_cmpeq_epi8(v, space), _mm256_cmpeq_epi8(v, dash));
            let bits = |x: __m256i| u64::from(_mm256_movemask_epi8(x) as u32) << (32 * k);
            digit_bits |= bits(digit);
            sep_bits |= bits(sep);
            newline |= bits(_mm256_cmpeq_epi8(v, nl));
            ats |= bits(_mm256_cmpeq_epi8(v, at));
        }
        (digit_bits, sep_bits, newline, ats)
    }
}

/// Where a run of at least `min` card digits begins: digits with single
/// spaces or dashes between them, as the contract's card pattern allows.
/// Found on the masks: a separator counts only between two digits, and a
/// run of `min` such bytes is necessary for `min` digits; the few runs that
/// pass are then counted exactly. `text` is the classified buffer.
pub fn long_digit_runs<const MIN: usize>(engine: Engine, text: &[u8], masks: &mut Masks, out: &mut Vec<usize>) {
    match engine {
        // SAFETY: `Engine::Avx2` is only chosen when the CPU has AVX2 and POPCNT.
        #[cfg(target_arch = "x86_64")]
        Engine::Avx2 => unsafe { x86::long_digit_runs_avx2::<MIN>(text, masks, out) },
        _ => long_digit_runs_body::<MIN>(text, masks, out),
    }
}

/// Three passes over the words, the first two free of branches so the
/// compiler can run four words at a time: run members, where MIN members
/// begin, then the (fewer) words where a run begins.
#[inline(always)]
fn long_digit_runs_body<const MIN: usize>(text: &[u8], masks: &mut Masks, out: &mut Vec<usize>) {
    const { assert!(MIN >= 2 && MIN <= 64) };
    let Masks { digit, sep, member, long } = masks;
    let n = digit.len();
    if n == 0 {
        return;
    }
    // Members: digits, and separators with a digit on each side.
    member.clear();
    member.resize(n, 0);
    let join =
        |d: u64, s: u64, before: u64, after: u64| d | (s & ((d << 1) | (before >> 63)) & ((d >> 1) | (after << 63)));
    member[0] = join(digit[0], sep[0], 0, digit.get(1).copied().unwrap_or(0));
    if n > 1 {
        member[n - 1] = join(digit[n - 1], sep[n - 1], digit[n - 2], 0);
    }
    if n > 2 {
        let inner = member[1..n - 1].iter_mut().zip(digit.windows(3)).zip(&sep[1..n - 1]);
        for ((m, d), &s) in inner {
            *m = join(d[1], s, d[0], d[2]);
        }
    }
    // Where MIN members begin.
    long.clear();
    long.resize(n, 0);
    for (l, m) in long.iter_mut().zip(member.windows(2)) {
        *l = all_set_from::<MIN>(m[0], m[1]);
    }
    long[n - 1] = all_set_from::<MIN>(member[n - 1], 0);

    let mut prev = 0u64;
    for w in 0..n {
        let here = long[w];
        let next = long.get(w + 1).copied().unwrap_or(0);
        // A run's first position, not inside one that began earlier.
        let mut starts = here & !((here << 1) | (prev >> 63));
        prev = here;
        if starts == 0 {
            continue;
        }
        // A run of exactly MIN members holds MIN digits only when it has no
        // separator (a date's `2026-11-26 03` has 13 members, 10 digits):
        // decided on the masks. Longer runs are counted.
        let exact = starts & !(here & ((here >> 1) | (next << 63)));
        let next_digit = digit.get(w + 1).copied().unwrap_or(0);
        let pure = all_set_from::<MIN>(digit[w], next_digit);
        starts &= !(exact & !pure);
        if starts & !exact == 0 {
            while starts != 0 {
                out.push(w * 64 + starts.trailing_zeros() as usize);
                starts &= starts - 1;
            }
        } else {
            let both = |lo: u64, hi: u64| u128::from(lo) | (u128::from(hi) << 64);
            let window = Window {
                members: both(member[w], member.get(w + 1).copied().unwrap_or(0)),
                digits: both(digit[w], next_digit),
            };
            count_run_digits::<MIN>(text, w, &window, starts, exact, out);
        }
    }
}

/// Bit i: the MIN bits from bit i of `lo` on (continuing into `hi`) are all
/// set.
#[inline(always)]
fn all_set_from<const MIN: usize>(lo: u64, hi: u64) -> u64 {
    let (mut x, mut y) = (lo, hi);
    let mut have = 1;
    while have < MIN {
        let step = if have < MIN - have { have } else { MIN - have };
        x &= (x >> step) | (y << (64 - step));
        y &= y >> step;
        have += step;
    }
    x
}

/// Run members and digits of a word and the next.
struct Window {
    members: u128,
    digits: u128,
}

/// Keeps the runs starting at `starts` (bits of word `w`) that hold at
/// least MIN digits: those in `sure` are known to; the others are counted on
/// the masks while a run ends within the two words, byte by byte beyond.
#[inline(never)]
fn count_run_digits<const MIN: usize>(
    text: &[u8],
    w: usize,
    window: &Window,
    mut starts: u64,
    sure: u64,
    out: &mut Vec<usize>,
) {
    while starts != 0 {
        let bit = starts.trailing_zeros();
        let len = (!(window.members >> bit)).trailing_zeros();
        let at = w * 64 + bit as usize;
        let count = match len < 128 - bit {
            _ if sure >> bit & 1 == 1 => MIN,
            true => ((window.digits >> bit) & ((1u128 << len) - 1)).count_ones() as usize,
            false => digits_in_run(text, at),
        };
        if count >= MIN {
            out.push(at);
        }
        starts &= starts - 1;
    }
}

/// How many digits follow one another from `at` (0 when `text[at]` is not
/// one), read on the masks.
pub fn digits_from(masks: &Masks, at: usize) -> usize {
    let (mut w, bit) = (at / 64, at % 64);
    let mut n = 0;
    let mut ones = masks.digit.get(w).map_or(0, |d| d >> bit).trailing_ones() as usize;
    while ones == 64 - if n == 0 { bit } else { 0 } {
        n += ones;
        w += 1;
        ones = masks.digit.get(w).map_or(0, |d| d.trailing_ones()) as usize;
    }
    n + ones
}

/// Digits in the run of digits and single separators that starts at `start`.
fn digits_in_run(b: &[u8], start: usize) -> usize {
    let mut i = start;
    let mut digits = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() {
            digits += 1;
        } else if !((b[i] == b' ' || b[i] == b'-') && b.get(i + 1).is_some_and(u8::is_ascii_digit)) {
            break;
        }
        i += 1;
    }
    digits
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn engines() -> Vec<Engine> {
        let mut all = vec![Engine::Scalar];
        #[cfg(target_arch = "x86_64")]
        {
            all.push(Engine::Sse2);
            if std::arch::is_x86_feature_detected!("avx2") {
                all.push(Engine::Avx2);
            }
        }
        all
    }

    /// The plain definition: a run starts after a non-member and holds at
    /// least `min` digits.
    fn runs_reference(b: &[u8], min: usize) -> Vec<usize> {
        let member = |i: usize| {
            b[i].is_ascii_digit()
                || ((b[i] == b' ' || b[i] == b'-')
                    && i > 0
                    && b[i - 1].is_ascii_digit()
                    && b.get(i + 1).is_some_and(u8::is_ascii_digit))
        };
        (0..b.len())
            .filter(|&i| b[i].is_ascii_digit() && (i == 0 || !member(i - 1)) && digits_in_run(b, i) >= min)
            .collect()
    }

    fn text() -> impl Strategy<Value = Vec<u8>> {
        // Mostly digits and separators, so long runs and their edges are common.
        let byte = prop_oneof![
            8 => b'0'..=b'9',
            2 => Just(b' '),
            2 => Just(b'-'),
            1 => Just(b'\n'),
            1 => Just(b'@'),
            1 => b'A'..=b'Z',
            1 => any::<u8>(),
        ];
        proptest::collection::vec(byte, 0..400)
    }

    proptest! {
        #[test]
        fn every_engine_agrees_with_the_definition(b in text()) {
            let mut want_lower = b.clone();
            want_lower.make_ascii_lowercase();
            for engine in engines() {
                let (mut lower, mut masks) = (Vec::new(), Masks::default());
                let summary = classify(engine, &b, &mut lower, &mut masks);
                prop_assert_eq!(&lower, &want_lower, "{:?}", engine);
                prop_assert_eq!(masks.digit.len(), b.len().div_ceil(64));
                for (i, &c) in b.iter().enumerate() {
                    let bit = |x: &[u64]| x[i / 64] >> (i % 64) & 1 == 1;
                    prop_assert_eq!(bit(&masks.digit), c.is_ascii_digit());
                    prop_assert_eq!(bit(&masks.sep), c == b' ' || c == b'-');
                }
                let newlines = b.iter().filter(|&&c| c == b'\n').count() as u64;
                prop_assert_eq!(summary, Summary { newlines, any_at: b.contains(&b'@') });
                let (mut r2, mut r13, mut r19) = (Vec::new(), Vec::new(), Vec::new());
                long_digit_runs::<2>(engine, &b, &mut masks, &mut r2);
                long_digit_runs::<13>(engine, &b, &mut masks, &mut r13);
                long_digit_runs::<19>(engine, &b, &mut masks, &mut r19);
                prop_assert_eq!(r2, runs_reference(&b, 2), "{:?}", engine);
                prop_assert_eq!(r13, runs_reference(&b, 13), "{:?}", engine);
                prop_assert_eq!(r19, runs_reference(&b, 19), "{:?}", engine);
                for at in (0..b.len()).step_by(7) {
                    let want = b[at..].iter().take_while(|c| c.is_ascii_digit()).count();
                    prop_assert_eq!(digits_from(&masks, at), want, "at {}", at);
                }
            }
        }
    }

    #[test]
    fn runs_across_block_edges() {
        for pad in 0..140 {
            let text = format!("{}4111 1111 1111 1111 xyz1234567890123 12-34", "a".repeat(pad));
            let (mut lower, mut masks) = (Vec::new(), Masks::default());
            classify(Engine::detect(), text.as_bytes(), &mut lower, &mut masks);
            let mut runs = Vec::new();
            long_digit_runs::<13>(Engine::detect(), text.as_bytes(), &mut masks, &mut runs);
            assert_eq!(runs, [pad, pad + 23], "pad {pad}");
        }
        let long = format!("x{}y{}", "7".repeat(200), "8".repeat(64));
        let (mut lower, mut masks) = (Vec::new(), Masks::default());
        classify(Engine::detect(), long.as_bytes(), &mut lower, &mut masks);
        for (at, want) in [(0, 0), (1, 200), (63, 138), (64, 137), (128, 73), (200, 1), (201, 0), (202, 64), (230, 36)]
        {
            assert_eq!(digits_from(&masks, at), want, "at {at}");
        }
    }
}

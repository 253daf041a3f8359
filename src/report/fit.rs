//! Lines that fit: every line of human output wrapped at the width tables
//! fit (`COLUMNS`, the terminal, or 100 columns piped), on word boundaries,
//! continuation lines indented under their first. A word longer than the
//! width is broken, never cut: all of it is printed. Table lines are
//! already fitted by comfy-table and left alone.

use std::borrow::Cow;

use textwrap::core::display_width;

/// Text safe to print on a terminal: control characters (a log line's
/// `ESC[2J` that clears the screen, an OSC that retitles the window, a BEL,
/// a CR that overwrites what came before) and the bidirectional overrides
/// that reorder what is read are shown as escapes (`\x1b`, `\u{202e}`),
/// never sent. Newlines and tabs stay; with `colour`, so do our own colour
/// codes (`ESC[…m`).
pub fn printable(text: &str, colour: bool) -> Cow<'_, str> {
    let unsafe_char = |c: char| {
        (c.is_control() && c != '\n' && c != '\t') || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    };
    if !text.chars().any(unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if c == '\x1b' && colour {
            // Our colour: ESC [ digits and ; then m.
            let tail = &rest[1..];
            if let Some(body) = tail.strip_prefix('[') {
                let end = body.find(|ch: char| !(ch.is_ascii_digit() || ch == ';'));
                if let Some(end) = end.filter(|&e| body[e..].starts_with('m')) {
                    let len = 1 + 1 + end + 1;
                    out.push_str(&rest[..len]);
                    rest = &rest[len..];
                    continue;
                }
            }
        }
        if unsafe_char(c) {
            match u32::from(c) {
                n if n < 0x100 => out.push_str(&format!("\\x{n:02x}")),
                n => out.push_str(&format!("\\u{{{n:x}}}")),
            }
        } else {
            out.push(c);
        }
        rest = &rest[c.len_utf8()..];
    }
    Cow::Owned(out)
}

/// `text` with every line over `width` columns wrapped.
pub fn lines(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        // A tab's width is the terminal's to choose: four spaces are counted and printed.
        let expanded;
        let line = if line.contains('\t') {
            expanded = line.replace('\t', "    ");
            expanded.as_str()
        } else {
            line
        };
        if display_width(line) <= width || is_table(line) {
            out.push_str(line);
            continue;
        }
        let body = line.trim_start();
        if body.is_empty() {
            // Only spaces: nothing to keep.
            continue;
        }
        let indent = &line[..line.len() - body.len()];
        // A deep indent would leave no room: past a third of the width, none.
        let room = display_width(indent) + 2 <= width / 3;
        let (indent, more) = if room { (indent, format!("{indent}  ")) } else { ("", String::new()) };
        let options = textwrap::Options::new(width)
            .initial_indent(indent)
            .subsequent_indent(&more)
            .break_words(true)
            .word_separator(textwrap::WordSeparator::AsciiSpace)
            // `X-Api-Key`, `php-fpm`, `rate-limit` stay whole: a name split at its hyphen reads as two.
            .word_splitter(textwrap::WordSplitter::NoHyphenation);
        let wrapped = textwrap::wrap(body, options);
        out.push_str(&wrapped.join("\n"));
    }
    out
}

/// A line of a table comfy-table drew: its borders start it.
fn is_table(line: &str) -> bool {
    line.trim_start().starts_with(['│', '┌', '├', '└', '╞', '╭', '╰', '┆', '║', '╔', '╚', '╠'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_wrap_and_keep_every_character() {
        let path = format!("/srv/{}/routes/api.php", "a".repeat(150));
        let text = format!("short\n  - finding: the limiter on {path} answers 500 on every request to these routes\n");
        let out = lines(&text, 80);
        assert!(out.lines().all(|l| display_width(l) <= 80), "{out}");
        let squeeze = |s: &str| s.split_whitespace().collect::<String>();
        assert_eq!(squeeze(&out), squeeze(&text));
        assert!(out.lines().nth(2).unwrap().starts_with("    "), "continuation indented: {out}");
        assert!(out.ends_with('\n'));
    }

    #[test]
    fn names_are_not_split_at_their_hyphens() {
        let text = format!("{} as X-Api-Key ga***51 then rate-limit", "word ".repeat(14));
        let out = lines(&text, 80);
        assert!(out.contains("X-Api-Key") && out.contains("rate-limit"), "{out}");
    }

    #[test]
    fn tables_and_short_lines_are_left_alone() {
        let row = format!("│ {} │", "x".repeat(120));
        assert_eq!(lines(&row, 80), row);
        assert_eq!(lines("a\n\nb", 80), "a\n\nb");
    }

    proptest::proptest! {
        /// Any text: no line over the width (tables aside), and every
        /// non-space character printed, in order.
        #[test]
        fn any_text_fits_and_keeps_every_character(text in "[ a-z/:\\-]{0,30}([ \t]{0,90}[a-zA-Z0-9_./:-]{0,120}\n?){0,6}", width in 20usize..120) {
            let out = lines(&text, width);
            for l in out.lines() {
                proptest::prop_assert!(display_width(l) <= width, "{:?} at {}: {:?}", l, width, out);
            }
            let squeeze = |s: &str| s.split_whitespace().collect::<String>();
            proptest::prop_assert_eq!(squeeze(&out), squeeze(&text));
        }
    }

    #[test]
    fn control_characters_are_shown_never_sent() {
        let hostile = "boom \x1b[2J\x1b]0;pwned\x07 \r\u{202e}gnp.exe\u{9b}31m";
        let out = printable(hostile, false);
        assert!(!out.chars().any(|c| c.is_control() || c == '\u{202e}'), "{out:?}");
        assert_eq!(out, "boom \\x1b[2J\\x1b]0;pwned\\x07 \\x0d\\u{202e}gnp.exe\\x9b31m");
        // Our own colour passes when colour is on; an OSC never does.
        let ours = "\x1b[31mFAIL\x1b[0m \x1b]0;t\x07";
        assert_eq!(printable(ours, true), "\x1b[31mFAIL\x1b[0m \\x1b]0;t\\x07");
        assert_eq!(printable("a\tb\nc", false), "a\tb\nc");
    }

    #[test]
    fn colour_does_not_count_toward_the_width() {
        let line = format!("\x1b[31m{}\x1b[0m", "w".repeat(78));
        assert_eq!(lines(&line, 80), line);
    }
}

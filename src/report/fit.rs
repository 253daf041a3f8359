//! Lines that fit: every line of human output wrapped at the width tables
//! fit (`COLUMNS`, the terminal, or 100 columns piped), on word boundaries,
//! continuation lines indented under their first. A word longer than the
//! width is broken, never cut: all of it is printed. Table lines are
//! already fitted by comfy-table and left alone.

use textwrap::core::display_width;

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
    fn colour_does_not_count_toward_the_width() {
        let line = format!("\x1b[31m{}\x1b[0m", "w".repeat(78));
        assert_eq!(lines(&line, 80), line);
    }
}

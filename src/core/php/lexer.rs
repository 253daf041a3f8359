//! The PHP tokenizer: inline HTML, open and close tags, whitespace, the three
//! comment forms, single- and double-quoted strings, heredoc and nowdoc,
//! variables, names, numbers and punctuation. It never guesses: an
//! unterminated string or comment is an error.

use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    InlineHtml,
    OpenTag,
    CloseTag,
    Whitespace,
    Comment,
    SingleQuoted,
    DoubleQuoted,
    /// Heredoc, nowdoc or backticks: a string whose value we never read.
    OtherString,
    Variable,
    Name,
    Number,
    Punct,
}

impl TokenKind {
    /// Code, as opposed to whitespace and comments.
    pub fn is_code(self) -> bool {
        !matches!(self, TokenKind::Whitespace | TokenKind::Comment)
    }

    pub fn is_string(self) -> bool {
        matches!(self, TokenKind::SingleQuoted | TokenKind::DoubleQuoted | TokenKind::OtherString)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub kind: TokenKind,
    pub span: Range<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexError {
    pub at: usize,
    pub message: String,
}

const PUNCT: &[&str] = &[
    "<<=", ">>=", "**=", "...", "<=>", "===", "!==", "??=", "?->", "->", "::", "=>", "==", "!=", "<>", "<=", ">=",
    "&&", "||", "??", "++", "--", "+=", "-=", "*=", "/=", ".=", "%=", "&=", "|=", "^=", "<<", ">>", "**", "#[",
];

fn is_name_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_' || b >= 0x80
}

fn is_name(b: u8) -> bool {
    is_name_start(b) || b.is_ascii_digit()
}

pub fn lex(text: &str) -> Result<Vec<Token>, LexError> {
    let b = text.as_bytes();
    let mut tokens = Vec::new();
    let mut i = 0;
    let mut in_php = false;
    while i < b.len() {
        let start = i;
        let push = |tokens: &mut Vec<Token>, kind, end| tokens.push(Token { kind, span: start..end });
        if !in_php {
            let end = text[i..].find("<?").map(|p| i + p).unwrap_or(b.len());
            if end > i {
                push(&mut tokens, TokenKind::InlineHtml, end);
                i = end;
                continue;
            }
            let len = if text[i..].starts_with("<?php") {
                5
            } else if text[i..].starts_with("<?=") {
                3
            } else {
                2
            };
            push(&mut tokens, TokenKind::OpenTag, i + len);
            i += len;
            in_php = true;
            continue;
        }
        let c = b[i];
        let (kind, end) = if c.is_ascii_whitespace() {
            let mut j = i;
            while j < b.len() && b[j].is_ascii_whitespace() {
                j += 1;
            }
            (TokenKind::Whitespace, j)
        } else if text[i..].starts_with("?>") {
            in_php = false;
            // The newline right after a close tag belongs to it.
            let end = if b.get(i + 2) == Some(&b'\n') { i + 3 } else { i + 2 };
            (TokenKind::CloseTag, end)
        } else if (c == b'#' && b.get(i + 1) != Some(&b'[')) || text[i..].starts_with("//") {
            (TokenKind::Comment, line_comment_end(text, i))
        } else if text[i..].starts_with("/*") {
            let end = text[i + 2..]
                .find("*/")
                .map(|p| i + 2 + p + 2)
                .ok_or(LexError { at: i, message: "a /* comment is never closed".into() })?;
            (TokenKind::Comment, end)
        } else if c == b'\'' {
            (TokenKind::SingleQuoted, quoted_end(b, i, b'\'')?)
        } else if c == b'"' {
            (TokenKind::DoubleQuoted, quoted_end(b, i, b'"')?)
        } else if c == b'`' {
            (TokenKind::OtherString, quoted_end(b, i, b'`')?)
        } else if text[i..].starts_with("<<<") {
            (TokenKind::OtherString, heredoc_end(text, i)?)
        } else if c == b'$' && b.get(i + 1).is_some_and(|&n| is_name_start(n)) {
            let mut j = i + 1;
            while j < b.len() && is_name(b[j]) {
                j += 1;
            }
            (TokenKind::Variable, j)
        } else if is_name_start(c) {
            let mut j = i;
            while j < b.len() && is_name(b[j]) {
                j += 1;
            }
            (TokenKind::Name, j)
        } else if c.is_ascii_digit() {
            let mut j = i;
            while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'.' || b[j] == b'_') {
                j += 1;
            }
            (TokenKind::Number, j)
        } else {
            let len = PUNCT
                .iter()
                .find(|p| text[i..].starts_with(**p))
                .map(|p| p.len())
                .unwrap_or_else(|| text[i..].chars().next().map_or(1, char::len_utf8));
            (TokenKind::Punct, i + len)
        };
        tokens.push(Token { kind, span: start..end });
        i = end;
    }
    Ok(tokens)
}

/// A line comment ends before the newline, or before `?>`.
fn line_comment_end(text: &str, i: usize) -> usize {
    // Look for `?>` within the line only: searching the rest of the file
    // for each `//` made a file of many comments quadratic.
    let rest = &text[i..];
    let line = &rest[..memchr::memchr(b'\n', rest.as_bytes()).unwrap_or(rest.len())];
    i + line.find("?>").unwrap_or(line.len())
}

fn quoted_end(b: &[u8], i: usize, quote: u8) -> Result<usize, LexError> {
    let mut j = i + 1;
    while j < b.len() {
        match b[j] {
            b'\\' => j += 2,
            q if q == quote => return Ok(j + 1),
            _ => j += 1,
        }
    }
    Err(LexError { at: i, message: "a string is never closed".into() })
}

/// `<<<ID`, `<<<"ID"` or `<<<'ID'`, then lines, until a line whose first
/// non-blank text is ID not followed by a name character (PHP 7.3 rules).
fn heredoc_end(text: &str, i: usize) -> Result<usize, LexError> {
    let fail = || LexError { at: i, message: "a heredoc is never closed".into() };
    let head_end = text[i..].find('\n').map(|p| i + p).ok_or_else(fail)?;
    let label = text[i + 3..head_end].trim().trim_matches(|c| c == '"' || c == '\'');
    if label.is_empty() || !label.bytes().all(is_name) {
        return Err(LexError { at: i, message: "a heredoc has no valid label".into() });
    }
    let mut line_start = head_end + 1;
    while line_start <= text.len() {
        let line_end = text[line_start..].find('\n').map(|p| line_start + p).unwrap_or(text.len());
        let line = &text[line_start..line_end];
        let trimmed = line.trim_start();
        if let Some(after) = trimmed.strip_prefix(label) {
            if !after.bytes().next().is_some_and(is_name) {
                return Ok(line_start + (line.len() - trimmed.len()) + label.len());
            }
        }
        if line_end == text.len() {
            break;
        }
        line_start = line_end + 1;
    }
    Err(fail())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(TokenKind, &str)> {
        lex(text).unwrap().into_iter().filter(|t| t.kind.is_code()).map(|t| (t.kind, &text[t.span])).collect()
    }

    #[test]
    fn strings_and_comments_hide_what_looks_like_code() {
        let src = "<?php\n$a = 'it\\'s ] // not'; // 'comment' [\n# also ( \n/* [ */ $b = \"x\\\"y\";\n";
        let code: Vec<&str> = kinds(src).into_iter().map(|(_, s)| s).collect();
        assert_eq!(code, ["<?php", "$a", "=", "'it\\'s ] // not'", ";", "$b", "=", "\"x\\\"y\"", ";"]);
    }

    #[test]
    fn heredoc_and_nowdoc() {
        let src = "<?php\n$x = <<<EOT\n  'api.rate-limit' ]\n  EOT;\n$y = <<<'N'\n[\nN;\n";
        let found = kinds(src);
        assert_eq!(found[3].0, TokenKind::OtherString);
        assert!(found[3].1.ends_with("EOT"));
        assert_eq!(found.iter().filter(|(k, _)| *k == TokenKind::OtherString).count(), 2);
    }

    #[test]
    fn attributes_are_not_comments_and_html_is_kept() {
        let found = kinds("<html><?php #[Attr] f(); ?>\n<b>");
        assert_eq!(found[1], (TokenKind::OpenTag, "<?php"));
        assert_eq!(found[2], (TokenKind::Punct, "#["));
        assert_eq!(found.last().unwrap().0, TokenKind::InlineHtml);
    }

    #[test]
    fn unterminated_input_is_an_error() {
        assert!(lex("<?php $a = 'open").is_err());
        assert!(lex("<?php /* open").is_err());
        assert!(lex("<?php $a = <<<EOT\nnever").is_err());
    }

    #[test]
    fn the_tokens_cover_every_byte() {
        let src = "<?php\nRoute::prefix('v2')->middleware(['a', \"b\"])->group(function () {\n    // x\n});\n";
        let tokens = lex(src).unwrap();
        let mut at = 0;
        for t in &tokens {
            assert_eq!(t.span.start, at);
            at = t.span.end;
        }
        assert_eq!(at, src.len());
    }
}

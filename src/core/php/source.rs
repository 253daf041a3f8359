//! A PHP file's text with its tokens and their bracket pairs, and the
//! literal values and lines read from it.

use std::ops::Range;

use super::lexer::{lex, Token, TokenKind};

/// A PHP file with its tokens and bracket pairs.
pub struct Source<'a> {
    pub text: &'a str,
    pub tokens: Vec<Token>,
    /// For each token index that opens or closes a bracket, its partner.
    pairs: Vec<Option<usize>>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct ParseError {
    pub line: usize,
    pub message: String,
}

impl<'a> Source<'a> {
    pub fn parse(text: &'a str) -> Result<Source<'a>, ParseError> {
        let tokens = lex(text).map_err(|e| ParseError { line: line_at(text, e.at), message: e.message })?;
        let pairs = pair_brackets(text, &tokens)?;
        Ok(Source { text, tokens, pairs })
    }

    pub fn text_of(&self, i: usize) -> &'a str {
        &self.text[self.tokens[i].span.clone()]
    }

    pub fn kind(&self, i: usize) -> TokenKind {
        self.tokens[i].kind
    }

    /// The bracket partner of token `i`.
    pub fn partner(&self, i: usize) -> Option<usize> {
        self.pairs.get(i).copied().flatten()
    }

    /// The next token after `i` that is not whitespace or a comment.
    pub fn next_code(&self, i: usize) -> Option<usize> {
        (i + 1..self.tokens.len()).find(|&j| self.tokens[j].kind.is_code())
    }

    /// The previous token before `i` that is not whitespace or a comment.
    pub fn prev_code(&self, i: usize) -> Option<usize> {
        (0..i).rev().find(|&j| self.tokens[j].kind.is_code())
    }

    /// Is token `i` the punctuation `p`?
    pub fn is(&self, i: usize, p: &str) -> bool {
        self.kind(i) == TokenKind::Punct && self.text_of(i) == p
    }

    pub fn line_of(&self, i: usize) -> usize {
        line_at(self.text, self.tokens[i].span.start)
    }

    /// Top-level comma-separated items between bracket tokens `open` and
    /// its partner, each as (first, last) code-token indices.
    pub fn items(&self, open: usize) -> Vec<(usize, usize)> {
        let Some(close) = self.partner(open) else { return Vec::new() };
        let mut items = Vec::new();
        let mut first: Option<usize> = None;
        let mut last = open;
        let mut i = open + 1;
        while i < close {
            if !self.kind(i).is_code() {
                i += 1;
                continue;
            }
            if self.is(i, ",") {
                if let Some(f) = first.take() {
                    items.push((f, last));
                }
                i += 1;
                continue;
            }
            first.get_or_insert(i);
            last = i;
            i = match self.partner(i) {
                Some(p) if p > i => {
                    last = p;
                    p + 1
                }
                _ => i + 1,
            };
        }
        if let Some(f) = first {
            items.push((f, last));
        }
        items
    }

    /// The byte span from the start of token `a` to the end of token `b`.
    pub fn span(&self, a: usize, b: usize) -> Range<usize> {
        self.tokens[a].span.start..self.tokens[b].span.end
    }
}

fn pair_brackets(text: &str, tokens: &[Token]) -> Result<Vec<Option<usize>>, ParseError> {
    let mut pairs = vec![None; tokens.len()];
    let mut stack: Vec<usize> = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        if t.kind != TokenKind::Punct {
            continue;
        }
        let s = &text[t.span.clone()];
        match s {
            "(" | "[" | "{" => stack.push(i),
            ")" | "]" | "}" => {
                let want = match s {
                    ")" => "(",
                    "]" => "[",
                    _ => "{",
                };
                let Some(open) = stack.pop().filter(|&o| &text[tokens[o].span.clone()] == want) else {
                    return Err(ParseError { line: line_at(text, t.span.start), message: format!("unbalanced {s:?}") });
                };
                pairs[open] = Some(i);
                pairs[i] = Some(open);
            }
            _ => {}
        }
    }
    match stack.last() {
        Some(&open) => Err(ParseError {
            line: line_at(text, tokens[open].span.start),
            message: "a bracket is never closed".into(),
        }),
        None => Ok(pairs),
    }
}

/// 1-based line of a byte offset.
pub fn line_at(text: &str, at: usize) -> usize {
    text.as_bytes()[..at.min(text.len())].iter().filter(|&&b| b == b'\n').count() + 1
}

/// The value of a string literal token, when it is a constant: single
/// quotes, or double quotes without interpolation. `None` otherwise.
pub fn literal_value(kind: TokenKind, text: &str) -> Option<String> {
    match kind {
        TokenKind::SingleQuoted => {
            let inner = &text[1..text.len() - 1];
            Some(inner.replace("\\\\", "\u{0}").replace("\\'", "'").replace('\u{0}', "\\"))
        }
        TokenKind::DoubleQuoted => double_quoted(&text[1..text.len() - 1]),
        _ => None,
    }
}

/// A double-quoted string's value without interpolation: the simple escapes
/// decoded, an unknown one kept as written (PHP's rule: `"App\\Http"` and
/// `"App\Http"` are both `App\Http`). `None` for a variable or a numeric
/// escape, whose value is not worth guessing.
fn double_quoted(inner: &str) -> Option<String> {
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '$' => return None,
            '\\' => match chars.next() {
                None => out.push('\\'),
                Some(e @ ('\\' | '$' | '"')) => out.push(e),
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some('r') => out.push('\r'),
                Some('v') => out.push('\u{b}'),
                Some('e') => out.push('\u{1b}'),
                Some('f') => out.push('\u{c}'),
                Some('0'..='7' | 'x' | 'u') => return None,
                Some(other) => {
                    out.push('\\');
                    out.push(other);
                }
            },
            c => out.push(c),
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_values() {
        let dq = |s: &str| literal_value(TokenKind::DoubleQuoted, s);
        assert_eq!(dq(r#""App\\Http\\X""#).as_deref(), Some(r"App\Http\X"));
        assert_eq!(dq(r#""App\Http\X""#).as_deref(), Some(r"App\Http\X"));
        assert_eq!(dq(r#""a\$b \"q\"""#).as_deref(), Some("a$b \"q\""));
        assert_eq!(dq(r#""$x""#), None);
        assert_eq!(dq(r#""\x41""#), None);
        assert_eq!(literal_value(TokenKind::SingleQuoted, r"'\App\X'").as_deref(), Some(r"\App\X"));
    }
}

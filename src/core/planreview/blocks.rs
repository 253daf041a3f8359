//! A plan read as its shell blocks, each with the prose before it, and a
//! command read as its words.

use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};

/// A fenced shell block and the prose right after it (its "Expected").
#[derive(Debug, Clone)]
pub struct Block {
    /// 1-based line of the block's first line of code.
    pub line: usize,
    /// The fence's language (`bash`), empty for a bare fence (often output).
    pub lang: String,
    pub code: String,
    pub after: String,
}

/// The shell blocks of a Markdown plan, each with the prose after it.
pub fn blocks(markdown: &str) -> Vec<Block> {
    let line_of = |offset: usize| markdown[..offset.min(markdown.len())].matches('\n').count() + 1;
    let mut out: Vec<Block> = Vec::new();
    let mut current: Option<Block> = None;
    for (event, range) in Parser::new(markdown).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match &kind {
                    CodeBlockKind::Fenced(lang) => Some(lang.split_whitespace().next().unwrap_or("").to_string()),
                    CodeBlockKind::Indented => None,
                };
                if let Some(lang) =
                    lang.filter(|l| l.is_empty() || matches!(l.as_str(), "bash" | "sh" | "shell" | "console" | "zsh"))
                {
                    // The code starts on the line after the fence.
                    let line = line_of(range.start) + 1;
                    current = Some(Block { line, lang, code: String::new(), after: String::new() });
                }
            }
            Event::Text(text) if current.is_some() => {
                if let Some(b) = current.as_mut() {
                    b.code.push_str(&text);
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some(b) = current.take() {
                    out.push(b);
                }
            }
            Event::Text(text) | Event::Code(text) => {
                // Prose after the last block, up to the next one.
                if let Some(last) = out.last_mut() {
                    if last.after.len() < 2000 {
                        last.after.push_str(&text);
                        last.after.push('\n');
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// Shell words, quotes removed (enough for the commands a plan holds).
pub(super) fn words(command: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut quote: Option<char> = None;
    let mut any = false;
    for c in command.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => word.push(c),
            (None, '"' | '\'') => {
                quote = Some(c);
                any = true;
            }
            (None, c) if c.is_whitespace() || matches!(c, '|' | ';' | '&' | '(' | ')') => {
                if !word.is_empty() || any {
                    out.push(std::mem::take(&mut word));
                }
                any = false;
                if matches!(c, '|' | ';' | '&') {
                    out.push(c.to_string());
                }
            }
            (None, c) => word.push(c),
        }
    }
    if !word.is_empty() || any {
        out.push(word);
    }
    out
}

//! PHP source read as tokens, enough to edit it by structure: strings,
//! comments, heredocs and nested brackets are respected, and every token
//! knows its byte span so an edit changes only the bytes it means to.

mod lexer;
mod names;
mod source;

pub use lexer::{lex, LexError, Token, TokenKind};
pub use names::{class_key, Imports};
pub use source::{line_at, literal_value, ParseError, Source};

//! Code blocks in the book's Markdown, found exactly the way skeptic finds
//! them: with pulldown-cmark 0.9 and default options, numbering each block
//! by the line skeptic names its test after.
//!
//! One file serves two crates: xtask (`mod markdown`) and the root package's
//! build script (`#[path = "xtask/src/markdown.rs"] mod markdown`), so the
//! build script and the snippet policy cannot disagree about what a block is.
//! It may use only std and pulldown-cmark.

use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag};
use std::ops::Range;

pub struct CodeBlock {
    /// The language and attributes after the opening fence (`rust,no_run`);
    /// `None` for an indented block, which has no fence.
    pub info: Option<String>,
    /// The line skeptic puts in the test's name (`..._line_N`): the 1-based
    /// line of the opening fence. `None` for a block with no code.
    pub line: Option<usize>,
    pub code: String,
    /// Where the block is in the page, fences included.
    pub range: Range<usize>,
}

impl CodeBlock {
    /// The info string split as rustdoc and skeptic split it.
    pub fn tokens(&self) -> impl Iterator<Item = &str> {
        self.info
            .as_deref()
            .unwrap_or_default()
            .split(|c: char| !(c == '_' || c == '-' || c.is_alphanumeric()))
            .filter(|t| !t.is_empty())
    }

    /// A fenced block with a `rust` token: one that skeptic would test.
    pub fn is_rust(&self) -> bool {
        self.info.is_some() && self.tokens().any(|t| t == "rust")
    }

    /// A block whose only content is mdBook includes. As a ```rust block it
    /// shows a listing, which is a crate tested on its own: not a snippet.
    pub fn is_listing_include(&self) -> bool {
        let lines = || self.code.lines().map(str::trim).filter(|l| !l.is_empty());
        lines().next().is_some() && lines().all(|l| include_argument(l).is_some())
    }

    /// A ```rust block that skeptic compiles and runs.
    pub fn is_snippet(&self) -> bool {
        self.is_rust() && !self.is_listing_include()
    }
}

/// Every code block of a page, in order.
pub fn code_blocks(page: &str) -> Vec<CodeBlock> {
    let mut blocks: Vec<CodeBlock> = Vec::new();
    let mut open = false;
    for (event, range) in Parser::new(page).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                let info = match kind {
                    CodeBlockKind::Fenced(info) => Some(info.trim().to_owned()),
                    CodeBlockKind::Indented => None,
                };
                let code = String::new();
                blocks.push(CodeBlock {
                    info,
                    line: None,
                    code,
                    range,
                });
                open = true;
            }
            Event::Text(text) if open => {
                let block = blocks.last_mut().expect("a block is open");
                if block.line.is_none() {
                    // Skeptic counts the newlines before the first text.
                    block.line = Some(page[..range.start].matches('\n').count());
                }
                block.code.push_str(&text);
            }
            Event::End(Tag::CodeBlock(_)) => open = false,
            _ => {}
        }
    }
    blocks
}

/// `{{#include path}}` or `{{#rustdoc_include path}}` (spaces allowed, as
/// mdBook allows them): the argument, `path` with any `:anchor` or lines.
pub fn include_argument(directive: &str) -> Option<&str> {
    let inner = directive
        .trim()
        .strip_prefix("{{")?
        .strip_suffix("}}")?
        .trim_start();
    let inner = inner.strip_prefix('#')?;
    let argument = inner
        .strip_prefix("include")
        .or_else(|| inner.strip_prefix("rustdoc_include"))?;
    argument
        .starts_with(char::is_whitespace)
        .then(|| argument.trim())
}

/// The page with each ```rust block that only includes listing files
/// relabelled ```text, every line kept where it was, so skeptic leaves those
/// blocks alone and its test names still give the lines of the real page.
#[allow(dead_code)] // xtask only tests it; the root package's build.rs uses it
pub fn relabel_listing_includes(page: &str) -> String {
    let mut out = page.to_owned();
    for block in code_blocks(page).iter().rev() {
        if !(block.is_rust() && block.is_listing_include()) {
            continue;
        }
        let info = block.info.as_deref().expect("a fenced block");
        let fence_line_end = page[block.range.start..]
            .find('\n')
            .map_or(page.len(), |end| block.range.start + end);
        let in_line = page[block.range.start..fence_line_end].find(info);
        if let Some(offset) = in_line {
            let start = block.range.start + offset;
            out.replace_range(start..start + info.len(), "text");
        }
    }
    out
}

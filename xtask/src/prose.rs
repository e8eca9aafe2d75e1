//! What the prose says about the rest of the book, checked:
//! - the first caption of each listing carries its anchor, its directory and
//!   the command that runs it:
//!   `<a id="listing-1-4"></a>*Listing 1-4: title
//!   (`listings/ch01-futures/01-04-lost-wakeup`; `cargo run -p listing-01-04-lost-wakeup`)*`
//!   (`cargo test -p ...` for a listing with no binary);
//! - every listing a page includes is captioned on that page;
//! - every mention of another chapter ("chapter 3") or appendix ("appendix
//!   A"), or of its listings ("Listing 3-2", "Listing A-1"), is a link, and
//!   a link whose text names one goes to that page, or that listing's
//!   anchor;
//! - the cheat sheet (appendix B) links to every chapter at least once.
//!
//! What the names look like comes from book.rs.

use crate::book::{CHEAT_SHEET, Part, Stem};
use crate::markdown;
use crate::process::shown;
use crate::workspace::Package;
use anyhow::{Context, Result, ensure};
use fs_err as fs;
use pulldown_cmark::{Event, Parser, Tag};
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::PathBuf;

/// Checks `pages`; `chapters` are all of src/'s pages (links may go to any).
pub fn check(pages: &[PathBuf], chapters: &[PathBuf], packages: &[Package]) -> Result<()> {
    let book = Book::new(chapters, packages);
    let mut problems = Vec::new();
    for page in pages {
        let text = fs::read_to_string(page).with_context(|| format!("reading {}", shown(page)))?;
        let name = page.file_name().context("a page has a name")?;
        let name = name.to_string_lossy();
        problems.extend(
            book.page_problems(&name, &text)
                .into_iter()
                .map(|(line, problem)| format!("{}:{line}: {problem}", shown(page))),
        );
    }
    ensure!(problems.is_empty(), "{}", problems.join("\n"));
    Ok(())
}

/// What a page may refer to: chapters and appendices, listing packages by
/// directory.
struct Book {
    /// Chapter or appendix -> page file name (`3` -> `ch03-runtimes.md`).
    chapters: BTreeMap<Part, String>,
    /// Listing directory (relative to the root) -> (package, has a binary).
    listings: BTreeMap<PathBuf, (String, bool)>,
}

impl Book {
    fn new(pages: &[PathBuf], packages: &[Package]) -> Book {
        let chapters = pages
            .iter()
            .filter_map(|page| {
                let name = page.file_name()?.to_string_lossy().into_owned();
                Some((Stem::parse(&name)?.part, name))
            })
            .collect();
        let listings = packages
            .iter()
            .filter(|p| p.dir.starts_with("listings"))
            .map(|p| (p.dir.clone(), (p.name.clone(), p.has_bin)))
            .collect();
        Book { chapters, listings }
    }

    /// (1-based line, problem) for each problem of a page called `name`.
    fn page_problems(&self, name: &str, text: &str) -> Vec<(usize, String)> {
        let mut problems = self.caption_problems(name, text);
        problems.extend(self.reference_problems(name, text));
        if name == CHEAT_SHEET {
            problems.extend(self.cheat_sheet_problems(text));
        }
        problems.sort();
        problems
    }

    /// The cheat sheet is where a reader comes back to: each chapter has at
    /// least one entry there, linked to the section that explains it.
    fn cheat_sheet_problems(&self, text: &str) -> Vec<(usize, String)> {
        self.chapters
            .iter()
            .filter(|(part, _)| matches!(part, Part::Chapter(_)))
            .filter(|(_, page)| !text.contains(&format!("]({page}")))
            .map(|(part, page)| {
                (
                    1,
                    format!(
                        "the cheat sheet links nowhere in chapter {} ({page}): give the \
                         chapter at least one entry, linked to its section",
                        part.label()
                    ),
                )
            })
            .collect()
    }

    fn caption_problems(&self, name: &str, text: &str) -> Vec<(usize, String)> {
        let own = Stem::parse(name).map(|stem| stem.part);
        let stem = name.strip_suffix(".md").unwrap_or(name);
        let mut problems = Vec::new();
        // Listing directories captioned on this page, by their first caption.
        let mut captioned: Vec<PathBuf> = Vec::new();
        let mut seen: Vec<(Part, u32)> = Vec::new();
        for (line, caption) in captions(text) {
            let Some((part, m, rest)) = parse_caption(&caption) else {
                problems.push((
                    line,
                    "a caption starts `*Listing N-M: ` or `*Listing N-M (part K): `".to_owned(),
                ));
                continue;
            };
            let listing = format!("Listing {}-{m}", part.label());
            let id = part.listing_anchor(m);
            let anchor = caption
                .strip_prefix("<a id=\"")
                .and_then(|rest| rest.split_once("\"></a>"))
                .map(|(id, _)| id);
            if own.as_ref() != Some(&part) {
                problems.push((
                    line,
                    format!(
                        "{listing} is captioned on a page that is not {}'s",
                        part.mention()
                    ),
                ));
            }
            if seen.contains(&(part.clone(), m)) {
                if anchor.is_some() {
                    problems.push((
                        line,
                        format!("only the first caption of {listing} carries the anchor"),
                    ));
                }
                continue;
            }
            seen.push((part.clone(), m));
            let mut wants = Vec::new();
            if anchor != Some(&id) {
                wants.push(format!("start with the anchor `<a id=\"{id}\"></a>`"));
            }
            let dir = code_spans(rest)
                .into_iter()
                .find(|span| span.starts_with("listings/"))
                .map(PathBuf::from);
            let expected_prefix = format!("listings/{stem}/{}", part.listing_prefix(m));
            match dir.as_ref().map(|d| (d, self.listings.get(d))) {
                None => wants.push(format!(
                    "give the listing's directory, `{expected_prefix}name`"
                )),
                Some((dir, None)) => wants.push(format!(
                    "name a listing crate; `{}` is not one",
                    dir.display()
                )),
                Some((dir, Some((package, has_bin)))) => {
                    if !dir.to_string_lossy().starts_with(&expected_prefix) {
                        wants.push(format!(
                            "name {listing}'s own directory (`{expected_prefix}...`), not `{}`",
                            dir.display()
                        ));
                    }
                    let command = if *has_bin {
                        format!("cargo run -p {package}")
                    } else {
                        format!("cargo test -p {package}")
                    };
                    if !code_spans(rest).contains(&command) {
                        wants.push(format!("give the command that runs it, `{command}`"));
                    }
                    captioned.push(dir.clone());
                }
            }
            if !wants.is_empty() {
                problems.push((
                    line,
                    format!(
                        "the first caption of {listing} should {} (see Captions in README.md)",
                        wants.join(", and ")
                    ),
                ));
            }
        }
        for (line, dir) in included_listings(text) {
            if !captioned.contains(&dir) {
                problems.push((
                    line,
                    format!(
                        "includes a file of {}, but no caption on this page names that listing",
                        dir.display()
                    ),
                ));
            }
        }
        problems
    }

    fn reference_problems(&self, name: &str, text: &str) -> Vec<(usize, String)> {
        let own = Stem::parse(name).map(|stem| stem.part);
        let own = own.as_ref();
        let line_of = |offset: usize| text[..offset].matches('\n').count() + 1;
        let mut problems = Vec::new();
        // Text outside links, gathered across line breaks, with where each
        // piece starts in the page.
        let mut plain = Plain::default();
        // The link being read: its destination, its text, where it starts.
        let mut link: Option<(String, String, usize)> = None;
        for (event, range) in Parser::new(text).into_offset_iter() {
            match event {
                Event::Start(Tag::Link(_, destination, _)) => {
                    plain.flush(&mut |t, o| self.unlinked(own, t, o, &line_of, &mut problems));
                    link = Some((destination.to_string(), String::new(), range.start));
                }
                Event::End(Tag::Link(..)) => {
                    if let Some((destination, text, start)) = link.take() {
                        problems.extend(
                            self.misdirected(own, name, &text, &destination)
                                .map(|p| (line_of(start), p)),
                        );
                    }
                }
                Event::Text(piece) => match &mut link {
                    Some((_, text, _)) => text.push_str(&piece),
                    None => plain.push(&piece, range),
                },
                // Code cannot hold a link; inside a link's text it counts.
                Event::Code(piece) if link.is_some() => {
                    if let Some((_, text, _)) = &mut link {
                        text.push_str(&piece);
                    }
                }
                Event::SoftBreak | Event::HardBreak => match &mut link {
                    Some((_, text, _)) => text.push(' '),
                    None => plain.push(" ", range),
                },
                _ => plain.flush(&mut |t, o| self.unlinked(own, t, o, &line_of, &mut problems)),
            }
        }
        plain.flush(&mut |t, o| self.unlinked(own, t, o, &line_of, &mut problems));
        problems
    }

    /// A mention of another chapter or appendix, or of its listing, outside
    /// a link.
    fn unlinked(
        &self,
        own: Option<&Part>,
        text: &str,
        offset_of: &dyn Fn(usize) -> usize,
        line_of: &dyn Fn(usize) -> usize,
        problems: &mut Vec<(usize, String)>,
    ) {
        for (at, mention) in mentions(text) {
            let part = mention.part();
            if own == Some(part) {
                continue;
            }
            let what = mention.text();
            let target = match (&mention, self.chapters.get(part)) {
                (_, None) => format!("{}'s page, once it exists", part.mention()),
                (Mention::Part(_), Some(page)) => format!("[{what}]({page})"),
                (Mention::Listing(part, m), Some(page)) => {
                    format!("[{what}]({page}#{})", part.listing_anchor(*m))
                }
            };
            problems.push((
                line_of(offset_of(at)),
                format!("\"{what}\" is in another part of the book; make it a link: {target}"),
            ));
        }
    }

    /// A link whose text names a chapter, an appendix or a listing but goes
    /// elsewhere.
    fn misdirected(
        &self,
        own: Option<&Part>,
        name: &str,
        text: &str,
        destination: &str,
    ) -> Option<String> {
        let (page, anchor) = destination.split_once('#').unwrap_or((destination, ""));
        let page = page.trim_start_matches("./");
        let page = if page.is_empty() { name } else { page };
        for (_, mention) in mentions(text) {
            let expected = self.chapters.get(mention.part())?;
            let wanted = match &mention {
                // A link about this page's own part may go to a section of it.
                Mention::Part(part) if own == Some(part) && page == name => None,
                Mention::Part(_) => (page != expected).then(|| expected.clone()),
                Mention::Listing(part, m) => {
                    let id = part.listing_anchor(*m);
                    (page != expected || anchor != id).then(|| format!("{expected}#{id}"))
                }
            };
            if let Some(wanted) = wanted {
                return Some(format!(
                    "the link \"{text}\" goes to {destination}; it should go to {wanted}"
                ));
            }
        }
        None
    }
}

/// What checks plain text: given the text, and a map from its offsets to
/// the page's.
type CheckText<'a> = dyn FnMut(&str, &dyn Fn(usize) -> usize) + 'a;

/// Plain text gathered across soft line breaks, remembering where each
/// piece came from so a mention can be traced to its line.
#[derive(Default)]
struct Plain {
    text: String,
    /// (offset in `text`, offset in the page) for each piece.
    pieces: Vec<(usize, usize)>,
}

impl Plain {
    fn push(&mut self, piece: &str, range: Range<usize>) {
        self.pieces.push((self.text.len(), range.start));
        self.text.push_str(piece);
    }

    /// Hands the text over (with a map from its offsets to the page's) and
    /// starts again.
    fn flush(&mut self, check: &mut CheckText) {
        if !self.text.is_empty() {
            let pieces = &self.pieces;
            let offset_of = |at: usize| {
                let (start, page) = pieces
                    .iter()
                    .rev()
                    .find(|(start, _)| *start <= at)
                    .copied()
                    .unwrap_or((0, 0));
                page + (at - start)
            };
            check(&self.text, &offset_of);
        }
        self.text.clear();
        self.pieces.clear();
    }
}

#[derive(Debug, PartialEq)]
enum Mention {
    /// "chapter 3", "appendix A"
    Part(Part),
    /// "Listing 3-2", "Listing A-1"
    Listing(Part, u32),
}

impl Mention {
    fn part(&self) -> &Part {
        match self {
            Mention::Part(part) | Mention::Listing(part, _) => part,
        }
    }

    fn text(&self) -> String {
        match self {
            Mention::Part(part) => part.mention(),
            Mention::Listing(part, m) => format!("Listing {}-{m}", part.label()),
        }
    }
}

/// "chapter 3" (any case), "appendix A" and "Listing 3-2" or "Listing A-1"
/// in a text, with their offsets.
fn mentions(text: &str) -> Vec<(usize, Mention)> {
    let lower = text.to_ascii_lowercase();
    let mut found = Vec::new();
    for word in ["chapter ", "appendix ", "listing "] {
        let mut from = 0;
        while let Some(at) = lower[from..].find(word).map(|i| i + from) {
            from = at + word.len();
            let starts_word = lower[..at]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            if !starts_word {
                continue;
            }
            let after = &text[from..];
            let mention = match word {
                "chapter " => leading_number(after).map(|(n, _)| Mention::Part(Part::Chapter(n))),
                "appendix " => leading_letter(after).map(|(l, _)| Mention::Part(Part::Appendix(l))),
                _ => leading_label(after).and_then(|(part, rest)| {
                    let (m, _) = leading_number(rest.strip_prefix('-')?)?;
                    Some(Mention::Listing(part, m))
                }),
            };
            found.extend(mention.map(|mention| (at, mention)));
        }
    }
    found.sort_by_key(|(at, _)| *at);
    found
}

fn leading_number(text: &str) -> Option<(u32, &str)> {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    let number = text[..digits].parse().ok()?;
    let rest = &text[digits..];
    // "chapter 3" but not "chapter 3b" or "listing 3-2x"
    (!rest.starts_with(|c: char| c.is_alphabetic())).then_some((number, rest))
}

/// An appendix's capital letter standing alone: "A" in "appendix A's".
fn leading_letter(text: &str) -> Option<(char, &str)> {
    let letter = text.chars().next().filter(char::is_ascii_uppercase)?;
    let rest = &text[1..];
    (!rest.starts_with(|c: char| c.is_alphanumeric())).then_some((letter, rest))
}

/// A chapter's number or an appendix's letter.
fn leading_label(text: &str) -> Option<(Part, &str)> {
    leading_number(text)
        .map(|(n, rest)| (Part::Chapter(n), rest))
        .or_else(|| leading_letter(text).map(|(l, rest)| (Part::Appendix(l), rest)))
}

/// The captions of a page: paragraphs outside code blocks that start with
/// `*Listing ` or with a listing's anchor, with their first line.
fn captions(text: &str) -> Vec<(usize, String)> {
    let blocks: Vec<Range<usize>> = markdown::code_blocks(text)
        .into_iter()
        .map(|b| b.range)
        .collect();
    let mut found = Vec::new();
    let mut offset = 0;
    let mut current: Option<(usize, String)> = None;
    for (index, line) in text.split_inclusive('\n').enumerate() {
        let in_block = blocks.iter().any(|b| b.contains(&offset));
        offset += line.len();
        let line = line.trim_end();
        if in_block || line.trim().is_empty() {
            found.extend(current.take());
            continue;
        }
        if let Some((_, caption)) = &mut current {
            caption.push(' ');
            caption.push_str(line.trim());
        } else if line.starts_with("*Listing ") || line.starts_with("<a id=\"listing-") {
            current = Some((index + 1, line.to_owned()));
        }
    }
    found.extend(current);
    found
}

/// The part, `M` and the rest of the caption, after `*Listing N-M`.
fn parse_caption(caption: &str) -> Option<(Part, u32, &str)> {
    let start = caption.find("*Listing ")?;
    let after = &caption[start + "*Listing ".len()..];
    let (part, rest) = leading_label(after)?;
    let (m, rest) = leading_number(rest.strip_prefix('-')?)?;
    (rest.starts_with(':') || rest.starts_with(" (part ")).then_some((part, m, rest))
}

/// The contents of the `code spans` of a text.
fn code_spans(text: &str) -> Vec<String> {
    text.split('`')
        .skip(1)
        .step_by(2)
        .map(|span| span.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

/// Listing directories whose files a page includes, with the include's line.
fn included_listings(text: &str) -> Vec<(usize, PathBuf)> {
    let mut found: Vec<(usize, PathBuf)> = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let Some(start) = line.find("{{#") else {
            continue;
        };
        let Some(argument) = line[start..]
            .find("}}")
            .and_then(|end| markdown::include_argument(&line[start..start + end + 2]))
        else {
            continue;
        };
        let path = argument.split(':').next().unwrap_or_default();
        let Some(inside) = path.strip_prefix("../") else {
            continue;
        };
        // listings/<stem>/<NN-MM-name>/...: the listing's directory.
        let parts: Vec<&str> = inside.split('/').collect();
        if parts.len() > 3 && parts[0] == "listings" && parts[2] != "compile-fail" {
            let dir: PathBuf = parts[..3].iter().collect();
            if !found.iter().any(|(_, d)| d == &dir) {
                found.push((index + 1, dir));
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn book() -> Book {
        let pages: Vec<PathBuf> = [
            "README.md",
            "ch01-futures.md",
            "ch03-runtimes.md",
            "appendix-a-testing.md",
        ]
        .iter()
        .map(PathBuf::from)
        .collect();
        let listing = |dir: &str, name: &str, has_bin| Package {
            name: name.into(),
            dir: dir.into(),
            has_feature_solution: false,
            features: Vec::new(),
            has_bin,
        };
        Book::new(
            &pages,
            &[
                listing(
                    "listings/ch03-runtimes/03-01-timer",
                    "listing-03-01-timer",
                    true,
                ),
                listing(
                    "listings/ch03-runtimes/03-02-flavors",
                    "listing-03-02-flavors",
                    false,
                ),
            ],
        )
    }

    /// Chapter 3's page has exactly these problems (each given by the start
    /// of its line and message).
    fn assert_problems(page: &str, expected: &[&str]) {
        let problems = book().page_problems("ch03-runtimes.md", page);
        let text: Vec<String> = problems.iter().map(|(l, p)| format!("{l}: {p}")).collect();
        for line in expected {
            assert!(
                text.iter().any(|t| t.starts_with(line)),
                "missing {line:?} in {text:#?}"
            );
        }
        assert_eq!(text.len(), expected.len(), "{text:#?}");
    }

    #[test]
    fn the_cheat_sheet_must_link_every_chapter() {
        let sheet = "# Cheat sheet\n\n`.await`: [waits](ch01-futures.md#futures)\n";
        assert_eq!(
            book().page_problems(CHEAT_SHEET, sheet),
            vec![(
                1,
                "the cheat sheet links nowhere in chapter 3 (ch03-runtimes.md): give the \
                 chapter at least one entry, linked to its section"
                    .to_owned()
            )]
        );
        let both = format!("{sheet}`block_on`: [runs](ch03-runtimes.md)\n");
        assert_eq!(book().page_problems(CHEAT_SHEET, &both), vec![]);
        // Other pages need not link every chapter.
        assert_eq!(book().page_problems("appendix-a-testing.md", sheet), vec![]);
    }

    #[test]
    fn a_good_caption_and_good_links_pass() {
        let page = "\
See [chapter 1](ch01-futures.md) and [Listing 1-6](ch01-futures.md#listing-1-6);
chapter 3 is this one, and so is Listing 3-1.

```rust,noplayground
{{#include ../listings/ch03-runtimes/03-01-timer/src/main.rs:timer}}
```

<a id=\"listing-3-1\"></a>*Listing 3-1: a timer
(`listings/ch03-runtimes/03-01-timer`; `cargo run -p listing-03-01-timer`)*

```text
{{#include ../listings/ch03-runtimes/03-01-timer/output.txt}}
```

*Listing 3-1 (part 2): more of it*

<a id=\"listing-3-2\"></a>*Listing 3-2: a library
(`listings/ch03-runtimes/03-02-flavors`; `cargo test -p listing-03-02-flavors`)*
";
        assert_eq!(book().page_problems("ch03-runtimes.md", page), vec![]);
    }

    #[test]
    fn each_broken_caption_rule_is_reported_with_its_line() {
        let page = "\
```rust,noplayground
{{#include ../listings/ch03-runtimes/03-01-timer/src/main.rs:timer}}
```

*Listing 3-1: a timer (`listings/ch03-runtimes/03-01-timer`)*

<a id=\"listing-3-1\"></a>*Listing 3-1 (part 2): again*

<a id=\"listing-3-2\"></a>*Listing 3-2: a library
(`listings/ch03-runtimes/03-02-flavors`; `cargo run -p listing-03-02-flavors`)*

{{#include ../listings/ch03-runtimes/03-09-nowhere/output.txt}}
";
        assert_problems(
            page,
            &[
                "5: the first caption of Listing 3-1 should start with the anchor \
             `<a id=\"listing-3-1\"></a>`, and give the command that runs it, \
             `cargo run -p listing-03-01-timer`",
                "7: only the first caption of Listing 3-1 carries the anchor",
                "9: the first caption of Listing 3-2 should give the command that runs it, \
             `cargo test -p listing-03-02-flavors`",
                "12: includes a file of listings/ch03-runtimes/03-09-nowhere, but no caption on \
             this page names that listing",
            ],
        );
    }

    #[test]
    fn mentions_of_other_chapters_must_be_links_to_them() {
        let page = "\
# Runtimes

As chapter 1 showed, and Listing 1-6 too; chapter
1 again, across a line break. Chapter 3 is this one.

| mistake | shown by |
| --- | --- |
| a thing | Listing 1-4 |

A [link to chapter 1](ch03-runtimes.md) that goes astray, and
[Listing 1-6](ch01-futures.md#listing-1-5). Chapter 9 will come.
*Chapter 1's* emphasis, and `code about chapter 1`.
";
        assert_problems(
            page,
            &[
                "3: \"chapter 1\" is in another part of the book; make it a link: [chapter 1](ch01-futures.md)",
                "3: \"Listing 1-6\" is in another part of the book; make it a link: \
             [Listing 1-6](ch01-futures.md#listing-1-6)",
                "3: \"chapter 1\" is in another part of the book",
                "8: \"Listing 1-4\" is in another part of the book",
                "10: the link \"link to chapter 1\" goes to ch03-runtimes.md; it should go to \
             ch01-futures.md",
                "11: the link \"Listing 1-6\" goes to ch01-futures.md#listing-1-5; it should go \
             to ch01-futures.md#listing-1-6",
                "11: \"chapter 9\" is in another part of the book; make it a link: chapter 9's page, once \
             it exists",
                "12: \"chapter 1\" is in another part of the book",
            ],
        );
    }

    #[test]
    fn appendices_are_parts_of_the_book_too() {
        let page = "\
Appendix A has more; see [appendix A](appendix-a-testing.md) and
[Listing A-2](appendix-a-testing.md#listing-a-2). An appendix a reader
skips is fine.
";
        let problems = book().page_problems("ch03-runtimes.md", page);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0].1.starts_with(
                "\"appendix A\" is in another part of the book; make it a link: \
                 [appendix A](appendix-a-testing.md)"
            ),
            "{problems:?}"
        );
        let own = "As Listing A-1 shows, and [chapter 3](ch03-runtimes.md).\n";
        assert_eq!(book().page_problems("appendix-a-testing.md", own), vec![]);
    }

    #[test]
    fn the_introduction_links_every_chapter() {
        let problems = book().page_problems("README.md", "Start with chapter 1.\n");
        assert_eq!(problems.len(), 1, "{problems:?}");
    }
}

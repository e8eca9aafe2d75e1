//! The book's names, in one place. A page's *stem* names it and everything
//! that belongs to it:
//!
//! | what | chapter 3 (`ch03-runtimes`) | appendix A (`appendix-a-testing`) |
//! | --- | --- | --- |
//! | page | `src/ch03-runtimes.md` | `src/appendix-a-testing.md` |
//! | listings | `listings/ch03-runtimes/03-01-timer/`, package `listing-03-01-timer` | `listings/appendix-a-testing/a-01-duplex/`, package `listing-a-01-duplex` |
//! | captions | `Listing 3-1`, anchor `listing-3-1` | `Listing A-1`, anchor `listing-a-1` |
//! | quiz | `quizzes/ch03-runtimes.toml` (required) | `quizzes/appendix-a-testing.toml` (if it has one) |
//! | exercises | `exercises/ch03-runtimes/`, package `exercises-ch03-runtimes` | the same pattern |
//!
//! Every check asks this module, so a new kind of page is taught here once.

use std::path::PathBuf;

/// The page that must link every chapter (prose.rs checks it).
pub const CHEAT_SHEET: &str = "appendix-b-cheat-sheet.md";

/// A chapter or an appendix.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Part {
    Chapter(u32),
    /// An appendix's letter, in upper case.
    Appendix(char),
}

impl Part {
    /// How captions and references name it: `3`, or `A`.
    pub fn label(&self) -> String {
        match self {
            Part::Chapter(number) => number.to_string(),
            Part::Appendix(letter) => letter.to_string(),
        }
    }

    /// How a mention of the whole part reads: "chapter 3", "appendix A".
    pub fn mention(&self) -> String {
        match self {
            Part::Chapter(number) => format!("chapter {number}"),
            Part::Appendix(letter) => format!("appendix {letter}"),
        }
    }

    /// The anchor of its listing `m`: `listing-3-1`, `listing-a-1`.
    pub fn listing_anchor(&self, m: u32) -> String {
        format!("listing-{}-{m}", self.label().to_lowercase())
    }

    /// How the directory of its listing `m` begins: `03-01-`, `a-01-`.
    pub fn listing_prefix(&self, m: u32) -> String {
        match self {
            Part::Chapter(number) => format!("{number:02}-{m:02}-"),
            Part::Appendix(letter) => format!("{}-{m:02}-", letter.to_ascii_lowercase()),
        }
    }
}

/// A page's stem, checked: `ch03-runtimes` or `appendix-a-testing`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stem {
    pub text: String,
    pub part: Part,
}

impl Stem {
    /// `chNN-slug` or `appendix-x-slug`, where the slug is lower-case
    /// letters, digits and single hyphens. Also accepts a page's file name.
    pub fn parse(text: &str) -> Option<Stem> {
        let text = text.strip_suffix(".md").unwrap_or(text);
        let (part, slug) = if let Some(rest) = text.strip_prefix("appendix-") {
            let (letter, slug) = rest.split_once('-')?;
            let mut chars = letter.chars();
            let (Some(letter), None) = (chars.next(), chars.next()) else {
                return None;
            };
            if !letter.is_ascii_lowercase() {
                return None;
            }
            (Part::Appendix(letter.to_ascii_uppercase()), slug)
        } else {
            let rest = text.strip_prefix("ch")?;
            let (digits, slug) = rest.split_once('-')?;
            let two_digits = digits.len() == 2 && digits.bytes().all(|b| b.is_ascii_digit());
            (
                Part::Chapter(digits.parse().ok().filter(|_| two_digits)?),
                slug,
            )
        };
        let good_slug = !slug.is_empty()
            && slug.split('-').all(|word| {
                !word.is_empty()
                    && word
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            });
        good_slug.then(|| Stem {
            text: text.to_owned(),
            part,
        })
    }

    pub fn page(&self) -> PathBuf {
        PathBuf::from(format!("src/{}.md", self.text))
    }

    pub fn page_file_name(&self) -> String {
        format!("{}.md", self.text)
    }

    /// The built page, relative to the book's root.
    pub fn html(&self) -> String {
        format!("{}.html", self.text)
    }

    pub fn quiz(&self) -> PathBuf {
        PathBuf::from(format!("quizzes/{}.toml", self.text))
    }

    /// Chapters must have a quiz; an appendix (a cheat sheet, say) may.
    pub fn needs_quiz(&self) -> bool {
        matches!(self.part, Part::Chapter(_))
    }

    pub fn listings(&self) -> PathBuf {
        PathBuf::from("listings").join(&self.text)
    }

    pub fn exercises(&self) -> PathBuf {
        PathBuf::from("exercises").join(&self.text)
    }

    pub fn exercise_package(&self) -> String {
        format!("exercises-{}", self.text)
    }

    /// Listing `m`'s directory, from the short name after its number.
    pub fn listing_dir(&self, m: u32, name: &str) -> PathBuf {
        self.listings()
            .join(format!("{}{name}", self.part.listing_prefix(m)))
    }
}

/// A listing's package, from its directory's name: `listing-03-01-timer`.
pub fn listing_package(dir_name: &str) -> String {
    format!("listing-{dir_name}")
}

/// Whether a word in the prose names one of the book's packages (so that a
/// check can require it to exist): `listing-NN-MM-...`, `listing-x-MM-...`
/// or `exercises-<stem>`.
pub fn names_a_package(word: &str) -> bool {
    if let Some(stem) = word.strip_prefix("exercises-") {
        return Stem::parse(stem).is_some();
    }
    let Some(rest) = word.strip_prefix("listing-") else {
        return false;
    };
    let mut parts = rest.split('-');
    let part = parts.next().unwrap_or_default();
    let numbered = part.len() == 2 && part.bytes().all(|b| b.is_ascii_digit());
    let lettered = part.len() == 1 && part.bytes().all(|b| b.is_ascii_lowercase());
    let listing = parts
        .next()
        .is_some_and(|m| m.len() == 2 && m.bytes().all(|b| b.is_ascii_digit()));
    (numbered || lettered) && listing && parts.next().is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_of_chapters_and_appendices() {
        let chapter = Stem::parse("ch03-runtimes").unwrap();
        assert_eq!(chapter.part, Part::Chapter(3));
        assert_eq!(chapter.page(), PathBuf::from("src/ch03-runtimes.md"));
        assert_eq!(chapter.exercise_package(), "exercises-ch03-runtimes");
        assert_eq!(
            chapter.listing_dir(1, "timer"),
            PathBuf::from("listings/ch03-runtimes/03-01-timer")
        );
        assert!(chapter.needs_quiz());
        let appendix = Stem::parse("appendix-a-testing.md").unwrap();
        assert_eq!(appendix.part, Part::Appendix('A'));
        assert_eq!(appendix.part.listing_anchor(2), "listing-a-2");
        assert_eq!(
            appendix.listing_dir(2, "duplex"),
            PathBuf::from("listings/appendix-a-testing/a-02-duplex")
        );
        assert!(!appendix.needs_quiz());
        for bad in [
            "ch3-runtimes",
            "ch03",
            "ch03-",
            "ch03-Runtimes",
            "ch03-two--hyphens",
            "chapter-03-x",
            "appendix-ab-x",
            "appendix-a",
            "README",
        ] {
            assert_eq!(Stem::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn labels_and_package_names() {
        assert_eq!(Part::Appendix('A').mention(), "appendix A");
        assert!(names_a_package("listing-01-02-countdown"));
        assert!(names_a_package("listing-a-01-duplex"));
        assert!(names_a_package("exercises-ch01-futures"));
        assert!(!names_a_package("listing-of-results"));
        assert!(!names_a_package("exercises-for-the-reader"));
    }
}

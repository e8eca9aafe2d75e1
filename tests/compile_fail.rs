//! Every compiler error the book shows is a compile-fail case beside the
//! chapter's listings (listings/chNN-slug/compile-fail/*.rs) with rustc's
//! message in the .stderr file next to it. The chapter includes that .stderr,
//! so what the reader sees is what rustc prints. `cargo xtask bless` rewrites
//! the .stderr files from a real compile.
///
/// With `BOOK_CHAPTER` set to a chapter's stem (as `cargo xtask bless <stem>`
/// does), only that chapter's cases.
#[test]
fn compiler_errors_shown_in_the_book() {
    let chapter = std::env::var("BOOK_CHAPTER").unwrap_or_else(|_| "*".to_owned());
    trybuild::TestCases::new().compile_fail(format!("listings/{chapter}/compile-fail/*.rs"));
}

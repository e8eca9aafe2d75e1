//! Every compiler error the book shows is a compile-fail case beside the
//! chapter's listings (listings/chNN-slug/compile-fail/*.rs) with rustc's
//! message in the .stderr file next to it. The chapter includes that .stderr,
//! so what the reader sees is what rustc prints. `cargo xtask bless` rewrites
//! the .stderr files from a real compile.
#[test]
fn compiler_errors_shown_in_the_book() {
    trybuild::TestCases::new().compile_fail("listings/*/compile-fail/*.rs");
}

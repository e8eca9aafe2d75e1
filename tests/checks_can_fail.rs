//! Proof that the snippet and compile-fail layers can fail: each is given a
//! broken input through the very code path the book's own checks take.

/// The call every generated skeptic test makes, on a snippet that panics.
#[test]
#[should_panic(expected = "Command failed")]
fn a_snippet_that_panics_fails_its_test() {
    skeptic::rt::run_test(
        env!("CARGO_MANIFEST_DIR"),
        env!("OUT_DIR"),
        env!("SKEPTIC_TARGET"),
        "fn main() { panic!(\"what the book says is wrong\"); }\n",
    );
}

/// The same, on a snippet that does not compile.
#[test]
#[should_panic(expected = "Command failed")]
fn a_snippet_that_does_not_compile_fails_its_test() {
    skeptic::rt::run_test(
        env!("CARGO_MANIFEST_DIR"),
        env!("OUT_DIR"),
        env!("SKEPTIC_TARGET"),
        "fn main() { let n: u32 = \"one\"; }\n",
    );
}

/// A snippet may use the crates the book teaches, at the workspace's versions.
#[test]
fn a_snippet_can_use_tokio() {
    skeptic::rt::run_test(
        env!("CARGO_MANIFEST_DIR"),
        env!("OUT_DIR"),
        env!("SKEPTIC_TARGET"),
        "#[tokio::main(flavor = \"current_thread\")]\nasync fn main() { tokio::task::yield_now().await; }\n",
    );
}

/// trybuild, as tests/compile_fail.rs runs it, on a case whose .stderr is
/// not what rustc prints.
#[test]
#[should_panic(expected = "1 of 1 tests failed")]
fn a_wrong_stderr_fails() {
    // trybuild reports straight to the terminal, past the test harness's
    // capture, so say so there too.
    use std::io::Write;
    let note =
        "note: the `mismatch` below is expected: checks_can_fail gives trybuild a wrong .stderr\n";
    std::io::stderr().write_all(note.as_bytes()).ok();
    trybuild::TestCases::new().compile_fail("tests/fixtures/wrong-stderr.rs");
}

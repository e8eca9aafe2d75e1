use pin_project_lite::pin_project;
use std::time::Duration;

pin_project! {
    /// A wrapper with a structurally pinned field, as pin-project-lite makes it.
    struct Wrapper<F> {
        #[pin]
        inner: F,
    }
}

#[tokio::main]
async fn main() {
    let sleep = tokio::time::sleep(Duration::from_secs(1));
    let mut wrapped = Wrapper { inner: sleep };
    // `Sleep` is not `Unpin`, so neither is a wrapper that pins it, and
    // `Pin::new` (which would let safe code move it) is refused.
    let _pinned = std::pin::Pin::new(&mut wrapped);
}

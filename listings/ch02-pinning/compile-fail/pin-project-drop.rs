use pin_project_lite::pin_project;

pin_project! {
    struct Wrapper<F> {
        #[pin]
        inner: F,
    }
}

// A plain `Drop` gets `&mut self`, with which it could move `inner` out;
// pin-project-lite refuses it (its `PinnedDrop` gets `Pin<&mut Self>`).
impl<F> Drop for Wrapper<F> {
    fn drop(&mut self) {}
}

fn main() {}

use pin_project_lite::pin_project;

pin_project! {
    // A packed struct may move a field to align it; pin-project-lite
    // refuses one.
    #[repr(packed)]
    struct Wrapper<F> {
        #[pin]
        inner: F,
    }
}

fn main() {}

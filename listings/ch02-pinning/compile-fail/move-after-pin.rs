use std::marker::PhantomPinned;
use std::pin::pin;

/// Opts out of `Unpin`: once pinned, it stays where it is.
struct Anchored {
    name: &'static str,
    _pinned: PhantomPinned,
}

fn main() {
    let first = Anchored {
        name: "first",
        _pinned: PhantomPinned,
    };
    let second = Anchored {
        name: "second",
        _pinned: PhantomPinned,
    };
    // Before pinning, moving is fine: nothing can point into them yet.
    let (first, second) = (second, first);
    println!("{} {}", first.name, second.name);

    let mut first = pin!(first);
    let mut second = pin!(second);
    // After pinning, swapping would move both; safe code cannot get the
    // `&mut Anchored` it would need.
    std::mem::swap(first.as_mut().get_mut(), second.as_mut().get_mut());
}

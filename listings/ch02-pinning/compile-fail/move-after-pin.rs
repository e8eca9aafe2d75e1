use std::marker::PhantomPinned;
use std::pin::pin;

/// Opts out of `Unpin`: once pinned, it stays where it is.
struct Anchored {
    _pinned: PhantomPinned,
}

fn main() {
    let mut first = pin!(Anchored {
        _pinned: PhantomPinned
    });
    let mut second = pin!(Anchored {
        _pinned: PhantomPinned
    });
    // Swapping would move both; safe code cannot get the `&mut Anchored`
    // it would need.
    std::mem::swap(first.as_mut().get_mut(), second.as_mut().get_mut());
}

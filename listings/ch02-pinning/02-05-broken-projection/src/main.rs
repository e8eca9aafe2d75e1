use pin_project_lite::pin_project;
use std::future::Future;
use std::marker::PhantomPinned;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

// ANCHOR: canary
pin_project! {
    /// A future that must not move once it has been polled (it opts out of
    /// `Unpin`), and writes down its address at every poll so that we can
    /// see whether it did. It only records addresses and never follows one,
    /// so even when it is moved nothing goes wrong in it: it is a canary.
    struct Canary {
        addresses: Vec<usize>,
        // `#[pin]` is what makes this count: pin-project-lite's `Unpin` impl
        // looks only at pinned fields, and would ignore an unpinned one.
        #[pin]
        _pinned: PhantomPinned,
    }
}

impl Canary {
    fn new() -> Canary {
        Canary {
            addresses: Vec::new(),
            _pinned: PhantomPinned,
        }
    }
}

impl Future for Canary {
    /// Whether every poll found it at the same address.
    type Output = bool;

    fn poll(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<bool> {
        let address = &*self as *const Canary as usize;
        let this = self.project();
        this.addresses.push(address);
        if this.addresses.len() < 2 {
            return Poll::Pending; // (polled by hand below; no waker needed)
        }
        Poll::Ready(this.addresses.iter().all(|&a| a == this.addresses[0]))
    }
}
// ANCHOR_END: canary

// ANCHOR: broken
/// A wrapper that projects to its field by hand, and gets it wrong.
struct Logged<F> {
    inner: F,
    polls: u32,
}

// THE MISTAKE: "Logged is just a wrapper, let it be Unpin." Now safe code may
// take a `&mut Logged` out of a `Pin` and move it, and `inner` with it.
impl<F> Unpin for Logged<F> {}

impl<F: Future> Future for Logged<F> {
    type Output = F::Output;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        self.polls += 1;
        // SAFETY (claimed): `inner` is pinned because `self` is, and never
        // moves while it is. The `Unpin` impl above makes that false.
        let inner = unsafe { self.map_unchecked_mut(|logged| &mut logged.inner) };
        inner.poll(cx)
    }
}
// ANCHOR_END: broken

// ANCHOR: fixed
pin_project! {
    /// The same wrapper, projected by pin-project-lite: it is `Unpin` only
    /// when `F` is, and the projection needs no unsafe code.
    struct Counted<F> {
        #[pin]
        inner: F,
        polls: u32,
    }
}

impl<F: Future> Future for Counted<F> {
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let this = self.project();
        *this.polls += 1;
        this.inner.poll(cx)
    }
}
// ANCHOR_END: fixed

// ANCHOR: main
/// Polls a canary inside the broken wrapper, swaps that wrapper with another
/// (safe code: allowed because Logged claims to be Unpin), and polls again.
/// Returns whether the canary stayed put, and how often its wrapper was polled.
fn swap_logged() -> (bool, u32) {
    let mut cx = Context::from_waker(Waker::noop());
    let mut first = Logged {
        inner: Canary::new(),
        polls: 0,
    };
    let mut second = Logged {
        inner: Canary::new(),
        polls: 0,
    };
    assert!(Pin::new(&mut first).poll(&mut cx).is_pending());
    std::mem::swap(&mut first, &mut second);
    let stayed = Pin::new(&mut second).poll(&mut cx) == Poll::Ready(true);
    (stayed, second.polls)
}

/// The same with the fixed wrapper. It is not Unpin, so it is pinned in a
/// Box; swapping two Boxes moves two pointers, and the canaries stay put.
fn swap_counted() -> (bool, u32) {
    let mut cx = Context::from_waker(Waker::noop());
    let mut first = Box::pin(Counted {
        inner: Canary::new(),
        polls: 0,
    });
    let mut second = Box::pin(Counted {
        inner: Canary::new(),
        polls: 0,
    });
    assert!(first.as_mut().poll(&mut cx).is_pending());
    std::mem::swap(&mut first, &mut second);
    let stayed = second.as_mut().poll(&mut cx) == Poll::Ready(true);
    (stayed, second.polls)
}

fn main() {
    println!(
        "Logged:  the canary stayed put between polls? {}",
        swap_logged().0
    );
    println!(
        "Counted: the canary stayed put between polls? {}",
        swap_counted().0
    );
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_canary_notices_a_move_and_only_a_move() {
        let mut cx = Context::from_waker(Waker::noop());
        let mut canary = Box::pin(Canary::new());
        assert!(canary.as_mut().poll(&mut cx).is_pending());
        assert_eq!(canary.as_mut().poll(&mut cx), Poll::Ready(true));
    }

    #[test]
    fn the_broken_wrapper_lets_safe_code_move_a_pinned_future() {
        assert_eq!(swap_logged(), (false, 2));
    }

    #[test]
    fn the_projected_wrapper_keeps_it_in_place() {
        assert_eq!(swap_counted(), (true, 2));
    }
}

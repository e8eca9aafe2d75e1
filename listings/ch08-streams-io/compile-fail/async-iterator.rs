use std::async_iter::AsyncIterator;
use std::pin::Pin;
use std::task::{Context, Poll};

struct Once(Option<u32>);

impl AsyncIterator for Once {
    type Item = u32;
    fn poll_next(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Option<u32>> {
        Poll::Ready(self.0.take())
    }
}

fn main() {}

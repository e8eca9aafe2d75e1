//! Exercise 1: `read_frame`, against a reader that hands out a few bytes at
//! a time, input that ends in the wrong places, and lengths that lie.

// The allocator below, which counts what each thread has in use, has to be
// written with `unsafe`; it only counts and passes each call on.
#![allow(unsafe_code)]

mod common;

use common::Trickle;
use exercises_ch08_streams_io::read_frame;
use std::io::ErrorKind;
use tokio::io::AsyncReadExt;

mod counting {
    use std::alloc::{GlobalAlloc, Layout, System};
    use std::cell::Cell;

    /// Counts the bytes in use per thread, so that the tests that run at
    /// the same time on other threads do not disturb a measurement.
    pub struct Counting;

    thread_local! {
        static IN_USE: Cell<isize> = const { Cell::new(0) };
        static PEAK: Cell<isize> = const { Cell::new(0) };
    }

    fn add(bytes: isize) {
        let _ = IN_USE.try_with(|in_use| {
            let now = in_use.get() + bytes;
            in_use.set(now);
            let _ = PEAK.try_with(|peak| peak.set(peak.get().max(now)));
        });
    }

    unsafe impl GlobalAlloc for Counting {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            add(layout.size() as isize);
            unsafe { System.alloc(layout) }
        }

        unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
            add(layout.size() as isize);
            unsafe { System.alloc_zeroed(layout) }
        }

        unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
            add(-(layout.size() as isize));
            unsafe { System.dealloc(ptr, layout) }
        }

        unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
            add(new_size as isize - layout.size() as isize);
            unsafe { System.realloc(ptr, layout, new_size) }
        }
    }

    /// Starts a measurement on this thread; returns the bytes in use now.
    pub fn start() -> isize {
        let now = IN_USE.with(Cell::get);
        PEAK.with(|peak| peak.set(now));
        now
    }

    /// The most bytes this thread had in use since `start`, above what it
    /// had in use then.
    pub fn peak_since(start: isize) -> isize {
        PEAK.with(Cell::get) - start
    }
}

#[global_allocator]
static COUNTING: counting::Counting = counting::Counting;

fn frame(body: &[u8]) -> Vec<u8> {
    let mut out = (body.len() as u32).to_be_bytes().to_vec();
    out.extend_from_slice(body);
    out
}

#[tokio::test]
async fn frames_that_arrive_a_few_bytes_at_a_time() {
    let mut bytes = frame(b"hello, world");
    bytes.extend(frame(b""));
    bytes.extend(frame(b"bye"));
    let mut input = Trickle::new(bytes, 3);
    assert_eq!(
        read_frame(&mut input, 100).await.unwrap().unwrap(),
        b"hello, world"
    );
    assert_eq!(read_frame(&mut input, 100).await.unwrap().unwrap(), b"");
    assert_eq!(read_frame(&mut input, 100).await.unwrap().unwrap(), b"bye");
    assert_eq!(
        read_frame(&mut input, 100).await.unwrap(),
        None,
        "a clean end"
    );
}

#[tokio::test]
async fn empty_input_is_a_clean_end() {
    assert_eq!(
        read_frame(&mut Trickle::new(vec![], 3), 100).await.unwrap(),
        None
    );
}

#[tokio::test]
async fn an_end_inside_the_length_is_an_error() {
    let mut input = Trickle::new(vec![0, 0], 1);
    let err = read_frame(&mut input, 100).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::UnexpectedEof);
}

#[tokio::test]
async fn an_end_inside_the_body_is_an_error() {
    let mut input = Trickle::new(frame(b"cut short")[..7].to_vec(), 2);
    let err = read_frame(&mut input, 100).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::UnexpectedEof);
}

#[tokio::test]
async fn the_maximum_is_allowed() {
    let mut input = Trickle::new(frame(&[7; 100]), 64);
    assert_eq!(
        read_frame(&mut input, 100).await.unwrap().unwrap(),
        vec![7; 100]
    );
}

#[tokio::test]
async fn one_byte_over_is_refused_and_the_body_left_unread() {
    let mut input = Trickle::new(frame(&[7; 101]), 64);
    let err = read_frame(&mut input, 100).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidData);
    let mut rest = Vec::new();
    input.read_to_end(&mut rest).await.unwrap();
    assert_eq!(rest.len(), 101, "the body was not read");
}

#[tokio::test] // a current-thread runtime: read_frame runs on this thread
async fn a_huge_length_is_refused_before_making_room_for_it() {
    // 128 MiB promised: the answer must come without allocating it.
    let mut input = Trickle::new((128u32 << 20).to_be_bytes().to_vec(), 4);
    let before = counting::start();
    let err = read_frame(&mut input, 1 << 20).await.unwrap_err();
    let peak = counting::peak_since(before);
    assert_eq!(err.kind(), ErrorKind::InvalidData);
    assert!(peak < 1 << 20, "{peak} bytes in use at the peak");
}

#[tokio::test]
async fn a_huge_length_is_refused_without_waiting_for_its_body() {
    // 128 MiB promised, nothing sent: the answer must not wait for a body.
    let mut input = Trickle::new((128u32 << 20).to_be_bytes().to_vec(), 4);
    let err = read_frame(&mut input, 1 << 20).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidData);
}

//! Exercise 2: `upper_lines`, with input that trickles in, output that takes
//! a little at a time, and more output than a BufWriter holds.

mod common;

use common::{Narrow, Trickle};
use exercises_ch08_streams_io::upper_lines;

#[tokio::test]
async fn a_few_short_lines_all_arrive() {
    let mut out = Vec::new();
    let n = upper_lines(Trickle::new(b"one\ntwo\nthree\n".to_vec(), 2), &mut out)
        .await
        .unwrap();
    assert_eq!(n, 3);
    assert_eq!(out, b"ONE\nTWO\nTHREE\n");
}

#[tokio::test]
async fn a_last_line_without_a_newline_gets_one() {
    let mut out = Vec::new();
    let n = upper_lines(&b"a\nb"[..], &mut out).await.unwrap();
    assert_eq!((n, &out[..]), (2, &b"A\nB\n"[..]));
}

#[tokio::test]
async fn many_lines_more_than_a_buffer_all_arrive() {
    let input: String = (0..3000).map(|i| format!("line {i:05}\n")).collect();
    let mut out = Vec::new();
    let n = upper_lines(input.as_bytes(), &mut out).await.unwrap();
    assert_eq!(n, 3000);
    assert_eq!(out, input.to_uppercase().into_bytes());
}

#[tokio::test]
async fn many_short_lines_make_few_writes() {
    // 3000 lines of 11 bytes: 33,000 bytes, a few BufWriter-fulls, where
    // writing each line (and its newline) straight through makes thousands.
    let input: String = (0..3000).map(|i| format!("line {i:05}\n")).collect();
    let mut out = Narrow::new(usize::MAX);
    upper_lines(input.as_bytes(), &mut out).await.unwrap();
    assert_eq!(out.written, input.to_uppercase().into_bytes());
    assert!(out.writes <= 10, "{} writes", out.writes);
}

#[tokio::test]
async fn a_long_line_into_a_writer_that_takes_little_at_a_time() {
    let long = "x".repeat(20_000);
    let input = format!("short\n{long}\nend\n");
    let mut out = Narrow::new(1000);
    let n = upper_lines(input.as_bytes(), &mut out).await.unwrap();
    assert_eq!(n, 3);
    assert_eq!(
        String::from_utf8(out.written).unwrap(),
        input.to_uppercase()
    );
}

#[tokio::test]
async fn nothing_in_nothing_out() {
    let mut out = Vec::new();
    assert_eq!(upper_lines(&b""[..], &mut out).await.unwrap(), 0);
    assert!(out.is_empty());
}

//! Exercise 1: one frame, read by hand.

use std::io;
use tokio::io::AsyncRead;

/// Reads one frame from `input`: a 4-byte big-endian length `n`, then `n`
/// bytes of body, which it returns.
///
/// - If `input` ends before the first byte of a frame, return `Ok(None)`.
/// - If it ends anywhere inside a frame (in the length or in the body),
///   return an error of kind `UnexpectedEof`.
/// - If `n` is larger than `max`, return an error of kind `InvalidData`
///   without reading the body.
pub async fn read_frame(
    input: &mut (impl AsyncRead + Unpin),
    max: usize,
) -> io::Result<Option<Vec<u8>>> {
    let _ = (input, max);
    todo!()
}

//! Exercise 1: one frame, read by hand.

use std::io;
use tokio::io::{AsyncRead, AsyncReadExt};

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
    // The first byte decides between a clean end and a frame.
    let mut head = [0u8; 4];
    if input.read(&mut head[..1]).await? == 0 {
        return Ok(None);
    }
    input.read_exact(&mut head[1..]).await?;
    let n = u32::from_be_bytes(head) as usize;
    if n > max {
        let msg = format!("frame of {n} bytes, more than {max}");
        return Err(io::Error::new(io::ErrorKind::InvalidData, msg));
    }
    // Only now, with `n` known to be sane, allocate.
    let mut body = vec![0; n];
    input.read_exact(&mut body).await?;
    Ok(Some(body))
}

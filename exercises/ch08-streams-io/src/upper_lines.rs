//! Exercise 2: lines in, upper-cased lines out.

use std::io;
use tokio::io::{AsyncRead, AsyncWrite};

/// Reads `input` line by line and writes each line to `output` in upper
/// case, ending each with `\n` (also the last, if `input` did not end it).
/// Writes through a `BufWriter`, so that many short lines make few writes.
/// Returns the number of lines. When it returns `Ok`, every line must have
/// reached `output`.
pub async fn upper_lines(
    input: impl AsyncRead + Unpin,
    output: impl AsyncWrite + Unpin,
) -> io::Result<u64> {
    let _ = (input, output);
    todo!()
}

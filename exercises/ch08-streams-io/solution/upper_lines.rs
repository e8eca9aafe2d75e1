//! Exercise 2: lines in, upper-cased lines out.

use std::io;
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncWrite, AsyncWriteExt, BufReader, BufWriter};

/// Reads `input` line by line and writes each line to `output` in upper
/// case, ending each with `\n` (also the last, if `input` did not end it).
/// Writes through a `BufWriter`, so that many short lines make few writes.
/// Returns the number of lines. When it returns `Ok`, every line must have
/// reached `output`.
pub async fn upper_lines(
    input: impl AsyncRead + Unpin,
    output: impl AsyncWrite + Unpin,
) -> io::Result<u64> {
    let mut lines = BufReader::new(input).lines();
    let mut output = BufWriter::new(output);
    let mut count = 0;
    while let Some(line) = lines.next_line().await? {
        output.write_all(line.to_uppercase().as_bytes()).await?;
        output.write_all(b"\n").await?;
        count += 1;
    }
    output.flush().await?; // what is still in the buffer goes out now
    Ok(count)
}

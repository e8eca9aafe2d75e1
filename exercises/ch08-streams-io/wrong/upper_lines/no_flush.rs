//! Wrong: never flushes, so whatever is left in the BufWriter's buffer is
//! dropped with it.

use std::io;
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncWrite, AsyncWriteExt, BufReader, BufWriter};

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
    Ok(count)
}

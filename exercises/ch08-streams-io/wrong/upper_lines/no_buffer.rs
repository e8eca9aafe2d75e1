//! Wrong: writes each line straight to `output`, with no `BufWriter`, so
//! every short line is a write (or two) of its own.

use std::io;
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncWrite, AsyncWriteExt, BufReader};

pub async fn upper_lines(
    input: impl AsyncRead + Unpin,
    mut output: impl AsyncWrite + Unpin,
) -> io::Result<u64> {
    let mut lines = BufReader::new(input).lines();
    let mut count = 0;
    while let Some(line) = lines.next_line().await? {
        output.write_all(line.to_uppercase().as_bytes()).await?;
        output.write_all(b"\n").await?;
        count += 1;
    }
    output.flush().await?;
    Ok(count)
}

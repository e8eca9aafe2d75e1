//! Wrong: writes each line with `write`, which may take only part of what it
//! is given. The BufWriter hides this for short lines, not for long ones.

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
        let _ = output
            .write(format!("{}\n", line.to_uppercase()).as_bytes())
            .await?;
        count += 1;
    }
    output.flush().await?;
    Ok(count)
}

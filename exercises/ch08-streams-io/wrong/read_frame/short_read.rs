//! Wrong: reads the body with one `read`, which returns what has arrived so
//! far, not the whole body.

use std::io;
use tokio::io::{AsyncRead, AsyncReadExt};

pub async fn read_frame(
    input: &mut (impl AsyncRead + Unpin),
    max: usize,
) -> io::Result<Option<Vec<u8>>> {
    let mut head = [0u8; 4];
    if input.read(&mut head[..1]).await? == 0 {
        return Ok(None);
    }
    input.read_exact(&mut head[1..]).await?;
    let n = u32::from_be_bytes(head) as usize;
    if n > max {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            "frame too large",
        ));
    }
    let mut body = vec![0; n];
    let got = input.read(&mut body).await?;
    body.truncate(got);
    Ok(Some(body))
}

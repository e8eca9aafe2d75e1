//! Wrong: checks the length against `max`, but only after making room for
//! the body it promises, so a lying prefix still costs its full size.

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
    let mut body = vec![0; n];
    if n > max {
        let msg = format!("frame of {n} bytes, more than {max}");
        return Err(io::Error::new(io::ErrorKind::InvalidData, msg));
    }
    input.read_exact(&mut body).await?;
    Ok(Some(body))
}

//! Wrong: allocates whatever the length prefix asks for, before a single
//! byte of the body has arrived.

use std::io;
use tokio::io::{AsyncRead, AsyncReadExt};

pub async fn read_frame(
    input: &mut (impl AsyncRead + Unpin),
    _max: usize,
) -> io::Result<Option<Vec<u8>>> {
    let mut head = [0u8; 4];
    if input.read(&mut head[..1]).await? == 0 {
        return Ok(None);
    }
    input.read_exact(&mut head[1..]).await?;
    let n = u32::from_be_bytes(head) as usize;
    let mut body = vec![0; n];
    input.read_exact(&mut body).await?;
    Ok(Some(body))
}

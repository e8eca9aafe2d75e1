//! Wrong: reads the length with `read_exact` and takes any `UnexpectedEof`
//! for a clean end, so a frame cut short in its length looks like no frame.

use std::io;
use tokio::io::{AsyncRead, AsyncReadExt};

pub async fn read_frame(
    input: &mut (impl AsyncRead + Unpin),
    max: usize,
) -> io::Result<Option<Vec<u8>>> {
    let mut head = [0u8; 4];
    match input.read_exact(&mut head).await {
        Ok(_) => {}
        Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return Ok(None),
        Err(e) => return Err(e),
    }
    let n = u32::from_be_bytes(head) as usize;
    if n > max {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            "frame too large",
        ));
    }
    let mut body = vec![0; n];
    input.read_exact(&mut body).await?;
    Ok(Some(body))
}

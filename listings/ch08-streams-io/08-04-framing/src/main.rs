//! Framing with tokio-util's codecs: lines and length-prefixed frames out
//! of a byte stream, with limits, and a line server that survives a client
//! that never ends its line.

use futures::{SinkExt, StreamExt};
use std::io;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::TcpListener;
use tokio_util::codec::{Framed, FramedRead, LengthDelimitedCodec, LinesCodec, LinesCodecError};

// ANCHOR: limits
/// The longest line the server accepts, in bytes (without the newline).
pub const MAX_LINE: usize = 1024;

/// Frames with a 4-byte big-endian length in front, at most 64 KiB each.
pub fn length_codec() -> LengthDelimitedCodec {
    LengthDelimitedCodec::builder()
        .max_frame_length(64 * 1024)
        .new_codec()
}
// ANCHOR_END: limits

// ANCHOR: serve_lines
/// Answers each line with the line upper-cased, until the client hangs up
/// or sends a line longer than `MAX_LINE`.
pub async fn serve_lines(
    socket: impl AsyncRead + AsyncWrite + Unpin,
) -> Result<(), LinesCodecError> {
    let mut lines = Framed::new(socket, LinesCodec::new_with_max_length(MAX_LINE));
    while let Some(line) = lines.next().await {
        let line = line?; // too long, not UTF-8, or an I/O error: give up on this client
        lines.send(line.to_uppercase()).await?;
    }
    Ok(())
}

pub async fn line_server(listener: TcpListener) -> io::Result<()> {
    loop {
        let (socket, peer) = listener.accept().await?;
        tokio::spawn(async move {
            if let Err(e) = serve_lines(socket).await {
                eprintln!("{peer}: {e}"); // this connection ends; the others go on
            }
        });
    }
}
// ANCHOR_END: serve_lines

// ANCHOR: main
#[tokio::main(flavor = "current_thread")]
async fn main() -> io::Result<()> {
    // Frames out of one buffer that holds two and a half of them.
    let bytes: &[u8] = b"\0\0\0\x05hello\0\0\0\x05world\0\0\0\x09half";
    let mut frames = FramedRead::new(bytes, length_codec());
    while let Some(frame) = frames.next().await {
        match frame {
            Ok(frame) => println!("frame: {:?}", String::from_utf8_lossy(&frame)),
            Err(e) => println!("error: {e}"),
        }
    }

    // A prefix that claims 4 GiB.
    let bytes: &[u8] = b"\xff\xff\xff\xffand then a little";
    let mut frames = FramedRead::new(bytes, length_codec());
    println!(
        "4 GiB prefix: {:?}",
        frames.next().await.map(|f| f.map_err(|e| e.to_string()))
    );

    // Lines, and one that is too long.
    let long = "x".repeat(MAX_LINE + 1);
    let text = format!("short\n{long}\nafter\n");
    let mut lines = FramedRead::new(text.as_bytes(), LinesCodec::new_with_max_length(MAX_LINE));
    while let Some(line) = lines.next().await {
        println!("line: {:?}", line.map_err(|e| e.to_string()));
    }
    // The loop stopped at a None that came right after the error. Again:
    let again = lines.next().await;
    println!(
        "polled again: {:?}",
        again.map(|l| l.map_err(|e| e.to_string()))
    );
    Ok(())
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;
    use bytes_of::frame;
    use futures::FutureExt;
    use std::time::Duration;
    use tokio::io::{AsyncReadExt, AsyncWriteExt, duplex};
    use tokio::net::TcpStream;

    mod bytes_of {
        /// A length-prefixed frame, as the codec writes it.
        pub fn frame(body: &[u8]) -> Vec<u8> {
            let mut out = (body.len() as u32).to_be_bytes().to_vec();
            out.extend_from_slice(body);
            out
        }
    }

    #[tokio::test]
    async fn a_frame_that_arrives_byte_by_byte_comes_out_whole_once() {
        let (mut tx, rx) = duplex(64);
        let mut frames = FramedRead::new(rx, length_codec());
        let bytes = frame(b"hello");
        for (i, byte) in bytes.iter().enumerate() {
            // Nothing comes out before the last byte has arrived.
            assert!(
                frames.next().now_or_never().is_none(),
                "a frame after {i} bytes"
            );
            tx.write_all(&[*byte]).await.unwrap();
        }
        let got = frames.next().await.unwrap().unwrap();
        assert_eq!(&got[..], b"hello");
        drop(tx);
        assert!(frames.next().await.is_none(), "a clean end between frames");
    }

    #[tokio::test]
    async fn two_frames_in_one_read_come_out_as_two() {
        let mut both = frame(b"one");
        both.extend(frame(b"two"));
        let got: Vec<_> = FramedRead::new(&both[..], length_codec())
            .map(|f| f.unwrap().to_vec())
            .collect()
            .await;
        assert_eq!(got, [b"one".to_vec(), b"two".to_vec()]);
    }

    #[tokio::test]
    async fn the_end_in_the_middle_of_a_frame_is_an_error() {
        let cut = &frame(b"hello")[..6];
        let mut frames = FramedRead::new(cut, length_codec());
        let err = frames.next().await.unwrap().unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::Other);
        assert_eq!(err.to_string(), "bytes remaining on stream");
    }

    #[tokio::test]
    async fn the_maximum_is_allowed_and_one_more_is_not() {
        let max = vec![1u8; 64 * 1024];
        let got = FramedRead::new(&frame(&max)[..], length_codec())
            .next()
            .await
            .unwrap();
        assert_eq!(got.unwrap().len(), 64 * 1024);
        let over = vec![1u8; 64 * 1024 + 1];
        let err = FramedRead::new(&frame(&over)[..], length_codec())
            .next()
            .await
            .unwrap()
            .unwrap_err();
        assert_eq!(
            (err.kind(), err.to_string()),
            (io::ErrorKind::InvalidData, "frame size too big".into())
        );
    }

    #[tokio::test]
    async fn a_4_gib_prefix_is_refused_before_anything_is_allocated() {
        let (mut tx, rx) = duplex(64);
        tx.write_all(&u32::MAX.to_be_bytes()).await.unwrap();
        let mut frames = FramedRead::new(rx, length_codec());
        let err = frames.next().await.unwrap().unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidData);
        // The read buffer is still its small starting size, not 4 GiB.
        assert!(
            frames.read_buffer().capacity() <= 8 * 1024,
            "{}",
            frames.read_buffer().capacity()
        );
        // After an error, Framed returns None once (a while-let loop stops
        // there); it is not fused, so the caller must drop the connection.
        assert!(frames.next().await.is_none());
    }

    #[tokio::test]
    async fn without_a_maximum_an_endless_line_is_kept_in_memory() {
        let (mut tx, rx) = duplex(64 * 1024);
        let mut lines = FramedRead::new(rx, LinesCodec::new()); // no maximum
        let chunk = vec![b'x'; 64 * 1024];
        for _ in 0..16 {
            tx.write_all(&chunk).await.unwrap();
            assert!(lines.next().now_or_never().is_none());
        }
        // A megabyte held, waiting for a newline that may never come.
        assert!(lines.read_buffer().len() >= 1024 * 1024);
    }

    #[tokio::test]
    async fn with_a_maximum_an_endless_line_is_an_error_and_little_memory() {
        let (mut tx, rx) = duplex(64 * 1024);
        // The same input as above, a megabyte with no newline, then "ok".
        let writer = tokio::spawn(async move {
            for _ in 0..16 {
                tx.write_all(&vec![b'x'; 64 * 1024]).await.unwrap();
            }
            tx.write_all(b"\nok\n").await.unwrap();
        });
        let mut lines = FramedRead::new(rx, LinesCodec::new_with_max_length(MAX_LINE));
        let mut most = 0;
        let mut got = Vec::new();
        loop {
            let item = lines.next().await;
            most = most.max(lines.read_buffer().capacity());
            match item {
                Some(Ok(line)) => {
                    got.push(format!("Ok({line})"));
                    break;
                }
                Some(Err(e)) => got.push(format!("Err({e})")),
                None => got.push("None".into()),
            }
        }
        writer.await.unwrap();
        // The error, None once, then Framed reads on: the codec threw away
        // the rest of the long line and the next line comes out.
        assert!(most <= 16 * 1024, "the buffer grew to {most} bytes");
        assert_eq!(got, ["Err(max line length exceeded)", "None", "Ok(ok)"]);
    }

    #[tokio::test]
    async fn after_an_error_framed_gives_none_once_then_reads_on() {
        let long = "x".repeat(MAX_LINE + 1);
        let text = format!("short\n{long}\nafter\n");
        let mut lines = FramedRead::new(text.as_bytes(), LinesCodec::new_with_max_length(MAX_LINE));
        assert_eq!(lines.next().await.unwrap().unwrap(), "short");
        assert!(lines.next().await.unwrap().is_err());
        assert!(
            lines.next().await.is_none(),
            "None once: a while-let loop stops here"
        );
        // Not fused: polled again, it goes back to reading.
        assert_eq!(lines.next().await.unwrap().unwrap(), "after");
        assert!(lines.next().await.is_none());
    }

    #[tokio::test]
    async fn lines_codec_discards_the_long_line_and_could_go_on() {
        // The codec itself recovers at the next newline, which is what a
        // Framed polled again after its None goes on with (test above).
        let mut codec = LinesCodec::new_with_max_length(4);
        let mut buf = tokio_util::bytes::BytesMut::from(&b"toolong\nok\n"[..]);
        use tokio_util::codec::Decoder;
        assert!(codec.decode(&mut buf).is_err());
        assert_eq!(codec.decode(&mut buf).unwrap(), Some("ok".to_string()));
    }

    #[tokio::test]
    async fn framed_is_a_stream_and_a_sink() {
        let (client, server) = duplex(64);
        tokio::spawn(serve_lines(server));
        let mut client = Framed::new(client, LinesCodec::new());
        client.send("hello").await.unwrap();
        client.send("world").await.unwrap();
        assert_eq!(client.next().await.unwrap().unwrap(), "HELLO");
        assert_eq!(client.next().await.unwrap().unwrap(), "WORLD");
    }

    #[tokio::test]
    async fn the_server_drops_an_endless_line_and_keeps_serving_others() {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(line_server(listener));

        let mut good = Framed::new(TcpStream::connect(addr).await.unwrap(), LinesCodec::new());
        good.send("before").await.unwrap();
        assert_eq!(good.next().await.unwrap().unwrap(), "BEFORE");

        // The bad client sends 1 MiB with no newline, until the server hangs up.
        let mut bad = TcpStream::connect(addr).await.unwrap();
        let chunk = vec![b'x'; 4096];
        let mut sent = 0;
        while sent < 1024 * 1024 {
            match bad.write_all(&chunk).await {
                Ok(()) => sent += chunk.len(),
                Err(_) => break, // reset by the server: it has hung up
            }
        }
        // The server hangs up: the read ends (in an error or a clean end),
        // with nothing sent back. A server with no limit would still be
        // reading, and this would time out.
        let mut rest = Vec::new();
        let ended = tokio::time::timeout(Duration::from_secs(5), bad.read_to_end(&mut rest)).await;
        assert!(ended.is_ok(), "the server did not hang up");
        assert!(rest.is_empty(), "the server sent something back");

        good.send("after").await.unwrap();
        assert_eq!(good.next().await.unwrap().unwrap(), "AFTER");
    }
}

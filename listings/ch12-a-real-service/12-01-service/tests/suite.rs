//! The shared suite, run against the hyper version.

async fn start(config: listing_12_01_service::Config) -> listing_12_01_service::Running {
    listing_12_01_service::Running::start(config, listing_12_01_service::run).await
}

listing_12_01_service::suite!(start, env!("CARGO_BIN_EXE_listing-12-01-service"));

/// Only the hyper version refuses a declared length before reading: axum's
/// `Bytes` extractor ignores Content-Length and reads until the limit.
#[tokio::test]
async fn declared_length_refused_unread() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let config = listing_12_01_service::Config {
        max_body: 1000,
        ..Default::default()
    };
    let server = start(config).await;
    let mut stream = tokio::net::TcpStream::connect(server.addr).await.unwrap();
    // The headers promise a megabyte; not one byte of it is sent.
    let head = "POST /items HTTP/1.1\r\nhost: x\r\ncontent-length: 1000000\r\n\r\n";
    stream.write_all(head.as_bytes()).await.unwrap();
    let mut buf = [0; 12];
    let bound = std::time::Duration::from_secs(2);
    tokio::time::timeout(bound, stream.read_exact(&mut buf))
        .await
        .expect("waited for the body")
        .unwrap();
    assert_eq!(&buf, b"HTTP/1.1 413");
}

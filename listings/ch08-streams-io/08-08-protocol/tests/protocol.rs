//! The protocol under partial frames, oversized frames, clients that leave
//! in the middle of a frame, and many clients at once.

use listing_08_08_protocol::{Client, MAX_FRAME, serve};
use std::io;
use std::net::SocketAddr;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc::UnboundedReceiver;
use tokio::time::{Duration, timeout};

type Log = UnboundedReceiver<(SocketAddr, io::Result<()>)>;

async fn start() -> (SocketAddr, Log) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (log, ended) = tokio::sync::mpsc::unbounded_channel();
    tokio::spawn(serve(listener, log));
    (addr, ended)
}

fn frame(body: &[u8]) -> Vec<u8> {
    let mut out = (body.len() as u32).to_be_bytes().to_vec();
    out.extend_from_slice(body);
    out
}

/// Reads one answer frame off a raw socket.
async fn read_answer(socket: &mut TcpStream) -> String {
    let len = socket.read_u32().await.unwrap() as usize;
    let mut body = vec![0; len];
    socket.read_exact(&mut body).await.unwrap();
    String::from_utf8(body).unwrap()
}

/// The server is still answering.
async fn still_serving(addr: SocketAddr) {
    let mut client = Client::connect(addr).await.unwrap();
    assert_eq!(
        &client.call("ECHO still here").await.unwrap()[..],
        b"still here"
    );
}

#[tokio::test]
async fn requests_and_answers_in_turn_on_one_connection() {
    let (addr, mut log) = start().await;
    let mut client = Client::connect(addr).await.unwrap();
    assert_eq!(&client.call("ECHO hi").await.unwrap()[..], b"hi");
    assert_eq!(&client.call("SUM 1 2 39").await.unwrap()[..], b"42");
    assert_eq!(
        &client.call("SUM x").await.unwrap()[..],
        b"ERR invalid digit found in string"
    );
    assert_eq!(
        &client.call("NOPE").await.unwrap()[..],
        b"ERR unknown request"
    );
    assert_eq!(&client.call("ECHO ").await.unwrap()[..], b"");
    drop(client);
    assert!(
        log.recv().await.unwrap().1.is_ok(),
        "a hang-up between frames is a clean end"
    );
}

#[tokio::test]
async fn a_request_sent_byte_by_byte_gets_one_answer() {
    let (addr, _log) = start().await;
    let mut socket = TcpStream::connect(addr).await.unwrap();
    // Nagle's algorithm off: each byte is usually sent in a segment of its
    // own (usually, not surely; Listing 8-4's duplex test is the sure one).
    socket.set_nodelay(true).unwrap();
    for byte in frame(b"ECHO slowly") {
        socket.write_all(&[byte]).await.unwrap();
        tokio::task::yield_now().await;
    }
    assert_eq!(read_answer(&mut socket).await, "slowly");
    // And the connection is in step for the next one.
    socket.write_all(&frame(b"SUM 2 2")).await.unwrap();
    assert_eq!(read_answer(&mut socket).await, "4");
}

#[tokio::test]
async fn two_requests_in_one_write_get_two_answers_in_order() {
    let (addr, _log) = start().await;
    let mut socket = TcpStream::connect(addr).await.unwrap();
    let mut both = frame(b"ECHO one");
    both.extend(frame(b"ECHO two"));
    socket.write_all(&both).await.unwrap();
    assert_eq!(read_answer(&mut socket).await, "one");
    assert_eq!(read_answer(&mut socket).await, "two");
}

#[tokio::test]
async fn an_oversized_frame_is_refused_and_the_connection_closed() {
    let (addr, mut log) = start().await;
    let mut socket = TcpStream::connect(addr).await.unwrap();
    let too_big = (MAX_FRAME as u32 + 1).to_be_bytes();
    socket.write_all(&too_big).await.unwrap(); // the header is enough
    assert_eq!(read_answer(&mut socket).await, "ERR frame too large");
    assert_eq!(
        socket.read(&mut [0; 16]).await.unwrap(),
        0,
        "then the server hangs up"
    );
    let (_, ended) = log.recv().await.unwrap();
    assert_eq!(ended.unwrap_err().kind(), io::ErrorKind::InvalidData);
    still_serving(addr).await;
}

#[tokio::test]
async fn an_oversized_frame_with_its_body_behind_it_is_refused_too() {
    let (addr, mut log) = start().await;
    let (mut from_server, mut to_server) = TcpStream::connect(addr).await.unwrap().into_split();
    // The whole frame, header and body, written while we read.
    let whole = frame(&vec![b'x'; MAX_FRAME + 1]);
    let writer = tokio::spawn(async move {
        // May fail: the server hangs up with the body unread.
        let _ = to_server.write_all(&whole).await;
    });
    let mut back = Vec::new();
    let read = timeout(Duration::from_secs(5), from_server.read_to_end(&mut back)).await;
    assert!(read.is_ok(), "the server kept the connection open");
    // The answer, then the end; or a reset, since the server closed with
    // the body unread, which may cost the client the answer.
    if read.unwrap().is_ok() {
        assert_eq!(back, frame(b"ERR frame too large"));
    }
    let (_, ended) = log.recv().await.unwrap();
    assert_eq!(ended.unwrap_err().to_string(), "frame size too big");
    writer.await.unwrap();
    still_serving(addr).await;
}

#[tokio::test]
async fn a_4_gib_length_prefix_is_refused_at_once() {
    let (addr, mut log) = start().await;
    let mut socket = TcpStream::connect(addr).await.unwrap();
    socket.write_all(&[0xff; 4]).await.unwrap();
    assert_eq!(read_answer(&mut socket).await, "ERR frame too large");
    assert_eq!(
        log.recv().await.unwrap().1.unwrap_err().to_string(),
        "frame size too big"
    );
    still_serving(addr).await;
}

#[tokio::test]
async fn the_largest_frame_allowed_is_answered() {
    let (addr, _log) = start().await;
    let mut client = Client::connect(addr).await.unwrap();
    let mut request = b"ECHO ".to_vec();
    request.resize(MAX_FRAME, b'z');
    let answer = client.call(request).await.unwrap();
    assert_eq!(answer.len(), MAX_FRAME - 5);
}

#[tokio::test]
async fn a_client_that_leaves_mid_frame_is_an_error_and_harms_no_one() {
    let (addr, mut log) = start().await;
    let mut other = Client::connect(addr).await.unwrap();
    assert_eq!(&other.call("ECHO before").await.unwrap()[..], b"before");

    let mut rude = TcpStream::connect(addr).await.unwrap();
    rude.write_all(&frame(b"ECHO never finished")[..10])
        .await
        .unwrap();
    drop(rude);
    let (_, ended) = log.recv().await.unwrap();
    assert_eq!(ended.unwrap_err().to_string(), "bytes remaining on stream");

    // The connection that was already open goes on, and new ones are served.
    assert_eq!(&other.call("ECHO after").await.unwrap()[..], b"after");
    still_serving(addr).await;
}

#[tokio::test]
async fn the_client_reports_a_server_that_hangs_up() {
    // A "server" that accepts and closes at once.
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let (socket, _) = listener.accept().await.unwrap();
        drop(socket);
    });
    let mut client = Client::connect(addr).await.unwrap();
    let err = client.call("ECHO anyone?").await.unwrap_err();
    assert!(
        matches!(
            err.kind(),
            io::ErrorKind::UnexpectedEof
                | io::ErrorKind::ConnectionReset
                | io::ErrorKind::BrokenPipe
        ),
        "{err:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifty_clients_at_once_each_get_their_own_answers() {
    let (addr, _log) = start().await;
    let mut clients = tokio::task::JoinSet::new();
    for c in 0..50 {
        clients.spawn(async move {
            let mut client = Client::connect(addr).await.unwrap();
            for r in 0..10 {
                let answer = client.call(format!("SUM {c} {r}")).await.unwrap();
                assert_eq!(answer, (c + r).to_string().as_bytes());
            }
        });
    }
    while let Some(done) = clients.join_next().await {
        done.unwrap();
    }
}

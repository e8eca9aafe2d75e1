//! Listing A-5: a line server and its client as two hosts of a turmoil
//! simulation, with a link that holds its messages for a while.

use std::net::{IpAddr, Ipv4Addr};
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::time::timeout;
use turmoil::net::{TcpListener, TcpStream};

const PORT: u16 = 4000;

// ANCHOR: server
/// The server host: answers each line `name` with `hello, name`, one
/// connection after another. turmoil's `TcpListener` stands in for
/// tokio's; the code is otherwise what it would be on a real network.
pub async fn serve() -> turmoil::Result {
    let listener = TcpListener::bind((IpAddr::V4(Ipv4Addr::UNSPECIFIED), PORT)).await?;
    loop {
        let (socket, _) = listener.accept().await?;
        let (read, mut write) = socket.into_split();
        let mut lines = BufReader::new(read).lines();
        while let Some(name) = lines.next_line().await? {
            write
                .write_all(format!("hello, {name}\n").as_bytes())
                .await?;
        }
    }
}
// ANCHOR_END: server

// ANCHOR: client
/// The client host: a reply within a second, then none while the link
/// holds its messages, then the late reply once they are released.
/// Returns how long it waited, on the simulation's clock.
pub async fn talk() -> turmoil::Result<Duration> {
    let limit = Duration::from_secs(1);
    let socket = TcpStream::connect(("server", PORT)).await?;
    let (read, mut write) = socket.into_split();
    let mut replies = BufReader::new(read).lines();

    write.write_all(b"ann\n").await?;
    let reply = timeout(limit, replies.next_line()).await??;
    assert_eq!(reply.as_deref(), Some("hello, ann"));

    // From here on, messages between the two hosts stay in flight.
    turmoil::hold("client", "server");
    write.write_all(b"bob\n").await?;
    let held = timeout(limit, replies.next_line()).await;
    assert!(held.is_err(), "a reply got through a held link");

    // Released, the line reaches the server and its reply comes back.
    // `next_line` is cancel-safe, so the timed-out wait lost nothing.
    turmoil::release("client", "server");
    let reply = timeout(limit, replies.next_line()).await??;
    assert_eq!(reply.as_deref(), Some("hello, bob"));
    Ok(turmoil::elapsed())
}
// ANCHOR_END: client

// ANCHOR: sim
/// One run of the simulation: returns the client's simulated time.
pub fn simulate(seed: u64) -> Duration {
    let mut sim = turmoil::Builder::new().rng_seed(seed).build();
    sim.host("server", serve);
    let took = std::rc::Rc::new(std::cell::Cell::new(Duration::ZERO));
    let out = took.clone();
    sim.client("client", async move {
        out.set(talk().await?);
        Ok(())
    });
    sim.run().unwrap();
    took.get()
}
// ANCHOR_END: sim

#[cfg(test)]
mod tests {
    use super::*;

    // ANCHOR: tests
    #[test]
    fn the_client_rides_out_a_held_link() {
        let took = simulate(7);
        // The held second is in the simulated time; the test took none.
        assert!(took > Duration::from_secs(1), "{took:?}");
    }

    #[test]
    fn the_same_seed_gives_the_same_run() {
        // Latencies are drawn from the seeded generator, so a run is
        // repeatable to the tick, and a failing seed can be replayed.
        assert_eq!(simulate(7), simulate(7));
    }
    // ANCHOR_END: tests
}

//! A short conversation with the chat server of src/lib.rs, printed line by
//! line as each person hears it.

use listing_06_07_chat::chatter::Chatter;
use listing_06_07_chat::{Config, accept_all, serve};
use tokio::net::TcpListener;
use tokio::sync::oneshot;

// ANCHOR: main
#[tokio::main]
async fn main() -> std::io::Result<()> {
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let address = listener.local_addr()?;
    let (stop, stopped) = oneshot::channel::<()>();
    let config = Config {
        room_capacity: 64,
        direct_capacity: 8,
    };
    let server = tokio::spawn(serve(accept_all(listener), config, async {
        let _ = stopped.await;
    }));

    let mut ada = Chatter::join(address, "ada").await;
    let mut grace = Chatter::join(address, "grace").await;
    println!("ada hears:   {:?}", ada.hear().await);
    grace.say("hello, room").await;
    println!("ada hears:   {:?}", ada.hear().await);
    ada.say("/to grace lunch?").await;
    println!("grace hears: {:?}", grace.hear().await);
    ada.say("/to barbara lunch?").await;
    println!("ada hears:   {:?}", ada.hear().await);
    drop(grace);
    println!("ada hears:   {:?}", ada.hear().await);

    stop.send(()).unwrap();
    server.await.unwrap();
    println!(
        "ada hears:   {:?} (the server has stopped)",
        ada.hear().await
    );
    Ok(())
}
// ANCHOR_END: main

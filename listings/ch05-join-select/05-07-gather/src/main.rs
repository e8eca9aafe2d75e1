use listing_05_07_gather::{Service, gather};
use std::time::Duration;
use tokio::time::Instant;

// ANCHOR: main
#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let ms = Duration::from_millis;
    let services = [
        Service {
            name: "profile",
            delay: ms(40),
            fails: false,
            timeout: ms(100),
        },
        Service {
            name: "orders",
            delay: ms(120),
            fails: false,
            timeout: ms(100),
        },
        Service {
            name: "recommendations",
            delay: ms(400),
            fails: false,
            timeout: ms(300),
        },
        Service {
            name: "ads",
            delay: ms(30),
            fails: true,
            timeout: ms(100),
        },
        Service {
            name: "reviews",
            delay: ms(180),
            fails: false,
            timeout: ms(300),
        },
    ];
    let start = Instant::now();
    let outcomes = gather(&services, ms(150)).await;
    for (service, outcome) in services.iter().zip(outcomes) {
        println!("{:16} {outcome:?}", service.name);
    }
    println!("page assembled after {:?}", start.elapsed());
}
// ANCHOR_END: main

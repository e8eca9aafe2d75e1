use listing_01_06_executor::{Executor, mailbox, yield_now};

// ANCHOR: main
fn main() {
    let mut executor = Executor::default();
    let (orders, inbox) = mailbox::<&str>();

    executor.spawn(async move {
        for order in ["3 apples", "1 pear", "2 figs"] {
            println!("shop:   takes an order for {order}");
            orders.send(order);
            yield_now().await;
        }
        println!("shop:   closes");
        // `orders` is dropped here, which closes the mailbox.
    });

    executor.spawn(async move {
        while let Some(order) = inbox.recv().await {
            println!("packer: packs {order}");
        }
        println!("packer: sees the shop is closed and goes home");
    });

    executor.spawn(async {
        for minute in 1..=3 {
            println!("clock:  minute {minute}");
            yield_now().await;
        }
    });

    executor.run();
    println!("all tasks done after {} polls", executor.polls);
}
// ANCHOR_END: main

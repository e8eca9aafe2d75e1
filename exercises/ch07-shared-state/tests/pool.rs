//! Exercise 2: a pool of reusable items.

use exercises_ch07_shared_state::Pool;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::time::{Instant, sleep, timeout};

const PATIENCE: Duration = Duration::from_secs(60);

#[tokio::test(start_paused = true)]
async fn items_are_lent_and_come_back() {
    let pool = Pool::new(vec![String::from("a"), String::from("b")]);
    for _ in 0..10 {
        let mut item = timeout(PATIENCE, pool.get())
            .await
            .expect("an item is free");
        item.push('!');
    }
    let first = pool.get().await;
    let second = pool.get().await;
    let mut both = [first.clone(), second.clone()];
    both.sort();
    // Ten loans, each marking the item it got: both items came back.
    assert_eq!(
        both.iter().map(|s| s.matches('!').count()).sum::<usize>(),
        10
    );
}

#[tokio::test(start_paused = true)]
async fn no_more_loans_than_items() {
    let pool = Arc::new(Pool::new(vec![1, 2]));
    let first = pool.get().await;
    let _second = pool.get().await;
    let third = tokio::spawn({
        let pool = pool.clone();
        async move {
            let item = pool.get().await;
            (*item, Instant::now())
        }
    });
    sleep(Duration::from_millis(100)).await;
    assert!(
        !third.is_finished(),
        "two items, both lent: the third waits"
    );
    let returned = *first;
    let released_at = Instant::now();
    drop(first);
    let (item, at) = timeout(PATIENCE, third)
        .await
        .expect("lent after the return")
        .unwrap();
    assert_eq!(item, returned);
    assert_eq!(at, released_at);
}

#[tokio::test(start_paused = true)]
async fn waiters_are_served_in_the_order_they_asked() {
    let pool = Arc::new(Pool::new(vec![()]));
    let order = Arc::new(Mutex::new(Vec::new()));
    let held = pool.get().await;
    let mut waiters = tokio::task::JoinSet::new();
    for name in ["a", "b", "c"] {
        let (pool, order) = (pool.clone(), order.clone());
        waiters.spawn(async move {
            let _item = pool.get().await;
            order.lock().unwrap().push(name);
            sleep(Duration::from_millis(10)).await;
        });
        sleep(Duration::from_millis(1)).await; // each asks at its own time
    }
    drop(held);
    // Asking again at once must not jump the queue.
    let again = timeout(PATIENCE, pool.get())
        .await
        .expect("served in the end");
    order.lock().unwrap().push("again");
    drop(again);
    timeout(PATIENCE, waiters.join_all())
        .await
        .expect("every waiter served");
    assert_eq!(*order.lock().unwrap(), ["a", "b", "c", "again"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn never_more_than_the_items_on_many_threads() {
    let pool = Arc::new(Pool::new(vec![0u32; 3]));
    let out = Arc::new(Mutex::new((0usize, 0usize))); // (now, most)
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..50 {
        let (pool, out) = (pool.clone(), out.clone());
        tasks.spawn(async move {
            let mut item = pool.get().await;
            {
                let mut out = out.lock().unwrap();
                out.0 += 1;
                out.1 = out.1.max(out.0);
            }
            *item += 1;
            tokio::task::yield_now().await;
            out.lock().unwrap().0 -= 1;
        });
    }
    timeout(Duration::from_secs(2), tasks.join_all())
        .await
        .expect("all served");
    assert!(out.lock().unwrap().1 <= 3);
    let a = pool.get().await;
    let b = pool.get().await;
    let c = pool.get().await;
    assert_eq!(
        *a + *b + *c,
        50,
        "every loan's change came back with its item"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn an_item_is_back_before_its_permit() {
    // Four tasks on four threads pass one item round as fast as they can.
    // A permit let go before its item is back leaves a moment in which
    // another thread holds a permit and finds no item. This caught
    // wrong/pool/permit_first.rs ("a permit means an item") in 20 runs of
    // 20 on an idle two-core machine and 20 of 20 with both cores busy.
    let pool = Arc::new(Pool::new(vec![0u64]));
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..4 {
        let pool = pool.clone();
        tasks.spawn(async move {
            for turn in 0..50_000u32 {
                let mut item = pool.get().await;
                *item += 1;
                drop(item);
                if turn % 64 == 0 {
                    tokio::task::yield_now().await;
                }
            }
        });
    }
    let done = timeout(Duration::from_secs(20), tasks.join_all()).await;
    assert!(done.is_ok(), "all served");
    assert_eq!(*pool.get().await, 200_000);
}

use exercises_ch06_channels::{ActorGone, Tickets};
use std::time::Duration;
use tokio::time::timeout;

/// Fails the test, rather than hanging it, when something waits for ever.
const PATIENCE: Duration = Duration::from_secs(60);

#[tokio::test(start_paused = true)]
async fn tickets_come_in_order() {
    let (tickets, _actor) = Tickets::spawn(10);
    assert_eq!(tickets.next().await, Ok(10));
    assert_eq!(tickets.next().await, Ok(11));
    let other = tickets.clone();
    assert_eq!(other.next().await, Ok(12));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn many_handles_never_get_the_same_ticket() {
    let (tickets, _actor) = Tickets::spawn(0);
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..100 {
        let tickets = tickets.clone();
        tasks.spawn(async move { tickets.next().await.unwrap() });
    }
    let mut all = tasks.join_all().await;
    all.sort();
    assert_eq!(all, (0..100).collect::<Vec<_>>());
}

#[tokio::test(start_paused = true)]
async fn the_actor_ends_when_every_handle_is_dropped() {
    let (tickets, actor) = Tickets::spawn(0);
    let other = tickets.clone();
    tickets.next().await.unwrap();
    drop(tickets);
    drop(other);
    let ended = timeout(PATIENCE, actor).await;
    ended.expect("the actor is still running").unwrap();
}

#[tokio::test(start_paused = true)]
async fn a_dead_actor_is_an_error_not_a_panic_or_a_hang() {
    let (tickets, actor) = Tickets::spawn(u32::MAX - 1);
    assert_eq!(tickets.next().await, Ok(u32::MAX - 1));
    assert_eq!(tickets.next().await, Ok(u32::MAX));
    // The actor panics on this request, while holding its reply sender.
    let dying = tokio::spawn({
        let tickets = tickets.clone();
        async move { timeout(PATIENCE, tickets.next()).await }
    });
    let dying = dying.await.expect("next() panicked");
    assert_eq!(dying.expect("next() is still waiting"), Err(ActorGone));
    assert!(actor.await.unwrap_err().is_panic());
    // And later requests find the actor gone.
    let later = tokio::spawn(async move { timeout(PATIENCE, tickets.next()).await });
    let later = later.await.expect("next() panicked");
    assert_eq!(later.expect("next() is still waiting"), Err(ActorGone));
}

#[tokio::test(start_paused = true)]
async fn an_aborted_actor_too() {
    let (tickets, actor) = Tickets::spawn(0);
    actor.abort();
    assert!(actor.await.unwrap_err().is_cancelled());
    let call = tokio::spawn(async move { timeout(PATIENCE, tickets.next()).await });
    let call = call.await.expect("next() panicked");
    assert_eq!(call.expect("next() is still waiting"), Err(ActorGone));
}

#[tokio::test(start_paused = true)]
async fn a_caller_that_gives_up_does_not_stop_the_actor() {
    let (tickets, _actor) = Tickets::spawn(5);
    // `biased` polls `next()` first: its request goes into the actor's queue,
    // and then the ready branch wins and drops the waiting call.
    tokio::select! {
        biased;
        _ = tickets.next() => panic!("the actor has not run yet"),
        _ = std::future::ready(()) => {}
    }
    // The actor handed 5 to a caller who had gone; it is still there for 6.
    let after = timeout(PATIENCE, tickets.next()).await;
    assert_eq!(after.expect("next() is still waiting"), Ok(6));
}

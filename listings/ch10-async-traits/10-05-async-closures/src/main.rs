//! Listing 10-5: async closures and the `AsyncFn*` bounds. The future an
//! async closure returns may borrow the closure's argument and its
//! captures, which a closure returning an `async` block cannot do.

use std::future::Future;
use std::time::Duration;
use tokio::time::sleep;

// ANCHOR: total
/// The fix for the `F: Fn(&String) -> Fut` version: one bound, no `Fut`.
async fn total(names: &[String], measure: impl AsyncFn(&String) -> usize) -> usize {
    let mut sum = 0;
    for name in names {
        sum += measure(name).await;
    }
    sum
}
// ANCHOR_END: total

// ANCHOR: mutable
/// `AsyncFnMut`: each call may change what the closure captured.
async fn each(names: &[String], mut visit: impl AsyncFnMut(&str)) {
    for name in names {
        visit(name).await;
    }
}

/// `AsyncFnOnce`: called once, so it may give away what it owns.
async fn finish<T>(last: impl AsyncFnOnce() -> T) -> T {
    last().await
}
// ANCHOR_END: mutable

// ANCHOR: old_send
/// Spawning needs a `Send` future, which no `AsyncFn` bound can promise on
/// stable Rust; the old two-parameter form can.
async fn in_background<F, Fut>(job: F) -> u32
where
    F: FnOnce() -> Fut,
    Fut: Future<Output = u32> + Send + 'static,
{
    tokio::spawn(job()).await.unwrap()
}
// ANCHOR_END: old_send

fn names() -> Vec<String> {
    ["ada", "grace", "barbara"].map(String::from).to_vec()
}

// ANCHOR: main
#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let names = names();

    // The future borrows `name`, the closure's argument.
    let letters = total(&names, async |name| {
        sleep(Duration::from_millis(10)).await;
        name.len()
    })
    .await;
    println!("letters: {letters}");

    // The future borrows `seen`, the closure's capture, mutably.
    let mut seen = Vec::new();
    each(&names, async |name| {
        sleep(Duration::from_millis(10)).await;
        seen.push(name.to_uppercase());
    })
    .await;
    println!("seen: {seen:?}");

    // `async move` moves `seen` into the closure, and its future moves it
    // out again: a closure that can be called only once.
    let kept = finish(async move || seen).await;
    println!("given back: {kept:?}");

    println!("spawned: {}", in_background(|| async { 42 }).await);
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::time::Instant;

    #[tokio::test(start_paused = true)]
    async fn calls_run_one_after_another() {
        let start = Instant::now();
        assert_eq!(
            total(&names(), async |n| {
                sleep(Duration::from_millis(10)).await;
                n.len()
            })
            .await,
            15
        );
        assert_eq!(start.elapsed(), Duration::from_millis(30));
    }

    #[tokio::test(start_paused = true)]
    async fn async_fn_mut_keeps_state_between_calls() {
        let mut count = 0;
        let mut longest = String::new();
        each(&names(), async |n| {
            tokio::task::yield_now().await;
            count += 1;
            if n.len() > longest.len() {
                longest = n.to_string();
            }
        })
        .await;
        assert_eq!((count, longest.as_str()), (3, "barbara"));
    }

    #[tokio::test(start_paused = true)]
    async fn async_fn_futures_borrow_the_captures() {
        let suffix = String::from("!");
        // Each future reads `suffix` through the closure after an await.
        let shout = async |name: &String| {
            sleep(Duration::from_millis(1)).await;
            name.len() + suffix.len()
        };
        assert_eq!(total(&names(), shout).await, 18);
        assert_eq!(suffix, "!"); // borrowed, not moved
    }

    #[tokio::test]
    async fn an_async_fn_once_closure_may_give_away_its_capture() {
        let owned = vec![String::from("kept")];
        let given = finish(async move || owned).await;
        assert_eq!(given, ["kept"]);
    }

    #[tokio::test]
    async fn an_async_move_closure_that_only_reads_is_an_async_fn() {
        let suffix = String::from("!");
        let owns = async move |name: &String| name.len() + suffix.len();
        assert_eq!(total(&names(), owns).await, 18);
    }

    #[tokio::test]
    async fn calling_an_async_closure_does_no_work_until_awaited() {
        let mut runs = 0;
        let mut bump = async || runs += 1;
        let pending = bump();
        drop(pending); // never awaited: the body never ran
        bump().await;
        assert_eq!(runs, 1);
    }

    #[tokio::test]
    async fn an_ordinary_async_fn_satisfies_async_fn_bounds() {
        #[allow(clippy::ptr_arg)] // `total`'s bound asks for a `&String`
        async fn length(s: &String) -> usize {
            s.len()
        }
        assert_eq!(total(&names(), length).await, 15);
        // And a plain closure returning an owned future also does.
        assert_eq!(
            total(&names(), |n: &String| std::future::ready(n.len() * 2)).await,
            30
        );
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn the_two_parameter_form_spawns() {
        let base = 40;
        assert_eq!(in_background(move || async move { base + 2 }).await, 42);
    }
}

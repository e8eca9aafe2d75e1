//! Listing 10-3: three ways to choose an implementation at run time:
//! `#[async_trait]`, the boxed signature written by hand, and an enum.

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::time::Duration;

struct Directory(HashMap<String, u32>);

struct Remote {
    delay: Duration,
}

// ANCHOR: async_trait
mod with_macro {
    use async_trait::async_trait;

    #[async_trait]
    pub trait Lookup {
        async fn lookup(&self, name: &str) -> Option<u32>;
    }
}

#[async_trait::async_trait]
impl with_macro::Lookup for Directory {
    async fn lookup(&self, name: &str) -> Option<u32> {
        self.0.get(name).copied()
    }
}

#[async_trait::async_trait]
impl with_macro::Lookup for Remote {
    async fn lookup(&self, name: &str) -> Option<u32> {
        tokio::time::sleep(self.delay).await;
        Some(name.len() as u32)
    }
}
// ANCHOR_END: async_trait

// ANCHOR: not_send
mod local_macro {
    /// `?Send`: the boxed futures are `dyn Future` without `+ Send`.
    #[async_trait::async_trait(?Send)]
    pub trait Lookup {
        async fn lookup(&self, name: &str) -> Option<u32>;
    }
}

struct Shared(std::rc::Rc<HashMap<String, u32>>);

#[async_trait::async_trait(?Send)]
impl local_macro::Lookup for Shared {
    async fn lookup(&self, name: &str) -> Option<u32> {
        let table = Rc::clone(&self.0); // an Rc across the await below
        tokio::task::yield_now().await;
        table.get(name).copied()
    }
}
// ANCHOR_END: not_send

// ANCHOR: by_hand
mod by_hand {
    use std::future::Future;
    use std::pin::Pin;

    /// What the macro writes, by hand: one lifetime for every borrow the
    /// future keeps.
    pub trait Lookup {
        fn lookup<'a>(
            &'a self,
            name: &'a str,
        ) -> Pin<Box<dyn Future<Output = Option<u32>> + Send + 'a>>;
    }
}

impl by_hand::Lookup for Directory {
    fn lookup<'a>(
        &'a self,
        name: &'a str,
    ) -> Pin<Box<dyn Future<Output = Option<u32>> + Send + 'a>> {
        Box::pin(async move { self.0.get(name).copied() })
    }
}

impl by_hand::Lookup for Remote {
    fn lookup<'a>(
        &'a self,
        name: &'a str,
    ) -> Pin<Box<dyn Future<Output = Option<u32>> + Send + 'a>> {
        Box::pin(async move {
            tokio::time::sleep(self.delay).await;
            Some(name.len() as u32)
        })
    }
}
// ANCHOR_END: by_hand

// ANCHOR: enum
/// A closed set of implementations: no box, no vtable, one `match`.
enum AnyLookup {
    Directory(Directory),
    Remote(Remote),
}

impl AnyLookup {
    async fn lookup(&self, name: &str) -> Option<u32> {
        match self {
            AnyLookup::Directory(d) => d.0.get(name).copied(),
            AnyLookup::Remote(r) => {
                tokio::time::sleep(r.delay).await;
                Some(name.len() as u32)
            }
        }
    }
}
// ANCHOR_END: enum

fn directory() -> Directory {
    Directory(HashMap::from([
        ("ada".to_string(), 1815),
        ("grace".to_string(), 1906),
    ]))
}

fn remote() -> Remote {
    Remote {
        delay: Duration::from_millis(20),
    }
}

/// The type of future `#[async_trait]` and the hand-written trait return.
type Boxed<'a> = Pin<Box<dyn Future<Output = Option<u32>> + Send + 'a>>;

// ANCHOR: main
#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let sources: Vec<Box<dyn with_macro::Lookup>> = vec![Box::new(directory()), Box::new(remote())];
    for source in &sources {
        println!("async_trait: {:?}", source.lookup("grace").await);
    }

    let sources: Vec<Box<dyn by_hand::Lookup>> = vec![Box::new(directory()), Box::new(remote())];
    for source in &sources {
        let future: Boxed<'_> = source.lookup("ada");
        println!("by hand:     {:?}", future.await);
    }

    let sources = [
        AnyLookup::Directory(directory()),
        AnyLookup::Remote(remote()),
    ];
    for source in &sources {
        println!("enum:        {:?}", source.lookup("ada").await);
    }

    let local: Box<dyn local_macro::Lookup> = Box::new(Shared(Rc::new(directory().0)));
    println!("?Send:       {:?}", local.lookup("ada").await);
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;

    fn is_send<T: Send>(_: &T) {}

    #[tokio::test(start_paused = true)]
    async fn every_dyn_route_gives_the_same_answers() {
        let start = tokio::time::Instant::now();
        let macro_made: [Box<dyn with_macro::Lookup>; 2] =
            [Box::new(directory()), Box::new(remote())];
        let hand_made: [Box<dyn by_hand::Lookup>; 2] = [Box::new(directory()), Box::new(remote())];
        let enums = [
            AnyLookup::Directory(directory()),
            AnyLookup::Remote(remote()),
        ];
        for name in ["ada", "grace", "alan"] {
            for i in 0..2 {
                let a = macro_made[i].lookup(name).await;
                assert_eq!(a, hand_made[i].lookup(name).await);
                assert_eq!(a, enums[i].lookup(name).await);
            }
        }
        // Only the remote source sleeps: 3 names x 3 routes x 20 ms.
        assert_eq!(start.elapsed(), Duration::from_millis(180));
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn async_trait_futures_are_send_and_spawnable() {
        let source: std::sync::Arc<dyn with_macro::Lookup + Send + Sync> =
            std::sync::Arc::new(directory());
        let future = {
            let source = std::sync::Arc::clone(&source);
            async move { source.lookup("ada").await }
        };
        is_send(&future);
        assert_eq!(tokio::spawn(future).await.unwrap(), Some(1815));
    }

    #[tokio::test(start_paused = true)]
    async fn question_send_accepts_an_rc_holding_future() {
        let local: Box<dyn local_macro::Lookup> = Box::new(Shared(Rc::new(directory().0)));
        assert_eq!(local.lookup("grace").await, Some(1906));
        assert_eq!(local.lookup("alan").await, None);
    }

    #[test]
    fn boxed_futures_have_one_size_whatever_the_impl() {
        let (d, r) = (directory(), remote());
        let a: Boxed<'_> = by_hand::Lookup::lookup(&d, "ada");
        let b: Boxed<'_> = by_hand::Lookup::lookup(&r, "ada");
        // A pointer to the future and a pointer to its vtable.
        assert_eq!(std::mem::size_of_val(&a), 2 * std::mem::size_of::<usize>());
        assert_eq!(std::mem::size_of_val(&a), std::mem::size_of_val(&b));
    }
}

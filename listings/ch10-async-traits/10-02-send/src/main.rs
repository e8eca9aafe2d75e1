//! Listing 10-2: two ways to promise that a trait's futures are `Send`, so
//! that a generic function may spawn them: `-> impl Future + Send` written
//! in the trait, and `trait_variant::make`, which writes it for you beside
//! a local variant that promises nothing.

use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;

/// Every name in memory; its futures are `Send`.
struct Directory(HashMap<u32, String>);

// ANCHOR: in_trait
mod in_trait {
    use std::future::Future;
    use std::sync::Arc;

    pub trait Lookup {
        /// The future is `Send`: every implementation must make it so.
        fn lookup(&self, id: u32) -> impl Future<Output = Option<String>> + Send;
    }

    /// Now the compiler knows enough to spawn it.
    pub async fn in_background<L>(source: Arc<L>, id: u32) -> Option<String>
    where
        L: Lookup + Send + Sync + 'static,
    {
        tokio::spawn(async move { source.lookup(id).await })
            .await
            .unwrap()
    }
}

impl in_trait::Lookup for Directory {
    // Implementations may still write `async fn`.
    async fn lookup(&self, id: u32) -> Option<String> {
        self.0.get(&id).cloned()
    }
}
// ANCHOR_END: in_trait

// ANCHOR: variant
mod variant {
    use std::sync::Arc;

    /// Writes a second trait, `Lookup`, whose futures are `Send`, and a
    /// blanket `impl<T: Lookup> LocalLookup for T`.
    #[trait_variant::make(Lookup: Send)]
    pub trait LocalLookup {
        async fn lookup(&self, id: u32) -> Option<String>;
    }

    pub async fn in_background<L>(source: Arc<L>, id: u32) -> Option<String>
    where
        L: Lookup + Sync + 'static, // `Send` comes with `Lookup: Send`
    {
        tokio::spawn(async move { source.lookup(id).await })
            .await
            .unwrap()
    }

    /// Code that never spawns asks only for the local trait.
    pub async fn both<L: LocalLookup>(
        source: &L,
        a: u32,
        b: u32,
    ) -> (Option<String>, Option<String>) {
        tokio::join!(source.lookup(a), source.lookup(b))
    }
}

/// Send: implements the `Send` variant, and so the local one as well.
impl variant::Lookup for Directory {
    async fn lookup(&self, id: u32) -> Option<String> {
        self.0.get(&id).cloned()
    }
}

/// Not Send: holds an `Rc` across an await, so it implements only the
/// local trait.
struct Shared(Rc<HashMap<u32, String>>);

impl variant::LocalLookup for Shared {
    async fn lookup(&self, id: u32) -> Option<String> {
        let names = Rc::clone(&self.0);
        tokio::task::yield_now().await;
        names.get(&id).cloned()
    }
}
// ANCHOR_END: variant

fn names() -> HashMap<u32, String> {
    HashMap::from([(1, "ada".to_string()), (2, "grace".to_string())])
}

// ANCHOR: main
#[tokio::main]
async fn main() {
    let directory = Arc::new(Directory(names()));
    let a = in_trait::in_background(Arc::clone(&directory), 1).await;
    let b = variant::in_background(Arc::clone(&directory), 2).await;
    println!("spawned: {a:?} {b:?}");

    let local = Shared(Rc::new(names()));
    println!("joined locally: {:?}", variant::both(&local, 1, 3).await);
    println!(
        "Directory through the local trait: {:?}",
        variant::both(&*directory, 2, 1).await
    );
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;

    fn is_send<T: Send>(_: &T) -> bool {
        true
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn both_fixes_spawn_on_a_multi_thread_runtime() {
        let d = Arc::new(Directory(names()));
        for id in 0..20 {
            let expected = names().get(&id).cloned();
            assert_eq!(in_trait::in_background(Arc::clone(&d), id).await, expected);
            assert_eq!(variant::in_background(Arc::clone(&d), id).await, expected);
        }
    }

    #[test]
    fn the_variant_promises_send_and_the_local_trait_does_not_need_it() {
        let d = Directory(names());
        assert!(is_send(&variant::Lookup::lookup(&d, 1)));
        // Shared's future holds an Rc: it is usable, but only where it stays
        // on one thread.
        let local = Shared(Rc::new(names()));
        let rt = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let got = rt.block_on(variant::both(&local, 2, 1));
        assert_eq!(got, (Some("grace".into()), Some("ada".into())));
    }

    #[test]
    fn blanket_impl_makes_a_send_implementation_local_too() {
        let rt = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let d = Directory(names());
        // `both` asks for LocalLookup; Directory implements only Lookup.
        assert_eq!(
            rt.block_on(variant::both(&d, 1, 9)),
            (Some("ada".into()), None)
        );
    }
}

//! Listing 10-1: a trait with an `async fn`, two implementations whose
//! futures differ in type and size, static dispatch through a generic
//! function, and the same trait written out as `-> impl Future`.

use std::collections::HashMap;
use std::future::Future;
use std::time::Duration;

// ANCHOR: trait
/// Something that can find a user's name by id.
trait Lookup {
    async fn lookup(&self, id: u32) -> Option<String>;
}

/// Every name in memory.
struct Directory(HashMap<u32, String>);

impl Lookup for Directory {
    async fn lookup(&self, id: u32) -> Option<String> {
        self.0.get(&id).cloned()
    }
}

/// A remote service: every answer takes 50 ms.
struct Remote {
    prefix: String,
}

impl Lookup for Remote {
    async fn lookup(&self, id: u32) -> Option<String> {
        let reply = format!("{}{id}", self.prefix);
        tokio::time::sleep(Duration::from_millis(50)).await;
        (id != 0).then_some(reply)
    }
}

/// Static dispatch: one copy of this function per `L`.
async fn greet<L: Lookup>(source: &L, id: u32) -> String {
    match source.lookup(id).await {
        Some(name) => format!("hello, {name}"),
        None => format!("no user {id}"),
    }
}
// ANCHOR_END: trait

// ANCHOR: desugared
/// The same trait, written the way the compiler reads `async fn`.
trait LookupDesugared {
    fn lookup(&self, id: u32) -> impl Future<Output = Option<String>>;
}

/// An implementation may still write `async fn`...
impl LookupDesugared for Directory {
    async fn lookup(&self, id: u32) -> Option<String> {
        self.0.get(&id).cloned()
    }
}

/// ...or return any future it likes, here an `async move` block that does
/// its synchronous work before the block, when `lookup` is called.
impl LookupDesugared for Remote {
    fn lookup(&self, id: u32) -> impl Future<Output = Option<String>> {
        let reply = format!("{}{id}", self.prefix);
        async move {
            tokio::time::sleep(Duration::from_millis(50)).await;
            (id != 0).then_some(reply)
        }
    }
}
// ANCHOR_END: desugared

fn directory() -> Directory {
    Directory(HashMap::from([
        (1, "ada".to_string()),
        (2, "grace".to_string()),
    ]))
}

fn remote() -> Remote {
    Remote {
        prefix: "user-".to_string(),
    }
}

// ANCHOR: main
#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let (directory, remote) = (directory(), remote());
    let start = tokio::time::Instant::now();
    println!("{}", greet(&directory, 1).await);
    println!("{}", greet(&directory, 7).await);
    println!("{}", greet(&remote, 7).await);
    println!("took {:?}", start.elapsed());
    let desugared = LookupDesugared::lookup(&remote, 8).await;
    println!("through the desugared trait: {desugared:?}");

    // Each implementation's future is a different type, of its own size.
    let small = std::mem::size_of_val(&Lookup::lookup(&directory, 1));
    let large = std::mem::size_of_val(&Lookup::lookup(&remote, 1));
    println!("future sizes: Directory {small} bytes, Remote {large} bytes");
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::time::Instant;

    #[tokio::test(start_paused = true)]
    async fn generic_function_works_with_both_implementations() {
        assert_eq!(greet(&directory(), 2).await, "hello, grace");
        assert_eq!(greet(&directory(), 9).await, "no user 9");
        let start = Instant::now();
        assert_eq!(greet(&remote(), 3).await, "hello, user-3");
        assert_eq!(start.elapsed(), Duration::from_millis(50));
        assert_eq!(greet(&remote(), 0).await, "no user 0");
    }

    #[tokio::test(start_paused = true)]
    async fn desugared_trait_accepts_both_kinds_of_impl() {
        assert_eq!(
            LookupDesugared::lookup(&directory(), 1).await.as_deref(),
            Some("ada")
        );
        assert_eq!(
            LookupDesugared::lookup(&remote(), 4).await.as_deref(),
            Some("user-4")
        );
    }

    #[test]
    fn futures_of_two_impls_differ_in_size() {
        let (d, r) = (directory(), remote());
        let small = std::mem::size_of_val(&Lookup::lookup(&d, 1));
        let large = std::mem::size_of_val(&Lookup::lookup(&r, 1));
        // The Remote future holds a Sleep and a String across its await.
        assert!(large > small + std::mem::size_of::<tokio::time::Sleep>() / 2);
    }
}

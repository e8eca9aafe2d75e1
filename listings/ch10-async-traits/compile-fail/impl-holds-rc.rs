use std::future::Future;
use std::rc::Rc;

trait Lookup {
    fn lookup(&self, id: u32) -> impl Future<Output = Option<String>> + Send;
}

struct Cached;

impl Lookup for Cached {
    async fn lookup(&self, id: u32) -> Option<String> {
        let name = Rc::new(format!("user {id}"));
        tokio::task::yield_now().await;
        Some(name.to_string())
    }
}

fn main() {}

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;

trait Lookup {
    fn lookup(&self, name: &str) -> Pin<Box<dyn Future<Output = Option<u32>> + Send + '_>>;
}

struct Table(HashMap<String, u32>);

impl Lookup for Table {
    fn lookup(&self, name: &str) -> Pin<Box<dyn Future<Output = Option<u32>> + Send + '_>> {
        Box::pin(async move { self.0.get(name).copied() })
    }
}

fn main() {}

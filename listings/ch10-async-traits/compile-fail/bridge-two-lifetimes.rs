use std::future::Future;
use std::pin::Pin;

type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

trait Storage {
    fn get(&self, key: &str) -> impl Future<Output = Option<u32>> + Send;
}

trait DynStorage: Send + Sync {
    fn get_boxed<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Option<u32>>;
}

impl Storage for Box<dyn DynStorage> {
    fn get(&self, key: &str) -> impl Future<Output = Option<u32>> + Send {
        (**self).get_boxed(key)
    }
}

fn main() {}

use std::sync::Arc;

trait Lookup {
    fn lookup(&self, name: &str) -> impl Future<Output = Option<u32>> + Send;
}

async fn in_background<L>(source: Arc<L>, name: String) -> Option<u32>
where
    L: Lookup + Send + Sync + 'static,
{
    tokio::spawn(source.lookup(&name)).await.unwrap()
}

fn main() {}

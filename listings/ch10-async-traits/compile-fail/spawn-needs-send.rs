use std::sync::Arc;

trait Lookup {
    async fn lookup(&self, id: u32) -> Option<String>;
}

async fn look_up(source: Arc<impl Lookup>, id: u32) -> Option<String> {
    source.lookup(id).await
}

async fn in_background<L>(source: Arc<L>, id: u32) -> Option<String>
where
    L: Lookup + Send + Sync + 'static,
{
    tokio::spawn(look_up(source, id)).await.unwrap()
}

fn main() {}

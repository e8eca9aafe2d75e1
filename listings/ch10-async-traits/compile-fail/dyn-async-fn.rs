trait Lookup {
    async fn lookup(&self, id: u32) -> Option<String>;
}

struct Nobody;

impl Lookup for Nobody {
    async fn lookup(&self, _id: u32) -> Option<String> {
        None
    }
}

fn main() {
    let sources: Vec<Box<dyn Lookup>> = vec![Box::new(Nobody)];
    assert_eq!(sources.len(), 1);
}

// The warning is on by default; this case denies it so that it is an error
// the book can record.
#![deny(async_fn_in_trait)]

pub trait Lookup {
    async fn lookup(&self, id: u32) -> Option<String>;
}

fn main() {}

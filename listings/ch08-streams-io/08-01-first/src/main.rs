//! TODO(new): what this listing shows, and the claims its tests back.

// ANCHOR: main
#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    println!("TODO(new): the listing's program");
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    // TODO(new): a test for every claim the chapter makes about this listing.
}

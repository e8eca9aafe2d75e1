/// Sums `values`, letting the runtime run other tasks after every `chunk`
/// values (but not after the last value), so that a long sum does not stall
/// the tasks that share its thread. Panics if `chunk` is 0.
pub async fn sum_cooperatively(values: &[u64], chunk: usize) -> u64 {
    assert!(chunk > 0, "a chunk must hold at least one value");
    let mut total = 0u64;
    let mut chunks = values.chunks(chunk).peekable();
    while let Some(part) = chunks.next() {
        total = part
            .iter()
            .fold(total, |sum, value| sum.wrapping_add(*value));
        if chunks.peek().is_some() {
            // Pending once; tokio wakes this task again only after it has
            // run the other tasks that were ready, so they all get a turn.
            tokio::task::yield_now().await;
        }
    }
    total
}

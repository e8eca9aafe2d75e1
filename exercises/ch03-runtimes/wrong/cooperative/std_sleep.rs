//! Wrong: pauses with std::thread::sleep between chunks, which blocks the thread the other tasks are waiting for.

use std::time::Duration;

pub async fn sum_cooperatively(values: &[u64], chunk: usize) -> u64 {
    assert!(chunk > 0, "a chunk must hold at least one value");
    let mut total = 0u64;
    let mut chunks = values.chunks(chunk).peekable();
    while let Some(part) = chunks.next() {
        total = part
            .iter()
            .fold(total, |sum, value| sum.wrapping_add(*value));
        if chunks.peek().is_some() {
            std::thread::sleep(Duration::from_millis(1));
        }
    }
    total
}

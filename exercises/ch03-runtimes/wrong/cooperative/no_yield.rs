//! Wrong: splits the sum into chunks but never gives the thread back between them.

pub async fn sum_cooperatively(values: &[u64], chunk: usize) -> u64 {
    assert!(chunk > 0, "a chunk must hold at least one value");
    values
        .chunks(chunk)
        .map(|part| {
            part.iter()
                .fold(0u64, |sum, value| sum.wrapping_add(*value))
        })
        .fold(0u64, u64::wrapping_add)
}

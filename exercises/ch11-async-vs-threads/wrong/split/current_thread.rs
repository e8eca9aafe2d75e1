//! Wrong: tasks on a current-thread runtime are concurrent, not parallel;
//! every part runs on the one thread.
pub fn parallel_sum(items: &[u64], parts: usize, f: fn(u64) -> u64) -> u64 {
    let size = items.len().div_ceil(parts);
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    rt.block_on(async {
        let handles: Vec<_> = items
            .chunks(size)
            .map(|part| {
                let part = part.to_vec();
                tokio::spawn(async move { part.iter().map(|&x| f(x)).sum::<u64>() })
            })
            .collect();
        let mut total = 0;
        for handle in handles {
            total += handle.await.unwrap();
        }
        total
    })
}

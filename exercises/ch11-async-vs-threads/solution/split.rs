/// Returns the sum of `f(x)` for every `x` in `items`, computed in parallel:
/// `items` is cut into `parts` contiguous parts of about equal length, each
/// computed on a thread of its own. `parts` is at least 1 and at most
/// `items.len()`.
pub fn parallel_sum(items: &[u64], parts: usize, f: fn(u64) -> u64) -> u64 {
    let size = items.len().div_ceil(parts);
    std::thread::scope(|s| {
        let handles: Vec<_> = items
            .chunks(size)
            .map(|part| s.spawn(move || part.iter().map(|&x| f(x)).sum::<u64>()))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).sum()
    })
}

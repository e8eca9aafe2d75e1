/// Returns the sum of `f(x)` for every `x` in `items`, computed in parallel:
/// `items` is cut into exactly `parts` contiguous parts, whose lengths differ
/// by at most one, each computed on a thread of its own. `parts` is at least
/// 1 and at most `items.len()`.
pub fn parallel_sum(items: &[u64], parts: usize, f: fn(u64) -> u64) -> u64 {
    // The first `extra` parts take one item more than the others.
    let (size, extra) = (items.len() / parts, items.len() % parts);
    std::thread::scope(|s| {
        let mut rest = items;
        let handles: Vec<_> = (0..parts)
            .map(|i| {
                let (part, after) = rest.split_at(size + usize::from(i < extra));
                rest = after;
                s.spawn(move || part.iter().map(|&x| f(x)).sum::<u64>())
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).sum()
    })
}

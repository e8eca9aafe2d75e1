//! Wrong: parts of `len / parts` items each leave out the remainder when
//! the length is not a multiple of `parts`.
pub fn parallel_sum(items: &[u64], parts: usize, f: fn(u64) -> u64) -> u64 {
    let size = items.len() / parts;
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..parts)
            .map(|i| {
                let part = &items[i * size..(i + 1) * size];
                s.spawn(move || part.iter().map(|&x| f(x)).sum::<u64>())
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).sum()
    })
}

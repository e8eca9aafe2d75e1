use exercises_ch11_async_vs_threads::parallel_sum;
use std::collections::HashSet;
use std::sync::Mutex;
use std::thread::ThreadId;

static SEEN: Mutex<Option<HashSet<ThreadId>>> = Mutex::new(None);

fn square_and_record(x: u64) -> u64 {
    SEEN.lock()
        .unwrap()
        .get_or_insert_default()
        .insert(std::thread::current().id());
    x * x
}

/// The sum, and how many threads computed it. Fails if the calling thread
/// computed any of it: each part must have a thread of its own.
fn threads_used(items: &[u64], parts: usize) -> (u64, usize) {
    *SEEN.lock().unwrap() = None;
    let sum = parallel_sum(items, parts, square_and_record);
    let seen = SEEN.lock().unwrap().take().unwrap_or_default();
    assert!(
        !seen.contains(&std::thread::current().id()),
        "a part ran on the calling thread"
    );
    (sum, seen.len())
}

/// One test, so that no other test records threads at the same time.
#[test]
fn sums_every_item_with_one_thread_per_part() {
    let items: Vec<u64> = (1..=12).collect();
    let expected: u64 = items.iter().map(|x| x * x).sum();
    assert_eq!(threads_used(&items, 4), (expected, 4));
    assert_eq!(threads_used(&items, 1), (expected, 1));
    // 10 items in 3 parts: the parts cannot be equal, and no item is lost.
    let items: Vec<u64> = (1..=10).collect();
    let expected: u64 = items.iter().map(|x| x * x).sum();
    assert_eq!(threads_used(&items, 3), (expected, 3));
    // 9 items in 6 parts: three parts of 2 and three of 1, six threads.
    let items: Vec<u64> = (1..=9).collect();
    let expected: u64 = items.iter().map(|x| x * x).sum();
    assert_eq!(threads_used(&items, 6), (expected, 6));
}

/// `f` is applied to each item: the sum is not of the items themselves.
#[test]
fn sums_f_of_each_item() {
    let items: Vec<u64> = (1..=8).collect();
    assert_eq!(parallel_sum(&items, 2, |x| x + 1), 44);
}

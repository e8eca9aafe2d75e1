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

fn threads_used(items: &[u64], parts: usize) -> (u64, usize) {
    *SEEN.lock().unwrap() = None;
    let sum = parallel_sum(items, parts, square_and_record);
    let used = SEEN.lock().unwrap().take().map_or(0, |s| s.len());
    (sum, used)
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
    assert_eq!(threads_used(&items, 3).0, expected);
    assert!(threads_used(&items, 3).1 >= 2);
}

#[test]
fn does_not_run_on_the_calling_thread_alone() {
    let items: Vec<u64> = (1..=8).collect();
    assert_eq!(parallel_sum(&items, 2, |x| x + 1), 44);
}

use exercises_ch03_runtimes::Deadlines;
use std::time::{Duration, Instant};

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

#[test]
fn hands_out_due_items_earliest_first_and_keeps_the_rest() {
    let start = Instant::now();
    let mut timers = Deadlines::default();
    // Each inserted earlier than the one before it: the order of insertion
    // is not the order of the deadlines.
    timers.insert(start + ms(30), "tea");
    timers.insert(start + ms(20), "eggs");
    timers.insert(start + ms(10), "toast");
    assert_eq!(timers.len(), 3);
    assert_eq!(timers.next_deadline(), Some(start + ms(10)));
    assert!(
        timers.pop_due(start + ms(5)).is_empty(),
        "nothing is due yet"
    );
    assert_eq!(
        timers.pop_due(start + ms(20)),
        ["toast", "eggs"],
        "due means at or before"
    );
    assert_eq!(timers.next_deadline(), Some(start + ms(30)));
    assert_eq!(timers.pop_due(start + ms(100)), ["tea"]);
    assert!(timers.is_empty());
    assert_eq!(timers.next_deadline(), None);
}

#[test]
fn equal_deadlines_come_out_in_insertion_order() {
    let at = Instant::now();
    let mut timers = Deadlines::default();
    for name in ["first", "second", "third", "fourth"] {
        timers.insert(at, name);
    }
    assert_eq!(timers.len(), 4);
    assert_eq!(timers.pop_due(at), ["first", "second", "third", "fourth"]);
}

#[test]
fn a_cancelled_item_is_gone() {
    let start = Instant::now();
    let mut timers = Deadlines::default();
    let toast = timers.insert(start + ms(10), "toast");
    let eggs = timers.insert(start + ms(20), "eggs");
    timers.insert(start + ms(30), "tea");
    assert_eq!(timers.cancel(toast), Some("toast"));
    assert_eq!(timers.len(), 2);
    assert_eq!(
        timers.next_deadline(),
        Some(start + ms(20)),
        "the earliest deadline still waiting"
    );
    assert_eq!(timers.cancel(toast), None, "cancelled already");
    assert_eq!(timers.pop_due(start + ms(20)), ["eggs"]);
    assert_eq!(timers.cancel(eggs), None, "handed out already");
    // A timer resets an entry by cancelling it and inserting it again.
    let tea = timers.insert(start + ms(25), "tea, again");
    assert_eq!(timers.cancel(tea), Some("tea, again"));
    assert_eq!(timers.pop_due(start + ms(100)), ["tea"]);
    assert!(timers.is_empty());
}

#[test]
fn a_key_still_names_its_item_after_others_are_cancelled() {
    let at = Instant::now();
    let mut timers = Deadlines::default();
    let keys = ["a", "b", "c", "d"].map(|name| timers.insert(at, name));
    assert_eq!(timers.cancel(keys[1]), Some("b"));
    assert_eq!(timers.cancel(keys[3]), Some("d"));
    assert_eq!(timers.cancel(keys[2]), Some("c"));
    assert_eq!(timers.pop_due(at), ["a"]);
}

/// A timer's items are wakers, which have no order: neither have these.
#[test]
fn items_need_not_be_comparable() {
    let at = Instant::now();
    let mut timers = Deadlines::default();
    timers.insert(at + ms(20), ("second", std::task::Waker::noop().clone()));
    timers.insert(at + ms(10), ("first", std::task::Waker::noop().clone()));
    let mut woken = Vec::new();
    for (name, waker) in timers.pop_due(at + ms(20)) {
        waker.wake();
        woken.push(name);
    }
    assert_eq!(woken, ["first", "second"]);
}

/// Many deadlines in a scrambled order (a fixed pseudo-random sequence, so
/// the test is the same every run), a seventh of them cancelled, checked
/// against a sort.
#[test]
fn agrees_with_sorting_for_many_items() {
    let start = Instant::now();
    let mut timers = Deadlines::default();
    let mut expected = Vec::new();
    let mut keys = Vec::new();
    let mut seed = 12345u64;
    for index in 0..1000u64 {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let offset = ms(seed >> 54); // 0..1023 ms: plenty of equal deadlines
        keys.push(timers.insert(start + offset, index));
        expected.push((offset, index));
    }
    for (index, key) in keys.into_iter().enumerate() {
        if index % 7 == 3 {
            assert_eq!(timers.cancel(key), Some(index as u64));
        }
    }
    expected.retain(|&(_, index)| index % 7 != 3);
    expected.sort();
    assert_eq!(timers.len(), expected.len());
    let mut got = Vec::new();
    for step in (0..=1100).step_by(100) {
        got.extend(timers.pop_due(start + ms(step)));
    }
    let expected: Vec<u64> = expected.into_iter().map(|(_, index)| index).collect();
    assert_eq!(got, expected);
}

use exercises_ch03_runtimes::Deadlines;
use std::time::{Duration, Instant};

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

#[test]
fn hands_out_due_items_earliest_first_and_keeps_the_rest() {
    let start = Instant::now();
    let mut timers = Deadlines::default();
    timers.insert(start + ms(30), "tea");
    timers.insert(start + ms(10), "toast");
    timers.insert(start + ms(20), "eggs");
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
    assert_eq!(timers.pop_due(at), ["first", "second", "third", "fourth"]);
}

/// Many deadlines in a scrambled order (a fixed pseudo-random sequence, so
/// the test is the same every run), checked against a sort.
#[test]
fn agrees_with_sorting_for_many_items() {
    let start = Instant::now();
    let mut timers = Deadlines::default();
    let mut expected = Vec::new();
    let mut seed = 12345u64;
    for index in 0..1000u64 {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let offset = ms(seed >> 54); // 0..1023 ms: plenty of equal deadlines
        timers.insert(start + offset, index);
        expected.push((offset, index));
    }
    expected.sort();
    let mut got = Vec::new();
    for step in (0..=1100).step_by(100) {
        got.extend(timers.pop_due(start + ms(step)));
    }
    let expected: Vec<u64> = expected.into_iter().map(|(_, index)| index).collect();
    assert_eq!(got, expected);
}

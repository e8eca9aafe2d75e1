//! Idle tasks against idle threads, each measured in a process of its own
//! (the listing's binary run with arguments), so that no other test's
//! threads and allocator arenas land in the numbers.

use std::process::Command;

/// (allocated bytes, resident KiB, reserved KiB) that `n` idle `kind`s
/// added; the KiB are `None` where the OS does not report them.
fn measure(kind: &str, n: usize) -> (i64, Option<i64>, Option<i64>) {
    let out = Command::new(env!("CARGO_BIN_EXE_listing-11-01-memory"))
        .args([kind, &n.to_string()])
        // A smaller stack would break the 2 MiB per thread asserted below.
        .env_remove("RUST_MIN_STACK")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let fields: Vec<&str> = text.split_whitespace().collect();
    (
        fields[0].parse().unwrap(),
        fields[1].parse().ok(),
        fields[2].parse().ok(),
    )
}

#[test]
fn an_idle_task_costs_less_than_a_tenth_of_an_idle_thread() {
    let n = 500;
    let (task_bytes, task_resident, task_reserved) = measure("tasks", n);
    let (thread_bytes, thread_resident, thread_reserved) = measure("threads", n);
    assert!(
        task_bytes < thread_bytes,
        "allocated: tasks {task_bytes}, threads {thread_bytes}"
    );
    if let (Some(task), Some(thread)) = (task_resident, thread_resident) {
        assert!(
            task * 10 < thread,
            "resident KiB: tasks {task}, threads {thread}"
        );
        // Only the stack pages a thread touched are resident.
        assert!(
            thread < n as i64 * 512,
            "resident KiB for {n} threads: {thread}"
        );
    }
    if let (Some(task), Some(thread)) = (task_reserved, thread_reserved) {
        // Each thread reserves its 2 MiB stack; tasks reserve almost nothing.
        assert!(
            thread >= n as i64 * 2048,
            "reserved KiB for {n} threads: {thread}"
        );
        assert!(
            task * 100 < thread,
            "reserved KiB: tasks {task}, threads {thread}"
        );
    }
}

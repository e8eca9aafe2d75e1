//! How many threads a listing may start on a machine it shares with other
//! jobs: half the room left under the tightest limit it can read, and never
//! more than `MAX_THREADS`. Listing 11-1 uses the same rule.

// ANCHOR: budget
/// The most threads a listing starts, however much room there is.
pub const MAX_THREADS: u64 = 2_000;
/// Where no limit can be read (not Linux): a number small enough anywhere.
pub const NO_LIMIT_READ: u64 = 500;

/// The limits on the number of threads that this process can read, each as
/// (name, maximum, threads that count against it now). Linux only; elsewhere
/// the list is empty.
pub fn limits() -> Vec<(&'static str, u64, u64)> {
    let read = |path: &str| std::fs::read_to_string(path).ok();
    let number = |path: &str| read(path)?.trim().parse::<u64>().ok();
    // Threads on the whole machine now: at least as many as count against
    // this user's limit or this container's.
    let Some(running) = read("/proc/loadavg").and_then(|s| threads_now(&s)) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    if let Some(max) = read("/proc/self/limits").and_then(|s| max_processes(&s)) {
        found.push(("max processes of this user (ulimit -u)", max, running));
    }
    for dir in ["/sys/fs/cgroup", "/sys/fs/cgroup/pids"] {
        if let Some(max) = number(&format!("{dir}/pids.max")) {
            let used = number(&format!("{dir}/pids.current")).unwrap_or(max);
            found.push(("pids.max of this cgroup (a container)", max, used));
        }
    }
    if let Some(max) = number("/proc/sys/kernel/threads-max") {
        found.push(("threads-max of the kernel", max, running));
    }
    found
}

/// Half the room left under the tightest limit, at most `MAX_THREADS`.
pub fn budget(limits: &[(&str, u64, u64)]) -> u64 {
    let room = limits
        .iter()
        .map(|&(_, max, used)| max.saturating_sub(used));
    room.min()
        .map_or(NO_LIMIT_READ, |room| room / 2)
        .min(MAX_THREADS)
}
// ANCHOR_END: budget

/// The soft "Max processes" of `/proc/self/limits`; `None` if unlimited.
pub fn max_processes(limits: &str) -> Option<u64> {
    let line = limits.lines().find(|l| l.starts_with("Max processes"))?;
    line.split_whitespace().nth(2)?.parse().ok()
}

/// The threads that exist now, from `/proc/loadavg` ("... 1/83 15416").
pub fn threads_now(loadavg: &str) -> Option<u64> {
    loadavg
        .split_whitespace()
        .nth(3)?
        .split('/')
        .nth(1)?
        .parse()
        .ok()
}

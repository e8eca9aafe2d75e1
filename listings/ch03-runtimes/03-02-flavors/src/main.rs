use std::collections::BTreeSet;
use std::thread;
use tokio::runtime::{Builder, Runtime};

fn thread_name() -> String {
    thread::current().name().unwrap_or("(unnamed)").to_owned()
}

// ANCHOR: where
/// Runs eight tasks on `runtime` and reports which threads ran them, and
/// which thread ran the body passed to `block_on`.
fn where_things_run(runtime: &Runtime) -> (String, BTreeSet<String>) {
    runtime.block_on(async {
        let tasks: Vec<_> = (0..8)
            .map(|_| tokio::spawn(async { thread_name() }))
            .collect();
        let mut names = BTreeSet::new();
        for task in tasks {
            names.insert(task.await.unwrap());
        }
        (thread_name(), names)
    })
}
// ANCHOR_END: where

// ANCHOR: main
fn main() {
    // One thread: the one that calls block_on runs everything.
    let one = Builder::new_current_thread().enable_all().build().unwrap();
    let (body, tasks) = where_things_run(&one);
    println!("current_thread: block_on body on {body:?}, tasks on {tasks:?}");

    // A pool of two workers with a name of our choosing. The body still runs
    // on the thread that called block_on; spawned tasks run on the workers.
    let pool = Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("kitchen")
        .enable_all()
        .build()
        .unwrap();
    let (body, tasks) = where_things_run(&pool);
    println!("multi_thread:   block_on body on {body:?}, tasks on {tasks:?}");
    println!("                workers: {}", pool.metrics().num_workers());

    // The defaults, which #[tokio::main] uses: one worker per CPU the
    // process may use, named tokio-rt-worker.
    let default = Runtime::new().unwrap();
    let (_, tasks) = where_things_run(&default);
    let cpus = thread::available_parallelism().unwrap().get();
    println!("Runtime::new(): tasks on {tasks:?}");
    println!(
        "                one worker per available CPU: {}",
        default.metrics().num_workers() == cpus
    );
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::runtime::{Handle, RuntimeFlavor};

    #[test]
    #[should_panic(expected = "timers are disabled")]
    fn without_enable_all_a_timer_panics() {
        let runtime = Builder::new_current_thread().build().unwrap();
        runtime.block_on(async { tokio::time::sleep(std::time::Duration::from_millis(1)).await });
    }

    #[test]
    #[should_panic(expected = "IO is disabled")]
    fn without_enable_all_a_socket_panics() {
        let runtime = Builder::new_current_thread().build().unwrap();
        runtime.block_on(async {
            let _ = tokio::net::TcpListener::bind("127.0.0.1:0").await;
        });
    }

    /// With four idle workers, one holds the driver and waits in epoll_wait;
    /// the others sleep on their condition variables, which on Linux wait in
    /// the futex system call. Linux shows the system call a thread is blocked
    /// in (/proc/self/task/*/syscall); the numbers are x86_64's.
    #[cfg(all(target_os = "linux", target_arch = "x86_64"))]
    #[test]
    fn one_idle_worker_waits_in_epoll_wait_the_others_on_a_futex() {
        const EPOLL_WAIT: [&str; 2] = ["232", "281"]; // epoll_wait, epoll_pwait
        const FUTEX: &str = "202";
        let _runtime = Builder::new_multi_thread()
            .worker_threads(4)
            .thread_name("idle-worker")
            .enable_all()
            .build()
            .unwrap();
        // The workers are idle from the start but take a moment to get
        // there: read their state until it settles (or fail after 30 s).
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
        loop {
            let mut calls = Vec::new();
            for task in std::fs::read_dir("/proc/self/task").unwrap() {
                let dir = task.unwrap().path();
                let name = std::fs::read_to_string(dir.join("comm")).unwrap_or_default();
                if name.trim_end() == "idle-worker" {
                    let call = std::fs::read_to_string(dir.join("syscall")).unwrap();
                    calls.push(call.split(' ').next().unwrap_or_default().to_owned());
                }
            }
            let in_epoll = calls.iter().filter(|c| EPOLL_WAIT.contains(&c.as_str()));
            let on_futex = calls.iter().filter(|c| *c == FUTEX);
            if calls.len() == 4 && in_epoll.count() == 1 && on_futex.count() == 3 {
                break;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "the workers' system calls: {calls:?}"
            );
            // Not waiting for a task: reading the threads' state again soon.
            thread::sleep(std::time::Duration::from_millis(10));
        }
    }

    /// With the clock paused, a timeout around real I/O runs out at once:
    /// while the task waits for the socket no task can run, so the clock
    /// jumps to the timeout's deadline.
    #[tokio::test(start_paused = true)]
    async fn a_paused_clock_runs_out_a_timeout_around_real_io_at_once() {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let started = std::time::Instant::now();
        // Nobody connects: accept waits on a real socket.
        let accepted =
            tokio::time::timeout(std::time::Duration::from_secs(60), listener.accept()).await;
        assert!(accepted.is_err(), "the timeout ran out");
        assert!(
            started.elapsed() < std::time::Duration::from_secs(30),
            "at once, not after a real minute"
        );
    }

    #[test]
    fn the_default_worker_count_is_the_available_parallelism() {
        // Unless TOKIO_WORKER_THREADS says otherwise.
        let expected = match std::env::var("TOKIO_WORKER_THREADS") {
            Ok(workers) => workers.parse().unwrap(),
            Err(_) => thread::available_parallelism().unwrap().get(),
        };
        let runtime = Runtime::new().unwrap();
        assert_eq!(runtime.metrics().num_workers(), expected);
    }

    /// The paused clock needs the current-thread flavour: asked of a
    /// multi-thread runtime, `build()` panics. (`#[tokio::main(start_paused =
    /// true)]` with the default flavour does not compile: see the chapter.)
    #[test]
    #[should_panic(expected = "`time::pause()` requires the `current_thread` Tokio runtime")]
    fn a_paused_clock_on_a_multi_thread_runtime_panics() {
        let _ = Builder::new_multi_thread()
            .enable_all()
            .start_paused(true)
            .build();
    }

    /// The blocking pool's threads come on top of the workers: with one
    /// worker and at most one blocking thread, a blocking call waits on its
    /// thread while the worker goes on running tasks. Both kinds of thread
    /// carry the runtime's thread name.
    #[test]
    fn blocking_threads_are_not_workers() {
        let runtime = Builder::new_multi_thread()
            .worker_threads(1)
            .max_blocking_threads(1)
            .enable_all()
            .build()
            .unwrap();
        let (tell, told) = std::sync::mpsc::channel::<String>();
        let (blocking_name, worker_name) = runtime.block_on(async {
            // Blocks its thread until the worker has run a task.
            // (A bound, so that a worker that never runs fails the test
            // instead of hanging it.)
            let blocking = tokio::task::spawn_blocking(move || {
                let worker = told.recv_timeout(std::time::Duration::from_secs(10));
                (
                    thread_name(),
                    worker.expect("the worker ran a task meanwhile"),
                )
            });
            let worker = tokio::spawn(async { thread_name() }).await.unwrap();
            tell.send(worker).unwrap();
            blocking.await.unwrap()
        });
        assert_eq!(blocking_name, "tokio-rt-worker");
        assert_eq!(worker_name, "tokio-rt-worker");
        assert_eq!(runtime.metrics().num_workers(), 1);
    }

    /// LocalRuntime (stable since tokio 1.51): one thread, like current_thread,
    /// and its `spawn_local` takes tasks that are not `Send`.
    #[test]
    fn a_local_runtime_runs_tasks_that_are_not_send() {
        let runtime = tokio::runtime::LocalRuntime::new().unwrap();
        let shared = std::rc::Rc::new(std::cell::Cell::new(0));
        let inner = std::rc::Rc::clone(&shared);
        let task = runtime.spawn_local(async move {
            inner.set(inner.get() + 1);
            thread_name()
        });
        assert_eq!(runtime.block_on(task).unwrap(), thread_name());
        assert_eq!(shared.get(), 1);
    }

    /// The same through the macro, `flavor = "local"`, which also takes the
    /// paused clock.
    #[tokio::test(flavor = "local", start_paused = true)]
    async fn the_local_flavour_takes_tasks_that_are_not_send_and_a_paused_clock() {
        let shared = std::rc::Rc::new(5);
        let task = tokio::task::spawn_local(async move { *shared });
        assert_eq!(task.await.unwrap(), 5);
        let start = tokio::time::Instant::now();
        tokio::time::sleep(std::time::Duration::from_secs(3600)).await;
        assert!(start.elapsed() >= std::time::Duration::from_secs(3600));
    }

    // ANCHOR: tests
    #[tokio::test]
    async fn tokio_test_is_current_thread_by_default() {
        assert_eq!(
            Handle::current().runtime_flavor(),
            RuntimeFlavor::CurrentThread
        );
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn and_multi_thread_when_asked() {
        assert_eq!(
            Handle::current().runtime_flavor(),
            RuntimeFlavor::MultiThread
        );
        assert_eq!(Handle::current().metrics().num_workers(), 2);
    }
    // ANCHOR_END: tests
}

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
    fn the_default_worker_count_is_the_available_parallelism() {
        // Unless TOKIO_WORKER_THREADS says otherwise.
        let expected = match std::env::var("TOKIO_WORKER_THREADS") {
            Ok(workers) => workers.parse().unwrap(),
            Err(_) => thread::available_parallelism().unwrap().get(),
        };
        let runtime = Runtime::new().unwrap();
        assert_eq!(runtime.metrics().num_workers(), expected);
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

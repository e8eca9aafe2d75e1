use std::cell::RefCell;
use std::future::Future;
use std::pin::{Pin, pin};
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

/// Where the futures below write down what they do.
type Log = Rc<RefCell<Vec<String>>>;

fn note(log: &Log, entry: impl Into<String>) {
    log.borrow_mut().push(entry.into());
}

// ANCHOR: step
/// A leaf future: Pending `pending` times (asking to be polled again each
/// time), then Ready with `value`.
struct Step {
    name: &'static str,
    pending: u32,
    value: u32,
    log: Log,
}

impl Future for Step {
    type Output = u32;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u32> {
        if self.pending == 0 {
            note(&self.log, format!("{} ready", self.name));
            return Poll::Ready(self.value);
        }
        self.pending -= 1;
        note(&self.log, format!("{} pending", self.name));
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

fn step(name: &'static str, pending: u32, value: u32, log: &Log) -> Step {
    let log = Rc::clone(log);
    Step {
        name,
        pending,
        value,
        log,
    }
}
// ANCHOR_END: step

// ANCHOR: async_fn
async fn add_steps(log: Log) -> u32 {
    note(&log, "start");
    let a = step("first", 1, 20, &log).await;
    note(&log, format!("a = {a}"));
    let b = step("second", 2, 22, &log).await;
    note(&log, format!("b = {b}"));
    a + b
}
// ANCHOR_END: async_fn

// ANCHOR: by_hand
/// `add_steps`, written out as the state machine the compiler makes of it:
/// one variant per place the function can be suspended, holding exactly the
/// variables that are still needed there.
enum AddSteps {
    /// Called but never polled: only the arguments exist.
    Start { log: Log },
    /// Suspended at the first `.await`.
    AwaitingFirst { log: Log, first: Step },
    /// Suspended at the second `.await`; `a` has to survive until the end.
    AwaitingSecond { log: Log, a: u32, second: Step },
    /// Returned its output (or is being worked on: see `poll`).
    Done,
}

fn add_steps_by_hand(log: Log) -> AddSteps {
    AddSteps::Start { log }
}

impl Future for AddSteps {
    type Output = u32;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u32> {
        loop {
            // Take the state out to work on it, leaving `Done` behind.
            match std::mem::replace(&mut *self, AddSteps::Done) {
                AddSteps::Start { log } => {
                    note(&log, "start");
                    let first = step("first", 1, 20, &log);
                    *self = AddSteps::AwaitingFirst { log, first };
                }
                AddSteps::AwaitingFirst { log, mut first } => match Pin::new(&mut first).poll(cx) {
                    Poll::Pending => {
                        *self = AddSteps::AwaitingFirst { log, first };
                        return Poll::Pending;
                    }
                    Poll::Ready(a) => {
                        note(&log, format!("a = {a}"));
                        let second = step("second", 2, 22, &log);
                        *self = AddSteps::AwaitingSecond { log, a, second };
                    }
                },
                AddSteps::AwaitingSecond { log, a, mut second } => {
                    match Pin::new(&mut second).poll(cx) {
                        Poll::Pending => {
                            *self = AddSteps::AwaitingSecond { log, a, second };
                            return Poll::Pending;
                        }
                        Poll::Ready(b) => {
                            note(&log, format!("b = {b}"));
                            return Poll::Ready(a + b);
                        }
                    }
                }
                AddSteps::Done => panic!("`async fn` resumed after completion"),
            }
        }
    }
}
// ANCHOR_END: by_hand

// ANCHOR: main
/// Polls a future until it is ready, noting in the log where each poll starts.
fn run<F: Future<Output = u32>>(make: impl FnOnce(Log) -> F) -> Vec<String> {
    let log = Log::default();
    let mut future = pin!(make(Rc::clone(&log)));
    let mut cx = Context::from_waker(Waker::noop());
    for poll in 1.. {
        note(&log, format!("[poll {poll}]"));
        if let Poll::Ready(sum) = future.as_mut().poll(&mut cx) {
            note(&log, format!("=> Ready({sum})"));
            break;
        }
    }
    log.take()
}

fn main() {
    let compiled = run(add_steps);
    let by_hand = run(add_steps_by_hand);
    println!("{:10}{:18}by hand", "", "async fn");
    for (left, right) in compiled.iter().zip(&by_hand) {
        if left.starts_with("[poll") {
            println!("{left}");
        } else {
            println!("{:10}{left:18}{right}", "");
        }
    }
    // What each future occupies, before its first poll.
    let compiled = std::mem::size_of_val(&add_steps(Log::default()));
    let by_hand = std::mem::size_of_val(&add_steps_by_hand(Log::default()));
    println!(
        "size{:6}{:18}{by_hand} bytes",
        "",
        format!("{compiled} bytes")
    );
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;
    use std::panic::{AssertUnwindSafe, catch_unwind};

    #[test]
    fn both_versions_do_the_same_work_in_the_same_polls() {
        let compiled = run(add_steps);
        assert_eq!(
            compiled.iter().filter(|e| e.starts_with("[poll")).count(),
            4
        );
        assert_eq!(compiled, run(add_steps_by_hand));
    }

    /// Polls to completion, then once more; returns the panic message.
    fn poll_after_ready<F: Future<Output = u32>>(future: F) -> String {
        let mut future = pin!(future);
        let mut cx = Context::from_waker(Waker::noop());
        while future.as_mut().poll(&mut cx).is_pending() {}
        let panic = catch_unwind(AssertUnwindSafe(|| future.as_mut().poll(&mut cx))).unwrap_err();
        panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .unwrap_or_default()
    }

    #[test]
    fn both_versions_panic_alike_when_polled_after_completion() {
        let compiled = poll_after_ready(add_steps(Log::default()));
        assert_eq!(compiled, "`async fn` resumed after completion");
        assert_eq!(
            poll_after_ready(add_steps_by_hand(Log::default())),
            compiled
        );
    }
}

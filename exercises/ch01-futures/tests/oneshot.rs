use exercises_ch01_futures::{Canceled, Receiver, oneshot};
use std::future::Future;
use std::pin::Pin;
use std::ptr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Wake, Waker};
use std::thread;
use std::time::Duration;

/// A waker that writes its name into a shared list when woken.
struct Named {
    name: &'static str,
    wakes: Arc<Mutex<Vec<&'static str>>>,
}

impl Wake for Named {
    fn wake(self: Arc<Self>) {
        self.wakes.lock().unwrap().push(self.name);
    }
}

fn named(name: &'static str, wakes: &Arc<Mutex<Vec<&'static str>>>) -> Waker {
    let wakes = Arc::clone(wakes);
    Waker::from(Arc::new(Named { name, wakes }))
}

fn poll_with<F: Future + Unpin>(future: &mut F, waker: &Waker) -> Poll<F::Output> {
    Pin::new(future).poll(&mut Context::from_waker(waker))
}

#[test]
fn a_value_sent_before_the_first_poll_is_ready_at_once() {
    let (tx, mut rx) = oneshot();
    tx.send(5);
    assert_eq!(poll_with(&mut rx, Waker::noop()), Poll::Ready(Ok(5)));
}

#[test]
fn sending_wakes_the_waker_of_the_latest_poll_only() {
    let wakes = Arc::new(Mutex::new(Vec::new()));
    let (tx, mut rx) = oneshot();
    assert!(poll_with(&mut rx, &named("first", &wakes)).is_pending());
    assert!(poll_with(&mut rx, &named("second", &wakes)).is_pending());
    assert!(wakes.lock().unwrap().is_empty(), "nothing to wake for yet");
    tx.send("value");
    assert_eq!(*wakes.lock().unwrap(), ["second"]);
    assert_eq!(poll_with(&mut rx, Waker::noop()), Poll::Ready(Ok("value")));
}

#[test]
fn dropping_the_sender_wakes_the_receiver_with_canceled() {
    let wakes = Arc::new(Mutex::new(Vec::new()));
    let (tx, mut rx) = oneshot::<u32>();
    assert!(poll_with(&mut rx, &named("receiver", &wakes)).is_pending());
    drop(tx);
    assert_eq!(
        *wakes.lock().unwrap(),
        ["receiver"],
        "told that nothing will come"
    );
    assert_eq!(
        poll_with(&mut rx, Waker::noop()),
        Poll::Ready(Err(Canceled))
    );
}

/// A waker that, when woken, polls the receiver on another thread and
/// waits for the answer. While the sender still holds the channel's lock,
/// that poll cannot run: waking under the lock makes the wait time out.
/// (A right solution answers in microseconds; only a wrong one waits 10 s.)
struct PollsWhenWoken {
    receiver: Mutex<Option<Receiver<u32>>>,
    /// One per wake: the receiver's answer, or `None` if it did not come.
    answers: Mutex<Vec<Option<Answer>>>,
}

type Answer = Poll<Result<u32, Canceled>>;

impl Wake for PollsWhenWoken {
    fn wake(self: Arc<Self>) {
        let Some(mut receiver) = self.receiver.lock().unwrap().take() else {
            return;
        };
        let (answer, wait) = mpsc::channel();
        thread::spawn(move || {
            let _ = answer.send(poll_with(&mut receiver, Waker::noop()));
        });
        let answer = wait.recv_timeout(Duration::from_secs(10)).ok();
        self.answers.lock().unwrap().push(answer);
    }
}

#[test]
fn the_receiver_is_woken_with_the_lock_released() {
    let (tx, mut rx) = oneshot();
    let probe = Arc::new(PollsWhenWoken {
        receiver: Mutex::new(None),
        answers: Mutex::new(Vec::new()),
    });
    let waker = Waker::from(Arc::clone(&probe));
    assert!(poll_with(&mut rx, &waker).is_pending());
    *probe.receiver.lock().unwrap() = Some(rx);
    tx.send(9);
    assert_eq!(
        *probe.answers.lock().unwrap(),
        [Some(Poll::Ready(Ok(9)))],
        "the receiver could be polled at once when woken"
    );
}

/// What the waker from `hooked_waker` runs when it is first cloned.
static ON_CLONE: Mutex<Option<Box<dyn FnOnce() + Send>>> = Mutex::new(None);
/// How many times that waker has been woken.
static HOOKED_WAKES: AtomicUsize = AtomicUsize::new(0);

fn hooked_clone(_data: *const ()) -> RawWaker {
    let hook = ON_CLONE.lock().unwrap().take();
    if let Some(hook) = hook {
        hook();
    }
    RawWaker::new(ptr::null(), &HOOKED)
}

fn hooked_wake(_data: *const ()) {
    HOOKED_WAKES.fetch_add(1, Ordering::SeqCst);
}

static HOOKED: RawWakerVTable =
    RawWakerVTable::new(hooked_clone, hooked_wake, hooked_wake, |_data| {});

/// A waker that runs `ON_CLONE` when cloned. One made with `Wake` cannot
/// (cloning it only counts a reference to its `Arc`), so this one is built
/// from a table of functions, which takes `unsafe`. The workspace denies
/// `unsafe_code`; this function is the one place that allows it.
#[allow(unsafe_code)]
fn hooked_waker() -> Waker {
    // SAFETY: no function in `HOOKED` reads the data pointer, so null will
    // do, and each may be called from any thread, as a `Waker`'s must be.
    unsafe { Waker::from_raw(RawWaker::new(ptr::null(), &HOOKED)) }
}

/// `poll` finds no value and clones its waker to store it; the clone sends
/// a value from another thread right then. A `poll` that still holds the
/// channel's lock makes the send wait until the waker is stored, and the
/// send then wakes it. One that checked under one lock and stores under
/// another lets the send land in between, and nobody is woken.
#[test]
fn a_value_sent_while_poll_stores_the_waker_wakes_it() {
    let (tx, mut rx) = oneshot();
    let (sending_tx, sending) = mpsc::channel();
    *ON_CLONE.lock().unwrap() = Some(Box::new(move || {
        let (sent, has_sent) = mpsc::channel();
        let sender = thread::spawn(move || {
            tx.send(7);
            let _ = sent.send(());
        });
        // The sender is joined below; this wait only gives it time to land
        // in a wrong `poll`'s gap. A right `poll` keeps it waiting for the
        // lock, so the right solution takes the whole second here.
        let _ = has_sent.recv_timeout(Duration::from_secs(1));
        sending_tx.send(sender).unwrap();
    }));
    let answer = poll_with(&mut rx, &hooked_waker());
    let hook = ON_CLONE.lock().unwrap().take();
    assert!(hook.is_none(), "poll stored a clone of its waker");
    sending.recv().unwrap().join().unwrap();
    match answer {
        Poll::Pending => assert_eq!(
            HOOKED_WAKES.load(Ordering::SeqCst),
            1,
            "the send woke the stored waker"
        ),
        // A `poll` may clone the waker before it looks: then the value
        // was there when it looked.
        Poll::Ready(result) => assert_eq!(result, Ok(7)),
    }
}

/// The real use: a value computed on a thread, awaited in a tokio task. The
/// timeout only matters if the receiver is never woken.
#[tokio::test]
async fn carries_a_value_from_a_thread_to_a_task() {
    let (tx, rx) = oneshot();
    let worker = std::thread::spawn(move || tx.send((1..=10).product::<u64>()));
    let received = tokio::time::timeout(Duration::from_secs(10), rx)
        .await
        .expect("the receiver was never woken");
    worker.join().unwrap();
    assert_eq!(received, Ok(3_628_800));
}

//! Each operation that tokio's `select!` documentation lists as losing
//! data, losing data in a `select!` loop with a timer branch; and beside
//! it a fix that loses nothing. One queue row (`Mutex::lock`) losing its
//! place. `cargo test -p listing-09-03-cancel-safety`
//!
//! The timeline, on tokio's paused clock: the peer sends each piece at
//! 5 ms and 20 ms past a multiple of 30 ms; the timer ticks at 7, 17, 27 ...
//! ms. No two events share an instant, so `select!`'s random start never
//! has a tie to decide.

use std::collections::VecDeque;
use std::pin::pin;
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::sync::mpsc;
use tokio::time::{Instant, Interval, interval_at, sleep_until};

/// The timer branch: ticks at 7, 17, 27 ... ms after the start.
pub fn ticker(start: Instant) -> Interval {
    interval_at(start + Duration::from_millis(7), Duration::from_millis(10))
}

/// Sends each message in two halves, at 30k+5 and 30k+20 ms, then closes.
pub async fn send_in_halves(mut to: impl AsyncWrite + Unpin, start: Instant, messages: &[&[u8]]) {
    for (k, message) in messages.iter().enumerate() {
        let (first, second) = message.split_at(message.len() / 2);
        let base = start + Duration::from_millis(30 * k as u64);
        sleep_until(base + Duration::from_millis(5)).await;
        to.write_all(first).await.unwrap();
        sleep_until(base + Duration::from_millis(20)).await;
        to.write_all(second).await.unwrap();
    }
}

// ---- read_exact ------------------------------------------------------

// ANCHOR: read_exact_lossy
/// Reads 4-byte records while a timer ticks. Loses data.
pub async fn records_lossy(mut from: impl AsyncRead + Unpin, start: Instant) -> Vec<[u8; 4]> {
    let mut ticks = ticker(start);
    let mut records = Vec::new();
    loop {
        let mut record = [0; 4];
        tokio::select! {
            read = from.read_exact(&mut record) => match read {
                Ok(_) => records.push(record),
                Err(_) => return records, // end of input
            },
            _ = ticks.tick() => {} // housekeeping
        }
    }
}
// ANCHOR_END: read_exact_lossy

// ANCHOR: record_reader
/// Splits a byte stream into 4-byte records, keeping partial records in
/// itself rather than in a future.
pub struct RecordReader<R> {
    from: R,
    buffered: Vec<u8>,
}

impl<R: AsyncRead + Unpin> RecordReader<R> {
    pub fn new(from: R) -> Self {
        RecordReader {
            from,
            buffered: Vec::new(),
        }
    }

    /// The next record, or `None` at the end of the input.
    ///
    /// # Cancel safety
    ///
    /// This method is cancel safe. If it is used as a branch in
    /// `tokio::select!` and another branch completes first, no byte is
    /// lost: bytes read so far stay in the `RecordReader`, and the next
    /// call goes on from them.
    pub async fn next_record(&mut self) -> std::io::Result<Option<[u8; 4]>> {
        loop {
            if let Some(record) = self.buffered.first_chunk::<4>().copied() {
                self.buffered.drain(..4);
                return Ok(Some(record));
            }
            let mut chunk = [0; 64];
            // The only .await: `read` is cancel safe, and what it read is
            // moved into self before anything else can be awaited.
            let n = self.from.read(&mut chunk).await?;
            if n == 0 {
                return Ok(None);
            }
            self.buffered.extend_from_slice(&chunk[..n]);
        }
    }
}

pub async fn records_fixed(from: impl AsyncRead + Unpin, start: Instant) -> Vec<[u8; 4]> {
    let mut ticks = ticker(start);
    let mut reader = RecordReader::new(from);
    let mut records = Vec::new();
    loop {
        tokio::select! {
            record = reader.next_record() => match record.unwrap() {
                Some(record) => records.push(record),
                None => return records,
            },
            _ = ticks.tick() => {}
        }
    }
}
// ANCHOR_END: record_reader

// ---- read_to_end -----------------------------------------------------

/// A helper that owns its buffer, as helpers do.
pub async fn body(mut from: impl AsyncRead + Unpin) -> Vec<u8> {
    let mut body = Vec::new();
    from.read_to_end(&mut body).await.unwrap();
    body
}

// ANCHOR: read_to_end_lossy
/// Restarts `body` every time the timer wins: each restart begins empty.
pub async fn body_lossy(mut from: impl AsyncRead + Unpin, start: Instant) -> Vec<u8> {
    let mut ticks = ticker(start);
    loop {
        tokio::select! {
            body = body(&mut from) => return body,
            _ = ticks.tick() => {}
        }
    }
}
// ANCHOR_END: read_to_end_lossy

// ANCHOR: read_to_end_task
/// Moves the read into its own task; the loop waits on a oneshot through
/// `&mut`, which is cancel safe: nothing is ever dropped halfway.
pub async fn body_fixed(from: impl AsyncRead + Unpin + Send + 'static, start: Instant) -> Vec<u8> {
    let mut ticks = ticker(start);
    let (tx, mut rx) = tokio::sync::oneshot::channel();
    tokio::spawn(async move {
        let _ = tx.send(body(from).await);
    });
    loop {
        tokio::select! {
            body = &mut rx => return body.unwrap(),
            _ = ticks.tick() => {}
        }
    }
}
// ANCHOR_END: read_to_end_task

// ---- read_to_string --------------------------------------------------

// ANCHOR: read_to_string_lossy
pub async fn text_lossy(mut from: impl AsyncRead + Unpin, start: Instant) -> String {
    let mut ticks = ticker(start);
    let mut text = String::new();
    loop {
        tokio::select! {
            _ = from.read_to_string(&mut text) => return text,
            _ = ticks.tick() => {}
        }
    }
}
// ANCHOR_END: read_to_string_lossy

// ANCHOR: read_to_string_pinned
/// One future for the whole read, made before the loop and polled through
/// `&mut`: the timer's wins no longer drop it.
pub async fn text_fixed(mut from: impl AsyncRead + Unpin, start: Instant) -> String {
    let mut ticks = ticker(start);
    let mut text = String::new();
    {
        let mut read = pin!(from.read_to_string(&mut text));
        loop {
            tokio::select! {
                _ = &mut read => break,
                _ = ticks.tick() => {}
            }
        }
    }
    text
}
// ANCHOR_END: read_to_string_pinned

// ---- read_line -------------------------------------------------------

// ANCHOR: read_line_lossy
pub async fn lines_lossy(from: impl AsyncRead + Unpin, start: Instant) -> Vec<String> {
    let mut ticks = ticker(start);
    let mut from = BufReader::new(from);
    let mut lines = Vec::new();
    loop {
        let mut line = String::new();
        tokio::select! {
            read = from.read_line(&mut line) => match read.unwrap() {
                0 => return lines,
                _ => lines.push(line.trim_end().to_string()),
            },
            _ = ticks.tick() => {}
        }
    }
}
// ANCHOR_END: read_line_lossy

// ANCHOR: read_line_codec
/// A codec keeps the partial line in the `FramedRead`, not in a future,
/// and a stream's `next()` is cancel safe.
pub async fn lines_fixed(from: impl AsyncRead + Unpin, start: Instant) -> Vec<String> {
    use futures::StreamExt;
    use tokio_util::codec::{FramedRead, LinesCodec};
    let mut ticks = ticker(start);
    let mut framed = FramedRead::new(from, LinesCodec::new());
    let mut lines = Vec::new();
    loop {
        tokio::select! {
            line = framed.next() => match line {
                Some(line) => lines.push(line.unwrap()),
                None => return lines,
            },
            _ = ticks.tick() => {}
        }
    }
}
// ANCHOR_END: read_line_codec

// ---- write_all -------------------------------------------------------

/// Reads up to 2 bytes at 4, 8, 12 ... ms (never on a tick) until the
/// writer closes.
pub async fn slow_reader(mut from: impl AsyncRead + Unpin, start: Instant) -> Vec<u8> {
    let mut got = Vec::new();
    for k in 1.. {
        sleep_until(start + Duration::from_millis(4 * k)).await;
        let mut two = [0; 2];
        match from.read(&mut two).await.unwrap() {
            0 => return got,
            n => got.extend_from_slice(&two[..n]),
        }
    }
    unreachable!()
}

// ANCHOR: write_all_lossy
pub async fn write_lossy(mut to: impl AsyncWrite + Unpin, start: Instant, messages: &[&[u8]]) {
    let mut ticks = ticker(start);
    let mut next = 0;
    while next < messages.len() {
        tokio::select! {
            _ = to.write_all(messages[next]) => next += 1,
            _ = ticks.tick() => {}
        }
    }
}
// ANCHOR_END: write_all_lossy

// ANCHOR: write_all_buf
/// `write_all_buf` advances the slice it is given as bytes go out, so what
/// is left to write survives the future.
pub async fn write_fixed(mut to: impl AsyncWrite + Unpin, start: Instant, messages: &[&[u8]]) {
    let mut ticks = ticker(start);
    for message in messages {
        let mut rest: &[u8] = message;
        while !rest.is_empty() {
            tokio::select! {
                _ = to.write_all_buf(&mut rest) => {}
                _ = ticks.tick() => {}
            }
        }
    }
}
// ANCHOR_END: write_all_buf

// ---- mpsc::Sender::send ----------------------------------------------

/// Receives a message at 15, 30, 45 ... ms until every sender is gone.
pub async fn slow_receiver(mut rx: mpsc::Receiver<u32>, start: Instant) -> Vec<u32> {
    let mut got = Vec::new();
    for k in 1.. {
        sleep_until(start + Duration::from_millis(15 * k)).await;
        match rx.recv().await {
            Some(message) => got.push(message),
            None => return got,
        }
    }
    unreachable!()
}

// ANCHOR: send_lossy
pub async fn forward_lossy(tx: mpsc::Sender<u32>, start: Instant, mut queue: VecDeque<u32>) {
    let mut ticks = ticker(start);
    while let Some(message) = queue.pop_front() {
        tokio::select! {
            _ = tx.send(message) => {}
            _ = ticks.tick() => {} // the message went down with the send
        }
    }
}
// ANCHOR_END: send_lossy

// ANCHOR: send_reserve
/// Waits for room first (`reserve`: cancelling it loses no message), and
/// takes the message out of the queue only once there is room.
pub async fn forward_fixed(tx: mpsc::Sender<u32>, start: Instant, mut queue: VecDeque<u32>) {
    let mut ticks = ticker(start);
    while !queue.is_empty() {
        tokio::select! {
            permit = tx.reserve() => permit.unwrap().send(queue.pop_front().unwrap()),
            _ = ticks.tick() => {}
        }
    }
}
// ANCHOR_END: send_reserve

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex as StdMutex};
    use tokio::io::duplex;

    const RECORDS: [&[u8]; 3] = [b"AAAA", b"BBBB", b"CCCC"];

    async fn with_peer<T>(reader: impl AsyncFnOnce(tokio::io::DuplexStream, Instant) -> T) -> T {
        let start = Instant::now();
        let (ours, theirs) = duplex(64);
        let peer = tokio::spawn(async move { send_in_halves(theirs, start, &RECORDS).await });
        let result = reader(ours, start).await;
        peer.await.unwrap();
        result
    }

    // ANCHOR: read_exact_tests
    #[tokio::test(start_paused = true)]
    async fn read_exact_in_a_select_loop_loses_every_half_record() {
        let records = with_peer(records_lossy).await;
        // Each half arrived, was copied into `record`, and was dropped
        // with the read_exact future when the tick at +7 or +17 ms won.
        assert!(records.is_empty(), "{records:?}");
    }

    #[tokio::test(start_paused = true)]
    async fn a_cancel_safe_record_reader_loses_nothing() {
        let records = with_peer(records_fixed).await;
        assert_eq!(records, [*b"AAAA", *b"BBBB", *b"CCCC"]);
    }
    // ANCHOR_END: read_exact_tests

    #[tokio::test(start_paused = true)]
    async fn read_to_end_restarted_by_a_select_loop_keeps_only_the_tail() {
        let body = with_peer(body_lossy).await;
        // Only what came after the last tick: the last half.
        assert_eq!(body, b"CC");
    }

    #[tokio::test(start_paused = true)]
    async fn read_to_end_in_its_own_task_loses_nothing() {
        let body = with_peer(body_fixed).await;
        assert_eq!(body, b"AAAABBBBCCCC");
    }

    #[tokio::test(start_paused = true)]
    async fn read_to_end_into_a_vec_the_caller_keeps_loses_nothing_in_tokio_1_54() {
        // Not a promise of tokio's docs, but its source (read_to_end.rs)
        // sets the Vec's length after every read, so bytes already read
        // stay in the caller's Vec when the future is dropped. Only the
        // returned count is lost: it covers the last call's bytes alone.
        let (body, last_count) = with_peer(async |mut from, start| {
            let mut ticks = ticker(start);
            let mut body = Vec::new();
            loop {
                tokio::select! {
                    n = from.read_to_end(&mut body) => return (body, n.unwrap()),
                    _ = ticks.tick() => {}
                }
            }
        })
        .await;
        assert_eq!(body, b"AAAABBBBCCCC");
        assert_eq!(last_count, 2);
    }

    #[tokio::test(start_paused = true)]
    async fn read_to_string_in_a_select_loop_empties_the_string() {
        let text = with_peer(text_lossy).await;
        // read_to_string takes the String's bytes into its future and
        // puts them back only when it completes; a cancel drops them.
        assert_eq!(text, "CC");
    }

    #[tokio::test(start_paused = true)]
    async fn read_to_string_pinned_outside_the_loop_loses_nothing() {
        let text = with_peer(text_fixed).await;
        assert_eq!(text, "AAAABBBBCCCC");
    }

    const LINES: [&[u8]; 3] = [b"alpha\n", b"bravo\n", b"delta\n"];

    async fn with_lines<T>(reader: impl AsyncFnOnce(tokio::io::DuplexStream, Instant) -> T) -> T {
        let start = Instant::now();
        let (ours, theirs) = duplex(64);
        let peer = tokio::spawn(async move { send_in_halves(theirs, start, &LINES).await });
        let result = reader(ours, start).await;
        peer.await.unwrap();
        result
    }

    #[tokio::test(start_paused = true)]
    async fn read_line_in_a_select_loop_loses_the_start_of_each_line() {
        let lines = with_lines(lines_lossy).await;
        assert_eq!(lines, ["ha", "vo", "ta"]);
    }

    #[tokio::test(start_paused = true)]
    async fn a_lines_codec_loses_nothing() {
        let lines = with_lines(lines_fixed).await;
        assert_eq!(lines, ["alpha", "bravo", "delta"]);
    }

    async fn written_by(
        writer: impl AsyncFnOnce(tokio::io::DuplexStream, Instant, &[&[u8]]),
    ) -> Vec<u8> {
        let start = Instant::now();
        // Room for 2 bytes at a time: each 4-byte write_all has to wait.
        let (ours, theirs) = duplex(2);
        let reader = tokio::spawn(slow_reader(theirs, start));
        writer(ours, start, &RECORDS).await; // and drops its end: EOF
        reader.await.unwrap()
    }

    #[tokio::test(start_paused = true)]
    async fn write_all_in_a_select_loop_writes_the_start_again() {
        let got = written_by(write_lossy).await;
        // A cancelled write_all forgets what it wrote; the next starts over.
        // Here the third one was cut after "CC", so "CC" went out twice.
        assert_eq!(got, b"AAAABBBBCCCCCC");
    }

    #[tokio::test(start_paused = true)]
    async fn write_all_buf_in_a_select_loop_writes_each_byte_once() {
        let got = written_by(write_fixed).await;
        assert_eq!(got, b"AAAABBBBCCCC");
    }

    async fn received_from(
        forward: impl AsyncFnOnce(mpsc::Sender<u32>, Instant, VecDeque<u32>),
    ) -> Vec<u32> {
        let start = Instant::now();
        let (tx, rx) = mpsc::channel(1);
        let receiver = tokio::spawn(slow_receiver(rx, start));
        forward(tx, start, (1..=6).collect()).await;
        receiver.await.unwrap()
    }

    #[tokio::test(start_paused = true)]
    async fn send_in_a_select_loop_drops_messages() {
        let got = received_from(forward_lossy).await;
        // 2, 4 and 5 were each inside a send future when a tick won.
        assert_eq!(got, [1, 3, 6]);
    }

    #[tokio::test(start_paused = true)]
    async fn reserve_then_send_loses_nothing() {
        let got = received_from(forward_fixed).await;
        assert_eq!(got, [1, 2, 3, 4, 5, 6]);
    }

    // ANCHOR: mutex_queue
    /// Two tasks want a lock that a third holds until 100 ms. `early` asks
    /// at 0 ms, `late` at 10 ms. Returns who got it first.
    async fn lock_order(early_keeps_its_future: bool) -> Vec<&'static str> {
        let start = Instant::now();
        let lock = Arc::new(tokio::sync::Mutex::new(()));
        let order = Arc::new(StdMutex::new(Vec::new()));
        let held = lock.clone().lock_owned().await;
        let early = tokio::spawn({
            let (lock, order) = (lock.clone(), order.clone());
            async move {
                let mut ticks =
                    interval_at(start + Duration::from_millis(30), Duration::from_millis(30));
                if early_keeps_its_future {
                    let mut locking = pin!(lock.lock());
                    loop {
                        tokio::select! {
                            _guard = &mut locking => break,
                            _ = ticks.tick() => {}
                        }
                    }
                } else {
                    loop {
                        tokio::select! {
                            _guard = lock.lock() => break,
                            _ = ticks.tick() => {} // back to the end of the queue
                        }
                    }
                }
                order.lock().unwrap().push("early");
            }
        });
        let late = tokio::spawn({
            let (lock, order) = (lock.clone(), order.clone());
            async move {
                sleep_until(start + Duration::from_millis(10)).await;
                let _guard = lock.lock().await;
                order.lock().unwrap().push("late");
            }
        });
        sleep_until(start + Duration::from_millis(100)).await;
        drop(held);
        early.await.unwrap();
        late.await.unwrap();
        Arc::try_unwrap(order).unwrap().into_inner().unwrap()
    }

    #[tokio::test(start_paused = true)]
    async fn a_cancelled_lock_loses_its_place_in_the_queue() {
        assert_eq!(lock_order(false).await, ["late", "early"]);
    }

    #[tokio::test(start_paused = true)]
    async fn a_lock_future_kept_across_the_loop_keeps_its_place() {
        assert_eq!(lock_order(true).await, ["early", "late"]);
    }
    // ANCHOR_END: mutex_queue
}

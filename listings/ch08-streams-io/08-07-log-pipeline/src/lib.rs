//! A log pipeline: a log file of any size read as a stream of lines, parsed
//! in batches on the blocking pool with a bound on batches in flight,
//! aggregated per service, and written out as a report. Malformed lines are
//! reported with their line numbers, and the run goes on.

use futures::StreamExt;
use std::collections::BTreeMap;
use std::io;
use tokio::io::{AsyncRead, AsyncWrite, AsyncWriteExt, BufWriter};
use tokio_util::bytes::BytesMut;
use tokio_util::codec::{Decoder, FramedRead, LinesCodec, LinesCodecError};

// ANCHOR: parse
/// One line of the log: `2026-12-01T10:00:00Z INFO checkout 87ms`.
#[derive(Debug, PartialEq)]
pub struct Entry {
    pub error: bool,
    pub service: String,
    pub millis: u64,
}

pub fn parse(line: &str) -> Result<Entry, String> {
    let mut fields = line.split_whitespace();
    let (Some(_time), Some(level), Some(service), Some(took), None) = (
        fields.next(),
        fields.next(),
        fields.next(),
        fields.next(),
        fields.next(),
    ) else {
        return Err(format!("expected 4 fields: {line:?}"));
    };
    let error = match level {
        "INFO" | "WARN" => false,
        "ERROR" => true,
        other => return Err(format!("unknown level {other:?}")),
    };
    let millis = took
        .strip_suffix("ms")
        .and_then(|n| n.parse().ok())
        .ok_or_else(|| format!("bad duration {took:?}"))?;
    Ok(Entry {
        error,
        service: service.to_string(),
        millis,
    })
}
// ANCHOR_END: parse

// ANCHOR: stats
/// What the report says about one service.
#[derive(Debug, Default, PartialEq)]
pub struct Stats {
    pub requests: u64,
    pub errors: u64,
    pub total_ms: u64,
    pub max_ms: u64,
}

/// The whole run: per-service stats, and how many lines were malformed.
#[derive(Debug, Default, PartialEq)]
pub struct Summary {
    pub services: BTreeMap<String, Stats>,
    pub lines: u64,
    pub malformed: u64,
}
// ANCHOR_END: stats

/// How much of the log may be in memory at once: `batches` batches of
/// `batch` lines each, being parsed or waiting to be added up.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    pub batch: usize,
    pub batches: usize,
}

type Parsed = Vec<(u64, Result<Entry, String>)>;

// ANCHOR: lines
/// The longest line accepted, in bytes; a longer one is malformed.
pub const MAX_LINE: usize = 4096;

/// `LinesCodec` with a maximum, whose complaints about one line (too long,
/// not UTF-8) come out as items, `Err(why)`, instead of as errors of the
/// stream, after which `FramedRead` would stop.
struct LogLines(LinesCodec);

impl Decoder for LogLines {
    type Item = Result<String, String>;
    type Error = io::Error;

    fn decode(&mut self, buf: &mut BytesMut) -> io::Result<Option<Self::Item>> {
        one_line(self.0.decode(buf))
    }

    fn decode_eof(&mut self, buf: &mut BytesMut) -> io::Result<Option<Self::Item>> {
        one_line(self.0.decode_eof(buf))
    }
}

fn one_line(
    decoded: Result<Option<String>, LinesCodecError>,
) -> io::Result<Option<Result<String, String>>> {
    match decoded {
        Ok(line) => Ok(line.map(Ok)),
        // The codec throws away the rest of the line and goes on.
        Err(LinesCodecError::MaxLineLengthExceeded) => {
            Ok(Some(Err(format!("longer than {MAX_LINE} bytes"))))
        }
        // The line has been taken out of the buffer; only it is bad.
        Err(LinesCodecError::Io(e)) if e.kind() == io::ErrorKind::InvalidData => {
            Ok(Some(Err("not UTF-8".to_string())))
        }
        Err(LinesCodecError::Io(e)) => Err(e),
    }
}
// ANCHOR_END: lines

// ANCHOR: pipeline
/// Reads the log from `input`, writes one line per malformed log line to
/// `problems` as it is found, and returns the summary.
pub async fn run<R, W>(input: R, problems: W, limits: Limits) -> io::Result<Summary>
where
    R: AsyncRead + Unpin,
    W: AsyncWrite + Unpin,
{
    let Limits { batch, batches } = limits;
    let lines = FramedRead::new(input, LogLines(LinesCodec::new_with_max_length(MAX_LINE)));
    let mut parsed = lines
        .chunks(batch) // Vec<io::Result<Result<String, String>>>: full, except the last
        .enumerate()
        .map(|(n, lines)| {
            let first_line = (n * batch) as u64 + 1;
            tokio::task::spawn_blocking(move || parse_batch(first_line, lines))
        })
        .buffered(batches); // at most `batches` batches in flight, in order

    let mut problems = BufWriter::new(problems);
    let mut summary = Summary::default();
    while let Some(done) = parsed.next().await {
        for (line_no, entry) in done??.into_iter() {
            summary.lines += 1;
            match entry {
                Ok(entry) => add(&mut summary, entry),
                Err(why) => {
                    summary.malformed += 1;
                    problems
                        .write_all(format!("line {line_no}: {why}\n").as_bytes())
                        .await?;
                }
            }
        }
    }
    problems.flush().await?; // the last few problems are still in the buffer
    Ok(summary)
}

type Lines = Vec<io::Result<Result<String, String>>>;

fn parse_batch(first_line: u64, lines: Lines) -> io::Result<Parsed> {
    let mut out = Vec::with_capacity(lines.len());
    for (i, line) in lines.into_iter().enumerate() {
        let entry = line?.and_then(|line| parse(&line)); // I/O error: the run stops
        out.push((first_line + i as u64, entry));
    }
    Ok(out)
}

fn add(summary: &mut Summary, entry: Entry) {
    let stats = summary.services.entry(entry.service).or_default();
    stats.requests += 1;
    stats.errors += u64::from(entry.error);
    stats.total_ms += entry.millis;
    stats.max_ms = stats.max_ms.max(entry.millis);
}
// ANCHOR_END: pipeline

// ANCHOR: report
/// Writes the summary as a table.
pub async fn write_report(summary: &Summary, out: impl AsyncWrite + Unpin) -> io::Result<()> {
    let mut out = BufWriter::new(out);
    out.write_all(b"service    requests  errors  mean ms  max ms\n")
        .await?;
    for (service, s) in &summary.services {
        let mean = s.total_ms as f64 / s.requests as f64;
        let row = format!(
            "{service:<10} {:>8} {:>7} {mean:>8.1} {:>7}\n",
            s.requests, s.errors, s.max_ms
        );
        out.write_all(row.as_bytes()).await?;
    }
    let totals = format!("{} lines, {} malformed\n", summary.lines, summary.malformed);
    out.write_all(totals.as_bytes()).await?;
    out.shutdown().await // flush, then shut the writer down
}
// ANCHOR_END: report

/// A log of `lines` lines, the same on every call; every line numbered in
/// `bad` is malformed (in one of three ways).
pub fn generate(lines: u64, bad: &[u64]) -> String {
    let services = ["cart", "checkout", "search", "login"];
    let mut seed = 7u64;
    let mut out = String::new();
    for n in 1..=lines {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let r = seed >> 33;
        let service = services[(r % 4) as usize];
        let level = if (r >> 8).is_multiple_of(50) {
            "ERROR"
        } else {
            "INFO"
        };
        let millis = 5 + r % 300;
        let (h, m, s) = (n / 3600 % 24, n / 60 % 60, n % 60);
        let time = format!("2026-12-01T{h:02}:{m:02}:{s:02}Z");
        let line = match bad.iter().position(|&b| b == n) {
            None => format!("{time} {level} {service} {millis}ms"),
            Some(i) if i % 3 == 0 => format!("{time} {level} {service}"),
            Some(i) if i % 3 == 1 => format!("{time} LOUD {service} {millis}ms"),
            Some(_) => format!("{time} {level} {service} {millis}s"),
        };
        out.push_str(&line);
        out.push('\n');
    }
    out
}

//! The pipeline's results, on logs small enough to check by hand.

use listing_08_07_log_pipeline::{Entry, Limits, Stats, generate, parse, run, write_report};

const LIMITS: Limits = Limits {
    batch: 3,
    batches: 2,
};

#[test]
fn a_good_line_parses() {
    let entry = parse("2026-12-01T10:00:00Z ERROR checkout 87ms").unwrap();
    assert_eq!(
        entry,
        Entry {
            error: true,
            service: "checkout".into(),
            millis: 87
        }
    );
}

#[test]
fn each_kind_of_bad_line_says_what_is_wrong() {
    assert_eq!(
        parse("t INFO cart").unwrap_err(),
        r#"expected 4 fields: "t INFO cart""#
    );
    assert_eq!(
        parse("t LOUD cart 3ms").unwrap_err(),
        r#"unknown level "LOUD""#
    );
    assert_eq!(parse("t INFO cart 3s").unwrap_err(), r#"bad duration "3s""#);
    assert!(parse("").is_err());
}

#[tokio::test]
async fn adds_up_per_service() {
    let log = "t INFO cart 10ms\nt ERROR cart 30ms\nt INFO login 5ms\nt WARN cart 20ms\n";
    let summary = run(log.as_bytes(), Vec::new(), LIMITS).await.unwrap();
    assert_eq!(summary.lines, 4);
    assert_eq!(
        summary.services["cart"],
        Stats {
            requests: 3,
            errors: 1,
            total_ms: 60,
            max_ms: 30
        }
    );
    assert_eq!(
        summary.services["login"],
        Stats {
            requests: 1,
            errors: 0,
            total_ms: 5,
            max_ms: 5
        }
    );
}

#[tokio::test]
async fn malformed_lines_are_reported_with_their_numbers_and_the_run_goes_on() {
    // Bad lines in the first batch, in the middle of one, and the last line.
    let log = generate(20, &[1, 8, 20]);
    let mut problems = Vec::new();
    let summary = run(log.as_bytes(), &mut problems, LIMITS).await.unwrap();
    let problems = String::from_utf8(problems).unwrap();
    let numbers: Vec<&str> = problems
        .lines()
        .map(|l| l.split(':').next().unwrap())
        .collect();
    assert_eq!(numbers, ["line 1", "line 8", "line 20"]);
    assert_eq!((summary.lines, summary.malformed), (20, 3));
    let counted: u64 = summary.services.values().map(|s| s.requests).sum();
    assert_eq!(counted, 17);
}

#[tokio::test]
async fn line_numbers_are_right_whatever_the_batch_size() {
    let log = generate(1000, &[1, 499, 500, 501, 1000]);
    for batch in [1, 2, 7, 500, 999, 1000, 5000] {
        for batches in [1, 3] {
            let mut problems = Vec::new();
            run(log.as_bytes(), &mut problems, Limits { batch, batches })
                .await
                .unwrap();
            let numbers: Vec<u64> = String::from_utf8(problems)
                .unwrap()
                .lines()
                .map(|l| l["line ".len()..l.find(':').unwrap()].parse().unwrap())
                .collect();
            assert_eq!(
                numbers,
                [1, 499, 500, 501, 1000],
                "batch {batch}, batches {batches}"
            );
        }
    }
}

#[tokio::test]
async fn a_last_line_without_a_newline_counts() {
    let summary = run(&b"t INFO cart 1ms\nt INFO cart 2ms"[..], Vec::new(), LIMITS)
        .await
        .unwrap();
    assert_eq!(summary.services["cart"].requests, 2);
}

#[tokio::test]
async fn a_line_that_is_not_utf8_is_malformed_and_the_run_goes_on() {
    let mut problems = Vec::new();
    let log = b"t INFO cart 1ms\n\xff\xfe\nt INFO cart 2ms\n";
    let summary = run(&log[..], &mut problems, LIMITS).await.unwrap();
    assert_eq!(String::from_utf8(problems).unwrap(), "line 2: not UTF-8\n");
    assert_eq!((summary.lines, summary.malformed), (3, 1));
    assert_eq!(summary.services["cart"].requests, 2);
}

#[tokio::test]
async fn a_line_that_is_too_long_is_malformed_and_the_run_goes_on() {
    // A megabyte with no newline in the middle of the log, and at its end.
    let endless = "x".repeat(1 << 20);
    let log = format!("t INFO cart 1ms\n{endless}\nt INFO cart 2ms\n{endless}");
    let mut problems = Vec::new();
    let summary = run(log.as_bytes(), &mut problems, LIMITS).await.unwrap();
    assert_eq!(
        String::from_utf8(problems).unwrap(),
        "line 2: longer than 4096 bytes\nline 4: longer than 4096 bytes\n"
    );
    assert_eq!((summary.lines, summary.malformed), (4, 2));
    assert_eq!(summary.services["cart"].requests, 2);
}

#[tokio::test]
async fn the_report_is_complete() {
    let log = "t INFO cart 10ms\nt ERROR cart 30ms\nnonsense\n";
    let summary = run(log.as_bytes(), Vec::new(), LIMITS).await.unwrap();
    let mut report = Vec::new();
    write_report(&summary, &mut report).await.unwrap();
    assert_eq!(
        String::from_utf8(report).unwrap(),
        "service    requests  errors  mean ms  max ms\n\
         cart              2       1     20.0      30\n\
         3 lines, 1 malformed\n"
    );
}

use listing_08_07_log_pipeline::{Limits, generate, run, write_report};

// ANCHOR: main
#[tokio::main]
async fn main() -> std::io::Result<()> {
    // A log of 100,000 lines, three of them malformed.
    let path = std::env::temp_dir().join(format!("ch08-app-{}.log", std::process::id()));
    tokio::fs::write(&path, generate(100_000, &[17, 40_000, 99_999])).await?;

    let log = tokio::fs::File::open(&path).await?;
    let limits = Limits {
        batch: 1000,
        batches: 4,
    };
    let summary = run(log, tokio::io::stdout(), limits).await?;
    write_report(&summary, tokio::io::stdout()).await?;
    tokio::fs::remove_file(&path).await
}
// ANCHOR_END: main

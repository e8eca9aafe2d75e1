//! Listing 12-1's suite, unchanged, run against the axum version.

async fn start(config: listing_12_01_service::Config) -> listing_12_01_service::Running {
    listing_12_01_service::Running::start(config, listing_12_02_axum::run).await
}

listing_12_01_service::suite!(start, env!("CARGO_BIN_EXE_listing-12-02-axum"));

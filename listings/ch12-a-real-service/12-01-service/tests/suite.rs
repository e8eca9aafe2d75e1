//! The shared suite, run against the hyper version.

async fn start(config: listing_12_01_service::Config) -> listing_12_01_service::Running {
    listing_12_01_service::Running::start(config, listing_12_01_service::run).await
}

listing_12_01_service::suite!(start, env!("CARGO_BIN_EXE_listing-12-01-service"));

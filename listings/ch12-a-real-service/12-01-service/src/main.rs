fn main() {
    listing_12_01_service::cli::main(listing_12_01_service::run);
}

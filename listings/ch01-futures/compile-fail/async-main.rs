async fn main() {
    println!("hello from an async main");
}

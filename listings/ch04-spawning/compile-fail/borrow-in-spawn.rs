#[tokio::main]
async fn main() {
    let names = vec![String::from("ada"), String::from("grace")];
    let longest = tokio::spawn(async { names.iter().map(String::len).max() });
    println!("{:?}", longest.await.unwrap());
}

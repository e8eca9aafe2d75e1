use std::rc::Rc;

#[tokio::main]
async fn main() {
    let task = tokio::spawn(async {
        let config = Rc::new(String::from("verbose"));
        tokio::task::yield_now().await;
        println!("{config}");
    });
    task.await.unwrap();
}

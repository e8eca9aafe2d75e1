async fn brew(drink: &str) -> String {
    println!("    (brewing {drink})");
    format!("a cup of {drink}")
}

fn main() {
    println!("1. call brew(): this builds a future and runs none of its body");
    let coffee = brew("coffee");

    println!("2. build a second future with an async block");
    let tea = async {
        let cup = brew("tea").await;
        cup.to_uppercase()
    };

    println!("3. drop the first future without polling it");
    drop(coffee);

    println!("4. hand the second to an executor, which polls it to the end");
    let result = futures::executor::block_on(tea);
    println!("5. block_on returned {result:?}");
}

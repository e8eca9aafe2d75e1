struct Node {
    value: u64,
    children: Vec<Node>,
}

async fn sum(node: &Node) -> u64 {
    let mut total = node.value;
    for child in &node.children {
        total += sum(child).await;
    }
    total
}

fn main() {}

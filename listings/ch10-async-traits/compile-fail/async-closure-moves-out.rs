/// Calls `visit` once per name: it needs `AsyncFnMut`.
async fn each(names: &[String], mut visit: impl AsyncFnMut(&str)) {
    for name in names {
        visit(name).await;
    }
}

async fn run(names: Vec<String>) {
    let seen: Vec<String> = Vec::new();
    // The future moves `seen` out of the closure, so it could run only once.
    each(&names, async move |_name| drop(seen)).await;
}

fn main() {
    let _ = run(Vec::new());
}

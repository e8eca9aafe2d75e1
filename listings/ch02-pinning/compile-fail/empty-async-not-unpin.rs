fn require_unpin<T: Unpin>(_: &T) {}

// No borrows, no awaits, no state: still not `Unpin`.
async fn nothing() {}

fn main() {
    let future = nothing();
    require_unpin(&future);
}

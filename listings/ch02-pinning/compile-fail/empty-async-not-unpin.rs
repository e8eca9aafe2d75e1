fn require_unpin<T: Unpin>(_: &T) {}

fn main() {
    // No borrows, no awaits, no state: still not `Unpin`.
    let nothing = async {};
    require_unpin(&nothing);
}

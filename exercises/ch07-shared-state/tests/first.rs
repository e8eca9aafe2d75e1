//! TODO(new): tests that pass on the solution and fail on the starter and on
//! every wrong solution.

use exercises_ch07_shared_state::answer;

#[test]
fn answers() {
    assert_eq!(answer(), 42);
}

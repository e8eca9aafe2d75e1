//! TODO(new): tests that pass on the solution and fail on the starter and on
//! every wrong solution.

use exercises_ch08_streams_io::answer;

#[test]
fn answers() {
    assert_eq!(answer(), 42);
}

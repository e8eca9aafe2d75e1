//! Wrong: TODO(new): another mistake the chapter warns about.

pub fn answer() -> u32 {
    41
}

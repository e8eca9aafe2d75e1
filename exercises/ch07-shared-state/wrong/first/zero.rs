//! Wrong: TODO(new): a mistake the chapter warns about.

pub fn answer() -> u32 {
    0
}

#![feature(async_drop)]

fn main() {}

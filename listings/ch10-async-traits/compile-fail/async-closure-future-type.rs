fn start<F: AsyncFnOnce() -> u32>(job: F) -> F::CallOnceFuture {
    job()
}

fn main() {}

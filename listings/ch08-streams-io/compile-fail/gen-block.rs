fn main() {
    let numbers = gen {
        yield 1;
        yield 2;
    };
    for n in numbers {
        println!("{n}");
    }
}

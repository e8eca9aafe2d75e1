// ANCHOR: parser
/// A parser with a buffer, which remembers where that buffer was when it
/// was set up. A self-referential type would keep a *pointer* there; this
/// one keeps only the address, as a number, so that it can check whether
/// such a pointer would still be right without ever following one.
struct Parser {
    buffer: [u8; 64],
    remembered: usize,
}

impl Parser {
    fn new() -> Parser {
        Parser {
            buffer: [0; 64],
            remembered: 0,
        }
    }

    /// Takes note of where the buffer is now (a pointer would be taken here).
    fn set_up(&mut self) {
        self.remembered = self.buffer.as_ptr() as usize;
    }

    /// Would a pointer taken in `set_up` still point at the buffer?
    fn pointer_still_right(&self) -> bool {
        self.buffer.as_ptr() as usize == self.remembered
    }
}
// ANCHOR_END: parser

// ANCHOR: main
fn main() {
    let mut parser = Parser::new();
    parser.set_up();
    report("set up on the stack", &parser);

    // A move copies the bytes somewhere else; the old place is abandoned.
    let mut boxed = Box::new(parser);
    report("moved into a Box, on the heap", &boxed);

    boxed.set_up();
    report("set up again, inside the Box", &boxed);

    // Moving the Box moves a pointer to the parser, not the parser.
    let parsers = vec![boxed];
    report("the Box moved into a Vec", &parsers[0]);

    // But anyone with a `&mut Parser` can still move the parser itself out.
    let mut parsers = parsers;
    let old = std::mem::replace(&mut *parsers[0], Parser::new());
    report("taken out of the Box by mem::replace", &old);
}

fn report(what: &str, parser: &Parser) {
    println!(
        "{what:38} pointer still right? {}",
        parser.pointer_still_right()
    );
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_on_the_heap_keeps_its_address_while_the_box_moves() {
        let mut boxed = Box::new(Parser::new());
        boxed.set_up();
        let moved = boxed;
        let again = [moved];
        assert!(again[0].pointer_still_right());
    }

    #[test]
    fn moving_the_value_out_of_the_box_leaves_the_address_behind() {
        let mut boxed = Box::new(Parser::new());
        boxed.set_up();
        let out = std::mem::replace(&mut *boxed, Parser::new());
        assert!(!out.pointer_still_right());
    }
}

//! AFL++ harness of the `grammars` target: [`crosscheck_fuzz::checks::grammars`].
fn main() {
    afl::fuzz!(|data: &[u8]| crosscheck_fuzz::checks::grammars(data));
}

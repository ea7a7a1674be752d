//! AFL++ harness of the `grammars` target: [`crosscheck_fuzz::checks::grammars`].
fn main() {
    // Before the fork server starts: every child inherits the grammars.
    crosscheck_fuzz::checks::warm_up();
    afl::fuzz!(|data: &[u8]| crosscheck_fuzz::checks::grammars(data));
}

//! AFL++ harness of the `rules` target: [`crosscheck_fuzz::checks::rules`].
fn main() {
    // Before the fork server starts: every child inherits the grammars.
    crosscheck_fuzz::checks::warm_up();
    afl::fuzz!(|data: &[u8]| crosscheck_fuzz::checks::rules(data));
}

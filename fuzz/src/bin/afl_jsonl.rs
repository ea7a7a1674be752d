//! AFL++ harness of the `jsonl` target: [`crosscheck_fuzz::checks::jsonl`].
fn main() {
    // Before the fork server starts: every child inherits the grammars.
    crosscheck_fuzz::checks::warm_up();
    afl::fuzz!(|data: &[u8]| crosscheck_fuzz::checks::jsonl(data));
}

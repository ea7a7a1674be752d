//! AFL++ harness of the `jsonl` target: [`crosscheck_fuzz::checks::jsonl`].
fn main() {
    afl::fuzz!(|data: &[u8]| crosscheck_fuzz::checks::jsonl(data));
}

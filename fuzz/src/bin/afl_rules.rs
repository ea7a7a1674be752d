//! AFL++ harness of the `rules` target: [`crosscheck_fuzz::checks::rules`].
fn main() {
    afl::fuzz!(|data: &[u8]| crosscheck_fuzz::checks::rules(data));
}

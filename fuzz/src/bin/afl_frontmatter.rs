//! AFL++ harness of the `frontmatter` target: [`crosscheck_fuzz::checks::frontmatter`].
fn main() {
    afl::fuzz!(|data: &[u8]| crosscheck_fuzz::checks::frontmatter(data));
}

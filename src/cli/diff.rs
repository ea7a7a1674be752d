//! `diff`: a claim-by-source table (placeholder until the table lands).

use super::*;

#[derive(Debug, Args)]
pub(crate) struct DiffArgs {
    /// Two files or folders to compare, or one corpus with `--by source`.
    pub(crate) paths: Vec<PathBuf>,
    #[command(flatten)]
    pub(crate) common: Common,
}

pub(crate) fn diff(_args: &DiffArgs) -> io::Result<u8> {
    eprintln!("crosscheck: diff is not available yet");
    Ok(2)
}

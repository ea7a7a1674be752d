//! `completions` and `man`: shell completions and a man page, generated
//! from the command-line definition (placeholder).

use super::*;

#[derive(Debug, Args)]
pub(crate) struct CompletionsArgs {
    /// The shell to complete for.
    pub(crate) shell: clap_complete::Shell,
}

pub(crate) fn completions(_args: &CompletionsArgs) -> io::Result<u8> {
    eprintln!("crosscheck: completions are not available yet");
    Ok(2)
}

pub(crate) fn man() -> io::Result<u8> {
    eprintln!("crosscheck: the man page is not available yet");
    Ok(2)
}

//! `completions` and `man`: shell completions and a man page, generated
//! from the command-line definition, so they never drift from the flags.

use super::*;
use clap::CommandFactory;

#[derive(Debug, Args)]
pub(crate) struct CompletionsArgs {
    /// The shell to complete for.
    pub(crate) shell: clap_complete::Shell,
}

/// Writes the completion script for `args.shell` to stdout.
pub(crate) fn completions(args: &CompletionsArgs) -> io::Result<u8> {
    let mut command = Cli::command();
    let name = command.get_name().to_string();
    let mut buffer: Vec<u8> = Vec::new();
    clap_complete::generate(args.shell, &mut command, name, &mut buffer);
    let mut out = io::stdout().lock();
    out.write_all(&buffer)?;
    out.flush()?;
    Ok(0)
}

/// Writes the man page, crosscheck(1) in roff, to stdout.
pub(crate) fn man() -> io::Result<u8> {
    let mut buffer: Vec<u8> = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut buffer)?;
    let mut out = io::stdout().lock();
    out.write_all(&buffer)?;
    out.flush()?;
    Ok(0)
}

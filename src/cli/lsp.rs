//! `lsp`: the language server ([`crosscheck::lsp`]) on stdin and stdout.

use super::*;

#[derive(Debug, Args)]
pub(crate) struct LspArgs {
    /// The claim index drafts are checked against (`crosscheck index
    /// update`); else the client's `initializationOptions.index`.
    #[arg(long, value_name = "FILE")]
    pub(crate) index: Option<PathBuf>,
    /// The baseline file: its findings are not shown, and the "Accept into
    /// baseline" action writes to it; else `initializationOptions.baseline`.
    #[arg(long, value_name = "FILE")]
    pub(crate) baseline: Option<PathBuf>,
    /// Milliseconds after the last change before a draft is checked.
    #[arg(long, value_name = "MS", default_value_t = crosscheck::lsp::DEBOUNCE.as_millis() as u64)]
    pub(crate) debounce: u64,
    #[command(flatten)]
    pub(crate) common: Common,
}

/// Serves one editor until it exits: 0 after a clean shutdown, 1 when the
/// client went away without one, 2 when the rules cannot be loaded.
pub(crate) fn lsp(args: &LspArgs) -> io::Result<u8> {
    let settings = match Settings::load(&args.common, None) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let options = crosscheck::lsp::Options {
        index: args.index.clone(),
        baseline: args.baseline.clone(),
        debounce: std::time::Duration::from_millis(args.debounce),
    };
    let input = io::BufReader::new(io::stdin());
    let code = crosscheck::lsp::serve(settings.setup, options, input, io::stdout().lock())?;
    Ok(u8::try_from(code).unwrap_or(2))
}

//! The `crosscheck` binary: parses the command line, runs, maps the result
//! to an exit code. A broken pipe (`crosscheck … | head`) is success.

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    match cli::run() {
        Ok(code) => ExitCode::from(code),
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("crosscheck: {e}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(e: &std::io::Error) -> bool {
    e.kind() == std::io::ErrorKind::BrokenPipe
}

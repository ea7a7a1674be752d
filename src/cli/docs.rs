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

#[derive(Debug, Args)]
pub(crate) struct ManArgs {
    /// The subcommand whose page to print (`check`, `rules explain`);
    /// crosscheck(1) when none.
    #[arg(value_name = "SUBCOMMAND", conflicts_with = "dir")]
    pub(crate) subcommand: Vec<String>,
    /// Write every page (crosscheck.1, crosscheck-check.1, …) into this
    /// folder, creating it if needed, and print the paths written.
    #[arg(long, value_name = "DIR")]
    pub(crate) dir: Option<PathBuf>,
}

/// The command line as the man pages describe it: built, so subcommands
/// carry their full names (`crosscheck-rules-explain`), and without clap's
/// `help` subcommand, which has no page.
fn man_command() -> clap::Command {
    let mut command = Cli::command().disable_help_subcommand(true);
    command.build();
    command
}

/// The page of one command; every page names crosscheck and its version as
/// its source (a subcommand has no version of its own).
fn man_page(command: clap::Command) -> clap_mangen::Man {
    clap_mangen::Man::new(command).source(format!("crosscheck {}", env!("CARGO_PKG_VERSION")))
}

/// Writes a man page in roff to stdout: crosscheck(1), or the page of the
/// subcommand named (crosscheck-check(1), crosscheck-rules-explain(1)); with
/// `--dir`, writes every page into that folder.
pub(crate) fn man(args: &ManArgs) -> io::Result<u8> {
    let command = man_command();
    if let Some(dir) = &args.dir {
        return man_pages_to(command, dir);
    }
    let mut page = &command;
    for name in &args.subcommand {
        let Some(sub) = page.find_subcommand(name) else {
            let known: Vec<&str> = page.get_subcommands().map(|c| c.get_name()).collect();
            eprintln!(
                "crosscheck: no man page for `{}`; {} has pages for: {}",
                args.subcommand.join(" "),
                page.get_bin_name().unwrap_or_else(|| page.get_name()),
                known.join(", ")
            );
            return Ok(2);
        };
        page = sub;
    }
    let mut buffer: Vec<u8> = Vec::new();
    man_page(page.clone()).render(&mut buffer)?;
    let mut out = io::stdout().lock();
    out.write_all(&buffer)?;
    out.flush()?;
    Ok(0)
}

/// Writes the page of `command` and of every subcommand, at any depth,
/// into `dir`; prints each path written.
fn man_pages_to(command: clap::Command, dir: &std::path::Path) -> io::Result<u8> {
    std::fs::create_dir_all(dir)?;
    let mut pending = vec![command];
    let mut written = Vec::new();
    while let Some(command) = pending.pop() {
        pending.extend(command.get_subcommands().filter(|s| !s.is_hide_set()).cloned());
        let man = man_page(command);
        let mut buffer: Vec<u8> = Vec::new();
        man.render(&mut buffer)?;
        let path = dir.join(man.get_filename());
        write_atomically(&path, &buffer)?;
        written.push(path);
    }
    written.sort();
    let mut out = io::stdout().lock();
    for path in written {
        writeln!(out, "{}", path.display())?;
    }
    out.flush()?;
    Ok(0)
}

//! `serve`: the review page on a claim index ([`crosscheck::serve`]).

use super::*;
use crosscheck::review::Reviewer;
use crosscheck::serve::{update, Options, Server};
use crosscheck::setup::EngineFiles;
use std::sync::{Arc, Mutex};

#[derive(Debug, Args)]
pub(crate) struct ServeArgs {
    /// The claim index to review drafts against (`crosscheck index update`).
    #[arg(long, value_name = "FILE")]
    pub(crate) index: PathBuf,
    /// Keep the index up to this published corpus: updated at start, then
    /// in the background every --every seconds.
    #[arg(long, value_name = "DIR", num_args = 1..)]
    pub(crate) archive: Vec<PathBuf>,
    /// Seconds between two updates from --archive.
    #[arg(long, value_name = "SECONDS", default_value_t = 60, requires = "archive")]
    pub(crate) every: u64,
    /// A folder of drafts the page may open (nothing outside it is read).
    #[arg(long, value_name = "DIR")]
    pub(crate) drafts: Option<PathBuf>,
    /// The baseline file findings accepted on the page are written to
    /// (made by the first acceptance if missing).
    #[arg(long, value_name = "FILE")]
    pub(crate) baseline: Option<PathBuf>,
    /// The address to listen on; port 0 picks a free one. Any address but
    /// loopback needs a token.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:4747")]
    pub(crate) bind: std::net::SocketAddr,
    /// The token every request must carry. Generated and printed when the
    /// address is not loopback and none is given.
    #[arg(long, value_name = "TOKEN")]
    pub(crate) token: Option<String>,
    /// The largest request body, in bytes (larger: 413).
    #[arg(long, value_name = "BYTES", default_value_t = crosscheck::serve::BODY_LIMIT)]
    pub(crate) max_body: usize,
    /// Who accepts findings, as the baseline records it [default: $USER].
    #[arg(long, value_name = "NAME")]
    pub(crate) user: Option<String>,
    /// Threads answering requests.
    #[arg(long, value_name = "N", default_value_t = 8)]
    pub(crate) workers: usize,
    /// Trust weights of sources (YAML), for weighted majorities.
    #[arg(long, value_name = "FILE")]
    pub(crate) source_weights: Option<PathBuf>,
    /// A reference fact sheet (YAML).
    #[arg(long, value_name = "FILE")]
    pub(crate) facts: Option<PathBuf>,
    #[command(flatten)]
    pub(crate) common: Common,
}

pub(crate) fn serve(args: &ServeArgs) -> io::Result<u8> {
    let mut settings = match Settings::load(&args.common, None) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let updates = Arc::new(Mutex::new(update::Status::default()));
    // The updates read with a setup of their own: the engine takes the
    // rules of the first.
    let updater = if args.archive.is_empty() {
        None
    } else {
        let Ok(again) = Settings::load(&args.common, None) else {
            return Ok(2);
        };
        let first = update::once(&again.setup, &args.index, &args.archive);
        if let Some(e) = &first.error {
            eprintln!("crosscheck: {e}");
            return Ok(2);
        }
        eprintln!(
            "crosscheck: index {}: {} articles, {} extracted, {} removed",
            args.index.display(),
            first.articles,
            first.extracted,
            first.removed
        );
        *updates.lock().unwrap_or_else(|e| e.into_inner()) = first;
        Some(again.setup)
    };
    let fingerprint = settings.fingerprint();
    let files = EngineFiles {
        weights: args.source_weights.as_deref(),
        facts: args.facts.as_deref(),
        baseline: None,
    };
    let engine = match settings.setup.engine(files) {
        Ok(e) => e,
        Err(e) => return print_setup_error(&e, settings.color),
    };
    let reviewer = match Reviewer::open(engine, &fingerprint, &args.index, args.baseline.as_deref()) {
        Ok(r) => Arc::new(r),
        Err(e) => {
            eprintln!("crosscheck: {e}");
            return Ok(2);
        }
    };
    let options = Options {
        bind: args.bind,
        token: args.token.clone(),
        drafts: args.drafts.clone(),
        body_limit: args.max_body,
        user: args.user.clone().unwrap_or_else(crosscheck::review::user_name),
        workers: args.workers,
    };
    let server = match Server::bind(reviewer, options, updates.clone()) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("crosscheck: {e}");
            return Ok(2);
        }
    };
    {
        let mut out = io::stdout().lock();
        writeln!(out, "crosscheck serve: listening on {}", server.url())?;
        if let (Some(token), None) = (server.token(), &args.token) {
            writeln!(out, "crosscheck serve: token {token} (every request must carry it)")?;
        }
        out.flush()?;
    }
    if let Some(setup) = updater {
        let every = std::time::Duration::from_secs(args.every.max(1));
        update::in_background(setup, args.index.clone(), args.archive.clone(), every, updates);
    }
    server.run();
    Ok(0)
}

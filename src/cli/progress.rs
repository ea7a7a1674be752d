//! A progress bar for long runs: bytes read, MB/s and articles/s on stderr,
//! then a spinner while the claims are compared and the report written
//! ([`Progress::then`]), only when stderr is a terminal and the corpus is
//! large enough to wait for. Silent otherwise, so pipes and CI logs never
//! see it.

use crosscheck::input::corpus::Input;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::sync::atomic::{AtomicU64, Ordering};

/// Corpora smaller than this finish before a bar would help.
const MIN_BYTES: u64 = 8 << 20;

pub(crate) struct Progress {
    bar: Option<ProgressBar>,
    articles: AtomicU64,
}

impl Progress {
    pub(crate) fn new(inputs: &[Input]) -> Progress {
        let bar = std::io::stderr()
            .is_terminal()
            .then(|| total_bytes(inputs))
            .filter(|&n| n >= MIN_BYTES)
            .map(|n| {
                let bar = ProgressBar::with_draw_target(Some(n), ProgressDrawTarget::stderr_with_hz(4));
                let style =
                    ProgressStyle::with_template("{bar:30} {bytes}/{total_bytes} {bytes_per_sec} {msg} ({eta})")
                        .unwrap_or_else(|_| ProgressStyle::default_bar());
                bar.set_style(style);
                bar
            });
        Progress {
            bar,
            articles: AtomicU64::new(0),
        }
    }

    /// One article of `bytes` done.
    pub(crate) fn tick(&self, bytes: u64) {
        let Some(bar) = &self.bar else { return };
        let n = self.articles.fetch_add(1, Ordering::Relaxed) + 1;
        bar.inc(bytes);
        if n % 256 == 0 {
            let secs = bar.elapsed().as_secs_f64().max(0.001);
            bar.set_message(format!("{n} articles, {:.0} articles/s", n as f64 / secs));
        }
    }

    pub(crate) fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }

    /// The bar done, a spinner saying `what` comes next (the comparison and
    /// the report), until [`Phase::finish`]. Silent when the bar was.
    pub(crate) fn then(&self, what: &str) -> Phase {
        self.finish();
        let spinner = self.bar.as_ref().map(|_| {
            // A bar of its own: its first frame is drawn at once, whatever
            // the last frame of the reading bar.
            let spinner = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr_with_hz(4));
            let style = ProgressStyle::with_template("{spinner} {msg} ({elapsed})")
                .unwrap_or_else(|_| ProgressStyle::default_spinner());
            spinner.set_style(style);
            spinner.set_message(what.to_string());
            spinner.tick();
            spinner.enable_steady_tick(std::time::Duration::from_millis(250));
            spinner
        });
        Phase { spinner }
    }
}

/// The spinner of a phase after reading (see [`Progress::then`]).
pub(crate) struct Phase {
    spinner: Option<ProgressBar>,
}

impl Phase {
    /// The next step of the phase.
    pub(crate) fn say(&self, what: &str) {
        if let Some(spinner) = &self.spinner {
            spinner.set_message(what.to_string());
        }
    }

    pub(crate) fn finish(&self) {
        if let Some(spinner) = &self.spinner {
            spinner.finish_and_clear();
        }
    }
}

impl Drop for Phase {
    /// A run that stops early (an error) leaves no spinner behind.
    fn drop(&mut self) {
        self.finish();
    }
}

fn total_bytes(inputs: &[Input]) -> u64 {
    inputs
        .iter()
        .filter_map(|i| match i {
            Input::File(p, _) | Input::Jsonl(p) => std::fs::metadata(p).ok().map(|m| m.len()),
            Input::Stdin | Input::StdinJsonl => None,
        })
        .sum()
}

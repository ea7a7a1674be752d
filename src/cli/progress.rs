//! A progress bar for long runs: bytes read, MB/s and articles/s on stderr,
//! only when stderr is a terminal and the corpus is large enough to wait
//! for. Silent otherwise, so pipes and CI logs never see it.

use crosscheck::corpus::Input;
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

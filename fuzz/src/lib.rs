//! A small mutation fuzzer for stable Rust (no nightly, no sanitizers).
//!
//! `cargo fuzz` needs nightly; this engine needs nothing but std. Each
//! target binary (`src/bin/*.rs`) gives seeds, a dictionary and a function
//! from bytes to a *behaviour signature* (`u64`). The engine mutates corpus
//! entries (bit flips, splices, dictionary words, Arabic marks, repeats…),
//! runs the target under `catch_unwind`, keeps every input whose signature
//! it has not seen before (a coarse, coverage-free feedback), and
//!
//! * saves an input that panics to `out/<target>/crash-<hash>` (with the
//!   panic message beside it, deduplicated by panic location) and goes on;
//! * saves an input that runs longer than `--slow` seconds to `slow-<hash>`;
//! * saves an input still running after `--timeout` seconds to
//!   `hang-<hash>` and exits with status 3 (a watchdog thread sees it).
//!
//! Usage: `<target> [--secs N] [--seed N] [--max-len BYTES] [--timeout S]
//! [--slow S] [--out DIR]`, or `<target> --run FILE...` to replay inputs.

use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::io::Write;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// What a fuzz target provides.
pub struct Target {
    pub name: &'static str,
    /// Realistic starting inputs.
    pub seeds: Vec<Vec<u8>>,
    /// Tokens the mutator inserts whole.
    pub dict: Vec<Vec<u8>>,
    /// Runs one input; returns a signature of what it did.
    pub run: fn(&[u8]) -> u64,
    /// Inputs longer than this are cut.
    pub max_len: usize,
}

/// Tokens every target gets: the characters the issue lists as edges.
pub fn edge_tokens() -> Vec<Vec<u8>> {
    [
        "\u{FEFF}",
        "\r\n",
        "\r",
        "\n",
        "\0",
        "\u{200F}",
        "\u{200E}",
        "\u{061C}",
        "\u{202B}",
        "\u{2067}",
        "\u{200B}",
        "ـ",
        "ً",
        "ٌ",
        "ٍ",
        "َ",
        "ُ",
        "ِ",
        "ّ",
        "ْ",
        "ٰ",
        "\u{00A0}",
        "\u{202F}",
        "٠",
        "١",
        "٢",
        "٣",
        "٩",
        "٫",
        "٬",
        "۱",
        "۲",
        "أ",
        "إ",
        "آ",
        "ٱ",
        "ى",
        "ة",
        "ال",
        "الـ",
        "و",
        "ب",
        "ل",
        "😀",
        "👨\u{200D}👩\u{200D}👧",
        "🇲🇦",
        "\u{10FFFF}",
        "\u{0301}",
        " ",
        "  ",
        "-",
        ".",
        ",",
        "/",
        ":",
        "'",
        "\"",
        "\\",
        "{",
        "}",
        "[",
        "]",
    ]
    .iter()
    .map(|s| s.as_bytes().to_vec())
    .collect()
}

/// Every file of a folder (sorted), or nothing if it is missing.
pub fn files_in(dir: &Path) -> Vec<Vec<u8>> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| d.flatten().map(|e| e.path()).filter(|p| p.is_file()).collect())
        .unwrap_or_default();
    paths.sort();
    paths.into_iter().filter_map(|p| std::fs::read(p).ok()).collect()
}

/// The main crate's folder (the parent of `fuzz/`).
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// A stable hash of some bytes (FNV-1a).
pub fn fnv(data: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in data {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x100_0000_01b3);
    }
    h
}

/// A signature from anything hashable.
pub fn sig<T: Hash>(v: T) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    v.hash(&mut h);
    h.finish()
}

/// A coarse bucket of a count, so a signature does not change with every
/// extra item (AFL's hit-count buckets).
pub fn bucket(n: usize) -> u8 {
    match n {
        0..=3 => n as u8,
        4..=7 => 4,
        8..=15 => 5,
        16..=31 => 6,
        32..=127 => 7,
        _ => 8,
    }
}

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
    fn chance(&mut self, one_in: usize) -> bool {
        self.below(one_in) == 0
    }
}

fn mutate(rng: &mut Rng, input: &mut Vec<u8>, corpus: &[Vec<u8>], dict: &[Vec<u8>], max_len: usize) {
    let rounds = 1 + rng.below(8);
    for _ in 0..rounds {
        let len = input.len();
        match rng.below(14) {
            0 if len > 0 => {
                let i = rng.below(len);
                input[i] ^= 1 << rng.below(8);
            }
            1 if len > 0 => {
                let i = rng.below(len);
                input[i] = rng.next() as u8;
            }
            2 => {
                let i = rng.below(len + 1);
                input.insert(i, rng.next() as u8);
            }
            3 if len > 0 => {
                let i = rng.below(len);
                let n = 1 + rng.below((len - i).min(64));
                input.drain(i..i + n);
            }
            4 | 5 | 6 if !dict.is_empty() => {
                let word = &dict[rng.below(dict.len())];
                let i = rng.below(len + 1);
                input.splice(i..i, word.iter().copied());
            }
            7 if !dict.is_empty() && len > 0 => {
                // overwrite a piece with a word
                let word = &dict[rng.below(dict.len())];
                let i = rng.below(len);
                let end = (i + word.len()).min(len);
                input.splice(i..end, word.iter().copied());
            }
            8 if !corpus.is_empty() => {
                // splice: a piece of another entry
                let other = &corpus[rng.below(corpus.len())];
                if !other.is_empty() {
                    let a = rng.below(other.len());
                    let b = a + 1 + rng.below((other.len() - a).min(512));
                    let i = rng.below(len + 1);
                    input.splice(i..i, other[a..b].iter().copied());
                }
            }
            9 if len > 0 => {
                // duplicate a chunk, sometimes many times
                let a = rng.below(len);
                let b = a + 1 + rng.below((len - a).min(64));
                let chunk = input[a..b].to_vec();
                let times = if rng.chance(8) { 1 + rng.below(200) } else { 1 };
                for _ in 0..times {
                    if input.len() + chunk.len() > max_len {
                        break;
                    }
                    input.splice(b..b, chunk.iter().copied());
                }
            }
            10 if len > 1 => {
                let cut = rng.below(len);
                input.truncate(cut.max(1));
            }
            11 if len > 0 => {
                // an ASCII digit run (numbers are what the grammars read)
                let i = rng.below(len + 1);
                let top = if rng.chance(10) { 40 } else { 5 };
                let n = 1 + rng.below(top);
                let digits: Vec<u8> = (0..n).map(|_| b'0' + rng.below(10) as u8).collect();
                input.splice(i..i, digits);
            }
            12 if len > 1 => {
                // swap two bytes
                let (i, j) = (rng.below(len), rng.below(len));
                input.swap(i, j);
            }
            _ => {
                // a random char, any plane
                let c = loop {
                    let cp = match rng.below(4) {
                        0 => rng.below(0x80) as u32,
                        1 => 0x600 + rng.below(0x100) as u32,
                        2 => 0x2000 + rng.below(0x70) as u32,
                        _ => rng.below(0x11_0000) as u32,
                    };
                    if let Some(c) = char::from_u32(cp) {
                        break c;
                    }
                };
                let mut buf = [0; 4];
                let i = rng.below(len + 1);
                input.splice(i..i, c.encode_utf8(&mut buf).bytes());
            }
        }
    }
    input.truncate(max_len);
}

struct Args {
    secs: u64,
    seed: u64,
    max_len: Option<usize>,
    timeout: u64,
    slow: f64,
    out: PathBuf,
    replay: Vec<PathBuf>,
}

fn args() -> Args {
    let mut a = Args {
        secs: 60,
        seed: 0,
        max_len: None,
        timeout: 20,
        slow: 2.0,
        out: Path::new(env!("CARGO_MANIFEST_DIR")).join("out"),
        replay: Vec::new(),
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut val = || it.next().unwrap_or_else(|| panic!("{arg} needs a value"));
        match arg.as_str() {
            "--secs" => a.secs = val().parse().expect("--secs N"),
            "--seed" => a.seed = val().parse().expect("--seed N"),
            "--max-len" => a.max_len = Some(val().parse().expect("--max-len N")),
            "--timeout" => a.timeout = val().parse().expect("--timeout S"),
            "--slow" => a.slow = val().parse().expect("--slow S"),
            "--out" => a.out = PathBuf::from(val()),
            "--run" => a.replay.extend(it.by_ref().map(PathBuf::from)),
            other => panic!("unknown argument {other}"),
        }
    }
    a
}

thread_local! {
    static LAST_PANIC: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Runs a target: fuzzes for `--secs`, or replays `--run` files.
pub fn main(target: Target) {
    let a = args();
    panic::set_hook(Box::new(|info| {
        let msg = format!("{info}");
        LAST_PANIC.with(|p| *p.borrow_mut() = Some(msg));
    }));
    if !a.replay.is_empty() {
        for path in &a.replay {
            let data = std::fs::read(path).expect("readable input");
            let started = Instant::now();
            let r = panic::catch_unwind(AssertUnwindSafe(|| (target.run)(&data)));
            let took = started.elapsed();
            match r {
                Ok(s) => println!("{}: ok (signature {s:016x}) in {took:?}", path.display()),
                Err(_) => {
                    let msg = LAST_PANIC.with(|p| p.borrow_mut().take()).unwrap_or_default();
                    println!("{}: PANIC in {took:?}: {msg}", path.display());
                }
            }
        }
        return;
    }
    fuzz(target, a);
}

fn fuzz(target: Target, a: Args) {
    let out = a.out.join(target.name);
    let saved = out.join("corpus");
    std::fs::create_dir_all(&saved).expect("output folder");
    let max_len = a.max_len.unwrap_or(target.max_len);
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ a.seed.wrapping_mul(0x1000_0000_01B3) | 1);

    // The watchdog: the input running now and since when.
    let current: Arc<Mutex<Vec<u8>>> = Arc::new(Mutex::new(Vec::new()));
    let started_ms = Arc::new(AtomicU64::new(0));
    let epoch = Instant::now();
    {
        let (current, started_ms, out) = (current.clone(), started_ms.clone(), out.clone());
        let timeout_ms = a.timeout * 1000;
        let name = target.name;
        std::thread::spawn(move || loop {
            std::thread::sleep(Duration::from_millis(250));
            let s = started_ms.load(Ordering::SeqCst);
            let now = epoch.elapsed().as_millis() as u64;
            if s != 0 && now.saturating_sub(s) > timeout_ms {
                // The main thread holds no lock while the target runs.
                let data = current.lock().map(|d| d.clone()).unwrap_or_default();
                let path = out.join(format!("hang-{:016x}", fnv(&data)));
                let _ = std::fs::write(&path, &data);
                eprintln!(
                    "[{name}] HANG: input ran over {}s, saved {}",
                    timeout_ms / 1000,
                    path.display()
                );
                std::process::exit(3);
            }
        });
    }

    let mut corpus: Vec<Vec<u8>> = Vec::new();
    let mut seen: HashSet<u64> = HashSet::new();
    let mut crashes: HashMap<String, PathBuf> = HashMap::new();
    let mut slow = 0usize;
    let execs = std::cell::Cell::new(0u64);
    let run_one = |data: &[u8],
                   corpus: &mut Vec<Vec<u8>>,
                   seen: &mut HashSet<u64>,
                   crashes: &mut HashMap<String, PathBuf>,
                   slow: &mut usize,
                   rng: &mut Rng| {
        *current.lock().expect("lock") = data.to_vec();
        let t0 = Instant::now();
        started_ms.store(epoch.elapsed().as_millis().max(1) as u64, Ordering::SeqCst);
        let r = panic::catch_unwind(AssertUnwindSafe(|| (target.run)(data)));
        started_ms.store(0, Ordering::SeqCst);
        let took = t0.elapsed();
        execs.set(execs.get() + 1);
        match r {
            Ok(s) => {
                if seen.insert(s) {
                    if corpus.len() < 20_000 {
                        corpus.push(data.to_vec());
                    } else {
                        let i = rng.below(corpus.len());
                        corpus[i] = data.to_vec();
                    }
                    if data.len() <= 64 * 1024 {
                        let _ = std::fs::write(saved.join(format!("{:016x}", fnv(data))), data);
                    }
                }
            }
            Err(_) => {
                let msg = LAST_PANIC.with(|p| p.borrow_mut().take()).unwrap_or_default();
                // Deduplicate by the panic's location line.
                let key = msg.lines().next().unwrap_or("").to_string();
                let key = key.rsplit_once(" at ").map_or(key.clone(), |(_, at)| at.to_string());
                let better = crashes.get(&key).map_or(true, |p| {
                    std::fs::metadata(p).map_or(true, |m| (data.len() as u64) < m.len())
                });
                if better {
                    if let Some(old) = crashes.get(&key) {
                        let _ = std::fs::remove_file(old);
                        let _ = std::fs::remove_file(old.with_extension("txt"));
                    }
                    let path = out.join(format!("crash-{:016x}", fnv(data)));
                    let _ = std::fs::write(&path, data);
                    let _ = std::fs::write(path.with_extension("txt"), &msg);
                    if !crashes.contains_key(&key) {
                        eprintln!("[{}] CRASH: {msg}\n  saved {}", target.name, path.display());
                    }
                    crashes.insert(key, path);
                }
            }
        }
        if took.as_secs_f64() > a.slow {
            *slow += 1;
            let path = out.join(format!("slow-{:016x}", fnv(data)));
            if !path.exists() {
                let _ = std::fs::write(&path, data);
                eprintln!(
                    "[{}] SLOW: {:.1}s on {} bytes, saved {}",
                    target.name,
                    took.as_secs_f64(),
                    data.len(),
                    path.display()
                );
            }
        }
    };

    // Seeds, then what earlier runs kept.
    let mut initial = target.seeds.clone();
    initial.extend(files_in(&saved));
    for s in &initial {
        let mut s = s.clone();
        s.truncate(max_len);
        run_one(&s, &mut corpus, &mut seen, &mut crashes, &mut slow, &mut rng);
        if !corpus.iter().any(|c| c == &s) {
            corpus.push(s);
        }
    }
    let deadline = Instant::now() + Duration::from_secs(a.secs);
    let mut last_report = Instant::now();
    let started = Instant::now();
    while Instant::now() < deadline {
        let mut input = corpus[rng.below(corpus.len())].clone();
        mutate(&mut rng, &mut input, &corpus, &target.dict, max_len);
        run_one(&input, &mut corpus, &mut seen, &mut crashes, &mut slow, &mut rng);
        if last_report.elapsed() > Duration::from_secs(30) {
            last_report = Instant::now();
            eprintln!(
                "[{}] {:>6}s execs {} ({:.0}/s) corpus {} signatures {} crashes {} slow {}",
                target.name,
                started.elapsed().as_secs(),
                execs.get(),
                execs.get() as f64 / started.elapsed().as_secs_f64(),
                corpus.len(),
                seen.len(),
                crashes.len(),
                slow
            );
        }
    }
    let secs = started.elapsed().as_secs_f64();
    let summary = format!(
        "target={} seconds={:.0} execs={} execs_per_sec={:.0} corpus={} signatures={} crashes={} slow={} hangs=0\n",
        target.name,
        secs,
        execs.get(),
        execs.get() as f64 / secs,
        corpus.len(),
        seen.len(),
        crashes.len(),
        slow
    );
    eprint!("{summary}");
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(out.join("runs.log"))
        .expect("runs.log");
    let _ = f.write_all(summary.as_bytes());
}

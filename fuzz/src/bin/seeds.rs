//! Writes each target's starting inputs to `<dir>/<target>/` and its
//! dictionary to `<dir>/<target>.dict` (default dir: `fuzz/in`).
//!
//! Usage: `seeds [DIR] [TARGET]...` (all targets when none is named).
use crosscheck_fuzz::checks::TARGETS;
use crosscheck_fuzz::seeds::for_target;
use std::fmt::Write as _;
use std::path::PathBuf;

/// One token in AFL++'s dictionary syntax: `"..."` with `\xNN` escapes.
fn dict_line(token: &[u8]) -> String {
    let mut line = String::from("\"");
    for &b in token {
        if (0x20..0x7f).contains(&b) && b != b'"' && b != b'\\' {
            line.push(b as char);
        } else {
            let _ = write!(line, "\\x{b:02x}");
        }
    }
    line.push('"');
    line
}

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(args.next().unwrap_or_else(|| "fuzz/in".into()));
    let mut names: Vec<String> = args.collect();
    if names.is_empty() {
        names = TARGETS.iter().map(|t| t.0.to_string()).collect();
    }
    for name in &names {
        let Some((seeds, dict)) = for_target(name) else {
            eprintln!("seeds: no target `{name}` (targets: rules, jsonl, frontmatter, grammars)");
            std::process::exit(2);
        };
        let out = dir.join(name);
        std::fs::create_dir_all(&out)?;
        let mut kept = 0;
        for (i, seed) in seeds.iter().enumerate() {
            // AFL++ wants small seeds; cut the largest (at a byte: the
            // targets take any bytes).
            let seed = &seed[..seed.len().min(64 * 1024)];
            std::fs::write(out.join(format!("seed-{i:04}")), seed)?;
            kept += 1;
        }
        let mut text = String::new();
        let mut tokens: Vec<&Vec<u8>> = dict.iter().filter(|t| !t.is_empty() && t.len() <= 128).collect();
        tokens.sort();
        tokens.dedup();
        for t in tokens {
            text.push_str(&dict_line(t));
            text.push('\n');
        }
        std::fs::write(dir.join(format!("{name}.dict")), text)?;
        println!(
            "{name}: {kept} seeds, dictionary {}",
            dir.join(format!("{name}.dict")).display()
        );
    }
    Ok(())
}

//! The README's examples are true: the sample output is what `check seeds/`
//! prints, the rule pack and config examples load, and every command the
//! README names is one the binary accepts.
//!
//! `CROSSCHECK_UPDATE_README=1 cargo test --test readme` rewrites the sample.

mod support;

use support::{fenced_after, readme, root, Output};

const START: &str = "<!-- sample-output: check seeds/ --color never (COLUMNS=100) -->\n```text\n";
const END: &str = "```\n<!-- end-sample-output -->";

/// `crosscheck args…` in the crate's folder.
fn crosscheck(args: &[&str]) -> Output {
    support::run(root(), args)
}

#[test]
fn sample_output_is_what_check_seeds_prints() {
    let out = crosscheck(&["check", "seeds/", "--color", "never"]);
    assert_eq!(out.code, 1, "check seeds/ exits 1 as the README says");
    let actual = out.stdout;
    let text = readme();
    let start = text.find(START).expect("README has the sample marker") + START.len();
    let end = text[start..].find(END).expect("README has the end marker") + start;
    if std::env::var_os("CROSSCHECK_UPDATE_README").is_some() {
        let updated = format!("{}{}{}", &text[..start], actual, &text[end..]);
        std::fs::write(root().join("README.md"), updated).expect("README.md is writable");
        return;
    }
    assert_eq!(
        &text[start..end],
        actual,
        "README sample differs; run CROSSCHECK_UPDATE_README=1 cargo test --test readme"
    );
}

#[test]
fn rule_pack_example_loads_and_its_examples_hold() {
    let yaml = fenced_after(&readme(), "## Rule packs", "yaml");
    let set = crosscheck::rules::RuleSet::load(&[("README.md".to_string(), yaml)]);
    let set = set.unwrap_or_else(|e| panic!("README's pack does not load: {:?}", e[0].message));
    assert_eq!(set.rules[0].key, "interpol.member-states");
}

#[test]
fn config_example_parses() {
    let toml = fenced_after(&readme(), "## Configuration", "toml");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crosscheck.toml");
    std::fs::write(&path, toml).unwrap();
    let config = crosscheck::config::Config::load(&path).unwrap_or_else(|e| panic!("{}", e.message));
    assert_eq!(config.disable, ["interpol.delegates"]);
}

#[test]
fn every_command_in_the_table_is_accepted() {
    let text = readme();
    let table = &text[text.find("## Commands").unwrap()..text.find("### Exit codes").unwrap()];
    let mut seen = 0;
    for line in table.lines().filter(|l| l.starts_with("| `crosscheck ")) {
        let cmd = &line[3..line[3..].find('`').unwrap() + 3];
        let words: Vec<&str> = cmd
            .split_whitespace()
            .skip(1)
            .take_while(|w| !w.starts_with('-') && w.chars().all(|c| c.is_ascii_lowercase() || c == '-'))
            .collect();
        let mut args = words.clone();
        args.push("--help");
        let out = crosscheck(&args);
        assert!(out.code == 0, "`crosscheck {}` is not a command", words.join(" "));
        seen += 1;
    }
    assert!(seen >= 6, "only {seen} commands found in the table");
}

#[test]
fn every_option_in_the_table_is_accepted_by_check() {
    let help = crosscheck(&["check", "--help"]).stdout;
    let text = readme();
    let table = &text[text.find("Options of `check`").unwrap()..text.find("### Exit codes").unwrap()];
    for line in table.lines().filter(|l| l.starts_with("| `-")) {
        for flag in line.split('`').filter(|w| w.starts_with("--")) {
            let name = flag.split([' ', '=']).next().unwrap();
            assert!(help.contains(name), "check --help lacks {name}");
        }
    }
}

#[test]
fn the_extract_column_of_the_options_table_is_what_extract_accepts() {
    let help = crosscheck(&["extract", "--help"]).stdout;
    let offered = |name: &str| {
        help.lines()
            .any(|l| l.trim_start().starts_with(name) || l.contains(&format!(", {name}")))
    };
    let text = readme();
    let table = &text[text.find("Options of `check`").unwrap()..text.find("### Exit codes").unwrap()];
    let mut marked = 0;
    for line in table.lines().filter(|l| l.starts_with("| `-")) {
        let ticked = line.trim_end().ends_with("| ✓ |");
        marked += usize::from(ticked);
        for flag in line.split('`').filter(|w| w.starts_with("--")) {
            let name = flag.split([' ', '=']).next().unwrap();
            assert_eq!(
                offered(name),
                ticked,
                "extract --help and the README disagree on {name}"
            );
        }
    }
    assert!(marked >= 5, "only {marked} options marked for extract");
}

/// Splits a shell command line: words, with 'single-quoted' parts.
fn shell_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    let mut any = false;
    for c in line.chars() {
        match c {
            '\'' => {
                quoted = !quoted;
                any = true;
            }
            ' ' if !quoted => {
                if any {
                    words.push(std::mem::take(&mut word));
                    any = false;
                }
            }
            _ => {
                word.push(c);
                any = true;
            }
        }
    }
    if any {
        words.push(word);
    }
    words
}

#[test]
fn console_examples_print_what_the_readme_shows() {
    let text = readme();
    let lines: Vec<&str> = text.lines().collect();
    let mut checked = 0;
    for (i, line) in lines.iter().enumerate() {
        let Some(command) = line.strip_prefix("$ crosscheck ") else {
            continue;
        };
        let expected: Vec<&str> = lines[i + 1..]
            .iter()
            .take_while(|l| !l.starts_with("```") && !l.starts_with("$ "))
            .copied()
            .collect();
        let args = shell_words(command);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = crosscheck(&args);
        let stdout = out.stdout;
        assert_eq!(
            stdout.trim_end(),
            expected.join("\n"),
            "README example `crosscheck {command}`"
        );
        checked += 1;
    }
    assert!(checked >= 1, "the README shows no console example");
}

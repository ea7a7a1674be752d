use std::time::Instant;
fn main() {
    let g = crosscheck::grammar::number::NumberGrammar::shared("ar").unwrap();
    let src = format!(r"\A(?:{})\z", g.cardinal_pattern());
    println!("len {}", src.len());
    for _ in 0..3 {
        let t = Instant::now();
        let r = regex::Regex::new(&src).unwrap();
        let a = t.elapsed();
        let t = Instant::now();
        let m = regex_automata::meta::Regex::builder()
            .configure(regex_automata::meta::Config::new().onepass(false).backtrack(false))
            .build(&src)
            .unwrap();
        let b = t.elapsed();
        let t = Instant::now();
        let hir = regex_syntax::parse(&src).unwrap();
        let c = t.elapsed();
        let t = Instant::now();
        let nfa = regex_automata::nfa::thompson::NFA::compiler()
            .configure(
                regex_automata::nfa::thompson::NFA::config()
                    .which_captures(regex_automata::nfa::thompson::WhichCaptures::None),
            )
            .build_from_hir(&hir)
            .unwrap();
        let d = t.elapsed();
        println!(
            "regex {a:?} meta-no-onepass {b:?} parse {c:?} nfa {d:?} {} {}",
            r.is_match("مائة"),
            m.is_match("دوله") || nfa.states().is_empty()
        );
    }
}

//! TEMPORARY STUB written by the lead so the crate compiles; the number-grammar owner replaces this whole file.
use std::sync::LazyLock;
pub struct NumberGrammar {
    card: String,
    ord: String,
}
static AR: LazyLock<NumberGrammar> = LazyLock::new(|| NumberGrammar {
    card: r"[0-9]+(?:\.[0-9]+)?|ثلاثه\s+واربعين".into(),
    ord: r"(?:ال\s*)?[0-9]+|الثالثه\s+والتسعين|الحاديه\s+والتسعين".into(),
});
impl NumberGrammar {
    pub fn for_language(_l: &str) -> Option<&'static NumberGrammar> {
        Some(&AR)
    }
    pub fn cardinal_pattern(&self) -> &str {
        &self.card
    }
    pub fn parse_cardinal(&self, s: &str) -> Option<f64> {
        if s.contains("ثلاثه") {
            Some(43.0)
        } else {
            s.parse().ok()
        }
    }
    pub fn ordinal_pattern(&self) -> &str {
        &self.ord
    }
    pub fn parse_ordinal(&self, s: &str) -> Option<u64> {
        if s.contains("الثالثه") {
            Some(93)
        } else if s.contains("الحاديه") {
            Some(91)
        } else {
            s.trim_start_matches("ال").trim().parse().ok()
        }
    }
    pub fn find_cardinals(&self, _t: &str) -> Vec<(usize, usize, f64)> {
        vec![]
    }
    pub fn find_ordinals(&self, _t: &str) -> Vec<(usize, usize, u64)> {
        vec![]
    }
}

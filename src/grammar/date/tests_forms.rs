//! Unit tests of the forms added for news copy: ranges in every connector,
//! weekdays with a time of day, years in words, computed days.

use super::*;
use crate::text::normalize::fold;

fn ar() -> DateGrammar {
    DateGrammar::with_numbers(CalendarLexicon::builtin("ar").unwrap(), NumberGrammar::shared("ar"))
}

fn dates(g: &DateGrammar, text: &str, reference: Option<NaiveDate>) -> Vec<String> {
    let re = lazy(&format!(r"\b(?:{})\b", g.date_pattern()));
    let text = fold(text);
    re.get()
        .find_iter(&text)
        .filter_map(|m| g.parse_date(m.as_str(), reference))
        .map(|d| d.canonical())
        .collect()
}

#[test]
fn a_weekday_and_its_date_are_one_claim() {
    let g = ar();
    let r = NaiveDate::from_ymd_opt(2025, 11, 20);
    assert_eq!(dates(&g, "الخميس المقبل 27 نوفمبر", r), ["2025-11-27"]);
}

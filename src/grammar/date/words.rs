//! The words of a lexicon as regex alternatives, and the expansion of the
//! form templates of [`super::forms`] with them.

use super::forms::{DAY, HIJRI_YEAR, NUMERIC, OLD_YEAR, YEAR};
use crate::grammar::calendar::{alternation, CalendarLexicon};
use crate::grammar::number::NumberGrammar;
use std::collections::BTreeMap;

/// An alternative that never matches, for an empty word list.
pub(super) const NEVER: &str = r"(?:[^\s\S])";

fn words_of(list: &[String]) -> String {
    if list.is_empty() {
        NEVER.to_string()
    } else {
        alternation(list)
    }
}

fn names_of(table: &BTreeMap<u32, Vec<String>>) -> String {
    let words = CalendarLexicon::words(table);
    if words.is_empty() {
        NEVER.to_string()
    } else {
        format!(r"{}\b", alternation(&words))
    }
}

/// The words a form template refers to, as regex alternatives.
pub(super) struct Words {
    /// Placeholder → replacement, for named groups and for plain ones.
    named: Vec<(&'static str, String)>,
    plain: Vec<(&'static str, String)>,
    pub(super) weekday: String,
    pub(super) today: String,
    /// A weekday before a date, unnamed: `الخميس المقبل`, `فجر السبت`.
    pub(super) weekday_before: String,
}

impl Words {
    pub(super) fn new(lx: &CalendarLexicon, numbers: Option<&NumberGrammar>) -> Words {
        let rel = &lx.relative;
        let ar = &lx.around;
        let first_day = if lx.first_day.is_empty() {
            String::new()
        } else {
            format!("|{}", alternation(&lx.first_day))
        };
        let month = names_of(&lx.months);
        let month_glued = {
            let words = CalendarLexicon::words(&lx.months);
            if words.is_empty() {
                NEVER.to_string()
            } else {
                alternation(&words)
            }
        };
        let weekday = names_of(&lx.weekdays);
        let stems = names_of(&ar.weekday_stems);
        let parts: Vec<String> = [
            &ar.parts_of_day.dawn,
            &ar.parts_of_day.morning,
            &ar.parts_of_day.noon,
            &ar.parts_of_day.afternoon,
            &ar.parts_of_day.evening,
            &ar.parts_of_day.night,
        ]
        .into_iter()
        .flatten()
        .cloned()
        .collect();
        let part = format!(r"{}\b", words_of(&parts));
        let ordinal = numbers.map_or(NEVER.to_string(), |n| format!("(?:{})", n.ordinal_pattern()));
        let day = format!("(?:{DAY}{first_day})");
        let and = words_of(&lx.range.and);
        let year_words = if ar.year_thousands.is_empty() {
            NEVER.to_string()
        } else {
            format!(
                r"(?:{t}\b(?:\s*{and}\s*{n}\b){{0,3}})",
                t = alternation(&ar.year_thousands),
                n = words_of(&ar.year_numbers),
            )
        };
        let dof = words_of(&lx.day_of);
        let inm = words_of(&ar.in_month);
        let glued = words_of(&ar.glued_in);
        let yw = words_of(&lx.year_words);
        let suf = words_of(&lx.year_suffix);
        let mw = words_of(&lx.month_word);
        let day_word = words_of(&lx.day_word);
        let corresponding = words_of(&ar.corresponding);
        let weekday_before = format!(
            r"(?:(?:{part}\s+)?(?:{day_word}\s+)?{weekday}(?:\s+(?:{next}|{last}))?\s*[(،,]?\s*(?:{corresponding}\s+)?)",
            next = words_of(&rel.next),
            last = words_of(&rel.last),
        );
        let units = format!(
            "(?:(?P<ud2>{})|(?P<uw2>{})|(?P<ud>{})|(?P<uw>{}))",
            words_of(&ar.two_days),
            words_of(&ar.two_weeks),
            words_of(&ar.days),
            words_of(&ar.weeks)
        );
        let units_plain = units
            .replace("(?P<ud2>", "(?:")
            .replace("(?P<uw2>", "(?:")
            .replace("(?P<ud>", "(?:")
            .replace("(?P<uw>", "(?:");
        let year = |wide: bool, extra: bool, n: &str| -> (String, String) {
            let digits = if wide {
                format!("{YEAR}|{OLD_YEAR}")
            } else {
                YEAR.to_string()
            };
            let prefix = if extra {
                format!(r"(?:(?:{dof}|{inm})\s+)?(?:{glued}\s?)?")
            } else {
                format!(r"(?:{dof}\s+)?")
            };
            // A year glued to the next word in scraped text (`2024ذكر`): the
            // word is part of the match, the year is the digits.
            let body = format!(r"(?:(?:{digits})(?:\p{{L}}+)?|{year_words})");
            let make = |g: String| format!(r"(?:\s*[,،]?\s*{prefix}(?:{yw}\s+)?{g}(?:\s?{suf})?\b)");
            (make(format!("(?P<{n}>{body})")), make(format!("(?:{body})")))
        };
        let month_alt = format!(r"{m}(?:\s*[/(]\s*{m}\s*\)?)?", m = month);
        let month_part = |n: &str, extra: bool, glued_day: bool| -> (String, String) {
            let prefix = if extra {
                format!(r"(?:(?:{dof}|{inm})\s+)?(?:{glued}\s?)?")
            } else {
                format!(r"(?:{dof}\s+)?")
            };
            let m = if glued_day { &month_glued } else { &month_alt };
            let make = |g: String| format!(r"{prefix}(?:{mw}\s+)?{g}");
            (make(format!("(?P<{n}>{m})")), make(format!("(?:{m})")))
        };
        let hijri_year = |named: bool| {
            let g = if named {
                format!("(?P<hy>{HIJRI_YEAR})")
            } else {
                format!("(?:{HIJRI_YEAR})")
            };
            format!(r"(?:{yw}\s+)?{g}(?:\s?{s})?", s = words_of(&lx.hijri_suffix))
        };
        let mut named = Vec::new();
        let mut plain = Vec::new();
        let mut both = |key: &'static str, (n, p): (String, String)| {
            named.push((key, n));
            plain.push((key, p));
        };
        let grp = |name: &str, body: &str| (format!("(?P<{name}>{body})"), format!("(?:{body})"));
        both("{y1w}", year(true, false, "y1"));
        both("{y1x}", year(false, true, "y1"));
        both("{y1}", year(false, false, "y1"));
        both("{y2}", year(false, false, "y2"));
        both("{m1x}", month_part("m1", true, false));
        both("{m1g}", month_part("m1", false, true));
        both("{m1}", month_part("m1", false, false));
        both("{m2}", month_part("m2", false, false));
        both("{hy}", (hijri_year(true), hijri_year(false)));
        both("{D1}", {
            let (a, b) = (grp("d1", &day), grp("o1", &ordinal));
            (format!("(?:{}|{})", a.0, b.0), format!("(?:{}|{})", a.1, b.1))
        });
        both("{D2}", {
            let (a, b) = (grp("d2", &day), grp("o2", &ordinal));
            (format!("(?:{}|{})", a.0, b.0), format!("(?:{}|{})", a.1, b.1))
        });
        both("{W}", (format!("{weekday_before}?"), format!("{weekday_before}?")));
        let wdx = format!("(?:{weekday}|{stems})");
        let to = format!(r"(?:(?:{and})\s*)?{}", words_of(&lx.range.to));
        let groups: Vec<(&'static str, &'static str, String)> = vec![
            ("{d1}", "d1", day.clone()),
            ("{d2}", "d2", day.clone()),
            ("{h1}", "h1", names_of(&lx.hijri_months)),
            ("{h2}", "h2", names_of(&lx.hijri_months)),
            ("{n1}", "n1", NUMERIC.to_string()),
            ("{n2}", "n2", NUMERIC.to_string()),
            ("{wdx}", "wdx", wdx),
            ("{wd2}", "wd2", weekday.clone()),
            ("{wd}", "wd", weekday.clone()),
            ("{od}", "od", ordinal.clone()),
            ("{nth}", "nth", ordinal),
            ("{lastd}", "lastd", words_of(&ar.last_before)),
            ("{lasta}", "lasta", words_of(&ar.last_after)),
            ("{third}", "third", names_of(&ar.month_thirds)),
            ("{this}", "this", words_of(&ar.this)),
            ("{week}", "wk", format!(r"{}\b", words_of(&ar.week))),
            ("{ago}", "ago", words_of(&ar.ago_before)),
            (
                "{cnt}",
                "cnt",
                format!(r"(?:[0-9]{{1,2}}|{}\b|\p{{L}}+)", words_of(&ar.one)),
            ),
            ("{nega}", "nega", format!(r"{}\b", words_of(&ar.ago_not_before))),
            ("{neg2}", "neg2", format!(r"{}\b", words_of(&lx.weekday_not_before))),
            ("{neg}", "neg", words_of(&ar.weekday_not_after)),
            ("{pt2}", "pt2", part.clone()),
            ("{pt}", "pt", part),
            ("{same}", "same", format!(r"{}\b", words_of(&ar.same_month))),
            ("{today}", "today", words_of(&rel.today)),
            ("{yesterday}", "yesterday", words_of(&rel.yesterday)),
            ("{tomorrow}", "tomorrow", words_of(&rel.tomorrow)),
            (
                "{before_yesterday}",
                "before_yesterday",
                words_of(&rel.day_before_yesterday),
            ),
            ("{after_tomorrow}", "after_tomorrow", words_of(&rel.day_after_tomorrow)),
            ("{current}", "current", words_of(&rel.current)),
            ("{next}", "next", words_of(&rel.next)),
            ("{last}", "last", words_of(&rel.last)),
            ("{mnext}", "next", words_of(&rel.month_next)),
            ("{mlast}", "last", words_of(&rel.month_last)),
        ];
        for (key, name, body) in groups {
            both(key, grp(name, &body));
        }
        both("{unit}", (units, units_plain));
        for (key, body) in [
            ("{WDN}", weekday.clone()),
            ("{AGOAFTER}", format!(r"{}\b", words_of(&ar.ago_after))),
            ("{MONTHWORD}", format!(r"{}\b", words_of(&rel.month))),
            ("{DAYWORD}", day_word),
            ("{DAYOF}", dof),
            ("{FROM}", words_of(&lx.range.from)),
            ("{TO}", to),
            ("{BETWEEN}", words_of(&lx.range.between)),
            ("{AND}", and),
            ("{NEXTW}", words_of(&rel.next)),
            ("{LASTW}", words_of(&rel.last)),
            ("{CORR}", corresponding.clone()),
            (
                "{MDAY}",
                if ar.month_day == Some(true) {
                    String::new()
                } else {
                    NEVER.to_string()
                },
            ),
        ] {
            both(key, (body.clone(), body));
        }
        Words {
            named,
            plain,
            weekday,
            today: words_of(&rel.today),
            weekday_before,
        }
    }

    /// Expands a form template. `{d1}` and the like become groups (named
    /// when `named`); `{FROM}` and the like become word alternatives.
    pub(super) fn expand(&self, template: &str, named: bool) -> String {
        let table = if named { &self.named } else { &self.plain };
        let mut out = template.to_string();
        for (key, body) in table {
            if out.contains(key) {
                out = out.replace(key, body);
            }
        }
        out
    }
}

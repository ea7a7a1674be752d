//! `--format html`: one self-contained page, for people.
//!
//! The page needs nothing but itself: inline CSS, no scripts, no fonts or
//! images to fetch. Article text runs in both directions, so every element
//! that shows it has `dir="auto"` (the browser reads its direction from its
//! first strong letter) and the font list falls back to Arabic fonts.
//! Everything that comes from an article, a rule or a path goes through
//! [`escape`]: an article can never inject markup.
//!
//! `check` gives a summary, the claim-by-source matrix of the findings'
//! claims (cells coloured by the findings' roles, each linked to the
//! finding that quotes it), and every finding with its quoted sentences
//! under an anchor `finding-<n>-<key>`. `extract` gives a table of claims;
//! `diff` ([`Html::diff`]) the full matrix and each cell's evidence.

use super::{FindingSink, Report, RunEnd, Summary, Whole};
use crate::compare::{Finding, Role};
use crate::diff::{self, Options, Stated, Table};
use crate::extract::Claim;
use crate::input::corpus::InputError;
use crate::input::sources::SourceWeights;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;
use std::io;

/// HTML output.
pub struct Html;

const CSS: &str = r#"
:root { color-scheme: light; --ink: #1f2328; --muted: #59636e; --line: #d1d9e0;
  --agree: #e6f4ea; --agree-line: #7cbf8e; --disagree: #fde7e4; --disagree-line: #d9534f;
  --mark: #fff1a8; --error: #b42318; --warning: #9a6700; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1200px; padding: 24px; color: var(--ink); background: #fff;
  font-family: system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Naskh Arabic", "Noto Sans Arabic",
    "Amiri", "Geeza Pro", "Arial", sans-serif; line-height: 1.5; }
h1 { font-size: 1.6rem; margin: 0 0 12px; }
h2 { font-size: 1.25rem; margin: 32px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 1rem; margin: 0 0 6px; display: flex; flex-wrap: wrap; gap: 8px; align-items: baseline; }
code, .path { font-family: ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", Menlo, Consolas, monospace;
  font-size: 0.85em; }
.note { color: var(--muted); font-size: 0.9rem; margin: 4px 0 12px; }
.summary { display: flex; flex-wrap: wrap; gap: 12px; margin: 0; padding: 0; }
.summary div { border: 1px solid var(--line); border-radius: 8px; padding: 8px 16px; min-width: 110px; }
.summary dt { color: var(--muted); font-size: 0.8rem; text-transform: uppercase; letter-spacing: 0.04em; }
.summary dd { margin: 0; font-size: 1.5rem; font-weight: 600; }
.summary .bad dd { color: var(--error); }
.summary .warn dd { color: var(--warning); }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid var(--line); padding: 6px 10px; vertical-align: top; text-align: start; }
thead th { background: #f6f8fa; font-weight: 600; }
.matrix th[scope=row] { font-weight: normal; min-width: 220px; }
.matrix th[scope=row] .title { display: block; font-weight: 600; }
.matrix th[scope=row] code { color: var(--muted); }
td.agree { background: var(--agree); box-shadow: inset 4px 0 0 var(--agree-line); }
td.disagree { background: var(--disagree); box-shadow: inset 4px 0 0 var(--disagree-line); font-weight: 600; }
td.silent { color: var(--muted); text-align: center; }
td.majority { font-weight: 600; }
.nw { white-space: nowrap; }
td a { color: inherit; text-decoration: underline dotted; text-underline-offset: 3px; }
td a.off { color: var(--error); }
.flag { color: var(--disagree-line); }
.legend { display: flex; gap: 16px; font-size: 0.85rem; color: var(--muted); margin-top: 8px; }
.legend span::before { content: ""; display: inline-block; width: 12px; height: 12px; margin-inline-end: 6px;
  vertical-align: -1px; border-radius: 2px; }
.legend .agree::before { background: var(--agree); border: 1px solid var(--agree-line); }
.legend .disagree::before { background: var(--disagree); border: 1px solid var(--disagree-line); }
.finding { border: 1px solid var(--line); border-radius: 8px; padding: 12px 16px; margin: 12px 0; }
.finding.error { border-inline-start: 5px solid var(--error); }
.finding.warning { border-inline-start: 5px solid var(--warning); }
.finding.baselined { opacity: 0.7; }
.finding:target { outline: 3px solid #0969da; }
.sev { text-transform: uppercase; font-size: 0.75rem; font-weight: 700; letter-spacing: 0.05em; }
.error .sev { color: var(--error); }
.warning .sev { color: var(--warning); }
.badge { font-size: 0.75rem; border: 1px solid var(--line); border-radius: 10px; padding: 0 8px; color: var(--muted); }
.anchor { color: var(--muted); text-decoration: none; }
.message { margin: 0 0 4px; font-weight: 600; }
.help { margin: 0 0 8px; color: var(--muted); }
.claims { list-style: none; margin: 0; padding: 0; }
.claim { margin: 8px 0; }
.where { font-size: 0.85rem; color: var(--muted); }
.role { font-weight: 700; text-transform: uppercase; font-size: 0.7rem; letter-spacing: 0.05em; }
.outlier .role { color: var(--error); }
.majority .role { color: #1a7f37; }
blockquote { margin: 4px 0 0; padding: 8px 12px; background: #f6f8fa; border-radius: 6px; text-align: start;
  font-size: 1.05rem; line-height: 1.8; unicode-bidi: plaintext; }
mark { background: var(--mark); padding: 0 2px; border-radius: 3px; }
.outlier mark { background: #ffc9c2; }
"#;

/// Text safe in HTML content and in quoted attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(ch),
        }
    }
    out
}

/// A whole page around a body.
fn page(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"ar\" dir=\"auto\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n{body}</body>\n</html>\n",
        escape(title)
    )
}

/// A string usable inside an `id`: no spaces, nothing unusual.
fn id_part(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_alphanumeric() || "-_.:".contains(c) {
                c
            } else {
                '-'
            }
        })
        .collect()
}

/// The anchor of the `n`th finding (1-based).
fn finding_anchor(n: usize, key: &str) -> String {
    format!("finding-{n}-{}", id_part(key))
}

fn evidence_anchor(key: &str) -> String {
    format!("evidence-{}", id_part(key))
}

/// Identifies a claim across the findings that carry copies of it.
type ClaimId = (String, usize, usize, String);

fn claim_id(c: &Claim) -> ClaimId {
    (c.article.to_string(), c.span.start, c.span.end, c.key.to_string())
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The summary boxes at the top of a `check` page.
fn summary(s: &Summary) -> String {
    let mut items = vec![
        ("articles", s.articles, ""),
        ("claims", s.claims, ""),
        ("errors", s.errors, if s.errors > 0 { "bad" } else { "" }),
        ("warnings", s.warnings, if s.warnings > 0 { "warn" } else { "" }),
        ("unreadable", s.unreadable, if s.unreadable > 0 { "bad" } else { "" }),
        ("baselined", s.baselined, ""),
    ];
    if s.stale > 0 {
        items.push(("stale baseline", s.stale, "warn"));
    }
    let boxes: String = items
        .iter()
        .map(|(label, n, class)| format!("<div class=\"{class}\"><dt>{label}</dt><dd>{n}</dd></div>"))
        .collect();
    format!("<dl class=\"summary\">{boxes}</dl>\n")
}

/// The matrix; `link` gives each value's evidence anchor.
fn matrix(table: &Table, link: &dyn Fn(&Stated) -> Option<String>) -> String {
    let mut html =
        String::from("<div class=\"scroll\"><table class=\"matrix\">\n<thead><tr><th scope=\"col\">fact</th>");
    for source in &table.sources {
        let _ = write!(html, "<th scope=\"col\" dir=\"auto\">{}</th>", escape(source));
    }
    let _ = write!(
        html,
        "<th scope=\"col\">{}</th></tr></thead>\n<tbody>\n",
        table.majority_label()
    );
    for row in &table.rows {
        let _ = write!(
            html,
            "<tr><th scope=\"row\"><span class=\"title\" dir=\"auto\">{}</span><code>{}</code></th>",
            escape(&row.title),
            escape(&row.key)
        );
        for source in &table.sources {
            html += &match row.cells.get(source) {
                Some(cell) => matrix_cell(cell, link),
                None => "<td class=\"silent\">—</td>".to_string(),
            };
        }
        let _ = writeln!(
            html,
            "<td class=\"majority\" dir=\"auto\"><bdi>{}</bdi></td></tr>",
            unbroken(&diff::majority_text(row))
        );
    }
    html += "</tbody></table></div>\n<div class=\"legend\"><span class=\"agree\">agrees with the majority</span>\
             <span class=\"disagree\">disagrees (✗)</span><span>— silent</span></div>\n";
    html
}

fn matrix_cell(cell: &diff::Cell, link: &dyn Fn(&Stated) -> Option<String>) -> String {
    let articles: BTreeSet<&str> = cell
        .values
        .iter()
        .flat_map(|v| v.claims.iter().map(|c| &*c.article))
        .collect();
    let title = articles.into_iter().collect::<Vec<_>>().join(", ");
    let values: Vec<String> = cell
        .values
        .iter()
        .map(|v| {
            // The value is isolated, so the cell's own direction comes out
            // left to right whatever script the value is in.
            let when = v.when.map(|c| escape(&c.when())).unwrap_or_default();
            let text = format!("<bdi>{}</bdi> ×{}{when}", unbroken(&v.value), v.articles);
            let class = if v.disagrees { " class=\"off\"" } else { "" };
            match link(v) {
                Some(anchor) => format!("<a{class} href=\"#{}\">{text}</a>", escape(&anchor)),
                None => text,
            }
        })
        .collect();
    let (class, flag) = if cell.disagrees {
        ("disagree", " <span class=\"flag\">✗</span>")
    } else {
        ("agree", "")
    };
    format!(
        "<td class=\"{class}\" dir=\"auto\" title=\"{}\">{}{flag}</td>",
        escape(&title),
        values.join(", ")
    )
}

/// A value that may wrap only after a `/` (a date range), never at a hyphen.
fn unbroken(value: &str) -> String {
    let parts: Vec<String> = value
        .split_inclusive('/')
        .map(|p| format!("<span class=\"nw\">{}</span>", escape(p)))
        .collect();
    parts.concat()
}

/// The claim's excerpt with the claim marked; its text alone if the
/// excerpt does not hold it.
fn quote(c: &Claim) -> String {
    let e = &c.excerpt();
    let (start, end) = (c.span.start.wrapping_sub(e.offset), c.span.end.wrapping_sub(e.offset));
    let fits = start <= end && end <= e.text.len() && e.text.is_char_boundary(start) && e.text.is_char_boundary(end);
    let inner = if fits {
        format!(
            "{}{}<mark>{}</mark>{}{}",
            if e.cut_before { "… " } else { "" },
            escape(&e.text[..start]),
            escape(&e.text[start..end]),
            escape(&e.text[end..]),
            if e.cut_after { " …" } else { "" },
        )
    } else {
        format!("<mark>{}</mark>", escape(&c.text))
    };
    format!("<blockquote dir=\"auto\">{inner}</blockquote>")
}

/// Where a claim is and what it says, above its quote.
fn claim_item(role: Option<Role>, c: &Claim) -> String {
    let (class, role) = match role {
        Some(r) => (r.as_str(), format!("<span class=\"role\">{}</span> ", r.as_str())),
        None => ("", String::new()),
    };
    let source = c
        .source
        .as_deref()
        .map(|s| format!("<span class=\"badge\" dir=\"auto\">{}</span> ", escape(s)))
        .unwrap_or_default();
    format!(
        "<li class=\"claim {class}\"><div class=\"where\">{role}{source}<bdi class=\"path\">{}:{}:{}</bdi> \
         says <b><bdi>{}</bdi></b>{}</div>{}</li>\n",
        escape(&c.article),
        c.line_col.line,
        c.line_col.column,
        escape(&c.value.canonical()),
        escape(&c.when()),
        quote(c)
    )
}

fn finding_html(n: usize, f: &Finding) -> String {
    let anchor = escape(&finding_anchor(n, &f.key));
    let severity = f.severity.as_str();
    let baselined = if f.baselined { " baselined" } else { "" };
    let badge = if f.baselined {
        " <span class=\"badge\">baselined</span>"
    } else {
        ""
    };
    let mut claims: String = f.claims.iter().map(|(role, c)| claim_item(Some(*role), c)).collect();
    if let Some(note) = f.unquoted_note() {
        claims += &format!("<li class=\"more\">{note}</li>\n");
    }
    format!(
        "<article class=\"finding {severity}{baselined}\" id=\"{anchor}\">\n<h3><a class=\"anchor\" href=\"#{anchor}\">#{n}</a> \
         <span class=\"sev\">{severity}</span> <code>crosscheck::{}</code>{badge}</h3>\n\
         <p class=\"message\" dir=\"auto\">{}</p>\n<p class=\"help\" dir=\"auto\">{}</p>\n<ol class=\"claims\">\n{claims}</ol>\n</article>\n",
        f.code.as_str(),
        escape(&f.message),
        escape(&f.help)
    )
}

fn unreadable(errors: &[InputError]) -> String {
    if errors.is_empty() {
        return String::new();
    }
    let items: String = errors
        .iter()
        .map(|e| {
            format!(
                "<li><bdi class=\"path\">{}</bdi>: {}</li>\n",
                escape(&e.path),
                escape(&e.reason)
            )
        })
        .collect();
    format!("<h2>Unreadable inputs</h2>\n<ul>\n{items}</ul>\n")
}

/// The claims of the findings, once each, in finding order.
fn findings_claims(findings: &[Finding]) -> Vec<Claim> {
    let mut seen = BTreeSet::new();
    findings
        .iter()
        .flat_map(|f| f.claims.iter().map(|(_, c)| c))
        .filter(|c| seen.insert(claim_id(c)))
        .cloned()
        .collect()
}

/// The matrix of a `check` page: the findings' claims by source, each cell
/// coloured by the roles the findings gave its claims (so a weighted run
/// is coloured as it was judged) and linked to the first finding that
/// quotes it.
fn check_matrix(findings: &[Finding]) -> String {
    let claims = findings_claims(findings);
    let weights = SourceWeights::default();
    let mut table = diff::table(
        &claims,
        Options {
            weights: &weights,
            columns: &[],
            rules: None,
        },
    );
    let mut anchors: HashMap<ClaimId, String> = HashMap::new();
    let mut outliers: BTreeSet<ClaimId> = BTreeSet::new();
    let mut titles: BTreeMap<&str, &str> = BTreeMap::new();
    for (i, f) in findings.iter().enumerate() {
        titles.entry(&f.key).or_insert(&f.title);
        for (role, c) in &f.claims {
            anchors
                .entry(claim_id(c))
                .or_insert_with(|| finding_anchor(i + 1, &f.key));
            if *role == Role::Outlier {
                outliers.insert(claim_id(c));
            }
        }
    }
    for row in &mut table.rows {
        if let Some(title) = titles.get(row.key.as_str()) {
            row.title = title.to_string();
        }
        for cell in row.cells.values_mut() {
            for v in &mut cell.values {
                v.disagrees = v.claims.iter().any(|c| outliers.contains(&claim_id(c)));
            }
            cell.disagrees = cell.values.iter().any(|v| v.disagrees);
        }
    }
    if table.rows.is_empty() {
        return "<p class=\"note\">No finding: every fact the articles state agrees.</p>\n".to_string();
    }
    let link = |v: &Stated| v.claims.first().and_then(|c| anchors.get(&claim_id(c)).cloned());
    let note = "<p class=\"note\">The facts that have findings, by source; each value links to the finding \
                that quotes it. Cells are coloured as the findings judged them; the majority column is \
                recomputed from these claims without source weights. <code>crosscheck diff --by source</code> \
                shows every fact.</p>\n";
    format!("{note}{}", matrix(&table, &link))
}

fn check_page(result: &RunEnd, findings: &[Finding]) -> String {
    let mut body = String::from("<header>\n<h1>crosscheck report</h1>\n");
    body += &summary(result.summary);
    body += "</header>\n<main>\n<h2>Claims by source</h2>\n";
    body += &check_matrix(findings);
    let _ = writeln!(
        body,
        "<h2>Findings</h2>\n<p class=\"note\">{}.</p>",
        plural(findings.len(), "finding", "findings")
    );
    for (i, f) in findings.iter().enumerate() {
        body += &finding_html(i + 1, f);
    }
    body += &unreadable(result.input_errors);
    body += "</main>\n";
    page("crosscheck report", &body)
}

fn extract_page(claims: &[Claim], errors: &[InputError]) -> String {
    let mut body = String::from("<header>\n<h1>crosscheck claims</h1>\n");
    let articles: BTreeSet<&str> = claims.iter().map(|c| &*c.article).collect();
    body += &format!(
        "<dl class=\"summary\"><div><dt>articles with claims</dt><dd>{}</dd></div><div><dt>claims</dt><dd>{}</dd></div>\
         <div><dt>unreadable</dt><dd>{}</dd></div></dl>\n</header>\n<main>\n",
        articles.len(),
        claims.len(),
        errors.len()
    );
    body += "<div class=\"scroll\"><table>\n<thead><tr><th>article</th><th>line:col</th><th>key</th><th>value</th>\
             <th>text</th></tr></thead>\n<tbody>\n";
    for c in claims {
        let _ = writeln!(
            body,
            "<tr><td><bdi class=\"path\">{}</bdi></td><td>{}:{}</td><td><code>{}</code></td><td dir=\"auto\">{}</td>\
             <td dir=\"auto\">{}</td></tr>",
            escape(&c.article),
            c.line_col.line,
            c.line_col.column,
            escape(&c.key),
            escape(&c.value.canonical()),
            escape(&c.text)
        );
    }
    body += "</tbody></table></div>\n";
    body += &unreadable(errors);
    body += "</main>\n";
    page("crosscheck claims", &body)
}

/// Each row's claims, by source and value, under an anchor the matrix
/// links to.
fn evidence(table: &Table) -> String {
    let mut html = String::from("<h2>Evidence</h2>\n");
    for row in &table.rows {
        let _ = writeln!(
            html,
            "<section class=\"finding\" id=\"{}\">\n<h3><span dir=\"auto\">{}</span> <code>{}</code></h3>\n<ol class=\"claims\">",
            escape(&evidence_anchor(&row.key)),
            escape(&row.title),
            escape(&row.key)
        );
        for source in &table.sources {
            let Some(cell) = row.cells.get(source) else {
                continue;
            };
            for v in &cell.values {
                let role = if v.disagrees { Role::Outlier } else { Role::Majority };
                html.extend(v.claims.iter().map(|c| claim_item(Some(role), c)));
            }
        }
        html += "</ol>\n</section>\n";
    }
    html
}

fn diff_page(table: &Table) -> String {
    let mut body = String::from("<header>\n<h1>crosscheck diff</h1>\n");
    let disagreeing = table
        .rows
        .iter()
        .flat_map(|r| r.cells.values())
        .filter(|c| c.disagrees)
        .count();
    body += &format!(
        "<dl class=\"summary\"><div><dt>sources</dt><dd>{}</dd></div><div><dt>facts</dt><dd>{}</dd></div>\
         <div class=\"{}\"><dt>disagreeing cells</dt><dd>{disagreeing}</dd></div></dl>\n</header>\n<main>\n",
        table.sources.len(),
        table.rows.len(),
        if disagreeing > 0 { "bad" } else { "" }
    );
    body += "<h2>Claims by source</h2>\n";
    if table.weighted {
        body += "<p class=\"note\">The majority is weighted by the trust weights of the sources.</p>\n";
    }
    let link = |v: &Stated| v.claims.first().map(|c| evidence_anchor(&c.key));
    body += &matrix(table, &link);
    body += &evidence(table);
    body += "</main>\n";
    page("crosscheck diff", &body)
}

impl Html {
    /// Writes a `diff` table as a page: the matrix and each row's evidence.
    pub fn diff(&self, out: &mut dyn io::Write, table: &Table) -> io::Result<()> {
        out.write_all(diff_page(table).as_bytes())
    }
}

impl Report for Html {
    fn sink<'a>(&'a self, out: &'a mut dyn io::Write) -> Box<dyn FindingSink + 'a> {
        Box::new(Whole {
            out,
            findings: Vec::new(),
            write: |out: &mut dyn io::Write, findings: &[Finding], end: &RunEnd| {
                out.write_all(check_page(end, findings).as_bytes())
            },
        })
    }

    fn extract(&self, out: &mut dyn io::Write, claims: &[Claim], input_errors: &[InputError]) -> io::Result<()> {
        out.write_all(extract_page(claims, input_errors).as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_every_special_character() {
        assert_eq!(
            escape(r#"<script>alert('x')</script> & "q""#),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
    }

    #[test]
    fn anchors_keep_keys_and_drop_spaces() {
        assert_eq!(
            finding_anchor(2, "interpol.member-states"),
            "finding-2-interpol.member-states"
        );
        assert_eq!(id_part("a b\"c"), "a-b-c");
    }

    #[test]
    fn an_empty_check_is_a_whole_page() {
        let result = crate::report::CheckResult::new(Vec::new(), Vec::new(), 0, 0);
        let html = check_page(&result.end(), &[]);
        assert!(html.starts_with("<!DOCTYPE html>"));
        assert!(html.ends_with("</html>\n"));
        assert!(html.contains("No finding"));
    }
}

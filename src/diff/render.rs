//! The renderings of a diff [`Table`]: its JSON document, a Markdown table
//! and a terminal table.

use super::{Cell, Row, Stated, Table};
use crate::extract::Claim;
use serde_json::{json, Map, Value as Json};

impl Table<'_> {
    /// Whether any cell disagrees with its row's majority.
    pub fn disagrees(&self) -> bool {
        self.rows.iter().any(|r| r.cells.values().any(|c| c.disagrees))
    }

    /// The name of the majority column.
    pub fn majority_label(&self) -> &'static str {
        if self.weighted {
            "weighted majority"
        } else {
            "majority"
        }
    }

    /// The JSON document of the contract in the module docs.
    pub fn to_json(&self) -> Json {
        let rows: Vec<Json> = self.rows.iter().map(row_json).collect();
        json!({
            "version": 1,
            "weighted": self.weighted,
            "sources": self.sources,
            "rows": rows,
        })
    }

    /// A GitHub-flavoured Markdown table; `✗` marks a disagreeing cell,
    /// and its disagreeing values are in bold.
    pub fn markdown(&self) -> String {
        let mut header = vec!["key".to_string()];
        header.extend(self.sources.iter().map(|s| md_escape(s)));
        header.push(self.majority_label().to_string());
        let mut out = md_line(&header);
        out += &md_line(&vec!["---".to_string(); header.len()]);
        for row in &self.rows {
            let mut line = vec![format!("`{}`", row.key.replace('`', "'"))];
            for source in &self.sources {
                line.push(row.cells.get(source).map_or_else(|| "—".to_string(), md_cell));
            }
            line.push(md_escape(&majority_text(row)));
            out += &md_line(&line);
        }
        out += "\n✗ marks a source that disagrees with the ";
        out += self.majority_label();
        if self.rows.iter().any(|r| r.evolves.is_some()) {
            out += " (for a fact that moves: a stale figure, or two figures for one moment)";
        }
        out += "; `×n` counts its articles.\n";
        out
    }

    /// A terminal table, columns aligned; `color` paints disagreeing cells
    /// red and the majority green.
    pub fn text(&self, color: bool) -> String {
        let mut grid: Vec<Vec<(String, Paint)>> = Vec::new();
        let mut header = vec![("key".to_string(), Paint::Bold)];
        header.extend(self.sources.iter().map(|s| (s.clone(), Paint::Bold)));
        header.push((self.majority_label().to_string(), Paint::Bold));
        grid.push(header);
        for row in &self.rows {
            let mut line = vec![(row.key.clone(), Paint::None)];
            for source in &self.sources {
                line.push(match row.cells.get(source) {
                    Some(c) if c.disagrees => (format!("{} ✗", plain_cell(c)), Paint::Red),
                    Some(c) => (plain_cell(c), Paint::None),
                    None => ("—".to_string(), Paint::Dim),
                });
            }
            line.push((majority_text(row), Paint::Green));
            grid.push(line);
        }
        render_grid(&grid, color)
    }
}

fn row_json(row: &Row) -> Json {
    let cells: Map<String, Json> = row
        .cells
        .iter()
        .map(|(source, cell)| {
            let values: Vec<Json> = cell.values.iter().map(stated_json).collect();
            (source.clone(), json!({ "values": values, "disagrees": cell.disagrees }))
        })
        .collect();
    let mut out = json!({
        "key": row.key,
        "title": row.title,
        "majority": row.majority,
        "cells": cells,
    });
    if let Some(evolves) = row.evolves {
        out["evolves"] = json!(evolves.as_str());
    }
    if let Some(latest) = &row.latest {
        out["latest"] = json!({
            "value": latest.value,
            "at": latest.moment.map(|m| m.canonical()),
        });
    }
    if row.bodies_differ {
        out["bodies_differ"] = json!(true);
    }
    out
}

/// `{"value": "58", "articles": 1, "disagrees": false}`, and for news that moves when it was
/// first given, as the claim shape says it: `"as_of"` when its sentence
/// states the time, else `"published"`.
fn stated_json(v: &Stated) -> Json {
    let mut out = json!({ "value": v.value, "articles": v.articles, "disagrees": v.disagrees });
    if let Some(c) = v.when {
        match c.context().as_of {
            Some(at) => out["as_of"] = json!(at.canonical()),
            None => out["published"] = json!(c.moment().map(|m| m.canonical())),
        }
    }
    out
}

/// The majority as a table shows it; for a fact that moves, its latest
/// figure and when it held (`latest 2100 (8 Mar 2026 10:00)`).
pub fn majority_text(row: &Row) -> String {
    if let Some(latest) = &row.latest {
        return match latest.moment {
            Some(at) => format!("latest {} ({})", latest.value, at.short()),
            None => format!("latest {}", latest.value),
        };
    }
    match (&row.majority, row.bodies_differ) {
        (Some(m), _) => m.clone(),
        (None, true) => "sources differ".to_string(),
        (None, false) if row.evolves.is_some() => "—".to_string(),
        (None, false) => "no majority (tie)".to_string(),
    }
}

/// `196 ×2`, and for news that moves when it was first given:
/// `2100 ×1 (as of 8 Mar 2026 10:00)`.
pub fn value_text(v: &Stated) -> String {
    let when = v.when.map(Claim::when).unwrap_or_default();
    format!("{} ×{}{when}", v.value, v.articles)
}

fn plain_cell(c: &Cell) -> String {
    c.values.iter().map(value_text).collect::<Vec<_>>().join(", ")
}

fn md_cell(c: &Cell) -> String {
    let values: Vec<String> = c
        .values
        .iter()
        .map(|v| {
            let text = md_escape(&value_text(v));
            if v.disagrees {
                format!("**{text}**")
            } else {
                text
            }
        })
        .collect();
    let mark = if c.disagrees { " ✗" } else { "" };
    format!("{}{mark}", values.join(", "))
}

fn md_line(cells: &[String]) -> String {
    format!("| {} |\n", cells.join(" | "))
}

/// Text safe inside a Markdown table cell.
fn md_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '|' | '\\' | '*' | '_' | '`' | '<' | '>' | '[' | ']' => {
                out.push('\\');
                out.push(ch);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(ch),
        }
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Paint {
    None,
    Bold,
    Dim,
    Red,
    Green,
}

impl Paint {
    fn ansi(self) -> &'static str {
        match self {
            Paint::None => "",
            Paint::Bold => "\x1b[1m",
            Paint::Dim => "\x1b[2m",
            Paint::Red => "\x1b[31m",
            Paint::Green => "\x1b[32m",
        }
    }
}

/// Columns as wide as a terminal shows them: marks that combine with the
/// letter before them and invisible format characters take no column.
fn width(s: &str) -> usize {
    s.chars()
        .filter(
            |&c| !matches!(c, '\u{0300}'..='\u{036F}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{200B}'..='\u{200F}'),
        )
        .count()
}

fn render_grid(grid: &[Vec<(String, Paint)>], color: bool) -> String {
    let columns = grid.first().map_or(0, Vec::len);
    let widths: Vec<usize> = (0..columns)
        .map(|i| grid.iter().map(|r| width(&r[i].0)).max().unwrap_or(0))
        .collect();
    let mut out = String::new();
    for (n, line) in grid.iter().enumerate() {
        let mut text = String::new();
        for (i, (cell, paint)) in line.iter().enumerate() {
            let pad = if i + 1 == columns {
                0
            } else {
                widths[i] - width(cell) + 2
            };
            if color && *paint != Paint::None {
                text += &format!("{}{cell}\x1b[0m", paint.ansi());
            } else {
                text += cell;
            }
            text += &" ".repeat(pad);
        }
        out += text.trim_end();
        out.push('\n');
        if n == 0 {
            let total = widths.iter().sum::<usize>() + 2 * columns.saturating_sub(1);
            out += &"─".repeat(total);
            out.push('\n');
        }
    }
    out
}

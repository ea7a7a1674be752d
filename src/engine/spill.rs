//! Claims kept on disk, one file a key, so a run never holds the claims of
//! the whole corpus in memory.
//!
//! [`Spill`] takes each article's claims as extraction hands them on (in
//! input order) and appends each claim, as a record, to a temporary file
//! of its key. [`Spilled`] reads one key's claims back at a time, in
//! key order: comparison only ever needs one key's claims together, so a
//! run's memory is bounded by its largest key, not by the corpus. The
//! folder is removed when the [`Spilled`] is dropped.
//!
//! The records are this module's own format, not the public claim shards
//! of `extract --format jsonl`: a `Record` (the claim without its key,
//! which the file gives) in postcard, a compact binary serde format, each
//! after its length as a 4-byte little-endian number. Binary, because a
//! binary record decodes several times faster than a line of JSON; its
//! strings are read in place and shared, not allocated a claim.
//! Every `SEGMENT` records the file's offset is noted, so a key's claims
//! are decoded on every thread of the pool at once, each into its own part
//! of the one vector they fill.

use crate::compare::Role;
use crate::extract::{Claim, Excerpt};
use crate::grammar::Kind;
use crate::model::value::Value;
use crate::rules::Severity;
use crate::text::span::{LineCol, Span};
use chrono::{Datelike, NaiveDate, Weekday};
use rayon::prelude::*;
use std::borrow::Cow;
use std::collections::{BTreeMap, HashSet};
use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Seek, Write};
use std::path::PathBuf;
use std::sync::Arc;

/// Records between two noted offsets of a key's file: the parts that
/// threads decode at once are made of these.
const SEGMENT: usize = 4096;

/// A claim as spilled: what its key's file does not say already. One type
/// both ways: written from a claim's borrowed fields, read back with its
/// strings borrowed from the record's bytes (the value, excerpt and
/// context come back owned).
#[derive(serde::Serialize, serde::Deserialize)]
struct Record<'a> {
    /// `None` when the rule is the key (always, for the built-in packs).
    #[serde(borrow)]
    rule: Option<&'a str>,
    kind: Kind,
    severity: Severity,
    article: &'a str,
    #[serde(borrow)]
    source: Option<&'a str>,
    article_index: usize,
    /// Days from the common era's first day.
    published: Option<i32>,
    value: Cow<'a, Value>,
    span: Span,
    line_col: LineCol,
    /// Days from Monday.
    weekday: Option<u8>,
    text: &'a str,
    excerpt: Option<Cow<'a, Excerpt>>,
    context: Option<Cow<'a, crate::news::Context>>,
}

impl<'a> Record<'a> {
    fn of(c: &'a Claim) -> Record<'a> {
        Record {
            rule: (c.rule != c.key).then_some(&*c.rule),
            kind: c.kind,
            severity: c.severity,
            article: &c.article,
            source: c.source.as_deref(),
            article_index: c.article_index,
            published: c.published.map(|d| d.num_days_from_ce()),
            value: Cow::Borrowed(&c.value),
            span: c.span,
            line_col: c.line_col,
            weekday: c.weekday.map(|w| w.num_days_from_monday() as u8),
            text: &c.text,
            excerpt: c.excerpt.as_deref().map(Cow::Borrowed),
            context: c.context.as_deref().map(Cow::Borrowed),
        }
    }
}

/// Strings repeated across the claims of a key, one allocation each.
#[derive(Default)]
struct Shared(HashSet<Arc<str>, foldhash::fast::RandomState>);

impl Shared {
    fn get(&mut self, s: &str) -> Arc<str> {
        if let Some(shared) = self.0.get(s) {
            return shared.clone();
        }
        let shared: Arc<str> = Arc::from(s);
        self.0.insert(shared.clone());
        shared
    }
}

impl Record<'_> {
    fn claim(self, key: &Arc<str>, shared: &mut Shared) -> io::Result<Claim> {
        let bad = |what: &str| {
            io::Error::new(
                io::ErrorKind::InvalidData,
                format!("a spilled claim's {what} is out of range"),
            )
        };
        let published = match self.published {
            Some(days) => Some(NaiveDate::from_num_days_from_ce_opt(days).ok_or_else(|| bad("date"))?),
            None => None,
        };
        let weekday = match self.weekday {
            Some(w) => Some(Weekday::try_from(w).map_err(|_| bad("weekday"))?),
            None => None,
        };
        let value = match self.value.into_owned() {
            Value::Name(name) => Value::Name(shared.get(&name)),
            other => other,
        };
        Ok(Claim {
            key: key.clone(),
            rule: self.rule.map_or_else(|| key.clone(), |r| shared.get(r)),
            kind: self.kind,
            severity: self.severity,
            article: shared.get(self.article),
            source: self.source.map(|s| shared.get(s)),
            article_index: self.article_index,
            published,
            value,
            span: self.span,
            line_col: self.line_col,
            weekday,
            text: shared.get(self.text),
            excerpt: self.excerpt.map(|e| Arc::new(e.into_owned())),
            context: self.context.map(|c| Box::new(c.into_owned())),
        })
    }
}

/// Files kept open at once while claims are written. A pack set with more
/// keys than this closes the least recently written file and opens it
/// again to append when its key comes back, so the number of rules is
/// never bounded by the process's limit on open files.
const MAX_OPEN: usize = 64;

/// Claims being written, one file a key.
#[derive(Debug)]
pub struct Spill {
    dir: tempfile::TempDir,
    files: BTreeMap<Arc<str>, Group>,
    claims: usize,
    /// Files open now.
    open: usize,
    /// Counts writes, to find the least recently written file.
    tick: u64,
    /// The record being encoded.
    scratch: Vec<u8>,
}

#[derive(Debug)]
struct Group {
    /// `None` while the file is closed to stay under [`MAX_OPEN`].
    out: Option<BufWriter<File>>,
    path: PathBuf,
    claims: usize,
    /// Bytes written.
    bytes: u64,
    /// The offset of every [`SEGMENT`]th record.
    marks: Vec<u64>,
    last: u64,
}

impl Spill {
    /// A new spill in a fresh folder under the system's temporary folder.
    pub fn new() -> io::Result<Spill> {
        let dir = tempfile::Builder::new().prefix("crosscheck-claims-").tempdir()?;
        Ok(Spill {
            dir,
            files: BTreeMap::new(),
            claims: 0,
            open: 0,
            tick: 0,
            scratch: Vec::new(),
        })
    }

    /// Appends claims, each to its key's file.
    pub fn push(&mut self, claims: impl IntoIterator<Item = Claim>) -> io::Result<()> {
        let mut record = std::mem::take(&mut self.scratch);
        for c in claims {
            record.clear();
            record = postcard::to_extend(&Record::of(&c), record).map_err(io::Error::other)?;
            let len = u32::try_from(record.len()).map_err(io::Error::other)?;
            let group = self.writer(&c.key)?;
            if group.claims % SEGMENT == 0 {
                group.marks.push(group.bytes);
            }
            group.claims += 1;
            group.bytes += 4 + u64::from(len);
            let out = group.out.as_mut().expect("opened by writer");
            out.write_all(&len.to_le_bytes())?;
            out.write_all(&record)?;
            self.claims += 1;
        }
        self.scratch = record;
        Ok(())
    }

    /// The group of `key`'s claims, its file created or opened again as
    /// needed.
    fn writer(&mut self, key: &Arc<str>) -> io::Result<&mut Group> {
        self.tick += 1;
        let needs_open = self.files.get(key).is_none_or(|g| g.out.is_none());
        if needs_open && self.open >= MAX_OPEN {
            self.close_least_recent()?;
        }
        if !self.files.contains_key(key) {
            let path = self.dir.path().join(format!("{}.claims", self.files.len()));
            File::create(&path)?;
            let group = Group {
                out: None,
                path,
                claims: 0,
                bytes: 0,
                marks: Vec::new(),
                last: 0,
            };
            self.files.insert(key.clone(), group);
        }
        let group = self.files.get_mut(key).expect("inserted above");
        group.last = self.tick;
        if group.out.is_none() {
            let file = std::fs::OpenOptions::new().append(true).open(&group.path)?;
            group.out = Some(BufWriter::with_capacity(1 << 16, file));
            self.open += 1;
        }
        Ok(group)
    }

    fn close_least_recent(&mut self) -> io::Result<()> {
        let oldest = self
            .files
            .values_mut()
            .filter(|g| g.out.is_some())
            .min_by_key(|g| g.last);
        if let Some(g) = oldest {
            if let Some(mut out) = g.out.take() {
                out.flush()?;
            }
            self.open -= 1;
        }
        Ok(())
    }

    /// Flushes every file; the claims can then be read back.
    pub fn finish(self) -> io::Result<Spilled> {
        let mut groups = Vec::with_capacity(self.files.len());
        for (key, mut g) in self.files {
            if let Some(out) = g.out.as_mut() {
                out.flush()?;
            }
            groups.push(Stored {
                key,
                path: g.path,
                claims: g.claims,
                marks: g.marks,
            });
        }
        Ok(Spilled {
            _dir: self.dir,
            groups,
            claims: self.claims,
        })
    }
}

/// Claims on disk, readable one key at a time.
#[derive(Debug)]
pub struct Spilled {
    _dir: tempfile::TempDir,
    /// In key order.
    groups: Vec<Stored>,
    claims: usize,
}

/// One key's claims on disk.
#[derive(Debug)]
struct Stored {
    key: Arc<str>,
    path: PathBuf,
    claims: usize,
    /// The offset of every [`SEGMENT`]th record.
    marks: Vec<u64>,
}

impl Spilled {
    /// Every claim spilled.
    pub fn claims(&self) -> usize {
        self.claims
    }

    /// The keys, in order.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.groups.iter().map(|g| &*g.key)
    }

    /// The `i`th key.
    pub fn key(&self, i: usize) -> Option<&str> {
        self.groups.get(i).map(|g| &*g.key)
    }

    /// How many claims the `i`th key has.
    pub fn claims_in(&self, i: usize) -> usize {
        self.groups.get(i).map_or(0, |g| g.claims)
    }

    /// How many keys there are.
    pub fn len(&self) -> usize {
        self.groups.len()
    }

    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    /// The claims of the `i`th key, in the order they were pushed. Strings
    /// repeated across claims (key, rule, article, source, and a text
    /// written the same way in many articles) share one allocation: the
    /// key in all of them, the others within the run of segments one
    /// thread decodes.
    pub fn read(&self, i: usize) -> io::Result<Vec<Claim>> {
        Ok(self.read_for_roles(i)?.into_iter().map(|(_, c)| c).collect())
    }

    /// As [`Spilled::read`], each claim paired with a role still to be
    /// set: the shape [`crate::compare::compare_key`] takes and fills in
    /// place. The pool's threads each decode a run of segments into their
    /// own part of the vector.
    pub fn read_for_roles(&self, i: usize) -> io::Result<Vec<(Role, Claim)>> {
        let Some(group) = self.groups.get(i) else {
            return Ok(Vec::new());
        };
        let mut slots: Vec<Option<(Role, Claim)>> = Vec::with_capacity(group.claims);
        slots.resize_with(group.claims, || None);
        let segments = group.marks.len();
        let parts = rayon::current_num_threads().clamp(1, segments.max(1));
        // Part p: segments [p * segments / parts, (p + 1) * segments / parts).
        let mut rest = slots.as_mut_slice();
        let mut jobs = Vec::with_capacity(parts);
        for p in 0..parts {
            let (first, end) = (p * segments / parts, (p + 1) * segments / parts);
            let records = (end * SEGMENT).min(group.claims) - (first * SEGMENT).min(group.claims);
            let (part, tail) = rest.split_at_mut(records);
            rest = tail;
            jobs.push((group.marks.get(first).copied().unwrap_or(0), part));
        }
        let read = |(offset, part): (u64, &mut [Option<(Role, Claim)>])| decode(group, offset, part);
        if parts > 1 {
            jobs.into_par_iter().try_for_each(read)?;
        } else {
            jobs.into_iter().try_for_each(read)?;
        }
        // In place: the same allocation, every slot filled above. (`flatten`
        // would collect into a second vector; `filter_map` reuses this one.)
        #[allow(clippy::filter_map_identity)]
        Ok(slots.into_iter().filter_map(|s| s).collect())
    }
}

/// Decodes the records of `group` from `offset` on into `part`, one a slot.
fn decode(group: &Stored, offset: u64, part: &mut [Option<(Role, Claim)>]) -> io::Result<()> {
    let mut file = File::open(&group.path)?;
    file.seek(io::SeekFrom::Start(offset))?;
    let mut input = BufReader::with_capacity(1 << 16, file);
    let mut shared = Shared::default();
    let mut record = Vec::new();
    for slot in part {
        let mut len = [0u8; 4];
        input.read_exact(&mut len)?;
        record.resize(u32::from_le_bytes(len) as usize, 0);
        input.read_exact(&mut record)?;
        let r: Record = postcard::from_bytes(&record).map_err(io::Error::other)?;
        *slot = Some((Role::Majority, r.claim(&group.key, &mut shared)?));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grammar::Kind;
    use crate::model::value::{NumberSet, Value};
    use crate::rules::Severity;
    use crate::text::span::{LineCol, Span};

    fn claim(key: &str, article: &str, n: f64) -> Claim {
        Claim {
            key: Arc::from(key),
            rule: Arc::from(key),
            kind: Kind::Count,
            severity: Severity::Error,
            article: Arc::from(article),
            source: Some(Arc::from("wire")),
            article_index: 3,
            published: chrono::NaiveDate::from_ymd_opt(2025, 11, 24),
            value: Value::Number(NumberSet::new(n, crate::model::value::Qualifier::About, 0.1)),
            span: Span::new(10, 20),
            line_col: LineCol { line: 2, column: 5 },
            weekday: Some(chrono::Weekday::Mon),
            text: Arc::from("نحو 800 مندوب"),
            excerpt: None,
            context: None,
        }
    }

    #[test]
    fn claims_come_back_by_key_in_the_order_pushed() {
        let mut spill = Spill::new().unwrap();
        spill
            .push(vec![claim("b", "x.txt", 1.0), claim("a", "x.txt", 2.0)])
            .unwrap();
        spill.push(vec![claim("b", "y.txt", 3.0)]).unwrap();
        let spilled = spill.finish().unwrap();
        assert_eq!(spilled.keys().collect::<Vec<_>>(), ["a", "b"]);
        assert_eq!(spilled.claims(), 3);
        let b = spilled.read(1).unwrap();
        let articles: Vec<&str> = b.iter().map(|c| &*c.article).collect();
        assert_eq!(articles, ["x.txt", "y.txt"]);
        let back = &b[0];
        let orig = claim("b", "x.txt", 1.0);
        assert_eq!(back.value, orig.value);
        assert_eq!(
            (back.span, back.line_col, back.weekday),
            (orig.span, orig.line_col, orig.weekday)
        );
        assert_eq!((&*back.text, back.published), (&*orig.text, orig.published));
    }

    #[test]
    fn many_segments_come_back_in_order_on_any_pool() {
        let n = 3 * SEGMENT + 5;
        let mut spill = Spill::new().unwrap();
        spill
            .push((0..n).map(|i| {
                let mut c = claim("a", &format!("{i}.txt"), i as f64);
                c.article_index = i;
                c
            }))
            .unwrap();
        let spilled = spill.finish().unwrap();
        for threads in [1, 2, 3, 8] {
            let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
            let back = pool.install(|| spilled.read_for_roles(0)).unwrap();
            assert_eq!(back.len(), n, "{threads} threads");
            for (i, (role, c)) in back.iter().enumerate() {
                assert_eq!(
                    (*role, c.article_index, &*c.article),
                    (Role::Majority, i, &*format!("{i}.txt"))
                );
            }
        }
    }

    #[test]
    fn a_rule_other_than_the_key_and_an_excerpt_come_back() {
        let mut c = claim("pack.fact", "x.txt", 1.0);
        c.rule = Arc::from("pack.rule");
        c.published = None;
        c.weekday = Some(chrono::Weekday::Sun);
        c.excerpt = Some(Arc::new(Excerpt {
            name: c.article.clone(),
            text: "سطر المقال".to_string(),
            offset: 4,
            line: 1,
            column: 2,
            cut_before: true,
            cut_after: false,
        }));
        let mut spill = Spill::new().unwrap();
        spill.push([c]).unwrap();
        let back = spill.finish().unwrap().read(0).unwrap().remove(0);
        assert_eq!((&*back.key, &*back.rule), ("pack.fact", "pack.rule"));
        assert_eq!((back.published, back.weekday), (None, Some(chrono::Weekday::Sun)));
        let excerpt = back.excerpt.expect("the excerpt is kept");
        assert_eq!(
            (excerpt.text.as_str(), excerpt.offset, excerpt.line),
            ("سطر المقال", 4, 1)
        );
    }

    #[test]
    fn open_bounds_come_back_open() {
        let mut spill = Spill::new().unwrap();
        let mut more = claim("a", "x.txt", 140.0);
        more.value = Value::Number(NumberSet::new(140.0, crate::model::value::Qualifier::MoreThan, 0.1));
        let mut less = claim("a", "y.txt", 5.0);
        less.value = Value::Number(NumberSet::new(5.0, crate::model::value::Qualifier::AtMost, 0.1));
        spill.push(vec![more.clone(), less.clone()]).unwrap();
        let back = spill.finish().unwrap().read(0).unwrap();
        assert_eq!(back[0].value, more.value);
        assert_eq!(back[1].value, less.value);
        assert_eq!(back[0].value.canonical(), ">140");
    }

    #[test]
    fn more_keys_than_open_files_all_come_back() {
        let mut spill = Spill::new().unwrap();
        let keys: Vec<String> = (0..MAX_OPEN * 3).map(|k| format!("pack.rule-{k:04}")).collect();
        // Three rounds over every key: each file is closed and opened again.
        for round in 0..3 {
            let claims = keys.iter().map(|k| claim(k, &format!("a{round}.txt"), round as f64));
            spill.push(claims).unwrap();
            assert!(spill.open <= MAX_OPEN);
        }
        let spilled = spill.finish().unwrap();
        assert_eq!(spilled.len(), keys.len());
        for i in 0..spilled.len() {
            let back = spilled.read(i).unwrap();
            let articles: Vec<&str> = back.iter().map(|c| &*c.article).collect();
            assert_eq!(articles, ["a0.txt", "a1.txt", "a2.txt"], "key {i}");
        }
    }

    #[test]
    fn the_folder_goes_when_the_claims_do() {
        let mut spill = Spill::new().unwrap();
        spill.push(vec![claim("a", "x.txt", 1.0)]).unwrap();
        let dir = spill.dir.path().to_path_buf();
        let spilled = spill.finish().unwrap();
        assert!(dir.is_dir());
        drop(spilled);
        assert!(!dir.exists());
    }
}

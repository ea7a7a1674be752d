//! Claims kept on disk, one file a key, so a run never holds the claims of
//! the whole corpus in memory.
//!
//! [`Spill`] takes each article's claims as extraction hands them on (in
//! input order) and appends each claim, as a line of JSON, to a temporary
//! file of its key. [`Spilled`] reads one key's claims back at a time, in
//! key order: comparison only ever needs one key's claims together, so a
//! run's memory is bounded by its largest key, not by the corpus. The
//! folder is removed when the [`Spilled`] is dropped.
//!
//! The records are this module's own format, not the public claim shards
//! of `extract --format jsonl`: the whole [`Claim`] (excerpt included) in
//! postcard, a compact binary serde format, each after its length as a
//! 4-byte little-endian number. Binary, because the claims are read back
//! twice (once to count the findings, once to report them) and a binary
//! record decodes several times faster than a line of JSON.

use crate::compare::Role;
use crate::extract::Claim;
use std::collections::{BTreeMap, HashMap};
use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::path::PathBuf;
use std::sync::Arc;

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
}

#[derive(Debug)]
struct Group {
    /// `None` while the file is closed to stay under [`MAX_OPEN`].
    out: Option<BufWriter<File>>,
    path: PathBuf,
    claims: usize,
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
        })
    }

    /// Appends claims, each to its key's file.
    pub fn push(&mut self, claims: impl IntoIterator<Item = Claim>) -> io::Result<()> {
        for c in claims {
            let record = postcard::to_stdvec(&c).map_err(io::Error::other)?;
            let len = u32::try_from(record.len()).map_err(io::Error::other)?;
            let out = self.writer(&c.key)?;
            out.write_all(&len.to_le_bytes())?;
            out.write_all(&record)?;
            self.claims += 1;
        }
        Ok(())
    }

    /// The open file of `key`'s claims, created or opened again as needed.
    fn writer(&mut self, key: &Arc<str>) -> io::Result<&mut BufWriter<File>> {
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
                last: 0,
            };
            self.files.insert(key.clone(), group);
        }
        let group = self.files.get_mut(key).expect("inserted above");
        group.last = self.tick;
        group.claims += 1;
        if group.out.is_none() {
            let file = std::fs::OpenOptions::new().append(true).open(&group.path)?;
            group.out = Some(BufWriter::with_capacity(1 << 16, file));
            self.open += 1;
        }
        Ok(group.out.as_mut().expect("opened above"))
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
            groups.push((key, g.path, g.claims));
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
    /// Key, file, number of claims; in key order.
    groups: Vec<(Arc<str>, PathBuf, usize)>,
    claims: usize,
}

impl Spilled {
    /// Every claim spilled.
    pub fn claims(&self) -> usize {
        self.claims
    }

    /// The keys, in order.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.groups.iter().map(|(k, _, _)| &**k)
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
    /// written the same way in many articles) share one allocation.
    pub fn read(&self, i: usize) -> io::Result<Vec<Claim>> {
        let mut claims = Vec::new();
        self.read_into(i, &mut |c| claims.push(c))?;
        Ok(claims)
    }

    /// As [`Spilled::read`], each claim paired with a role still to be
    /// set: the shape [`crate::compare::compare_key`] takes and fills in
    /// place.
    pub fn read_for_roles(&self, i: usize) -> io::Result<Vec<(Role, Claim)>> {
        let mut claims = Vec::with_capacity(self.groups.get(i).map_or(0, |g| g.2));
        self.read_into(i, &mut |c| claims.push((Role::Majority, c)))?;
        Ok(claims)
    }

    fn read_into(&self, i: usize, push: &mut dyn FnMut(Claim)) -> io::Result<()> {
        let Some((key, path, n)) = self.groups.get(i) else {
            return Ok(());
        };
        let mut names: HashMap<Arc<str>, ()> = HashMap::new();
        let mut share = |s: &Arc<str>| -> Arc<str> {
            match names.get_key_value(s) {
                Some((k, _)) => k.clone(),
                None => {
                    names.insert(s.clone(), ());
                    s.clone()
                }
            }
        };
        let mut input = BufReader::with_capacity(1 << 16, File::open(path)?);
        let mut record = Vec::new();
        for _ in 0..*n {
            let mut len = [0u8; 4];
            input.read_exact(&mut len)?;
            record.resize(u32::from_le_bytes(len) as usize, 0);
            input.read_exact(&mut record)?;
            let mut c: Claim = postcard::from_bytes(&record).map_err(io::Error::other)?;
            c.key = key.clone();
            c.rule = share(&c.rule);
            c.article = share(&c.article);
            c.source = c.source.as_ref().map(&mut share);
            c.text = share(&c.text);
            if let crate::value::Value::Name(name) = &c.value {
                c.value = crate::value::Value::Name(share(name));
            }
            push(c);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grammar::Kind;
    use crate::rules::Severity;
    use crate::span::{LineCol, Span};
    use crate::value::{NumberSet, Value};

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
            value: Value::Number(NumberSet::new(n, crate::value::Qualifier::About, 0.1)),
            span: Span::new(10, 20),
            line_col: LineCol { line: 2, column: 5 },
            weekday: Some(chrono::Weekday::Mon),
            text: Arc::from("نحو 800 مندوب"),
            excerpt: None,
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
    fn open_bounds_come_back_open() {
        let mut spill = Spill::new().unwrap();
        let mut more = claim("a", "x.txt", 140.0);
        more.value = Value::Number(NumberSet::new(140.0, crate::value::Qualifier::MoreThan, 0.1));
        let mut less = claim("a", "y.txt", 5.0);
        less.value = Value::Number(NumberSet::new(5.0, crate::value::Qualifier::AtMost, 0.1));
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

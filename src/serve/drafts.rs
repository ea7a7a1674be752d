//! The drafts folder: the only files the page may open. A name is a path
//! relative to the folder, with `/` between folders; an absolute path, a
//! `..` or `.` component, a backslash or a NUL is refused before any file
//! is touched, and a file whose real path (symbolic links followed) is not
//! inside the folder is refused too.

use super::ServeError;
use std::path::{Component, Path, PathBuf};

/// Extensions listed and opened: those `check` reads in folders.
const EXTENSIONS: &[&str] = &["txt", "md", "markdown", "html", "htm"];

/// Files a listing names at most.
const MAX_LISTED: usize = 10_000;

/// The largest draft opened: 16 MiB.
const MAX_DRAFT: u64 = 16 << 20;

/// A drafts folder, by its real path.
#[derive(Debug)]
pub struct DraftsFolder {
    root: PathBuf,
}

/// Why a draft could not be opened.
#[derive(Debug, PartialEq, Eq)]
pub enum Refused {
    /// The name reaches outside the folder (or is not a plain name).
    Outside,
    NotFound,
    /// Not a draft: a folder, another extension, too large, not UTF-8.
    NotADraft(String),
}

impl DraftsFolder {
    /// The folder at `path`, which must exist.
    pub fn open(path: &Path) -> Result<DraftsFolder, ServeError> {
        let error = |reason: String| ServeError::Drafts {
            path: path.display().to_string(),
            reason,
        };
        let root = std::fs::canonicalize(path).map_err(|e| error(e.to_string()))?;
        if !root.is_dir() {
            return Err(error("not a folder".to_string()));
        }
        Ok(DraftsFolder { root })
    }

    /// The drafts' names, sorted: files with an article's extension, in
    /// the folder and below (symbolic links not followed).
    pub fn list(&self) -> Vec<String> {
        let mut names: Vec<String> = walkdir::WalkDir::new(&self.root)
            .follow_links(false)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file() && has_extension(e.path()))
            .filter_map(|e| {
                let rel = e.path().strip_prefix(&self.root).ok()?;
                let parts: Option<Vec<&str>> = rel.components().map(|c| c.as_os_str().to_str()).collect();
                Some(parts?.join("/"))
            })
            .take(MAX_LISTED)
            .collect();
        names.sort();
        names
    }

    /// The text of the draft `name`.
    pub fn read(&self, name: &str) -> Result<String, Refused> {
        let rel = plain_name(name).ok_or(Refused::Outside)?;
        let path = match std::fs::canonicalize(self.root.join(rel)) {
            Ok(p) => p,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(Refused::NotFound),
            Err(e) => return Err(Refused::NotADraft(e.to_string())),
        };
        if !path.starts_with(&self.root) {
            return Err(Refused::Outside);
        }
        let meta = std::fs::metadata(&path).map_err(|e| Refused::NotADraft(e.to_string()))?;
        if !meta.is_file() || !has_extension(&path) {
            return Err(Refused::NotADraft(format!(
                "not a draft file (one of .{})",
                EXTENSIONS.join(", .")
            )));
        }
        if meta.len() > MAX_DRAFT {
            return Err(Refused::NotADraft(format!("larger than {} MiB", MAX_DRAFT >> 20)));
        }
        let bytes = std::fs::read(&path).map_err(|e| Refused::NotADraft(e.to_string()))?;
        String::from_utf8(bytes).map_err(|_| Refused::NotADraft("not UTF-8 text".to_string()))
    }
}

fn has_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

/// `name` as a relative path of plain components, or `None`.
fn plain_name(name: &str) -> Option<&Path> {
    if name.is_empty() || name.contains(['\\', '\0']) || name.starts_with('/') {
        return None;
    }
    let path = Path::new(name);
    path.components()
        .all(|c| matches!(c, Component::Normal(_)))
        .then_some(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_relative_names_are_taken() {
        for bad in [
            "",
            "/etc/passwd",
            "../x.md",
            "a/../../x.md",
            "./a.md",
            "a\\..\\b.md",
            "a\0.md",
            "C:/x",
        ] {
            let plain = plain_name(bad);
            // `C:/x` is a plain relative name on Unix: a folder `C:`.
            assert!(plain.is_none() || bad == "C:/x", "{bad:?} was taken");
        }
        assert_eq!(plain_name("desk/a.md"), Some(Path::new("desk/a.md")));
    }

    #[test]
    fn a_link_out_of_the_folder_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let drafts = dir.path().join("drafts");
        std::fs::create_dir_all(drafts.join("desk")).unwrap();
        std::fs::write(drafts.join("desk/a.md"), "text").unwrap();
        std::fs::write(dir.path().join("secret.md"), "secret").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(dir.path().join("secret.md"), drafts.join("link.md")).unwrap();
        let folder = DraftsFolder::open(&drafts).unwrap();
        assert_eq!(folder.read("desk/a.md").unwrap(), "text");
        assert_eq!(folder.read("../secret.md"), Err(Refused::Outside));
        assert_eq!(folder.read("none.md"), Err(Refused::NotFound));
        #[cfg(unix)]
        assert_eq!(folder.read("link.md"), Err(Refused::Outside));
        assert_eq!(folder.list(), vec!["desk/a.md".to_string()]);
    }
}

//! Where a report goes: stdout, or a file written atomically (a
//! temporary file in the same folder, renamed once whole), so a crash or
//! a failed write never leaves half a report or half a baseline.

use std::io::{self, Write};

/// Where a report goes: stdout, or a temporary file beside `-o FILE` that
/// takes its name only once the report is whole. Either way the report is
/// written as it is made, never held in memory whole.
pub enum Destination {
    Stdout(io::BufWriter<io::StdoutLock<'static>>),
    File(io::BufWriter<tempfile::NamedTempFile>, std::path::PathBuf),
}

impl Destination {
    /// Stdout, or a temporary file beside `output` (named as `output` in
    /// errors).
    pub fn open(output: Option<&std::path::Path>) -> io::Result<Destination> {
        let Some(path) = output else {
            return Ok(Destination::Stdout(io::BufWriter::with_capacity(
                1 << 16,
                io::stdout().lock(),
            )));
        };
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => std::path::Path::new("."),
        };
        let tmp = tempfile::NamedTempFile::new_in(dir).map_err(|e| cannot_write(path, &e))?;
        Ok(Destination::File(
            io::BufWriter::with_capacity(1 << 16, tmp),
            path.to_path_buf(),
        ))
    }

    /// Flushes; a file report then takes its name.
    pub fn finish(self) -> io::Result<()> {
        match self {
            Destination::Stdout(mut w) => w.flush(),
            Destination::File(w, path) => {
                let tmp = w.into_inner().map_err(|e| cannot_write(&path, &e.into_error()))?;
                give_mode(&tmp, &path).map_err(|e| cannot_write(&path, &e))?;
                tmp.persist(&path).map_err(|e| cannot_write(&path, &e.error))?;
                Ok(())
            }
        }
    }
}

impl Write for Destination {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Destination::Stdout(w) => w.write(buf),
            Destination::File(w, path) => w.write(buf).map_err(|e| cannot_write(path, &e)),
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        match self {
            Destination::Stdout(w) => w.write_all(buf),
            Destination::File(w, path) => w.write_all(buf).map_err(|e| cannot_write(path, &e)),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Destination::Stdout(w) => w.flush(),
            Destination::File(w, path) => w.flush().map_err(|e| cannot_write(path, &e)),
        }
    }
}

/// Writes a file through a temporary file in the same folder and a rename,
/// so a crash never leaves half a file. An error names `path`, never the
/// temporary file.
pub fn write_atomically(path: &std::path::Path, bytes: &[u8]) -> io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => std::path::Path::new("."),
    };
    let write = || -> io::Result<()> {
        let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
        tmp.write_all(bytes)?;
        give_mode(&tmp, path)?;
        tmp.persist(path).map_err(|e| e.error)?;
        Ok(())
    };
    write().map_err(|e| cannot_write(path, &e))
}

/// `cannot write PATH: reason`, the reason without the temporary file's
/// name that `tempfile` adds to its errors.
pub fn cannot_write(path: &std::path::Path, e: &io::Error) -> io::Error {
    io::Error::new(e.kind(), format!("cannot write {}: {}", path.display(), reason(e)))
}

/// The system's words for an I/O error, without the temporary file's path
/// that `tempfile` appends to its errors (`… at path "/dir/.tmpX"`, an
/// error whose source it does not expose).
fn reason(e: &io::Error) -> String {
    if let Some(code) = e.raw_os_error() {
        return io::Error::from_raw_os_error(code).to_string();
    }
    let text = e.to_string();
    match text.rfind(" at path \"") {
        Some(at) => text[..at].to_string(),
        None => text,
    }
}

/// A temporary file is private (0600); the file it becomes keeps the mode
/// of the file it replaces, or gets the usual 0644 of a new report.
fn give_mode(tmp: &tempfile::NamedTempFile, path: &std::path::Path) -> io::Result<()> {
    let permissions = match std::fs::metadata(path) {
        Ok(m) => m.permissions(),
        Err(_) => {
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                std::fs::Permissions::from_mode(0o644)
            }
            #[cfg(not(unix))]
            {
                return Ok(());
            }
        }
    };
    tmp.as_file().set_permissions(permissions)
}

//! `file:` URIs to and from paths: the documents an editor opens and the
//! indexed articles diagnostics point at. Bytes outside the unreserved
//! set are percent-encoded (an Arabic file name is all escapes).

use std::path::{Path, PathBuf};

/// The `file:` URI of an absolute path (a relative one is taken from the
/// current folder).
pub fn from_path(path: &Path) -> String {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().map_or_else(|_| path.to_path_buf(), |d| d.join(path))
    };
    let mut uri = String::from("file://");
    let text = absolute.to_string_lossy().replace('\\', "/");
    if !text.starts_with('/') {
        uri.push('/');
    }
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/:".contains(&b) {
            uri.push(char::from(b));
        } else {
            uri.push_str(&format!("%{b:02X}"));
        }
    }
    uri
}

/// The path of a `file:` URI; `None` for another scheme or a bad escape.
pub fn to_path(uri: &str) -> Option<PathBuf> {
    let rest = uri.strip_prefix("file://")?;
    let rest = rest.strip_prefix("localhost").unwrap_or(rest);
    let rest = rest.split(['?', '#']).next().unwrap_or(rest);
    let bytes = rest.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    let path = String::from_utf8(out).ok()?;
    // `file:///C:/x` on Windows.
    let path = match path.as_bytes() {
        [b'/', _, b':', ..] => path[1..].to_string(),
        _ => path,
    };
    Some(PathBuf::from(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_names_round_trip() {
        let path = Path::new("/tmp/مسودة 1.md");
        let uri = from_path(path);
        assert!(uri.starts_with("file:///tmp/%D9%85"), "{uri}");
        assert!(uri.ends_with("%201.md"), "{uri}");
        assert_eq!(to_path(&uri).as_deref(), Some(path));
    }

    #[test]
    fn other_schemes_are_not_paths() {
        assert_eq!(to_path("untitled:Untitled-1"), None);
        assert_eq!(to_path("file:///a%zz"), None);
        assert_eq!(to_path("file://localhost/a/b").as_deref(), Some(Path::new("/a/b")));
    }
}

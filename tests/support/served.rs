//! `crosscheck serve` started for a test, and a tiny HTTP/1.1 client to
//! talk to it (plain std sockets: what a test sends is what goes out).
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// A running server; killed (by its process id) when dropped.
pub struct Served {
    child: Child,
    /// What it printed first: the page's address (with `?token=` when it
    /// has one).
    pub url: String,
    /// `host:port`.
    pub addr: String,
    /// Its other lines on stdout (the token, when generated).
    pub said: Vec<String>,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `crosscheck serve ARGS --no-config` in `dir` and waits for the
/// address it prints. Fails the test, with its stderr, if it exits.
pub fn serve(dir: &Path, args: &[&str]) -> Served {
    let mut child = Command::new(env!("CARGO_BIN_EXE_crosscheck"))
        .current_dir(dir)
        .arg("serve")
        .args(args)
        .arg("--no-config")
        .env("NO_COLOR", "1")
        .env("USER", "amina")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("crosscheck serve starts");
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    let _ = out.read_line(&mut line);
    let Some(url) = line.trim().strip_prefix("crosscheck serve: listening on ") else {
        let _ = child.kill();
        let mut err = String::new();
        let _ = child.stderr.take().unwrap().read_to_string(&mut err);
        panic!("crosscheck serve did not start: {line}\n{err}");
    };
    let url = url.to_string();
    let addr = url.trim_start_matches("http://").split('/').next().unwrap().to_string();
    let mut said = Vec::new();
    // A token it made is said on the next line.
    if url.contains("?token=") && !args.contains(&"--token") {
        let mut next = String::new();
        let _ = out.read_line(&mut next);
        said.push(next.trim().to_string());
    }
    // Keep its stdout drained.
    std::thread::spawn(move || std::io::copy(&mut out, &mut std::io::sink()));
    Served { child, url, addr, said }
}

/// What a server answered.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    /// Header lines, names lowercased.
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Answer {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

/// Sends `method path` with `headers` and `body` to `addr`; the answer.
pub fn request(addr: &str, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Answer {
    let mut stream = TcpStream::connect(addr).expect("connects");
    stream.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    let mut head = format!("{method} {path} HTTP/1.1\r\nConnection: close\r\n");
    if !headers.iter().any(|(n, _)| n.eq_ignore_ascii_case("host")) {
        head.push_str(&format!("Host: {addr}\r\n"));
    }
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    if !body.is_empty() && !headers.iter().any(|(n, _)| n.eq_ignore_ascii_case("content-length")) {
        head.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).unwrap();
    // A server may answer (413) before it reads the body and close.
    let _ = stream.write_all(body);
    read_answer(&mut stream)
}

/// Reads an answer to its end (the server closes the connection).
pub fn read_answer(stream: &mut TcpStream) -> Answer {
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw);
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status line in {text:?}"));
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    Answer {
        status,
        headers,
        body: body.to_string(),
    }
}

/// `GET path`.
pub fn get(addr: &str, path: &str) -> Answer {
    request(addr, "GET", path, &[], b"")
}

/// `POST path` with a JSON body.
pub fn post_json(addr: &str, path: &str, body: &serde_json::Value) -> Answer {
    request(
        addr,
        "POST",
        path,
        &[("Content-Type", "application/json")],
        body.to_string().as_bytes(),
    )
}

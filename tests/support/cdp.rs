//! Headless Chromium driven over the DevTools protocol: a small client
//! (JSON messages over tungstenite's WebSocket) for the browser tests, so
//! the tests build no browser-automation crate.
#![allow(dead_code)]

use serde_json::{json, Value};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The Chromium on this machine, if any.
pub fn chromium() -> Option<&'static str> {
    ["chromium", "chromium-browser", "google-chrome"].into_iter().find(|b| {
        Command::new("sh")
            .args(["-c", &format!("command -v {b}")])
            .output()
            .is_ok_and(|o| o.status.success())
    })
}

/// Whether a missing browser is a failure: under CI, or when asked.
pub fn chromium_required() -> bool {
    std::env::var("CROSSCHECK_REQUIRE_CHROMIUM").is_ok_and(|v| v == "1")
        || std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

/// A headless browser; killed (by its process id) when dropped.
pub struct Browser {
    child: Child,
    port: u16,
    _profile: tempfile::TempDir,
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Browser {
    /// Starts `binary` headless with a throwaway profile, its DevTools on
    /// a free port of 127.0.0.1, `width`×`height` pixels.
    pub fn launch(binary: &str, width: u32, height: u32) -> Browser {
        let profile = tempfile::tempdir().unwrap();
        let child = Command::new(binary)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                "--remote-debugging-address=127.0.0.1",
                "--remote-debugging-port=0",
                &format!("--window-size={width},{height}"),
                &format!("--user-data-dir={}", profile.path().display()),
                "about:blank",
            ])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromium starts");
        let port = active_port(profile.path());
        Browser {
            child,
            port,
            _profile: profile,
        }
    }

    /// A new tab, its DevTools session open.
    pub fn page(&self) -> Page {
        let addr = format!("127.0.0.1:{}", self.port);
        let mut stream = TcpStream::connect(&addr).unwrap();
        write!(
            stream,
            "PUT /json/new?about:blank HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        // Chromium keeps the connection open: read the head, then as many
        // bytes as it announces.
        stream.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
        let head = read_head(&mut stream);
        let length: usize = head
            .lines()
            .find_map(|l| {
                let (name, value) = l.split_once(':')?;
                name.eq_ignore_ascii_case("content-length")
                    .then(|| value.trim().parse().ok())?
            })
            .unwrap_or_else(|| panic!("no Content-Length: {head}"));
        let mut body = vec![0u8; length];
        stream.read_exact(&mut body).unwrap();
        let target: Value = serde_json::from_slice(&body).unwrap_or_else(|e| panic!("{e}: {head}"));
        let ws = target["webSocketDebuggerUrl"].as_str().expect("a page to debug");
        let path = ws.splitn(4, '/').nth(3).expect("a path");
        Page::connect(&addr, &format!("/{path}"))
    }
}

/// An HTTP answer's head, up to its blank line.
fn read_head(stream: &mut TcpStream) -> String {
    let mut head = Vec::new();
    let mut byte = [0u8];
    while !head.ends_with(b"\r\n\r\n") {
        stream.read_exact(&mut byte).expect("an answer from chromium");
        head.push(byte[0]);
    }
    String::from_utf8_lossy(&head).into_owned()
}

/// The port Chromium writes in the profile's `DevToolsActivePort`.
fn active_port(profile: &Path) -> u16 {
    let file = profile.join("DevToolsActivePort");
    let start = Instant::now();
    loop {
        if let Some(port) = std::fs::read_to_string(&file)
            .ok()
            .and_then(|t| t.lines().next().and_then(|l| l.trim().parse().ok()))
        {
            return port;
        }
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "chromium opened no DevTools port"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// One tab's DevTools session.
pub struct Page {
    socket: tungstenite::WebSocket<TcpStream>,
    next: u64,
    /// Events received while waiting for answers (method, params).
    pub events: Vec<(String, Value)>,
}

impl Page {
    fn connect(addr: &str, path: &str) -> Page {
        let stream = TcpStream::connect(addr).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
        let (socket, _) = tungstenite::client(format!("ws://{addr}{path}"), stream).expect("a DevTools WebSocket");
        Page {
            socket,
            next: 0,
            events: Vec::new(),
        }
    }

    fn send(&mut self, text: &str) {
        self.socket
            .send(tungstenite::Message::text(text))
            .expect("a message to chromium");
    }

    /// Reads one text message (pings are answered by the socket).
    fn receive(&mut self) -> String {
        loop {
            match self.socket.read().expect("a message from chromium") {
                tungstenite::Message::Text(text) => return text.to_string(),
                tungstenite::Message::Close(_) => panic!("chromium closed the DevTools session"),
                _ => continue,
            }
        }
    }

    /// Calls a DevTools method; its result (fails on an error answer).
    pub fn call(&mut self, method: &str, params: Value) -> Value {
        self.next += 1;
        let id = self.next;
        self.send(&json!({ "id": id, "method": method, "params": params }).to_string());
        loop {
            let message: Value = serde_json::from_str(&self.receive()).unwrap();
            if message["id"].as_u64() == Some(id) {
                if let Some(e) = message.get("error") {
                    panic!("{method}: {e}");
                }
                return message["result"].clone();
            }
            if let Some(m) = message["method"].as_str() {
                self.events.push((m.to_string(), message["params"].clone()));
            }
        }
    }

    /// The value of a JavaScript expression in the page (promises
    /// awaited); fails the test on an exception.
    pub fn eval(&mut self, expression: &str) -> Value {
        let result = self.call(
            "Runtime.evaluate",
            json!({ "expression": expression, "returnByValue": true, "awaitPromise": true }),
        );
        if let Some(e) = result.get("exceptionDetails") {
            panic!("{expression}: {e}");
        }
        result["result"]["value"].clone()
    }

    /// Waits until `expression` is truthy; its value. Fails after `limit`.
    pub fn wait_for(&mut self, expression: &str, limit: Duration) -> Value {
        let start = Instant::now();
        loop {
            let v = self.eval(expression);
            let truthy = !matches!(&v, Value::Null | Value::Bool(false)) && v != json!(0) && v != json!("");
            if truthy {
                return v;
            }
            assert!(start.elapsed() < limit, "waited {limit:?} for {expression}");
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Opens `url` and waits for the page to say it is ready.
    pub fn open(&mut self, url: &str) {
        self.call("Page.enable", json!({}));
        self.call("Runtime.enable", json!({}));
        self.call("Page.navigate", json!({ "url": url }));
        self.wait_ready();
    }

    /// Reloads and waits for the page to say it is ready.
    pub fn reload(&mut self) {
        self.eval("document.body.removeAttribute('data-ready')");
        self.call("Page.reload", json!({}));
        self.wait_ready();
    }

    fn wait_ready(&mut self) {
        self.wait_for(
            "document.readyState === 'complete' && document.body && document.body.getAttribute('data-ready') === '1'",
            Duration::from_secs(60),
        );
    }

    /// A PNG of the page as shown, into `path`.
    pub fn screenshot(&mut self, path: &Path) {
        let shot = self.call("Page.captureScreenshot", json!({ "format": "png" }));
        let data = shot["data"].as_str().expect("a screenshot");
        let png = base64::Engine::decode(&base64::engine::general_purpose::STANDARD, data).expect("base64");
        std::fs::write(path, png).unwrap();
    }

    /// The console messages and exceptions the page gave so far.
    pub fn complaints(&self) -> Vec<String> {
        self.events
            .iter()
            .filter(|(m, _)| m == "Runtime.exceptionThrown" || m == "Runtime.consoleAPICalled")
            .map(|(m, p)| format!("{m}: {p}"))
            .collect()
    }
}

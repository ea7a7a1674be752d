//! The wire: JSON-RPC messages framed by `Content-Length` headers over a
//! reader and a writer (the server's stdin and stdout).
//!
//! A frame that cannot be read is answered, not fatal: a body that is not
//! JSON gets a parse error (-32700), JSON that is not a message an
//! invalid-request error (-32600), with the request's id when it has one
//! (else `null`, as JSON-RPC says); the next frame is read as usual. Only
//! the end of the input, or a read error, ends the reading.

use lsp_server::{ErrorCode, Message, RequestId};
use serde_json::{json, Value};
use std::io::{self, BufRead, Read, Write};

/// The largest body read (a draft is far smaller): past it, the frame is
/// refused and its body skipped.
pub const MAX_BODY: usize = 64 << 20;

/// What one frame held.
#[derive(Debug)]
pub enum Incoming {
    Message(Message),
    /// Not a message: the error response to send back.
    Malformed(Value),
}

/// Reads the next frame; `None` at the end of the input.
pub fn read<R: BufRead>(r: &mut R) -> io::Result<Option<Incoming>> {
    let mut length: Option<Result<usize, String>> = None;
    let mut bad_header = None;
    let mut headers = 0;
    let mut line = String::new();
    loop {
        line.clear();
        if r.read_line(&mut line)? == 0 {
            return Ok(None);
        }
        let header = line.trim_end_matches(['\r', '\n']);
        if header.is_empty() {
            if headers == 0 {
                // Blank lines between frames are tolerated.
                continue;
            }
            break;
        }
        headers += 1;
        match header.split_once(':') {
            Some((name, value)) if name.trim().eq_ignore_ascii_case("content-length") => {
                let value = value.trim();
                length = Some(value.parse().map_err(|_| format!("bad Content-Length `{value}`")));
            }
            Some(_) => {}
            None => bad_header = Some(format!("bad header line `{}`", clip(header))),
        }
    }
    let length = match (length, bad_header) {
        (_, Some(reason)) | (Some(Err(reason)), _) => return Ok(Some(malformed(ErrorCode::ParseError, &reason))),
        (None, None) => return Ok(Some(malformed(ErrorCode::ParseError, "no Content-Length header"))),
        (Some(Ok(n)), None) => n,
    };
    if length > MAX_BODY {
        io::copy(&mut Read::take(&mut *r, length as u64), &mut io::sink())?;
        let reason = format!("a message of {length} bytes (at most {MAX_BODY} are read)");
        return Ok(Some(malformed(ErrorCode::InvalidRequest, &reason)));
    }
    let mut body = vec![0; length];
    r.read_exact(&mut body)?;
    Ok(Some(parse(&body)))
}

/// A frame's body as a message, or the error to answer it with.
fn parse(body: &[u8]) -> Incoming {
    let value: Value = match serde_json::from_slice(body) {
        Ok(v) => v,
        Err(e) => return malformed(ErrorCode::ParseError, &format!("not JSON: {e}")),
    };
    let id = value.get("id").cloned().filter(|id| id.is_number() || id.is_string());
    // A method that is not a string would pass for a response (whose
    // fields are all optional) and be dropped unanswered.
    if value.get("method").is_some_and(|m| !m.is_string()) {
        return Incoming::Malformed(error_response(
            id,
            ErrorCode::InvalidRequest,
            "`method` is not a string",
        ));
    }
    match serde_json::from_value::<Message>(value) {
        Ok(message) => Incoming::Message(message),
        Err(e) => {
            let error = error_response(id, ErrorCode::InvalidRequest, &format!("not a JSON-RPC message: {e}"));
            Incoming::Malformed(error)
        }
    }
}

fn malformed(code: ErrorCode, reason: &str) -> Incoming {
    Incoming::Malformed(error_response(None, code, reason))
}

/// A JSON-RPC error response (`id` `null` when the request's is unknown).
pub fn error_response(id: Option<Value>, code: ErrorCode, message: &str) -> Value {
    json!({
        "jsonrpc": "2.0",
        "id": id.unwrap_or(Value::Null),
        "error": { "code": code as i32, "message": message },
    })
}

/// The id of a request as JSON.
pub fn id_value(id: &RequestId) -> Value {
    serde_json::to_value(id).unwrap_or(Value::Null)
}

/// What the server writes.
#[derive(Debug)]
pub enum Outgoing {
    Message(Message),
    /// A response the message types cannot hold (an error to a request
    /// whose id is unknown).
    Raw(Value),
    /// A notification, its parameters written straight to JSON (no
    /// tree of values made first: diagnostics are the largest message).
    Notification {
        method: &'static str,
        params: String,
    },
}

/// Writes one frame and flushes it.
pub fn write(w: &mut impl Write, out: Outgoing) -> io::Result<()> {
    let body = match out {
        Outgoing::Message(m) => return m.write(w),
        Outgoing::Raw(v) => serde_json::to_string(&v)?,
        Outgoing::Notification { method, params } => {
            format!(r#"{{"jsonrpc":"2.0","method":{},"params":{params}}}"#, json!(method))
        }
    };
    write!(w, "Content-Length: {}\r\n\r\n{body}", body.len())?;
    w.flush()
}

/// At most 80 characters of a header line, for an error message.
fn clip(s: &str) -> String {
    s.chars().take(80).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(input: &str) -> Vec<Incoming> {
        let mut r = io::Cursor::new(input.as_bytes().to_vec());
        std::iter::from_fn(|| read(&mut r).unwrap()).collect()
    }

    fn frame(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    #[test]
    fn a_bad_body_is_answered_and_the_next_frame_read() {
        let input = frame("{not json") + &frame(r#"{"jsonrpc":"2.0","method":"exit"}"#);
        let got = frames(&input);
        assert_eq!(got.len(), 2);
        let Incoming::Malformed(error) = &got[0] else {
            panic!("{got:?}")
        };
        assert_eq!(error["id"], Value::Null);
        assert_eq!(error["error"]["code"], -32700);
        assert!(matches!(&got[1], Incoming::Message(Message::Notification(n)) if n.method == "exit"));
    }

    #[test]
    fn json_that_is_not_a_message_keeps_its_id() {
        let got = frames(&frame(r#"{"jsonrpc":"2.0","id":7,"method":12}"#));
        let Incoming::Malformed(error) = &got[0] else {
            panic!("{got:?}")
        };
        assert_eq!(error["id"], 7);
        assert_eq!(error["error"]["code"], -32600);
    }

    #[test]
    fn a_frame_without_length_is_a_parse_error() {
        let got = frames("Content-Type: x\r\n\r\n");
        assert!(matches!(&got[0], Incoming::Malformed(e) if e["error"]["code"] == -32700));
        let got = frames("Content-Length: many\r\n\r\n");
        assert!(matches!(&got[0], Incoming::Malformed(e) if e["error"]["message"].as_str().unwrap().contains("many")));
    }

    #[test]
    fn a_truncated_body_is_a_read_error() {
        let mut r = io::Cursor::new(b"Content-Length: 10\r\n\r\n{}".to_vec());
        assert!(read(&mut r).is_err());
    }
}

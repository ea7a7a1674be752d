//! The server's loop: the protocol's life cycle (initialize, shutdown,
//! exit), the open documents, and when each is checked.
//!
//! Three threads: one reads frames from the client, one checks documents
//! (the `check` module's worker, which owns the index), and this loop, which
//! answers requests and writes every message. A change is checked
//! `debounce` after the last one; the worker checks only the newest
//! version it has of each document; a result for a version the editor has
//! since changed is dropped, never published.

use super::check::{Checked, Job, Worker};
use super::transport::{self, Incoming, Outgoing};
use super::{Options, COMMAND_ACCEPT};
use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{self as notif, Notification as _};
use lsp_types::request::{self as req, Request as _};
use lsp_types::{CodeActionParams, ExecuteCommandParams, HoverParams, InitializeParams, PublishDiagnosticsParams, Uri};
use serde_json::Value;
use std::collections::HashMap;
use std::io::{self, BufRead, Write};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::Arc;
use std::time::Instant;

/// What the loop waits for.
pub(super) enum Event {
    Incoming(Incoming),
    /// The client's input ended (or could not be read).
    Closed,
    /// A document checked.
    Checked(Uri, Box<Checked>),
    /// A document that could not be checked (the index went away…).
    Failed(Uri, i32, String),
    /// An accepted finding written to the baseline, or why not.
    Accepted(RequestId, Result<String, String>),
}

/// An open document.
struct Document {
    version: i32,
    text: Arc<str>,
    /// When to check it; `None`: checked, or being checked.
    due: Option<Instant>,
}

#[derive(PartialEq, Eq)]
enum Phase {
    Uninitialized,
    Running,
    ShutDown,
}

struct Server<W: Write> {
    out: W,
    options: Options,
    phase: Phase,
    documents: HashMap<Uri, Document>,
    checked: HashMap<Uri, Checked>,
    jobs: Option<Sender<Job>>,
    events: Sender<Event>,
    setup: Option<crate::setup::Setup>,
}

/// Serves one client on `input` and `output` until it says `exit` or its
/// input ends; the process's exit code: 0 after a `shutdown`, else 1.
pub fn serve<R, W>(setup: crate::setup::Setup, options: Options, input: R, output: W) -> io::Result<i32>
where
    R: BufRead + Send + 'static,
    W: Write,
{
    let (events, inbox) = mpsc::channel();
    spawn_reader(input, events.clone());
    let mut server = Server {
        out: output,
        options,
        phase: Phase::Uninitialized,
        documents: HashMap::new(),
        checked: HashMap::new(),
        jobs: None,
        events,
        setup: Some(setup),
    };
    server.run(&inbox)
}

fn spawn_reader<R: BufRead + Send + 'static>(mut input: R, events: Sender<Event>) {
    std::thread::spawn(move || loop {
        match transport::read(&mut input) {
            Ok(Some(incoming)) => {
                if events.send(Event::Incoming(incoming)).is_err() {
                    return;
                }
            }
            Ok(None) | Err(_) => return drop(events.send(Event::Closed)),
        }
    });
}

impl<W: Write> Server<W> {
    fn run(&mut self, inbox: &Receiver<Event>) -> io::Result<i32> {
        loop {
            self.dispatch_due();
            let event = match self.next_due() {
                Some(at) => match inbox.recv_timeout(at.saturating_duration_since(Instant::now())) {
                    Ok(e) => e,
                    Err(RecvTimeoutError::Timeout) => continue,
                    Err(RecvTimeoutError::Disconnected) => return Ok(1),
                },
                None => match inbox.recv() {
                    Ok(e) => e,
                    Err(_) => return Ok(1),
                },
            };
            match event {
                Event::Incoming(Incoming::Malformed(error)) => self.send(Outgoing::Raw(error))?,
                Event::Incoming(Incoming::Message(Message::Request(r))) => self.request(r)?,
                Event::Incoming(Incoming::Message(Message::Notification(n))) => {
                    if n.method == notif::Exit::METHOD {
                        return Ok(if self.phase == Phase::ShutDown { 0 } else { 1 });
                    }
                    self.notification(n)?;
                }
                // Responses to requests the server never sends.
                Event::Incoming(Incoming::Message(Message::Response(_))) => {}
                Event::Closed => return Ok(if self.phase == Phase::ShutDown { 0 } else { 1 }),
                Event::Checked(uri, checked) => self.publish(uri, *checked)?,
                Event::Failed(uri, version, message) => self.failed(&uri, version, &message)?,
                Event::Accepted(id, result) => self.accepted(id, result)?,
            }
        }
    }

    fn send(&mut self, out: Outgoing) -> io::Result<()> {
        transport::write(&mut self.out, out)
    }

    fn respond(&mut self, response: Response) -> io::Result<()> {
        self.send(Outgoing::Message(Message::Response(response)))
    }

    fn error(&mut self, id: RequestId, code: ErrorCode, message: impl Into<String>) -> io::Result<()> {
        self.respond(Response::new_err(id, code as i32, message.into()))
    }

    fn notify<N: lsp_types::notification::Notification>(&mut self, params: N::Params) -> io::Result<()> {
        let params = serde_json::to_string(&params)?;
        self.send(Outgoing::Notification {
            method: N::METHOD,
            params,
        })
    }

    fn request(&mut self, r: Request) -> io::Result<()> {
        match self.phase {
            Phase::Uninitialized if r.method != req::Initialize::METHOD => {
                return self.error(r.id, ErrorCode::ServerNotInitialized, "initialize first");
            }
            Phase::Running if r.method == req::Initialize::METHOD => {
                return self.error(r.id, ErrorCode::InvalidRequest, "already initialized");
            }
            Phase::ShutDown => return self.error(r.id, ErrorCode::InvalidRequest, "shut down: only `exit` is left"),
            _ => {}
        }
        match r.method.as_str() {
            req::Initialize::METHOD => self.initialize(r),
            req::Shutdown::METHOD => {
                self.phase = Phase::ShutDown;
                self.jobs = None;
                self.respond(Response::new_ok(r.id, Value::Null))
            }
            req::HoverRequest::METHOD => match params::<HoverParams>(&r) {
                Ok(p) => {
                    let hover = self
                        .current(&p.text_document_position_params.text_document.uri)
                        .and_then(|c| c.hover(p.text_document_position_params.position));
                    self.respond(Response::new_ok(r.id, hover))
                }
                Err(e) => self.error(r.id, ErrorCode::InvalidParams, e),
            },
            req::CodeActionRequest::METHOD => match params::<CodeActionParams>(&r) {
                Ok(p) => {
                    let uri = p.text_document.uri.clone();
                    let actions = self.current(&uri).map(|c| c.actions(&uri, p.range)).unwrap_or_default();
                    self.respond(Response::new_ok(r.id, actions))
                }
                Err(e) => self.error(r.id, ErrorCode::InvalidParams, e),
            },
            req::ExecuteCommand::METHOD => self.execute(r),
            _ => self.error(
                r.id,
                ErrorCode::MethodNotFound,
                format!("no method `{}` here", r.method),
            ),
        }
    }

    fn initialize(&mut self, r: Request) -> io::Result<()> {
        let p = match params::<InitializeParams>(&r) {
            Ok(p) => p,
            Err(e) => return self.error(r.id, ErrorCode::InvalidParams, e),
        };
        // On a copy: a client refused may try again with other options.
        let mut options = self.options.clone();
        if let Err(e) = options.merge(&p) {
            return self.error(r.id, ErrorCode::InvalidParams, e);
        }
        let Some(setup) = self.setup.take() else {
            return self.error(r.id, ErrorCode::InternalError, "already initialized");
        };
        let worker = match Worker::open(setup, &options) {
            Ok(w) => w,
            Err(refused) => {
                let (setup, message) = *refused;
                self.setup = Some(setup);
                return self.error(r.id, ErrorCode::InvalidParams, message);
            }
        };
        self.jobs = Some(worker.spawn(self.events.clone()));
        self.options = options;
        self.phase = Phase::Running;
        let result = super::capabilities::initialize_result();
        self.respond(Response::new_ok(r.id, result))
    }

    fn execute(&mut self, r: Request) -> io::Result<()> {
        let p = match params::<ExecuteCommandParams>(&r) {
            Ok(p) => p,
            Err(e) => return self.error(r.id, ErrorCode::InvalidParams, e),
        };
        if p.command != COMMAND_ACCEPT {
            return self.error(
                r.id,
                ErrorCode::InvalidParams,
                format!("no command `{}` here", p.command),
            );
        }
        let Some(argument) = p.arguments.into_iter().next() else {
            return self.error(r.id, ErrorCode::InvalidParams, "which finding? (no argument)");
        };
        let job = Job::Accept {
            id: r.id.clone(),
            argument,
        };
        if self.jobs.as_ref().is_none_or(|j| j.send(job).is_err()) {
            return self.error(r.id, ErrorCode::InternalError, "the checking thread is gone");
        }
        Ok(())
    }

    fn accepted(&mut self, id: RequestId, result: Result<String, String>) -> io::Result<()> {
        match result {
            Ok(said) => {
                self.respond(Response::new_ok(id, Value::Null))?;
                self.notify::<notif::ShowMessage>(lsp_types::ShowMessageParams {
                    typ: lsp_types::MessageType::INFO,
                    message: said,
                })?;
                // Every open document is checked again with the new baseline.
                let now = Instant::now();
                for doc in self.documents.values_mut() {
                    doc.due = Some(now);
                }
                Ok(())
            }
            Err(e) => self.error(id, ErrorCode::RequestFailed, e),
        }
    }

    fn notification(&mut self, n: Notification) -> io::Result<()> {
        if self.phase != Phase::Running {
            return Ok(());
        }
        let now = Instant::now();
        match n.method.as_str() {
            notif::DidOpenTextDocument::METHOD => {
                let Ok(p) = serde_json::from_value::<lsp_types::DidOpenTextDocumentParams>(n.params) else {
                    return Ok(());
                };
                let doc = p.text_document;
                if !super::is_prose(&doc.uri, &doc.language_id) {
                    return Ok(());
                }
                let document = Document {
                    version: doc.version,
                    text: Arc::from(doc.text),
                    due: Some(now),
                };
                self.documents.insert(doc.uri, document);
            }
            notif::DidChangeTextDocument::METHOD => {
                let Ok(p) = serde_json::from_value::<lsp_types::DidChangeTextDocumentParams>(n.params) else {
                    return Ok(());
                };
                let debounce = self.options.debounce;
                let Some(doc) = self.documents.get_mut(&p.text_document.uri) else {
                    return Ok(());
                };
                let mut text = doc.text.to_string();
                for change in p.content_changes {
                    super::apply_change(&mut text, change);
                }
                doc.text = Arc::from(text);
                doc.version = p.text_document.version;
                doc.due = Some(now + debounce);
            }
            notif::DidCloseTextDocument::METHOD => {
                let Ok(p) = serde_json::from_value::<lsp_types::DidCloseTextDocumentParams>(n.params) else {
                    return Ok(());
                };
                let uri = p.text_document.uri;
                self.checked.remove(&uri);
                if let Some(jobs) = &self.jobs {
                    let _ = jobs.send(Job::Close { uri: uri.clone() });
                }
                if self.documents.remove(&uri).is_some() {
                    self.notify::<notif::PublishDiagnostics>(PublishDiagnosticsParams::new(uri, Vec::new(), None))?;
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// The soonest time a document is due to be checked.
    fn next_due(&self) -> Option<Instant> {
        self.documents.values().filter_map(|d| d.due).min()
    }

    /// Hands the documents that are due to the worker.
    fn dispatch_due(&mut self) {
        let now = Instant::now();
        let Some(jobs) = &self.jobs else {
            return;
        };
        for (uri, doc) in &mut self.documents {
            if doc.due.is_some_and(|d| d <= now) {
                doc.due = None;
                let job = Job::Check {
                    uri: uri.clone(),
                    version: doc.version,
                    text: doc.text.clone(),
                };
                let _ = jobs.send(job);
            }
        }
    }

    /// Publishes a check's diagnostics, unless the document changed since.
    fn publish(&mut self, uri: Uri, checked: Checked) -> io::Result<()> {
        let Some(doc) = self.documents.get(&uri) else {
            return Ok(());
        };
        if doc.version != checked.version || doc.text != checked.text {
            return Ok(());
        }
        let params = PublishDiagnosticsParams::new(uri.clone(), checked.diagnostics.clone(), Some(checked.version));
        self.checked.insert(uri, checked);
        self.notify::<notif::PublishDiagnostics>(params)
    }

    fn failed(&mut self, uri: &Uri, version: i32, message: &str) -> io::Result<()> {
        if self.documents.get(uri).is_none_or(|d| d.version != version) {
            return Ok(());
        }
        self.notify::<notif::ShowMessage>(lsp_types::ShowMessageParams {
            typ: lsp_types::MessageType::ERROR,
            message: format!("crosscheck: {message}"),
        })
    }

    /// The last check of a document, when it is of the text the editor
    /// has now (positions in an older text would point at other words).
    fn current(&self, uri: &Uri) -> Option<&Checked> {
        let doc = self.documents.get(uri)?;
        self.checked.get(uri).filter(|c| c.text == doc.text)
    }
}

/// A request's parameters, or why they are not the method's.
fn params<P: serde::de::DeserializeOwned>(r: &Request) -> Result<P, String> {
    serde_json::from_value(r.params.clone()).map_err(|e| format!("bad parameters for `{}`: {e}", r.method))
}

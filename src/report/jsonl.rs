//! `--format jsonl`: one JSON object a line. `check` writes one finding a
//! line (the shape of a finding in `--format json`); `extract` writes one
//! claim a line (the shape of `extract --format json`), which `check
//! --claims` reads back.

use super::json::{write_claim_line, write_finding_line};
use super::{nothing_at_end, ClaimStream, FindingSink, Lines, Report};
use crate::extract::shard::ShardLine;
use crate::extract::Claim;
use crate::input::corpus::InputError;
use std::io;

/// JSON Lines output.
pub struct Jsonl;

impl Report for Jsonl {
    fn sink<'a>(&'a self, out: &'a mut dyn io::Write) -> Box<dyn FindingSink + 'a> {
        Box::new(Lines {
            out,
            each: write_finding_line,
            end: nothing_at_end,
        })
    }

    fn claim_stream(&self) -> Option<&dyn ClaimStream> {
        Some(self)
    }

    fn extract(&self, out: &mut dyn io::Write, claims: &[Claim], _errors: &[InputError]) -> io::Result<()> {
        for c in claims {
            write_claim_line(out, c)?;
        }
        Ok(())
    }
}

impl ClaimStream for Jsonl {
    fn line(&self, out: &mut dyn io::Write, line: ShardLine) -> io::Result<()> {
        match line {
            ShardLine::Record(r) => r.write(out),
            ShardLine::Claim(c) => write_claim_line(out, c),
        }
    }
}

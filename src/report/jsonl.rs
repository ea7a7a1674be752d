//! `--format jsonl`: one JSON object a line. `check` writes one finding a
//! line (the shape of a finding in `--format json`); `extract` writes one
//! claim a line (the shape of `extract --format json`), which `check
//! --claims` reads back.

use super::json::{write_claim_line, write_finding_line};
use super::{CheckResult, Report};
use crate::extract::Claim;
use crate::input::corpus::InputError;
use std::io;

/// JSON Lines output.
pub struct Jsonl;

impl Report for Jsonl {
    fn check(&self, out: &mut dyn io::Write, result: &CheckResult) -> io::Result<()> {
        result.each(&mut |f| write_finding_line(out, f))
    }

    fn extract(&self, out: &mut dyn io::Write, claims: &[Claim], _errors: &[InputError]) -> io::Result<()> {
        for c in claims {
            write_claim_line(out, c)?;
        }
        Ok(())
    }
}

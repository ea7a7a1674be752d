//! `--format sarif`: SARIF 2.1.0 (placeholder until the full reporter lands).

use super::{CheckResult, Report, RuleInfo};
use crate::corpus::InputError;
use crate::extract::Claim;
use std::io;

/// SARIF output.
pub struct Sarif {
    #[allow(dead_code)]
    rules: Vec<RuleInfo>,
}

impl Sarif {
    pub fn new(rules: Vec<RuleInfo>) -> Sarif {
        Sarif { rules }
    }
}

impl Report for Sarif {
    fn check(&self, _out: &mut dyn io::Write, _result: &CheckResult) -> io::Result<()> {
        Err(io::Error::other("SARIF output is not available yet"))
    }

    fn extract(&self, _out: &mut dyn io::Write, _claims: &[Claim], _errors: &[InputError]) -> io::Result<()> {
        Err(io::Error::other("SARIF output is for `check`, not `extract`"))
    }
}

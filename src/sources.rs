//! Sources and their weights: how much an outlet's word counts.
//!
//! Every article has a source: front matter `source`, the JSONL field, or
//! the first folder under the path given. `--source-weights FILE` gives
//! trust weights (a wire agency above an aggregator), so the majority of a
//! finding is weighted; a source the file does not name weighs `default`.
//!
//! ```yaml
//! default: 1        # optional, 1 when absent
//! sources:
//!   map: 3          # the national wire agency
//!   hespress: 1.5
//!   aggregator: 0.5
//! ```

use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

/// Trust weights by source.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceWeights {
    #[serde(default = "one")]
    pub default: f64,
    #[serde(default)]
    pub sources: BTreeMap<String, f64>,
}

fn one() -> f64 {
    1.0
}

impl Default for SourceWeights {
    fn default() -> SourceWeights {
        SourceWeights {
            default: 1.0,
            sources: BTreeMap::new(),
        }
    }
}

/// A weights file that cannot be used.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[error("source weights {path}: {reason}")]
#[diagnostic(code(crosscheck::source_weights))]
pub struct WeightsError {
    pub path: String,
    pub reason: String,
}

impl SourceWeights {
    pub fn load(path: &Path) -> Result<SourceWeights, WeightsError> {
        let err = |reason: String| WeightsError {
            path: path.display().to_string(),
            reason,
        };
        let text = std::fs::read_to_string(path).map_err(|e| err(e.to_string()))?;
        let w: SourceWeights = serde_yaml::from_str(&text).map_err(|e| err(e.to_string()))?;
        let bad = std::iter::once(("default", w.default))
            .chain(w.sources.iter().map(|(k, v)| (k.as_str(), *v)))
            .find(|(_, v)| !v.is_finite() || *v < 0.0);
        if let Some((name, v)) = bad {
            return Err(err(format!("weight of `{name}` must be a number ≥ 0, not {v}")));
        }
        Ok(w)
    }

    /// Whether any source weighs other than 1 (reports then say "weighted").
    pub fn is_weighted(&self) -> bool {
        self.default != 1.0 || self.sources.values().any(|&v| v != 1.0)
    }

    pub fn weight(&self, source: Option<&str>) -> f64 {
        source
            .and_then(|s| self.sources.get(s))
            .copied()
            .unwrap_or(self.default)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn named_sources_weigh_their_weight_others_the_default() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("w.yaml");
        std::fs::write(&p, "default: 0.5\nsources:\n  map: 3\n").unwrap();
        let w = SourceWeights::load(&p).unwrap();
        assert_eq!(w.weight(Some("map")), 3.0);
        assert_eq!(w.weight(Some("other")), 0.5);
        assert_eq!(w.weight(None), 0.5);
        assert!(w.is_weighted());
    }

    #[test]
    fn negative_weights_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("w.yaml");
        std::fs::write(&p, "sources:\n  map: -1\n").unwrap();
        assert!(SourceWeights::load(&p).unwrap_err().reason.contains("`map`"));
    }
}

//! The kinds of fact a rule claims.

/// What a rule claims, and so which placeholders it may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Deserialize, serde::Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    Count,
    Ordinal,
    Year,
    Date,
    DateRange,
    /// A person's or an organisation's name, in one of its spellings.
    Name,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Count => "count",
            Kind::Ordinal => "ordinal",
            Kind::Year => "year",
            Kind::Date => "date",
            Kind::DateRange => "date-range",
            Kind::Name => "name",
        }
    }
}

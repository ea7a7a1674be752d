//! The data every stage shares: claim values as sets ([`value`]) and the
//! kinds of fact they belong to ([`kind`]). It imports only [`crate::text`]
//! (a name is compared folded).

pub mod kind;
pub mod value;

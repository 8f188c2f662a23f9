//! Maintainer tasks as a library, so that tests can run them too.

#![deny(missing_docs)]

pub mod drift;
pub mod generate;
pub mod since;
pub mod test;

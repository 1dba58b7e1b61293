//! steward: who owns each of our social media channels?
//!
//! A plan file (TOML) lists departments, people, channels and duties and who is
//! Responsible, Accountable, Consulted or Informed for each row. The model knows the
//! rules; the store reads and writes files; the command line and the TUI show both.

pub mod cli;
pub mod diff;
pub mod export;
pub mod import;
pub mod model;
pub mod report;
pub mod store;
pub mod templates;
pub mod text;
pub mod tui;

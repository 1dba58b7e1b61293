//! The rules a plan is checked against.

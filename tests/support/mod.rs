//! What the integration tests share. Each test binary takes the parts it needs.
#![allow(dead_code)]

pub mod pty;

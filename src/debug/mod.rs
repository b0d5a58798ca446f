//! The debugger's core: a checksum explained byte by byte ([`explain`]), a mismatch diagnosed
//! ([`diagnose`]), the integrator's own pre-image compared with the expected one ([`compare`]),
//! bodies read tolerantly ([`loose`]), and values rendered visibly ([`visible`]).

pub mod compare;
pub mod diagnose;
pub mod explain;
pub mod loose;
pub mod visible;

//! The debugger's core: what the page shows for one body in one call ([`analyse`]), a checksum explained byte by byte ([`explain`]), a mismatch diagnosed
//! ([`diagnose`]), the integrator's own pre-image compared with the expected one ([`compare`]),
//! pastes read as the message they carry ([`intake`], JSON by [`loose`]), and values rendered visibly ([`visible`]). The
//! diagnosis's parts: the mistakes it tries ([`mistakes`], edits to a [`draft`]), the digest
//! formats it reads ([`digests`]) and the fixes it proposes ([`fixes`]).

pub mod analyse;
pub mod compare;
pub mod diagnose;
pub mod digests;
pub mod draft;
pub mod explain;
pub mod fixes;
pub mod intake;
pub mod loose;
pub mod mistakes;
pub mod url_encoding;
pub mod visible;

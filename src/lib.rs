//! lgsp-paygate: the HCM LGSP e-payment gateway's checksums, messages and tokens.
#![forbid(unsafe_code)]

//! lgsp-paygate: sign, verify and debug messages of the Ho Chi Minh City LGSP e-payment gateway.
//!
//! The core is plain Rust over `serde_json` values: the scheme table and its engine
//! ([`scheme`]), checksums ([`checksum`]), validation as data ([`validate`]), builders,
//! payment-result handling, gateway responses and the `Authorization` token. The only
//! WebAssembly glue is [`bindings`], which converts JavaScript values in and out and calls the
//! core.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod base64;
pub mod body;
pub mod builders;
pub mod checksum;
pub mod confirm;
pub mod debug;
pub mod error;
pub mod fields;
pub mod messages;
pub mod options;
pub mod payment_result;
pub mod phrases;
pub mod response;
pub mod rules;
pub mod said;
pub mod scheme;
pub mod scheme_info;
pub mod text;
pub mod token;
mod typed;
pub mod validate;

// The debugger's modules keep their old paths (`crate::explain`, …) for callers.
pub use debug::{compare, diagnose, explain, loose, visible};

pub mod bindings;

/// The WebAssembly build's allocator (see Cargo.toml).
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

pub use body::Body;
pub use builders::{build_lookup_request, build_paygate_request, build_refund_request, Built};
pub use checksum::{checksum, preimage, verify};
pub use compare::{compare_preimage, Comparison, Difference, Theirs};
pub use confirm::{compare_with_lookup, Confirmation, TransactionKey};
pub use diagnose::{diagnose, Diagnosis, Finding, FindingCode};
pub use error::{Error, ErrorCode};
pub use explain::{explain, ExplainStep, Explanation};
pub use loose::{parse_loose, Defect, DefectCode, LooseParse, PastedAuthorization, PastedToken};
pub use messages::{Credentials, LookupRequest, PaygateRequest, PaymentResult, RefundRequest};
pub use options::{ChecksumOptions, PreimageOptions};
pub use payment_result::{parse_payment_result, payment_result_reply, PaymentResultReport};
pub use response::{parse_gateway_response, GatewayResponse, ResponseKind};
pub use said::{Lang, Phrase, Said, Sentence, Word};
pub use scheme::{detect_scheme, Preimage, Scheme, SCHEMES};
pub use scheme_info::{schemes, SchemeInfo};
pub use token::{decode_authorization, encode_authorization, AuthorizationCredentials};
pub use validate::{validate, Problem, ProblemCode, ValidationReport};

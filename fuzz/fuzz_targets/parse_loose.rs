#![no_main]
// Fuzz target: see lgsp_paygate_fuzz::parse_loose.
libfuzzer_sys::fuzz_target!(|data: &[u8]| lgsp_paygate_fuzz::parse_loose(data));

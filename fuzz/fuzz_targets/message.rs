#![no_main]
// Fuzz target: see lgsp_paygate_fuzz::message.
libfuzzer_sys::fuzz_target!(|data: &[u8]| lgsp_paygate_fuzz::message(data));

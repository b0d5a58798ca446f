#![no_main]
// Fuzz target: see lgsp_paygate_fuzz::gateway_response.
libfuzzer_sys::fuzz_target!(|data: &[u8]| lgsp_paygate_fuzz::gateway_response(data));

#![no_main]
// Fuzz target: see lgsp_paygate_fuzz::payment_result.
libfuzzer_sys::fuzz_target!(|data: &[u8]| lgsp_paygate_fuzz::payment_result(data));

#![no_main]
// Fuzz target: see lgsp_paygate_fuzz::structured.
libfuzzer_sys::fuzz_target!(|input: lgsp_paygate_fuzz::Input| lgsp_paygate_fuzz::structured(input));

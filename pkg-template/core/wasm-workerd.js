// Hands the core the WebAssembly.Module the Workers runtime compiled from the package's .wasm.
import wasmModule from '../lgsp_paygate_bg.wasm';
import { provideModule } from './loader.js';

provideModule(wasmModule);

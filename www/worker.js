// A Web Worker running the core for the debugger, off the page's input path. It receives jobs by
// postMessage only (the secret key included: never through a URL or storage) and answers each
// with analyse()'s plain data, tagged with the job's sequence number.
import { load, core } from "./core.js";
import { analyse, plainError } from "./analysis.js";

const ready = load();

self.addEventListener("message", async (event) => {
  const { seq, job } = event.data;
  try {
    await ready;
    const started = performance.now();
    const result = analyse(core, job);
    result.coreMs = performance.now() - started;
    self.postMessage({ seq, result });
  } catch (error) {
    self.postMessage({ seq, result: { part: job.part, error: plainError(error) } });
  }
});

// A Web Worker running the core for the debugger, off the page's input path. Its first message
// holds the modules the page compiled (www/loading.js); then it receives jobs by postMessage only
// (the secret key included: never through a URL or storage) and answers each with analyse()'s
// plain data, tagged with the job's sequence number.
import { core, start } from "./core.js";
import { analyse, plainError } from "./analysis.js";

let ready = null;

self.addEventListener("message", async (event) => {
  if (event.data.modules) {
    ready = start(event.data.modules);
    return;
  }
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

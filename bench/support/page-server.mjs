// The debugger page served by scripts/serve.mjs on a free loopback port, for the benchmarks that
// drive it in Chromium. Resolves with the server process and the URL it printed.
import { spawn } from 'node:child_process';

export function servePage(repo) {
  const server = spawn(process.execPath, ['scripts/serve.mjs', '--port', '0', '--host', '127.0.0.1'], {
    cwd: repo, stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let seen = '';
    server.stdout.setEncoding('utf8');
    server.stdout.on('data', (chunk) => {
      seen += chunk;
      const m = /https?:\/\/[^\s"'<>]+/.exec(seen);
      if (m) resolve({ server, url: m[0] });
    });
    server.on('exit', (code) => reject(new Error(`serve.mjs exited (${code}): ${seen}`)));
    setTimeout(() => reject(new Error('serve.mjs printed no URL')), 30_000);
  });
}

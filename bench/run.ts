/**
 * The benchmark (a script, not a timed test): whole-process wall time of proxylint beside
 * `nginx -t` on the same generated ~70k-line config, the shared corpus, and a one-file run
 * beside a bare `node -e 0`. Prints medians in ms and throughput in MB/s.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateNginxConfig } from './generate-config';

const REPO = path.resolve(__dirname, '..', '..');
const CLI = path.join(REPO, 'bin', 'proxylint.js');
const CORPUS = path.resolve(REPO, '..', 'shared', 'corpus', 'nginx');
const RUNS = Number(process.env.BENCH_RUNS ?? 7);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(cmd: string, args: string[], opts: { cwd?: string; okCodes?: number[] } = {}): number {
  const samples: number[] = [];
  for (let i = 0; i < RUNS + 1; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(cmd, args, { cwd: opts.cwd, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 28 });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (!(opts.okCodes ?? [0]).includes(r.status ?? -1)) {
      throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr.toString().slice(0, 2000)}`);
    }
    if (i > 0) samples.push(ms); // the first run warms the page cache
  }
  return median(samples);
}

function row(name: string, ms: number, bytes?: number, extra = ''): void {
  const rate = bytes ? `${(bytes / 1e6 / (ms / 1000)).toFixed(1).padStart(7)} MB/s` : ''.padStart(12);
  console.log(`${name.padEnd(44)} ${ms.toFixed(1).padStart(9)} ms ${rate}  ${extra}`);
}

function main(): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'proxylint-bench-'));
  try {
    for (const d of ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) fs.mkdirSync(path.join(dir, d));
    const big = path.join(dir, 'nginx.conf');
    const text = generateNginxConfig(70000, dir);
    fs.writeFileSync(big, text);
    const lines = text.split('\n').length - 1;
    const bytes = Buffer.byteLength(text);
    console.log(`proxylint benchmark — node ${process.version}, ${os.cpus().length} cores, median of ${RUNS} runs\n`);

    const nodeBare = time(process.execPath, ['-e', '0']);
    row('node -e 0', nodeBare);

    const nginx = fs.existsSync('/usr/sbin/nginx') ? '/usr/sbin/nginx' : undefined;
    let nginxMs: number | undefined;
    if (nginx) {
      nginxMs = time(nginx, ['-q', '-t', '-p', dir, '-c', big]);
      row(`nginx -t, generated config (${lines} lines)`, nginxMs, bytes);
    } else console.log('nginx not installed: no nginx -t comparison');

    const bigMs = time(process.execPath, [CLI, 'lint', '--format', 'json', big], { okCodes: [0, 1] });
    row(`proxylint lint, same config (${lines} lines)`, bigMs, bytes, nginxMs ? `(${(bigMs / nginxMs).toFixed(2)}× nginx -t)` : '');

    if (fs.existsSync(CORPUS)) {
      let corpusBytes = 0;
      const walk = (d: string) => {
        for (const e of fs.readdirSync(d, { withFileTypes: true })) {
          const p = path.join(d, e.name);
          if (e.isDirectory()) walk(p);
          else corpusBytes += fs.statSync(p).size;
        }
      };
      walk(CORPUS);
      const corpusMs = time(process.execPath, [CLI, 'lint', '--format', 'json', CORPUS], { okCodes: [0, 1] });
      row('proxylint lint ../shared/corpus/nginx', corpusMs, corpusBytes);
    }

    // Its own directory: beside the big nginx.conf it would be linted in that config's context.
    const smallDir = fs.mkdtempSync(path.join(os.tmpdir(), 'proxylint-bench-one-'));
    const small = path.join(smallDir, 'app.conf');
    fs.writeFileSync(small, 'server {\n    listen 80;\n    location /ws/ {\n        proxy_pass http://127.0.0.1:3000;\n        proxy_http_version 1.1;\n        proxy_set_header Upgrade $http_upgrade;\n        proxy_set_header Connection "upgrade";\n        proxy_read_timeout 1h;\n    }\n}\n');
    const oneMs = time(process.execPath, [CLI, 'lint', small], { okCodes: [0, 1] });
    row('proxylint lint, one file', oneMs, undefined, `(${(oneMs / nodeBare).toFixed(2)}× node -e 0)`);
    fs.rmSync(smallDir, { recursive: true, force: true });

    // In-process: the parser alone, to show where the time goes.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { parseNginx } = require('../src/dialects/nginx/parser') as typeof import('../src/dialects/nginx/parser');
    const samples: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = process.hrtime.bigint();
      parseNginx({ path: big, text, encoding: 'utf8' });
      samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    row('  in-process: parse the generated config', median(samples), bytes);
    console.log(`\ngoals: big file ≤ nginx -t ${nginxMs && bigMs <= nginxMs ? '✓' : '✗'}; one file ≤ 1.5× node -e 0 ${oneMs <= 1.5 * nodeBare ? '✓' : '✗'}`);
    execFileSync('true');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main();

/**
 * The benchmark (a script, not a timed test; issue #13): whole-process wall time and peak memory
 * of proxylint beside each server's own checker (`nginx -t`, `apache2 -t`, `squid -k parse`,
 * `haproxy -c`) and beside a bare `node -e 0`, on generated configs and the Debian trees; scaling
 * rows at 1×/10×/100× per dialect and for include trees of 200/2,000/8,000 files with the growth
 * factor printed; the superlinear shapes of issue #14 (HAProxy many frontends, Apache many
 * ProxyPass / ProxyPassMatch, an nginx directory of 10,000 fragments).
 *
 * The machine may be shared: proxylint and its reference run interleaved in the same loop, and
 * the ratio of the medians is what to read; absolute times move with load. Each row also gives
 * CPU time (user + system, via bash's `time`), and its ratio: on a loaded machine wall time is
 * mostly the wait for a core, CPU time is the work.
 *
 *   npm run bench                 every row (a few minutes; rows over 2 s a round: median of 3)
 *   BENCH_RUNS=3 npm run bench    fewer repetitions
 *   node dist/bench/run.js --quick   the 1× and 10× rows only
 *   node dist/bench/run.js --only haproxy   rows whose name contains "haproxy"
 *
 * A JSON copy of every row goes to bench-results.json in the working directory (BENCH_JSON=path
 * elsewhere).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  generateApacheConfig,
  generateApacheProxyPasses,
  generateHaproxyConfig,
  generateHaproxyFrontends,
  generateNginxConfig,
  generateNginxTree,
  generateSquidConfig,
} from './generate-config';
import { CLI, SHARED_CORPUS as SHARED } from './paths';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
/** A run longer than this is stopped and the row reported as a timeout (the cliffs of issue #14). */
const TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_MS ?? 60000);
const QUICK = process.argv.includes('--quick');
const onlyAt = process.argv.indexOf('--only');
const ONLY = onlyAt > 0 ? process.argv[onlyAt + 1] : undefined;
const TIME_BIN = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

interface Cmd {
  cmd: string;
  args: string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  okCodes?: number[];
}

interface Sample {
  ms: number;
  /** User + system CPU time of the command and its children, in ms. */
  cpuMs?: number;
  /** Peak resident set size in MiB (from /usr/bin/time), when available. */
  mib?: number;
  timedOut?: boolean;
  /** The command failed (a reference checker rejecting the input): why. */
  failed?: string;
}

interface Row {
  name: string;
  ms: number | null;
  cpuMs?: number;
  refCpuMs?: number;
  /** proxylint's CPU time ÷ the reference's: the steadier figure on a shared machine. */
  cpuRatio?: number;
  mib?: number;
  ref?: string;
  refMs?: number | null;
  refMib?: number;
  ratio?: number;
  growth?: number;
  timedOut?: boolean;
  note?: string;
}

const rows: Row[] = [];

/**
 * Each row's proxylint runs get a V8 code cache of their own (made by the row's warm-up round):
 * a row measures a user who lints that kind of input again and again. One cache shared by every
 * row would hold all four dialects (bin/code-cache.js keeps what each run used), and a one-file
 * nginx run deserializing it costs ~9 % more CPU than with its own (1.05 MB vs 0.74 MB).
 */
let cacheRoot: string | undefined;
function ownCache(name: string, c: Cmd): Cmd {
  if (!cacheRoot || c.args[0] !== CLI) return c;
  const d = path.join(cacheRoot, name.replace(/[^A-Za-z0-9]+/g, '-'));
  fs.mkdirSync(d, { recursive: true, mode: 0o700 });
  return { ...c, env: { ...(c.env ?? process.env), XDG_CACHE_HOME: d } };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function once(c: Cmd): Sample {
  try {
    return onceOrThrow(c);
  } catch (e) {
    // A reference checker refusing a generated shape is a row note, not the end of the run.
    if (c.args[0] !== CLI) return { ms: NaN, failed: String((e as Error).message).split('\n').slice(0, 2).join(' ').slice(0, 160) };
    throw e;
  }
}

const BASH = fs.existsSync('/bin/bash') ? '/bin/bash' : undefined;
const HAS_TIMEOUT = fs.existsSync('/usr/bin/timeout');

function onceOrThrow(c: Cmd): Sample {
  const tmp = (what: string) => path.join(os.tmpdir(), `proxylint-bench-${what}-${process.pid}`);
  const memFile = TIME_BIN ? tmp('mem') : undefined;
  let [cmd, args] = TIME_BIN ? [TIME_BIN, ['-f', '%M', '-o', memFile!, c.cmd, ...c.args]] : [c.cmd, c.args];
  // CPU time (user + system, from the shell's getrusage, in ms): on a loaded machine wall time
  // mostly measures the wait for a core; CPU time does not. `timeout` kills the command itself.
  const cpuFile = BASH ? tmp('cpu') : undefined;
  const errFile = BASH ? tmp('err') : undefined;
  if (BASH) {
    const limit = HAS_TIMEOUT ? ['/usr/bin/timeout', '-s', 'KILL', String(Math.ceil(TIMEOUT_MS / 1000))] : [];
    args = ['-c', 'TIMEFORMAT="%3U %3S"; { time "$@" >/dev/null 2>"$BENCH_ERR"; } 2>"$BENCH_CPU"', 'bench', ...limit, cmd, ...args];
    cmd = BASH;
  }
  const env = { ...(c.env ?? process.env), BENCH_CPU: cpuFile ?? '', BENCH_ERR: errFile ?? '' };
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd: c.cwd, env, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 30, timeout: TIMEOUT_MS + 10000 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const read = (f: string | undefined) => {
    if (!f || !fs.existsSync(f)) return '';
    const t = fs.readFileSync(f, 'utf8');
    fs.rmSync(f, { force: true });
    return t;
  };
  const cpuText = read(cpuFile).trim().split('\n').pop() ?? '';
  const stderr = BASH ? read(errFile) : r.stderr.toString();
  const memText = read(memFile);
  if ((r.error && (r.error as NodeJS.ErrnoException).code === 'ETIMEDOUT') || (HAS_TIMEOUT && BASH && r.status === 137)) return { ms, timedOut: true };
  if (!(c.okCodes ?? [0]).includes(r.status ?? -1)) {
    throw new Error(`${c.cmd} ${c.args.join(' ')} exited ${r.status}: ${stderr.slice(0, 2000)}`);
  }
  let mib: number | undefined;
  const kb = Number(memText.trim().split('\n').pop());
  if (kb > 0) mib = kb / 1024;
  const [u, sy] = cpuText.split(' ').map(Number);
  const cpuMs = Number.isFinite(u) && Number.isFinite(sy) ? (u + sy) * 1000 : undefined;
  return { ms, mib, cpuMs };
}

/** A row whose warm-up round took longer than this gets at most 3 measured rounds (the whole bench stays at minutes). */
const SLOW_ROUND_MS = 2000;

/** Median wall time (and memory) of each command, run interleaved; one warm-up round first. */
function measure(cmds: Cmd[], runs = RUNS): Sample[] {
  const samples: Sample[][] = cmds.map(() => []);
  const dead = cmds.map(() => false);
  for (let i = 0; i < runs + 1; i++) {
    const t0 = Date.now();
    cmds.forEach((c, k) => {
      if (dead[k]) return;
      const s = once(c);
      if (s.timedOut || s.failed) {
        dead[k] = true;
        samples[k] = [s];
        return;
      }
      if (i > 0) samples[k].push(s);
    });
    if (i === 0 && Date.now() - t0 > SLOW_ROUND_MS) runs = Math.min(runs, 3);
  }
  return samples.map((ss) =>
    ss.length === 1 && (ss[0].timedOut || ss[0].failed)
      ? ss[0]
      : {
          ms: median(ss.map((s) => s.ms)),
          mib: ss.some((s) => s.mib !== undefined) ? median(ss.map((s) => s.mib ?? 0)) : undefined,
          cpuMs: ss.some((s) => s.cpuMs !== undefined) ? median(ss.map((s) => s.cpuMs ?? 0)) : undefined,
        },
  );
}

function fmtMs(s: Sample | undefined): string {
  if (!s) return '';
  if (s.failed) return 'failed';
  return s.timedOut ? `>${(TIMEOUT_MS / 1000).toFixed(0)} s`.padStart(10) : `${s.ms.toFixed(1)} ms`.padStart(10);
}

function fmtMib(mib: number | undefined): string {
  return mib === undefined ? ''.padStart(9) : `${mib.toFixed(0)} MiB`.padStart(9);
}

function print(r: Row, pl: Sample, ref?: Sample): void {
  const extra = [
    r.ratio !== undefined ? `${r.ratio.toFixed(2)}× ${r.ref}` : '',
    r.cpuRatio !== undefined ? `(cpu ${r.cpuRatio.toFixed(2)}×)` : '',
    r.growth !== undefined ? `growth ${r.growth.toFixed(1)}×` : '',
    r.note ?? '',
  ]
    .filter(Boolean)
    .join('  ');
  const refCol = ref ? `${r.ref}: ${fmtMs(ref).trim()}${ref.cpuMs !== undefined ? ` ${ref.cpuMs.toFixed(0)} cpu` : ''} ${fmtMib(ref.mib).trim()}` : '';
  const cpu = pl.cpuMs !== undefined ? `${pl.cpuMs.toFixed(0)} cpu`.padStart(9) : ''.padStart(9);
  console.log(`${r.name.padEnd(52)} ${fmtMs(pl)} ${cpu} ${fmtMib(pl.mib)}  ${extra.padEnd(44)} ${refCol}`);
}

function wanted(name: string): boolean {
  return !ONLY || name.includes(ONLY);
}

/** One proxylint run beside a reference command (or none), printed and recorded. */
function compare(name: string, pl: Cmd, ref?: { label: string; cmd: Cmd }, growthOf?: Row): Row | undefined {
  if (!wanted(name)) return undefined;
  const [p, r] = measure(ref ? [ownCache(name, pl), ref.cmd] : [ownCache(name, pl)]);
  const row: Row = { name, ms: p.timedOut ? null : p.ms, cpuMs: p.cpuMs, mib: p.mib, timedOut: p.timedOut };
  if (ref && r) {
    row.ref = ref.label;
    row.refMs = r.timedOut || r.failed ? null : r.ms;
    row.refMib = r.mib;
    if (r.failed) row.note = `${ref.label} failed: ${r.failed}`;
    if (!p.timedOut && !r.timedOut && !r.failed) {
      row.ratio = p.ms / r.ms;
      row.refCpuMs = r.cpuMs;
      if (p.cpuMs && r.cpuMs) row.cpuRatio = p.cpuMs / r.cpuMs;
    }
  }
  // Growth by CPU time where known (steadier under load), else by wall time.
  if (growthOf?.cpuMs && row.cpuMs && !row.timedOut) row.growth = row.cpuMs / growthOf.cpuMs;
  else if (growthOf?.ms && row.ms) row.growth = row.ms / growthOf.ms;
  rows.push(row);
  print(row, p, r);
  return row;
}

function lint(args: string[], cwd?: string): Cmd {
  return { cmd: process.execPath, args: [CLI, 'lint', '--format', 'json', ...args], cwd, okCodes: [0, 1] };
}

function section(title: string): void {
  if (!ONLY) console.log(`\n${title}`);
}

function main(): void {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'proxylint-bench-')));
  const write = (name: string, text: string) => {
    const p = path.join(dir, name);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, text);
    return p;
  };
  const nodeBare: Cmd = { cmd: process.execPath, args: ['-e', '0'] };
  cacheRoot = path.join(dir, 'code-cache');
  fs.mkdirSync(cacheRoot, { mode: 0o700 });
  const has = (bin: string) => fs.existsSync(bin);
  try {
    console.log(
      `proxylint benchmark — node ${process.version}, ${os.cpus().length}× ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ` +
        `load ${os.loadavg()[0].toFixed(1)}; median of ${RUNS} interleaved runs (3 for rows over ${SLOW_ROUND_MS / 1000} s a round); memory is peak RSS`,
    );
    // Each nginx shape in its own directory: a file is linted in the context of an nginx.conf
    // found above it, and the big config must not become every other row's context.
    const bigDir = path.join(dir, 'big');
    for (const d of ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) fs.mkdirSync(path.join(bigDir, d), { recursive: true });

    section("issue #13's table");
    if (wanted('node -e 0')) {
      const [n] = measure([nodeBare]);
      rows.push({ name: 'node -e 0', ms: n.ms, mib: n.mib });
      print(rows[rows.length - 1], n);
    }
    const nginx = has('/usr/sbin/nginx') ? '/usr/sbin/nginx' : undefined;
    const nginxT = (conf: string, prefix = dir) => (nginx ? { label: 'nginx -t', cmd: { cmd: nginx, args: ['-q', '-t', '-p', prefix, '-c', conf] } } : undefined);
    const big = write('big/nginx.conf', generateNginxConfig(70000, bigDir));
    compare('nginx: generated 70k-line config (2.1 MB)', lint([big]), nginxT(big, bigDir));

    const smallDir = path.join(dir, 'one');
    const small = path.join(smallDir, 'app.conf');
    fs.mkdirSync(smallDir);
    fs.writeFileSync(small, 'server {\n    listen 80;\n    location /ws/ {\n        proxy_pass http://127.0.0.1:3000;\n        proxy_http_version 1.1;\n        proxy_set_header Upgrade $http_upgrade;\n        proxy_set_header Connection "upgrade";\n        proxy_read_timeout 1h;\n    }\n}\n');
    compare('one small file (pre-commit)', { ...lint([small]), args: [CLI, 'lint', small] }, { label: 'node -e 0', cmd: nodeBare });

    const haproxy = has('/usr/sbin/haproxy') ? '/usr/sbin/haproxy' : undefined;
    const haproxyC = (f: string) => (haproxy ? { label: 'haproxy -c', cmd: { cmd: haproxy, args: ['-c', '-q', '-f', f] } } : undefined);
    const hBig = write('haproxy.cfg', generateHaproxyConfig(6000, dir));
    compare('haproxy: generated 66k-line haproxy.cfg (6,000 backends)', lint(['--dialect', 'haproxy', hBig]), haproxyC(hBig));

    const apache = has('/usr/sbin/apache2') ? '/usr/sbin/apache2' : undefined;
    const apacheEnv: NodeJS.ProcessEnv = {
      ...process.env,
      APACHE_RUN_USER: 'www-data',
      APACHE_RUN_GROUP: 'www-data',
      APACHE_PID_FILE: path.join(dir, 'apache2.pid'),
      APACHE_RUN_DIR: dir,
      APACHE_LOCK_DIR: dir,
      APACHE_LOG_DIR: dir,
    };
    const apacheT = (f?: string) =>
      apache ? { label: 'apache2 -t', cmd: { cmd: apache, args: f ? ['-t', '-f', f] : ['-t', '-d', '/etc/apache2', '-f', '/etc/apache2/apache2.conf'], env: apacheEnv } } : undefined;
    if (fs.existsSync('/etc/apache2/apache2.conf')) {
      const r = compare("apache: Debian's /etc/apache2 tree", lint(['/etc/apache2/apache2.conf']), apacheT());
      if (r) compare("apache: Debian's /etc/apache2 tree ÷ node -e 0", lint(['/etc/apache2/apache2.conf']), { label: 'node -e 0', cmd: nodeBare });
    } else console.log('no /etc/apache2: Debian apache2 tree row skipped');
    const squid = has('/usr/sbin/squid') ? '/usr/sbin/squid' : undefined;
    const squidParse = (f: string) => (squid ? { label: 'squid -k parse', cmd: { cmd: squid, args: ['-k', 'parse', '-f', f] } } : undefined);
    const debSquid = fs.existsSync('/etc/squid/squid.conf') ? '/etc/squid/squid.conf' : path.join(SHARED, 'squid', 'debian-etc-squid', 'squid.conf');
    if (fs.existsSync(debSquid)) {
      compare(`squid: Debian's squid.conf`, lint([debSquid]), squidParse(debSquid));
      compare(`squid: Debian's squid.conf ÷ node -e 0`, lint([debSquid]), { label: 'node -e 0', cmd: nodeBare });
    } else console.log("no Debian squid.conf: squid row skipped");

    section('include trees: a directory linted beside its root (goal ≤ 1.1×), growth from 200 files');
    let prevTree: Row | undefined;
    let prevDir: Row | undefined;
    for (const n of QUICK ? [200, 2000] : [200, 2000, 8000]) {
      const t = path.join(dir, `tree${n}`);
      if (!wanted(`tree of ${n}`)) continue;
      generateNginxTree(t, n);
      const root = compare(`nginx tree of ${n} files: lint nginx.conf`, lint([path.join(t, 'nginx.conf')], t), nginxT(path.join(t, 'nginx.conf'), t), prevTree);
      const asDir = compare(`nginx tree of ${n} files: lint the directory`, lint(['.'], t), undefined, prevDir);
      prevDir = asDir;
      if (root && asDir?.ms && root.ms) {
        asDir.ratio = asDir.ms / root.ms;
        asDir.ref = 'its root';
        if (asDir.cpuMs && root.cpuMs) asDir.cpuRatio = asDir.cpuMs / root.cpuMs;
        console.log(`${''.padEnd(52)} directory ÷ root: ${asDir.ratio.toFixed(2)}×${asDir.cpuRatio !== undefined ? ` (cpu ${asDir.cpuRatio.toFixed(2)}×)` : ''}`);
      }
      prevTree = root;
    }

    section('scaling: 1×, 10×, 100× per dialect (growth: time ÷ the previous size, 10× input)');
    const scale = QUICK ? [1, 10] : [1, 10, 100];
    const scaled = (label: string, make: (k: number) => { file: string; args: string[]; ref?: { label: string; cmd: Cmd } }) => {
      let prev: Row | undefined;
      for (const k of scale) {
        const name = `${label} ${k}×`;
        if (!wanted(name)) continue;
        const m = make(k);
        const r = compare(name, lint([...m.args, m.file]), m.ref, prev);
        if (r?.timedOut) {
          console.log(`${''.padEnd(52)} larger sizes skipped`);
          break;
        }
        prev = r;
      }
    };
    scaled('nginx 700 lines', (k) => {
      const f = write(`scale/nginx-${k}.conf`, generateNginxConfig(700 * k, bigDir));
      return { file: f, args: [], ref: nginxT(f) };
    });
    scaled('haproxy 60 backends', (k) => {
      const f = write(`scale/haproxy-${k}.cfg`, generateHaproxyConfig(60 * k, dir));
      return { file: f, args: ['--dialect', 'haproxy'], ref: haproxyC(f) };
    });
    scaled('apache 100 vhosts', (k) => {
      const f = write(`scale/httpd-${k}.conf`, generateApacheConfig(100 * k, dir));
      return { file: f, args: ['--dialect', 'apache'], ref: apacheT(f) };
    });
    scaled('squid 100 sites', (k) => {
      const f = write(`scale/squid-${k}.conf`, generateSquidConfig(100 * k, dir));
      return { file: f, args: ['--dialect', 'squid'], ref: squidParse(f) };
    });

    section("issue #14's cliff shapes (growth should stay near 10× per 10× input)");
    scaled('haproxy 40 frontends', (k) => {
      const f = write(`cliff/frontends-${k}.cfg`, generateHaproxyFrontends(40 * k, dir));
      return { file: f, args: ['--dialect', 'haproxy'], ref: haproxyC(f) };
    });
    scaled('apache 100 ProxyPass in one vhost', (k) => {
      const f = write(`cliff/proxypass-${k}.conf`, generateApacheProxyPasses(100 * k, dir, false));
      return { file: f, args: ['--dialect', 'apache'], ref: apacheT(f) };
    });
    scaled('apache 100 ProxyPassMatch in one vhost', (k) => {
      const f = write(`cliff/proxypassmatch-${k}.conf`, generateApacheProxyPasses(100 * k, dir, true));
      return { file: f, args: ['--dialect', 'apache'], ref: apacheT(f) };
    });
    let prevFrag: Row | undefined;
    for (const n of QUICK ? [100, 1000] : [100, 1000, 10000]) {
      const name = `nginx directory of ${n} fragments (no main config)`;
      if (!wanted(name)) continue;
      const t = path.join(dir, `fragments${n}`);
      generateNginxTree(t, n, false);
      const r = compare(name, lint(['.'], t), undefined, prevFrag);
      if (r?.timedOut) break;
      prevFrag = r;
    }

    const goals = rows.filter((r) => r.ratio !== undefined);
    console.log(
      `\ngoals (issue #13): 70k nginx ≤ 0.6× nginx -t: ${verdict(goals, 'nginx: generated 70k', 0.6)}; one file ≤ 1.3× node -e 0: ${verdict(goals, 'one small file', 1.3)}; ` +
        `haproxy ≤ 1.5× haproxy -c: ${verdict(goals, 'haproxy: generated', 1.5)}; apache tree ≤ 1.5× node: ${verdict(goals, 'apache2 tree ÷ node', 1.5)}; squid ≤ 1.5× node: ${verdict(goals, 'squid.conf ÷ node', 1.5)}; ` +
        `2,000-file directory ≤ 1.1× its root: ${verdict(goals, 'tree of 2000 files: lint the directory', 1.1)}; ` +
        `8,000 files linear from 2,000 (growth ≤ 4.4× for 4× the files): ${growthVerdict(rows, 'tree of 8000 files: lint the directory', 4.4)}`,
    );
    const out = process.env.BENCH_JSON ?? path.resolve('bench-results.json');
    fs.writeFileSync(
      out,
      JSON.stringify({ node: process.version, cpus: os.cpus().length, cpu: os.cpus()[0]?.model, load: os.loadavg(), runs: RUNS, date: new Date().toISOString(), rows }, null, 1) + '\n',
    );
    console.log(`JSON: ${out}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function growthVerdict(rows: Row[], prefix: string, goal: number): string {
  const r = rows.find((x) => x.name.includes(prefix));
  return r?.growth === undefined ? 'n/a' : `${r.growth.toFixed(2)}× ${r.growth <= goal ? '✓' : '✗'}`;
}

function verdict(rows: Row[], prefix: string, goal: number): string {
  const r = rows.find((x) => x.name.includes(prefix));
  if (r?.ratio === undefined) return 'n/a';
  const cpu = r.cpuRatio !== undefined ? ` (cpu ${r.cpuRatio.toFixed(2)}× ${r.cpuRatio <= goal ? '✓' : '✗'})` : '';
  return `${r.ratio.toFixed(2)}× ${r.ratio <= goal ? '✓' : '✗'}${cpu}`;
}

main();

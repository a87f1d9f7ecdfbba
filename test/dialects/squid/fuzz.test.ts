import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultSettings } from '../../../src/core/settings';
import { sourceFromText } from '../../../src/core/source';
import { dialect } from '../../../src/dialects/squid/index';
import { lintAndCheck } from '../../support/fuzz';
import { CORPUS_DIR, describeWithCorpus } from '../../support/paths';

/** mulberry32: a fixed seed makes every failure reproducible. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = ['\\', '\n', '\r\n', '"', '#', ' ', '\t', 'if true\n', 'else\n', 'endif\n', 'acl a port 80\n', 'http_access allow a\n', '${process_number}', '='];

function exercise(text: string): void {
  const file = sourceFromText('/fuzz/squid.conf', text);
  const r = dialect.parse(file);
  // Every span lies within the file and is ordered.
  const check = (nodes: typeof r.nodes): void => {
    for (const n of nodes) {
      expect(n.start).toBeGreaterThanOrEqual(0);
      expect(n.end).toBeLessThanOrEqual(text.length);
      if (n.type === 'directive') {
        for (let i = 0; i < n.spans.length; i += 2) expect(n.spans[i]).toBeLessThanOrEqual(n.spans[i + 1]);
        if (n.children) check(n.children);
      }
    }
  };
  check(r.nodes);
  const unit = dialect.load(file, { readFile: () => { throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' }); }, settings: defaultSettings() });
  const a = dialect.analyze(unit, defaultSettings());
  a.evaluateHttpAccess({ method: 'CONNECT', port: 8080 });
  a.upgradeDecision('websocket');
  a.headerAccess('request', 'Upgrade');
  lintAndCheck('squid', text, 'squid.conf');
}

describe('squid fuzz: random bytes', () => {
  it('500 random inputs: no crash, no hang', () => {
    const r = rng(1234);
    const t0 = Date.now();
    for (let i = 0; i < 500; i++) {
      let s = '';
      const len = Math.floor(r() * 400);
      for (let k = 0; k < len; k++) s += r() < 0.3 ? PIECES[Math.floor(r() * PIECES.length)] : String.fromCharCode(Math.floor(r() * 0x2ff));
      exercise(s);
    }
    expect(Date.now() - t0).toBeLessThan(20000);
  });
});

describeWithCorpus('squid fuzz: mutated corpus', () => {
  it('200 mutations of Debian\'s squid.conf + debian.conf: no crash, no hang', () => {
    const dir = path.join(CORPUS_DIR, 'squid', 'debian-etc-squid');
    const base = fs.readFileSync(path.join(dir, 'conf.d', 'debian.conf'), 'utf8') + fs.readFileSync(path.join(dir, 'squid.conf'), 'utf8').slice(-3000);
    const r = rng(42);
    const t0 = Date.now();
    for (let i = 0; i < 200; i++) {
      let s = base;
      for (let m = 0; m < 8; m++) {
        const at = Math.floor(r() * s.length);
        const op = r();
        if (op < 0.4) s = s.slice(0, at) + PIECES[Math.floor(r() * PIECES.length)] + s.slice(at);
        else if (op < 0.7) s = s.slice(0, at) + s.slice(at + Math.floor(r() * 20));
        else s = s.slice(0, at) + s.slice(Math.floor(r() * s.length), Math.floor(r() * s.length)) + s.slice(at);
      }
      exercise(s);
    }
    expect(Date.now() - t0).toBeLessThan(30000);
  });
});

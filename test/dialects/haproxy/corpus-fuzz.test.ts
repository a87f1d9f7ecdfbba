import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultSettings } from '../../../src/core/settings';
import { SourceCache, sourceFromText } from '../../../src/core/source';
import { dialect } from '../../../src/dialects/haproxy/index';
import { lintAndCheck } from '../../support/fuzz';
import { CORPUS_DIR, describeWithCorpus } from '../../support/paths';

const CFG = path.join(CORPUS_DIR, 'haproxy', 'debian-etc-haproxy', 'haproxy.cfg');

function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = ['"', "'", '\\', '#', '\n', ' ', 'frontend f\n', 'backend b\n', 'defaults d from d\n', 'timeout tunnel 0\n', 'use_backend b if x\n', '\\x4', 'from'];

function exercise(text: string): void {
  const settings = defaultSettings();
  const unit = dialect.load(sourceFromText('/fuzz/haproxy.cfg', text), { readFile: () => { throw new Error('none'); }, settings });
  for (const n of unit.nodes) {
    expect(n.start).toBeGreaterThanOrEqual(0);
    expect(n.end).toBeLessThanOrEqual(text.length);
  }
  const a = dialect.analyze(unit, settings);
  for (const p of a.proxies) {
    a.websocket(p);
    a.tunnelTimeout(p);
    a.backendsOf(p);
  }
  lintAndCheck('haproxy', text, 'haproxy.cfg');
}

describeWithCorpus('haproxy corpus: Debian 12 haproxy.cfg', () => {
  it('parses with no error; global and defaults as sections; defaults timeouts in ms', () => {
    const file = new SourceCache().read(CFG);
    const unit = dialect.load(file, { readFile: () => file, settings: defaultSettings() });
    expect(unit.errors).toEqual([]);
    expect(unit.nodes.filter((n) => n.type === 'directive').map((n) => n.type === 'directive' && n.name)).toEqual(['global', 'defaults']);
    const a = dialect.analyze(unit, defaultSettings());
    expect(a.proxies).toEqual([]);
    const d = a.defaults[0];
    expect(d.mode.value).toBe('http');
    expect(Object.fromEntries(Object.entries(d.timeouts).map(([k, v]) => [k, v!.ms]))).toEqual({ connect: 5000, client: 50000, server: 50000 });
  });

  it('200 mutations: no crash, no hang', () => {
    const base = fs.readFileSync(CFG, 'utf8') + 'frontend f\n  bind :80\n  acl ws path_beg /ws\n  use_backend b if ws\nbackend b\n  server s 127.0.0.1:1\n';
    const r = rng(7);
    const t0 = Date.now();
    for (let i = 0; i < 200; i++) {
      let s = base;
      for (let m = 0; m < 8; m++) {
        const at = Math.floor(r() * s.length);
        const op = r();
        if (op < 0.5) s = s.slice(0, at) + PIECES[Math.floor(r() * PIECES.length)] + s.slice(at);
        else s = s.slice(0, at) + s.slice(at + Math.floor(r() * 20));
      }
      exercise(s);
    }
    expect(Date.now() - t0).toBeLessThan(30000);
  });
});

describe('haproxy fuzz: random bytes', () => {
  it('500 random inputs: no crash, no hang', () => {
    const r = rng(99);
    for (let i = 0; i < 500; i++) {
      let s = '';
      const len = Math.floor(r() * 400);
      for (let k = 0; k < len; k++) s += r() < 0.3 ? PIECES[Math.floor(r() * PIECES.length)] : String.fromCharCode(Math.floor(r() * 0x2ff));
      exercise(s);
    }
  });
});

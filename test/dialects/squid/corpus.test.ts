import * as path from 'node:path';
import { defaultSettings } from '../../../src/core/settings';
import { SourceCache } from '../../../src/core/source';
import { dialect } from '../../../src/dialects/squid/index';
import { CORPUS_DIR, describeWithCorpus } from '../../support/paths';

const ROOT = path.join(CORPUS_DIR, 'squid', 'debian-etc-squid', 'squid.conf');

describeWithCorpus('squid corpus: Debian 12 /etc/squid', () => {
  it('loads the whole tree (conf.d included) with no error', () => {
    const cache = new SourceCache();
    const unit = dialect.load(cache.read(ROOT), { readFile: (p) => cache.read(p), settings: defaultSettings() });
    expect(unit.errors).toEqual([]);
    expect(unit.includeProblems).toEqual([]);
    expect(unit.files.map((f) => path.relative(path.dirname(ROOT), f.path))).toEqual(['squid.conf', 'conf.d/debian.conf']);
    const a = dialect.analyze(unit, defaultSettings());
    // Debian's access rules: CONNECT to 8080 denied by "deny CONNECT !SSL_ports"
    const d = a.evaluateHttpAccess({ method: 'CONNECT', port: 8080 });
    expect([d.action, d.directive?.args.join(' '), d.certain]).toEqual(['deny', 'deny CONNECT !SSL_ports', true]);
    expect(a.upgradeDecision('websocket').allowed).toBe(false);
  });

  it('parses the 9,164-line documented squid.conf fast', () => {
    const file = new SourceCache().read(ROOT);
    expect(file.text.split('\n').length - 1).toBe(9164);
    dialect.parse(file); // warm-up (JIT)
    const runs: number[] = [];
    for (let i = 0; i < 10; i++) {
      const t = process.hrtime.bigint();
      const r = dialect.parse(file);
      runs.push(Number(process.hrtime.bigint() - t) / 1e6);
      expect(r.error).toBeUndefined();
    }
    runs.sort((x, y) => x - y);
    // eslint-disable-next-line no-console
    console.log(`squid.conf (9,164 lines, ${file.text.length} chars): median parse ${runs[5].toFixed(2)} ms, min ${runs[0].toFixed(2)} ms`);
    // A generous bound on a shared 2-core machine: a hang or a quadratic path fails it.
    expect(runs[5]).toBeLessThan(100);
  });
});

import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * Reads a file of `bytes` through SourceCache in a fresh node, then keeps 3 million small
 * objects alive (as a large config's tree is) and reports the new space's size: it stays at
 * V8's start size only when the read kept the semi-spaces from growing.
 */
function newSpaceAfterReading(bytes: number): number {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'proxylint-heap-'));
  try {
    const file = path.join(dir, 'big.conf');
    fs.writeFileSync(file, Buffer.alloc(bytes, 'a'));
    const source = path.resolve(__dirname, '../../src/core/source.js');
    const script = `
      const { SourceCache } = require(${JSON.stringify(source)});
      new SourceCache().read(${JSON.stringify(file)});
      const keep = [];
      for (let i = 0; i < 3e6; i++) keep.push({ i });
      const s = require('node:v8').getHeapSpaceStatistics().find((x) => x.space_name === 'new_space');
      process.stdout.write(String(s.space_size));`;
    return Number(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Makes V8 cached data in a fresh node after reading a file of `bytes` (undoing the flags that
 * read set, when `restore`), then asks another fresh node, under default flags, whether it takes it.
 */
function cacheAcceptedAfterReading(bytes: number, restore: boolean): boolean {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'proxylint-heap-'));
  try {
    const file = path.join(dir, 'big.conf');
    const data = path.join(dir, 'cache.bin');
    fs.writeFileSync(file, Buffer.alloc(bytes, 'a'));
    const core = path.resolve(__dirname, '../../src/core');
    const code = JSON.stringify('function f(a) { return a + 1; } f(1);');
    execFileSync(process.execPath, ['-e', `
      const { SourceCache } = require(${JSON.stringify(path.join(core, 'source.js'))});
      new SourceCache().read(${JSON.stringify(file)});
      if (${restore}) require(${JSON.stringify(path.join(core, 'heap.js'))}).restoreV8Defaults();
      const vm = require('node:vm');
      const s = new vm.Script(${code});
      s.runInThisContext();
      require('node:fs').writeFileSync(${JSON.stringify(data)}, s.createCachedData());`]);
    const out = execFileSync(process.execPath, ['-e', `
      const s = new (require('node:vm').Script)(${code}, { cachedData: require('node:fs').readFileSync(${JSON.stringify(data)}) });
      process.stdout.write(String(!s.cachedDataRejected));`], { encoding: 'utf8' });
    return out === 'true';
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('V8 flags of a large input and the code cache (core/heap.ts)', () => {
  it('a code cache made after a large read is taken by a later run once the defaults are restored', () => {
    expect(cacheAcceptedAfterReading(2 << 20, false)).toBe(false);
    expect(cacheAcceptedAfterReading(2 << 20, true)).toBe(true);
    expect(cacheAcceptedAfterReading(64 * 1024, false)).toBe(true);
  }, 60_000);
});

describe('the young generation for large inputs (core/heap.ts)', () => {
  it('stays small after reading a 2 MiB file and grows after a small or a huge one', () => {
    const small = newSpaceAfterReading(64 * 1024);
    const large = newSpaceAfterReading(2 << 20);
    const huge = newSpaceAfterReading(5 << 20);
    expect(large).toBeLessThanOrEqual(4 << 20);
    expect(small).toBeGreaterThan(8 << 20);
    expect(huge).toBeGreaterThan(8 << 20);
  }, 60_000);
});

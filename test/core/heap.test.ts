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

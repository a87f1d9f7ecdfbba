/** Seeded mutation for fuzz tests: reproducible (a failure prints its seed and case). */
export function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    // mulberry32
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const INTERESTING = ['{', '}', ';', '"', "'", '\\', '#', '$', '${', '\n', '\r\n', ' ', '\t', '<', '>', '</', '\u0000', '\ufeff', '(', ')', '*', '\\\n'];

export function mutate(text: string, rand: () => number): string {
  let out = text;
  const n = 1 + Math.floor(rand() * 6);
  for (let i = 0; i < n; i++) {
    const at = Math.floor(rand() * (out.length + 1));
    const op = rand();
    if (op < 0.35) out = out.slice(0, at) + INTERESTING[Math.floor(rand() * INTERESTING.length)] + out.slice(at);
    else if (op < 0.6) out = out.slice(0, at) + out.slice(at + 1 + Math.floor(rand() * 20));
    else if (op < 0.75) out = out.slice(0, at);
    else if (op < 0.9) {
      const from = Math.floor(rand() * out.length);
      out = out.slice(0, at) + out.slice(from, from + Math.floor(rand() * 80)) + out.slice(at);
    } else out = out.slice(0, at) + String.fromCharCode(Math.floor(rand() * 0x3000)) + out.slice(at);
  }
  return out;
}

export function randomText(rand: () => number, length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) {
    const r = rand();
    s += r < 0.5 ? INTERESTING[Math.floor(rand() * INTERESTING.length)] : String.fromCharCode(32 + Math.floor(rand() * 95));
  }
  return s;
}

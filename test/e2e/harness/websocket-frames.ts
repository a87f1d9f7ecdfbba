import * as crypto from 'node:crypto';

/** RFC 6455 §1.3: the Sec-WebSocket-Accept a server must answer for a key. */
export function acceptFor(key: string): string {
  return crypto
    .createHash('sha1')
    .update(key + '258EAFA5-E914-47DA-95CA-C5AB0DC85B11')
    .digest('base64');
}

export function newKey(): string {
  return crypto.randomBytes(16).toString('base64');
}

/** A masked (client-to-server) frame, FIN set. opcode 1 = text, 8 = close. */
export function clientFrame(payload: Buffer | string, opcode = 1): Buffer {
  const data = Buffer.isBuffer(payload) ? payload : Buffer.from(payload, 'utf8');
  const mask = crypto.randomBytes(4);
  let header: Buffer;
  if (data.length < 126) {
    header = Buffer.from([0x80 | opcode, 0x80 | data.length]);
  } else if (data.length < 65536) {
    header = Buffer.alloc(4);
    header[0] = 0x80 | opcode;
    header[1] = 0x80 | 126;
    header.writeUInt16BE(data.length, 2);
  } else {
    header = Buffer.alloc(10);
    header[0] = 0x80 | opcode;
    header[1] = 0x80 | 127;
    header.writeBigUInt64BE(BigInt(data.length), 2);
  }
  const masked = Buffer.alloc(data.length);
  for (let i = 0; i < data.length; i++) masked[i] = data[i] ^ mask[i % 4];
  return Buffer.concat([header, mask, masked]);
}

export interface Frame {
  fin: boolean;
  opcode: number;
  payload: Buffer;
  /** Bytes the frame occupied in the buffer. */
  length: number;
}

/** Parses one frame at the start of buf, or returns undefined if it is not complete yet. */
export function parseFrame(buf: Buffer): Frame | undefined {
  if (buf.length < 2) return undefined;
  const fin = (buf[0] & 0x80) !== 0;
  const opcode = buf[0] & 0x0f;
  const masked = (buf[1] & 0x80) !== 0;
  let len = buf[1] & 0x7f;
  let off = 2;
  if (len === 126) {
    if (buf.length < 4) return undefined;
    len = buf.readUInt16BE(2);
    off = 4;
  } else if (len === 127) {
    if (buf.length < 10) return undefined;
    len = Number(buf.readBigUInt64BE(2));
    off = 10;
  }
  const maskKey = masked ? buf.subarray(off, off + 4) : undefined;
  if (masked) off += 4;
  if (buf.length < off + len) return undefined;
  let payload = Buffer.from(buf.subarray(off, off + len));
  if (maskKey) payload = Buffer.from(payload.map((b, i) => b ^ maskKey[i % 4]));
  return { fin, opcode, payload, length: off + len };
}

/**
 * RFC 6455 framing for the e2e clients: the probe's own (src/probe/frames), so the tests and
 * `proxylint probe` frame handshakes the same way. `clientFrame` keeps the harness's argument
 * order (payload first, text by default) that the e2e suites call.
 */
import { clientFrame as probeClientFrame } from '../../../src/probe/frames';

export { acceptFor, newKey, parseFrame, type Frame } from '../../../src/probe/frames';

/** A masked (client-to-server) frame, FIN set. opcode 1 = text, 8 = close. */
export function clientFrame(payload: Buffer | string, opcode = 1): Buffer {
  return probeClientFrame(opcode, payload);
}

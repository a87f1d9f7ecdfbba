/** Encodings no server reads are diagnosed by name (the e2e proof is test/e2e/observed/hardening). */
import { encodingProblem } from '../../src/core/encoding';
import { decode } from '../../src/core/source';

const asRead = (bytes: number[] | Buffer) => decode(Buffer.from(bytes as number[])).text;

it.each([
  ['UTF-8 BOM', asRead(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('events {}\n')])), /^the file starts with a UTF-8 byte order mark: nginx reads it/],
  ['UTF-16 LE with BOM', asRead(Buffer.from('\ufeffevents {}\n', 'utf16le')), /^the file is UTF-16, which nginx cannot read/],
  ['UTF-16 LE without BOM', asRead(Buffer.from('events {}\n', 'utf16le')), /^the file is UTF-16/],
  ['UTF-16 BE with BOM', asRead(Buffer.from('\ufeffevents {}\n', 'utf16le').swap16()), /^the file is UTF-16/],
])('%s', (_name, text, expected) => expect(encodingProblem(text, 'nginx')).toMatch(expected));

it.each([['plain ASCII', 'events {}\n'], ['UTF-8 text', '# café ✔\nevents {}\n'], ['Latin-1 text', asRead([0x23, 0xe9, 0x0a])], ['empty', '']])('%s: no problem', (_n, text) => {
  expect(encodingProblem(text, 'nginx')).toBeUndefined();
});

/**
 * Dockerfile ENV/ARG as BuildKit reads them (dockerfile-ast): each case gives every variable's
 * value and the line:column where the value starts (quotes excluded) and the text there.
 */
import type { SourceFile } from '../../src/core/ast';
import { positionAt } from '../../src/core/positions';
import { extract } from '../../src/env/extract';

function vars(text: string): string[] {
  const file: SourceFile = { path: '/x/Dockerfile', text, encoding: 'utf8' };
  return extract(file, 'dockerfile')[0].assignments.map((a) => {
    const p = positionAt(file, a.start);
    return `${a.name}=${JSON.stringify(a.value)} @${p.line}:${p.column} ${JSON.stringify(text.slice(a.start, a.end))}`;
  });
}

test.each([
  ['ENV a=b c=d', ['a="b" @1:7 "b"', 'c="d" @1:11 "d"']],
  ['ENV HTTPS_PROXY=http://p.invalid:8080 \\\n    NO_PROXY="localhost,127.0.0.1"', ['HTTPS_PROXY="http://p.invalid:8080" @1:17 "http://p.invalid:8080"', 'NO_PROXY="localhost,127.0.0.1" @2:15 "localhost,127.0.0.1"']],
  // The legacy form: one variable, the rest of the line (spaces kept) is its value.
  ['ENV http_proxy http://p.invalid:3128', ['http_proxy="http://p.invalid:3128" @1:16 "http://p.invalid:3128"']],
  ['ENV NO_PROXY localhost, 127.0.0.1', ['NO_PROXY="localhost, 127.0.0.1" @1:14 "localhost, 127.0.0.1"']],
  // Escapes: a backslash-space is a space in the value; \$ is a literal dollar.
  ['ENV NO_PROXY=a\\ b X=\\$y', ['NO_PROXY="a b" @1:14 "a\\\\ b"', 'X="$y" @1:21 "\\\\$y"']],
  ["ENV A='single quoted' B=\"double\"", ['A="single quoted" @1:8 "single quoted"', 'B="double" @1:26 "double"']],
  // ARG: several per line; no default declares nothing to judge.
  ['ARG A=1 HTTP_PROXY=p.invalid:80\nARG FTP_PROXY', ['A="1" @1:7 "1"', 'HTTP_PROXY="p.invalid:80" @1:20 "p.invalid:80"']],
  // The escape directive changes the continuation character.
  ['# escape=`\nFROM scratch\nENV A=1 `\n    B=2', ['A="1" @3:7 "1"', 'B="2" @4:7 "2"']],
  // A heredoc body is a RUN's script, not ENV.
  ['RUN <<EOT\nENV http_proxy=x\nexport https_proxy=y\nEOT\nENV C=3', ['C="3" @5:7 "3"']],
  ['FROM a\r\nENV A=1\r\nENV B=2\r\n', ['A="1" @2:7 "1"', 'B="2" @3:7 "2"']],
  ['# ENV A=1\nRUN echo ENV A=1', []],
])('%j', (text, want) => {
  expect(vars(text)).toEqual(want);
});

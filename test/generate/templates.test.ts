/** The template files: every one has a schema, uses only what it declares, and renders alone. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadTemplate, ParamError, renderTemplate, templateNames, templatesDir } from '../../src/generate/index';
import { renderFixTemplate } from '../../src/templates';
import type { Compiled } from '../../src/templates/render';

const DIALECTS = ['nginx', 'apache', 'squid', 'haproxy'] as const;

/** Every name a template uses, its partials' included. */
function namesDeep(dialect: (typeof DIALECTS)[number], c: Compiled, seen = new Set<string>()): Set<string> {
  const out = new Set(c.names);
  for (const p of c.partials) {
    if (seen.has(p)) continue;
    seen.add(p);
    for (const n of namesDeep(dialect, loadTemplate(dialect, p).compiled, seen)) out.add(n);
  }
  return out;
}

describe.each(DIALECTS)('templates/%s', (dialect) => {
  const names = templateNames(dialect);

  test('has a snippet and a standalone template', () => {
    expect(names).toEqual(expect.arrayContaining(['snippet', 'standalone']));
  });

  test('every file is a template or the schema of one', () => {
    for (const f of fs.readdirSync(path.join(templatesDir(), dialect))) {
      const base = f.replace(/\.schema\.yaml$/, '').replace(/\.(conf|cfg)$/, '');
      expect({ f, known: names.includes(base) }).toEqual({ f, known: true });
    }
  });

  test.each(names)('%s: every placeholder (partials included) is declared by its schema; every required one is used', (name) => {
    const t = loadTemplate(dialect, name);
    const declared = Object.keys(t.schema.properties);
    const used = [...namesDeep(dialect, t.compiled)];
    expect(used.filter((n) => !declared.includes(n))).toEqual([]);
    expect((t.schema.required ?? []).filter((n) => !used.includes(n) && !['prefix', 'configFile', 'upstream', 'targetVersion', 'readTimeout', 'path', 'listen', 'serverName'].includes(n))).toEqual([]);
    expect(t.schema.additionalProperties).toBe(false);
  });
});

describe('renderTemplate (one template, checked against its schema)', () => {
  test('the nginx map block alone', () => {
    expect(renderTemplate('nginx', 'connection-upgrade-map', { keepalive: false })).toBe(
      "map $http_upgrade $connection_upgrade {\n    default upgrade;\n    ''      close;\n}\n",
    );
    expect(renderTemplate('nginx', 'connection-upgrade-map', {})).toContain("''      close;");
    expect(renderTemplate('nginx', 'connection-upgrade-map', { keepalive: true })).toContain("''      '';");
  });

  test('the fixers render the same text (src/templates renderFixTemplate: no schema on the lint path)', () => {
    for (const keepalive of [false, true]) {
      expect(renderFixTemplate('nginx', 'connection-upgrade-map', { keepalive })).toBe(renderTemplate('nginx', 'connection-upgrade-map', { keepalive }));
    }
  });

  test('params are validated against the schema, naming the option', () => {
    expect(() => renderTemplate('nginx', 'connection-upgrade-map', { keepalive: 'yes' })).toThrow(ParamError);
    expect(() =>
      renderTemplate('nginx', 'websocket-location', {
        path: 'ws',
        proxyPass: 'http://127.0.0.1:3000',
        proxyHttpVersion: true,
        readTimeout: '1h',
      }),
    ).toThrow(/invalid --path: must start with "\/"/);
  });

  test('the Squid policy and the HAProxy backend render on their own', () => {
    const squid = renderTemplate('squid', 'websocket-policy', {
      upgradeSupported: true,
      targetVersion: '5.7',
      upstreamHostPort: 'echo.example:8080',
      upstreamPort: 8080,
      sslPortNeeded: true,
      safePortNeeded: false,
      timeoutSeconds: 3600,
    });
    expect(squid).toMatch(/^http_upgrade_request_protocols websocket allow all$/m);
    expect(squid).toMatch(/^acl SSL_ports port 8080$/m);
    const backend = renderTemplate('haproxy', 'websocket-backend', {
      backendName: 'ws',
      readTimeout: '1h',
      upstreamAddress: '127.0.0.1:3000',
      upstreamHost: '127.0.0.1',
    });
    expect(backend).toMatch(/^ {4}timeout tunnel 1h$/m);
  });
});

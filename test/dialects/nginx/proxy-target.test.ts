/**
 * proxyTarget: the one reading of a proxy_pass target (issue 8, review leftover). nginx matches
 * the scheme and an upstream's name ignoring case (observed on nginx 1.22.1: `proxy_pass
 * HTTP://backend;` passes `nginx -t` and carries a WebSocket to `upstream Backend {}`), so the
 * upstream lookup, the name intent and the shared-backend test read `HTTP://Chat` as `http://chat`.
 */
import { rules } from '../../../rules/nginx/index';
import { lintCase } from '../../support/lint-case';
import { proxyTarget } from '../../../src/dialects/nginx/analysis/target';

const L = (...lines: string[]) => lines.join('\n') + '\n';

describe('proxyTarget', () => {
  const table: [string, ReturnType<typeof proxyTarget>][] = [
    ['http://backend', { host: 'backend', address: 'backend', backend: 'http://backend' }],
    ['HTTP://Backend:8080/api/', { host: 'Backend', address: 'Backend:8080/api/', port: 8080, uri: '/api/', backend: 'http://backend:8080' }],
    ['Https://app.example.org', { host: 'app.example.org', address: 'app.example.org', backend: 'https://app.example.org' }],
    ['http://[::1]:3000/', { host: '[::1]', address: '[::1]:3000/', port: 3000, uri: '/', backend: 'http://[::1]:3000' }],
    ['http://$upstream', { address: '$upstream' }],
    // A URI variable after the authority: the backend is fixed, the URI part is chosen per request.
    ['http://app$request_uri', { host: 'app', address: 'app$request_uri', backend: 'http://app' }],
    ['http://app:3000$request_uri', { host: 'app', address: 'app:3000$request_uri', port: 3000, backend: 'http://app:3000' }],
    ['http://app${uri}', { host: 'app', address: 'app${uri}', backend: 'http://app' }],
    ['http://app$document_uri?x=1', { host: 'app', address: 'app$document_uri?x=1', backend: 'http://app' }],
    // Another variable after the host may continue it (`$request_uri_suffix` is no URI variable).
    ['http://app$request_uri_suffix', { host: 'app', address: 'app$request_uri_suffix' }],
    ['http://app$uri2/x', { host: 'app', address: 'app$uri2/x' }],
    ['http://unix:/run/app.sock:/', { host: 'unix', address: 'unix:/run/app.sock:/', uri: '/run/app.sock:/', backend: 'http://unix:' }],
    ['http://127.0.0.1:@BACKEND_PORT@', { host: '127.0.0.1', address: '127.0.0.1:@BACKEND_PORT@', backend: 'http://127.0.0.1:@backend_port@' }],
    ['http://backend/api/', { host: 'backend', address: 'backend/api/', uri: '/api/', backend: 'http://backend' }],
    ['http://app:3000', { host: 'app', address: 'app:3000', port: 3000, backend: 'http://app:3000' }],
    // A variable after the host: the rest is chosen per request, no port or URI read past it.
    ['http://app$suffix/ws', { host: 'app', address: 'app$suffix/ws' }],
    // A port nginx would reject ("invalid port"): not a number.
    ['http://app:8o80/', { host: 'app', address: 'app:8o80/', uri: '/', backend: 'http://app:8o80' }],
    ['$backend', undefined],
    ['grpc://app', undefined],
    ['xhttp://app', undefined],
    ['http:/app', undefined],
  ];
  test.each(table)('%s', (target, expected) => {
    // Strict: a field the target does not have is absent, not undefined.
    expect(proxyTarget(target)).toStrictEqual(expected);
  });
});

describe('the analyses read the target through proxyTarget', () => {
  const findings = (code: string) =>
    lintCase('nginx', rules, { code, filename: 'nginx.conf' }).messages.map((m) => `${m.line}:${m.column} ${m.raw.severity} ${m.ruleId}: ${m.message}`);
  const site = (target: string) =>
    L(
      'events {}',
      'http {',
      '    upstream Chat { server 10.0.0.2:8065; }',
      '    server {',
      '        listen 80;',
      '        location /ws {',
      `            proxy_pass ${target};`,
      '            proxy_read_timeout 1h;',
      '            proxy_set_header Upgrade $http_upgrade;',
      '            proxy_set_header Connection "upgrade";',
      '        }',
      '    }',
      '}',
    );
  // The upstream's server port (8065) names Mattermost, which refuses an HTTP/1.0 handshake:
  // found only when HTTP://chat is read as the upstream Chat.
  // nginx then sends the upstream's name as written as Host, which Mattermost's Origin check refuses.
  const expected = (host: string) => [
    "6:9 error nginx/proxy-http-version: location /ws proxies with HTTP/1.0 (nginx 1.22.1's default), which Mattermost refuses",
    `6:9 warning nginx/websocket-host-header: location /ws sends "Host: ${host}": Mattermost refuses browser handshakes (403)`,
  ];
  test.each([
    ['http://Chat', 'Chat'],
    ['HTTP://chat', 'chat'],
    ['Http://CHAT/', 'CHAT'],
  ])('%s reaches upstream Chat', (target, host) => {
    expect(findings(site(target))).toEqual(expected(host));
  });
});

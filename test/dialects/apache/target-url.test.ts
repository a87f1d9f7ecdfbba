/**
 * One reading of a proxy target URL for every Apache analysis: the same-origin check of a ws://
 * RewriteRule beside a ProxyPass (originOf) and the catch-all app check (uiIntent) both take the
 * scheme, host, port and path from parseTargetUrl.
 */
import { parseTargetUrl } from '../../../src/dialects/apache/proxy';
import { originOf } from '../../../src/dialects/apache/rewrite';
import { loadText } from './helpers';

describe('parseTargetUrl', () => {
  it.each([
    ['http://app:3000/', { scheme: 'http', host: 'app', port: 3000, path: '/' }],
    ['HTTP://App.Example.org', { scheme: 'http', host: 'app.example.org', port: undefined, path: '/' }],
    ['ws://127.0.0.1:8123/api/websocket', { scheme: 'ws', host: '127.0.0.1', port: 8123, path: '/api/websocket' }],
    ['wss://[::1]:8443/ws?x=1#f', { scheme: 'wss', host: '[::1]', port: 8443, path: '/ws' }],
    ['http://app:3000?q', { scheme: 'http', host: 'app', port: 3000, path: '/' }],
    ['http://app:3000/$1', { scheme: 'http', host: 'app', port: 3000, path: '/$1' }],
    ['http://app%{ENV:X}', { scheme: 'http', host: 'app', port: undefined, path: '%{ENV:X}' }],
    ['balancer://cluster/', { scheme: 'balancer', host: 'cluster', port: undefined, path: '/' }],
    // a port that is not a number yet (an undefined variable, a test placeholder): host and path still read
    ['http://127.0.0.1:${PORT}/', { scheme: 'http', host: '127.0.0.1', port: null, path: '/' }],
    ['http://127.0.0.1:@BACKEND_PORT@/app', { scheme: 'http', host: '127.0.0.1', port: null, path: '/app' }],
    // no literal host: a back-reference, a userinfo part, no authority at all, a local page
    ['http://$1/', null],
    ['http://user@app/', null],
    ['unix:/run/app.sock|http://localhost/', null],
    ['/index.html', null],
    ['!', null],
  ])('%s → %j', (target, want) => {
    expect(parseTargetUrl(target)).toEqual(want);
  });
});

describe('originOf: scheme, host and explicit port; ws/wss read as http/https', () => {
  it.each([
    ['ws://app/ws', 'http://app:80'],
    ['wss://app/ws', 'https://app:443'],
    ['http://App:3000/x', 'http://app:3000'],
    ['https://[::1]:8443/', 'https://[::1]:8443'],
    ['balancer://cluster/', null],
    ['ftp://files/', null],
    ['http://$1/', null],
    ['http://app:${PORT}/', null],
  ])('%s → %s', (target, want) => {
    expect(originOf(target)).toBe(want);
  });
});

describe('the catch-all app check reads the target with the same parser', () => {
  const intent = (conf: string) => {
    const { a } = loadText(conf);
    return a.proxyRoutes.map((r) => r.websocket?.reason ?? null);
  };
  it.each([
    ['ProxyPass / http://nodered:1880/\n', ['backend host nodered names Node-RED editor, whose UI needs the WebSocket /comms']],
    ['ProxyPass / http://[::1]:1880/\n', ['backend port 1880 names Node-RED editor, whose UI needs the WebSocket /comms']],
    ['ProxyPass / http://NodeRed:1880?x\n', ['backend host nodered names Node-RED editor, whose UI needs the WebSocket /comms']],
    ['ProxyPass / http://nodered:${PORT}/\n', ['backend host nodered names Node-RED editor, whose UI needs the WebSocket /comms']],
    // the target's path is not the app's root, or the host is decided per request
    ['ProxyPass / http://nodered:1880/red/\n', [null]],
    ['ProxyPass / http://user@nodered/\n', [null]],
  ])('%j → %j', (conf, want) => {
    expect(intent(conf)).toEqual(want);
  });
});

'use strict';
// Real Node clients for the env real-client test.
//   node node_client.js builtin URL          Node's http/https (NODE_USE_ENV_PROXY from the env)
//   node node_client.js undici CASES.json    undici EnvHttpProxyAgent, one agent per case
//   node node_client.js pfe[1] CASES.json    proxy-from-env 2.x (pfe1: 1.x) decides, we connect
// Names ending in .invalid resolve to 127.0.0.23 (the direct-target listener) through each
// client's own lookup option, so a direct request never leaves the machine.
const dns = require('node:dns');
const fs = require('node:fs');
const http = require('node:http');
const https = require('node:https');
const net = require('node:net');

function lookup(host, opts, cb) {
  if (typeof opts === 'function') [cb, opts] = [opts, {}];
  if (String(host).replace(/\.$/, '').endsWith('.invalid')) {
    if (opts && opts.all) return cb(null, [{ address: '127.0.0.23', family: 4 }]);
    return cb(null, '127.0.0.23', 4);
  }
  return dns.lookup(host, opts, cb);
}

function get(url) {
  // ws:// and wss:// go direct as their http:// and https:// handshake would (a direct request
  // must not throw: the driver answers every case).
  url = url.replace(/^ws(s?):/, 'http$1:');
  return new Promise((resolve) => {
    const mod = url.startsWith('https:') ? https : http;
    const req = mod.get(url, { lookup, timeout: 3000, rejectUnauthorized: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(`ok ${res.statusCode}`));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (e) => resolve(`error: ${e.code || e.message}`));
  });
}

// What a proxy-from-env caller (axios) does with the answer: talk to that proxy, or go direct.
function viaProxy(url, proxy) {
  return new Promise((resolve) => {
    let p;
    try {
      p = new URL(proxy);
    } catch (e) {
      return resolve(`error: bad proxy URL`);
    }
    const target = new URL(url);
    const port = Number(p.port) || (p.protocol === 'https:' ? 443 : 80);
    const sock = net.connect({ host: p.hostname, port, lookup }, () => {
      const hostPort = `${target.hostname}:${target.port || (target.protocol === 'https:' ? 443 : 80)}`;
      sock.write(target.protocol === 'https:' ? `CONNECT ${hostPort} HTTP/1.1\r\nHost: ${hostPort}\r\n\r\n` : `GET ${url} HTTP/1.1\r\nHost: ${target.host}\r\nConnection: close\r\n\r\n`);
    });
    sock.setTimeout(3000, () => sock.destroy());
    sock.on('data', () => sock.end());
    sock.on('close', () => resolve('ok'));
    sock.on('error', (e) => resolve(`error: ${e.code || e.message}`));
  });
}

function setEnv(env) {
  for (const k of Object.keys(process.env)) if (!['PATH', 'HOME', 'LANG'].includes(k)) delete process.env[k];
  Object.assign(process.env, env);
}

async function main() {
  const [mode, arg] = process.argv.slice(2);
  if (mode === 'builtin') {
    process.stdout.write((await get(arg)) + '\n');
    return;
  }
  const cases = JSON.parse(fs.readFileSync(arg, 'utf8'));
  for (const c of cases) {
    setEnv(c.env);
    let out;
    if (mode === 'undici' && /^wss?:/.test(c.url)) {
      // undici's WebSocket through EnvHttpProxyAgent: the handshake is a fetch of the http(s) URL.
      const { EnvHttpProxyAgent, WebSocket } = require('undici');
      const agent = new EnvHttpProxyAgent({ connect: { lookup, rejectUnauthorized: false }, headersTimeout: 3000, bodyTimeout: 3000 });
      out = await new Promise((resolve) => {
        let ws;
        const t = setTimeout(() => resolve('error: timeout'), 4000);
        try {
          ws = new WebSocket(c.url, { dispatcher: agent });
        } catch (e) {
          clearTimeout(t);
          return resolve(`error: ${e.message}`);
        }
        ws.onopen = () => (clearTimeout(t), ws.close(), resolve('ok open'));
        ws.onerror = (e) => (clearTimeout(t), resolve(`error: ${(e && e.message) || 'websocket error'}`));
      });
      await agent.destroy().catch(() => {});
    } else if (mode === 'undici') {
      const { EnvHttpProxyAgent, request } = require('undici');
      let agent;
      try {
        agent = new EnvHttpProxyAgent({ connect: { lookup, rejectUnauthorized: false }, headersTimeout: 3000, bodyTimeout: 3000 });
        const r = await request(c.url, { dispatcher: agent });
        await r.body.dump();
        out = `ok ${r.statusCode}`;
      } catch (e) {
        out = `error: ${e.code || e.message}`;
      }
      if (agent) await agent.destroy().catch(() => {});
    } else {
      const { getProxyForUrl } = require(mode === 'pfe1' ? 'proxy-from-env-1' : 'proxy-from-env');
      const proxy = getProxyForUrl(c.url);
      out = proxy ? await viaProxy(c.url, proxy) : await get(c.url);
    }
    process.stdout.write(JSON.stringify({ id: c.id, out }) + '\n');
  }
}
main();

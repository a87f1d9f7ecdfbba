// HTTP/1.0 vs HTTP/1.1 WebSocket handshakes through the real nginx 1.22.1 to real backends.
const { spawn } = require('child_process');
const h = require(require('path').join(__dirname, '..', '..', 'dist', 'test', 'e2e', 'harness'));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function up(port) { for (let i = 0; i < 100; i++) { if (await h.isListening(port)) return; await sleep(100); } throw new Error('no listen ' + port); }
(async () => {
  const kids = [];
  const ports = {};
  const go = await h.freePort(), goRaw = await h.freePort();
  kids.push(spawn(process.env.GO_SERVER || '/tmp/http10-srv', [String(go), String(goRaw)], { stdio: 'inherit' }));
  for (const py of ['websockets', 'tornado', 'aiohttp']) { ports[py] = await h.freePort(); kids.push(spawn(process.env.PYTHON || 'python3', [require('path').join(__dirname, 'servers.py'), py, String(ports[py])], { stdio: 'inherit' })); }
  const echo = await h.startEchoBackend();
  const targets = {
    'gorilla/websocket v1.5.0': `127.0.0.1:${go}/gorilla`, 'coder/websocket v1.8.12 (nhooyr)': `127.0.0.1:${go}/coder`,
    'gobwas/ws UpgradeHTTP (6ee0554)': `127.0.0.1:${go}/gobwas`, 'gobwas/ws Upgrade, raw conn (6ee0554)': `127.0.0.1:${goRaw}/`,
    'golang.org/x/net/websocket (0ca694d)': `127.0.0.1:${go}/xnet`, 'python websockets 17.1': `127.0.0.1:${ports.websockets}/`,
    'tornado 6.5.10': `127.0.0.1:${ports.tornado}/`, 'aiohttp 3.8.4': `127.0.0.1:${ports.aiohttp}/`,
  };
  targets['node ws (echo backend)'] = `127.0.0.1:${echo.port}/`;
  for (const t of Object.values(targets)) await up(Number(t.split(':')[1].split('/')[0]));
  const locs = [];
  let i = 0;
  for (const [name, t] of Object.entries(targets)) {
    for (const v of ['1.0', '1.1']) locs.push(`location /b${i}v${v} { proxy_pass http://${t}; ${v === '1.1' ? 'proxy_http_version 1.1;' : ''} proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection "upgrade"; }`);
    i++;
  }
  const conf = h.nginxMainConfig('server {', '    listen 127.0.0.1:@PORT@;', ...locs.map((l) => '    ' + l), '}');
  await h.withServer(h.nginx, conf, {}, async (s) => {
    i = 0;
    for (const name of Object.keys(targets)) {
      const row = [];
      for (const v of ['1.0', '1.1']) { const r = await h.handshake({ port: s.port, path: `/b${i}v${v}` }); row.push(`${v}: ${r.status}${r.echoed ? ' echo' : ''}`); }
      console.log(name.padEnd(36), row.join('  |  '));
      i++;
    }
  });
  for (const k of kids) k.kill();
  await echo.close();
  process.exit(0);
})().catch((e) => { console.error(e); process.exit(1); });

/**
 * `proxylint probe URL`: the steps in order (proxy decision, DNS, TCP, CONNECT, TLS, upgrade
 * request, RFC 6455 checks, socket.io, ping/echo, idle), each adding one output line and facts;
 * then one diagnosis from the facts. A step that fails ends the run: later steps would only
 * repeat its failure.
 */
import type * as net from 'node:net';
import { diagnose } from './diagnosis';
import { formatSeconds } from './duration';
import { newKey } from './frames';
import { readResponse, serverEvidence } from './http';
import { identifyHop } from './hops';
import { Reader } from './reader';
import { displayProxy, displayUrl } from './redact';
import { connectTunnel } from './steps/connect';
import { resolveHost } from './steps/dns';
import { pingAndEcho } from './steps/echo';
import { holdIdle } from './steps/idle';
import { chooseProxy, type ProxyChoice } from './steps/proxy';
import { buildUpgrade } from './steps/request';
import { rfc6455Checks } from './steps/response';
import { engineIoError, engineIoSession, engineIoTarget, isVersionError } from './steps/socketio';
import { dial } from './steps/tcp';
import { interception, startTls, writeTopCert } from './steps/tls';
import type { Facts, ProbeOptions, ProbeReport, Step, StepName } from './types';

export type { ProbeOptions, ProbeReport } from './types';

type Add = (step: StepName, status: Step['status'], summary: string, ms?: number) => void;

interface Run {
  o: ProbeOptions;
  facts: Facts;
  choice: ProxyChoice;
  add: Add;
  sockets: net.Socket[];
  userAgent: string;
}

export async function runProbe(o: ProbeOptions, userAgent = 'proxylint-probe'): Promise<{ report: ProbeReport; facts: Facts }> {
  const steps: Step[] = [];
  const add: Add = (step, status, summary, ms) => steps.push(ms === undefined ? { step, status, summary } : { step, status, summary, ms });
  const tlsTarget = o.url.protocol === 'wss:' || o.url.protocol === 'https:';
  const port = Number(o.url.port) || (tlsTarget ? 443 : 80);
  const facts: Facts = { target: { host: o.url.hostname, port, tls: tlsTarget, path: o.url.pathname + o.url.search } };
  const choice = chooseProxy(o);
  if (choice.proxy) {
    facts.proxy = {
      display: displayProxy(choice.proxy),
      host: choice.proxy.hostname,
      port: Number(choice.proxy.port) || 80,
      mode: choice.mode!,
      credentials: choice.proxy.username !== '',
      ...(choice.variable ? { variable: choice.variable } : {}),
    };
  }
  add('proxy', choice.error ? 'fail' : 'info', choice.summary);
  if (choice.error) facts.proxyError = choice.error;
  const run: Run = { o, facts, choice, add, sockets: [], userAgent };
  try {
    if (!choice.error) await steps_(run);
  } finally {
    // Outermost first: a TLS socket before the TCP socket under it (the reverse order crashes node 20).
    for (const s of [...run.sockets].reverse()) s.destroy();
  }
  const diagnosis = diagnose(facts);
  const report: ProbeReport = { url: displayUrl(o.url), ok: !diagnosis, steps };
  if (diagnosis) report.diagnosis = diagnosis;
  return { report, facts };
}

async function steps_(run: Run): Promise<void> {
  const { o, facts, add } = run;
  const versions: (3 | 4)[] = o.socketio ? (o.eio ? [o.eio] : [4, 3]) : [];
  let reader: Reader | undefined;
  let key = '';
  if (o.socketio) {
    const sio: NonNullable<Facts['socketio']> = (facts.socketio = { rejected: [], connected: false });
    for (const [i, eio] of versions.entries()) {
      const last = i === versions.length - 1;
      const t = await openTransport(run, i === 0);
      if (!t) return;
      key = newKey();
      const ok = await upgrade(run, t, engineIoTarget(o.url, eio), key, 'log');
      if (ok === undefined) return;
      const res = facts.response!;
      if (res.status === 400 && isVersionError(res)) {
        sio.rejected.push({ eio, status: 400, message: engineIoError(res)!.message });
        add('socketio', last ? 'fail' : 'info', `Engine.IO v${eio}: 400 ${engineIoError(res)!.message}`);
        continue;
      }
      if (!ok) return;
      const s = await engineIoSession(t, o.timeoutMs);
      if (s.versionRejected) {
        sio.rejected.push({ eio, status: 101, message: s.versionRejected });
        add('socketio', last ? 'fail' : 'info', `Engine.IO v${eio}: ${s.error}`, s.ms);
        continue;
      }
      sio.version = eio;
      sio.connected = s.ok;
      sio.sid = s.sid;
      sio.error = s.error;
      add(
        'socketio',
        s.ok ? 'ok' : 'fail',
        s.ok
          ? `Engine.IO v${eio} open (sid ${s.sid ?? '?'}), namespace "/" connected${s.legacyServer ? ' unasked (the socket.io 2.x protocol)' : ''}${sio.rejected.length ? ` after v${sio.rejected[0].eio} was refused` : ''}`
          : `Engine.IO v${eio}: ${s.error}`,
        s.ms,
      );
      if (!s.ok) return;
      reader = t;
      break;
    }
    if (!reader) return;
  } else {
    reader = await openTransport(run, true);
    if (!reader) return;
    key = newKey();
    const ok = await upgrade(run, reader, facts.target.path || '/', key, 'log');
    if (!ok) {
      await afterFailure(run);
      return;
    }
  }
  const echo = await pingAndEcho(reader, o.timeoutMs, !o.socketio);
  facts.echo = echo;
  add(
    'echo',
    echo.pong ? 'ok' : 'fail',
    echo.pong
      ? `ping -> pong in ${echo.ms} ms${o.socketio ? '' : echo.echo ? '; text echoed' : `; no text echo${echo.closed ? ` (${echo.closed})` : ''} (fine unless this is an echo server)`}`
      : `no pong${echo.closed ? `: ${echo.closed}` : ` within ${formatSeconds(o.timeoutMs)}`}`,
    echo.ms,
  );
  if (!echo.pong || echo.closed || !o.idleMs) return;
  const idle = await holdIdle(reader, o.idleMs, o.timeoutMs);
  facts.idle = idle;
  const how = idle.how === 'close-frame' ? `a close frame${idle.closeCode ? ` ${idle.closeCode}` : ''}` : idle.how === 'rst' ? 'RST' : 'FIN, no close frame';
  add(
    'idle',
    idle.survived ? 'ok' : 'fail',
    idle.survived
      ? `idle ${formatSeconds(o.idleMs)}: still open, ping -> pong`
      : `closed after ${formatSeconds(idle.afterMs ?? 0)} of idle by ${how}`,
    idle.afterMs,
  );
}

/** After a failed handshake: extra evidence that tells causes apart (one request at most). */
async function afterFailure(run: Run): Promise<void> {
  const { o, facts } = run;
  const res = facts.response;
  if (!res) return;
  const eio = engineIoError(res);
  if (eio) facts.socketioEndpoint = `${res.status} "${eio.message}"`;
  // A 426 through Squid: is it the case-sensitive match of http_upgrade_request_protocols?
  const userUpgrade = o.headers.some(([n]) => n.toLowerCase() === 'upgrade');
  if (res.status === 426 && identifyHop(res).name === 'squid' && !userUpgrade) {
    const t = await openTransport(run, false);
    if (!t) return;
    const saved = { response: facts.response, checks: facts.checks, request: facts.request };
    await upgrade(run, t, facts.target.path || '/', newKey(), 'quiet', 'WebSocket');
    facts.caseRetry = { token: 'WebSocket', status: facts.response?.status };
    run.add('response', 'info', `retried with "Upgrade: WebSocket": ${facts.response?.status ?? 'no response'}`);
    Object.assign(facts, saved);
  }
}

/** DNS, TCP, CONNECT and TLS: a reader on a connection ready for the upgrade request. */
async function openTransport(run: Run, log: boolean): Promise<Reader | undefined> {
  const { o, facts, choice } = run;
  const add: Add = log ? run.add : () => undefined;
  const viaProxy = choice.proxy;
  const host = viaProxy ? viaProxy.hostname : facts.target.host;
  const port = viaProxy ? facts.proxy!.port : facts.target.port;
  const dns = await resolveHost(host);
  if (!dns.ok) {
    facts.dnsError = { host, code: dns.code };
    add('dns', 'fail', `${host}: ${dns.code}`, dns.ms);
    return undefined;
  }
  add('dns', 'ok', dns.literal ? `${dns.address} (literal address${viaProxy ? ', proxy' : ''})` : `${host} -> ${dns.address}${viaProxy ? ' (proxy)' : ''}`, dns.ms);
  const tcp = await dial(dns.address, port, o.timeoutMs);
  if (!tcp.ok) {
    facts.tcpError = { host: dns.address, port, code: tcp.code, toProxy: !!viaProxy };
    add('tcp', 'fail', `${dns.address}:${port}${viaProxy ? ' (proxy)' : ''}: ${tcp.code}`, tcp.ms);
    return undefined;
  }
  run.sockets.push(tcp.socket);
  add('tcp', 'ok', `connected to ${dns.address}:${port}${viaProxy ? ' (proxy)' : ''}`, tcp.ms);
  let reader = new Reader(tcp.socket);
  if (viaProxy && facts.proxy!.mode === 'connect') {
    // URL keeps an IPv6 literal's brackets in hostname, as CONNECT's authority-form wants.
    const authority = `${o.url.hostname}:${facts.target.port}`;
    const t0 = Date.now();
    const r = await connectTunnel(reader, authority, viaProxy, o.timeoutMs);
    const ms = Date.now() - t0;
    if (r.kind !== 'response') {
      facts.connectFail = r.kind === 'timeout' ? 'no answer' : r.kind === 'closed' ? `connection ${r.how}` : 'not HTTP';
      add('connect', 'fail', `CONNECT ${authority}: ${facts.connectFail}`, ms);
      return undefined;
    }
    facts.connect = r.response;
    const ev = serverEvidence(r.response);
    const auth = facts.proxy!.credentials ? ' (Proxy-Authorization sent)' : '';
    add(
      'connect',
      r.response.status === 200 ? 'ok' : 'fail',
      `CONNECT ${authority}${auth}: ${r.response.status} ${r.response.reason}${ev ? ` (${ev})` : ''}`,
      ms,
    );
    if (r.response.status !== 200) return undefined;
  }
  if (facts.target.tls) {
    tcp.socket.pause();
    reader.detach();
    const t = await startTls(tcp.socket, o.url.hostname, { ca: o.ca?.pem, timeoutMs: o.timeoutMs });
    if (!t.ok) {
      facts.tls = { authorized: false, error: t.error, chain: [], intercepted: false, insecure: o.insecure };
      add('tls', 'fail', `handshake failed: ${t.error}`, t.ms);
      return undefined;
    }
    run.sockets.push(t.socket);
    const intercepted = !t.authorized ? interception(t.chain, t.error, !!viaProxy && facts.proxy!.mode === 'connect') : undefined;
    facts.tls = {
      authorized: t.authorized,
      error: t.error,
      chain: t.chain,
      intercepted: !!intercepted,
      interceptReason: intercepted,
      insecure: o.insecure,
      protocol: t.protocol,
    };
    const chainText = t.chain.map((c, i) => (i === 0 ? c.subject : c.subject) + (c.selfSigned ? ' (self-signed)' : '')).join(' <- ');
    const issuer = t.chain[t.chain.length - 1]?.issuer;
    if (!t.authorized && log) {
      try {
        facts.tls.caWritten = writeTopCert(t.chain, o.caOut);
      } catch (e) {
        facts.tls.caWritten = undefined;
        add('tls', 'warn', `could not write the certificate: ${(e as Error).message}`);
      }
    }
    const head = `${t.protocol ?? 'TLS'}, ALPN ${t.alpn || 'none'}, chain ${chainText || '(none)'}, issuer ${issuer || '?'}`;
    if (t.authorized) add('tls', 'ok', `${head}; verified${o.ca ? ` (with --ca ${o.ca.file})` : ''}`, t.ms);
    else {
      const more = `${intercepted ? `; looks like interception: ${intercepted}` : ''}${facts.tls.caWritten ? `; top certificate written to ${facts.tls.caWritten}` : ''}`;
      if (o.insecure) add('tls', 'warn', `${head}; NOT verified (${t.error}), continuing because of --insecure${more}`, t.ms);
      else {
        add('tls', 'fail', `${head}; NOT trusted: ${t.error}${more}`, t.ms);
        return undefined;
      }
    }
    reader = new Reader(t.socket);
  }
  return reader;
}

/** Sends the upgrade request and reads the response; true when every RFC 6455 check passed. */
async function upgrade(
  run: Run,
  reader: Reader,
  pathQuery: string,
  key: string,
  log: 'log' | 'quiet',
  upgradeToken?: string,
): Promise<boolean | undefined> {
  const { o, facts, choice } = run;
  const add: Add = log === 'log' ? run.add : () => undefined;
  const forward = choice.proxy && facts.proxy!.mode === 'forward';
  const requestTarget = forward ? `${o.url.protocol}//${o.url.host}${pathQuery}` : pathQuery;
  const headers: [string, string][] = upgradeToken ? [...o.headers, ['Upgrade', upgradeToken]] : o.headers;
  const req = buildUpgrade({
    target: o.url,
    requestTarget,
    key,
    headers,
    origin: o.origin,
    subprotocols: o.subprotocols,
    forwardProxy: forward ? choice.proxy : undefined,
    userAgent: run.userAgent,
  });
  facts.request = { upgradeToken: req.upgradeToken };
  reader.socket.write(req.text);
  add('request', 'info', req.display);
  const t0 = Date.now();
  const r = await readResponse(reader, o.timeoutMs);
  const ms = Date.now() - t0;
  facts.response = undefined;
  facts.responseFail = undefined;
  if (r.kind !== 'response') {
    const detail = r.kind === 'not-http' ? r.first.toString('hex').slice(0, 32) : r.kind === 'closed' ? r.how : `${formatSeconds(o.timeoutMs)}`;
    facts.responseFail = { kind: r.kind, detail };
    add('response', 'fail', r.kind === 'timeout' ? `no response within ${detail}` : r.kind === 'closed' ? `connection ${detail}, no response` : `not HTTP/1.x: ${detail}`, ms);
    return undefined;
  }
  facts.response = r.response;
  facts.checks = rfc6455Checks(r.response, key, o.subprotocols);
  const ok = facts.checks.every((c) => c.ok);
  add('response', ok ? 'ok' : 'fail', responseSummary(facts), ms);
  return ok;
}

function responseSummary(facts: Facts): string {
  const res = facts.response!;
  const ev = serverEvidence(res);
  const checks = (facts.checks ?? []).filter((c) => c.name !== 'status');
  const parts = checks.map((c) => `${c.name} ${c.ok ? 'ok' : `FAILED (${c.detail})`}`);
  const body = res.status !== 101 && res.body ? `; body ${JSON.stringify(res.body.replace(/\s+/g, ' ').trim().slice(0, 60))}` : '';
  return `HTTP/${res.httpVersion} ${res.status} ${res.reason}${ev ? ` (${ev})` : ''}${parts.length ? `; ${parts.join(', ')}` : ''}${body}`;
}

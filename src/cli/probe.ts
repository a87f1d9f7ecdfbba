/** `proxylint probe URL`: options for yargs, and the run (exit 0 works, 1 diagnosis, 2 usage). */
import type { Argv } from 'yargs';
import { packageVersion } from '../core/package-root';

export function probeCommandOptions(y: Argv): Argv {
  return y
    .positional('url', { type: 'string', demandOption: true, describe: 'ws://, wss://, http:// or https:// URL of the WebSocket' })
    .option('proxy', { type: 'string', describe: 'http://[user:pass@]host:port, or "direct" (default: the environment, as --as reads it)' })
    .option('as', { type: 'string', describe: 'read the proxy variables as this client does: node (default), curl, wget, go, undici, proxy-from-env, python-requests, httpx, java; CLIENT@VERSION' })
    .option('proxy-mode', { type: 'string', choices: ['connect', 'forward'], describe: 'CONNECT tunnel (default for ws/wss) or absolute-form request (default for http)' })
    .option('header', { type: 'string', array: true, describe: 'extra request header "Name: value" (repeatable; replaces a default of that name)' })
    .option('origin', { type: 'string', describe: 'Origin header to send' })
    .option('subprotocol', { type: 'string', array: true, describe: 'Sec-WebSocket-Protocol to offer (repeatable)' })
    .option('ca', { type: 'string', describe: 'PEM file of extra CA certificates to trust' })
    .option('ca-out', { type: 'string', describe: 'where to write an untrusted chain\'s top certificate (default: temp dir)' })
    .option('insecure', { type: 'boolean', describe: 'continue over TLS that fails verification (never the default)' })
    .option('idle', { type: 'string', describe: 'hold the open WebSocket silent this long, e.g. 90s, and report how it closed' })
    .option('socketio', { type: 'boolean', describe: 'Engine.IO v4 then v3 handshake (socket.io servers)' })
    .option('eio', { type: 'number', describe: 'with --socketio: only this Engine.IO version (3 or 4)' })
    .option('timeout', { type: 'string', default: '10s', describe: 'deadline of each step' })
    .option('format', { type: 'string', choices: ['text', 'json'], default: 'text' });
}

export async function runProbeCommand(args: Record<string, unknown>): Promise<number> {
  const { probeOptions } = require('../probe/options') as typeof import('../probe/options');
  const { runProbe } = require('../probe/index') as typeof import('../probe/index');
  const { formatJson, formatText } = require('../probe/format') as typeof import('../probe/format');
  let o: import('../probe/types').ProbeOptions;
  try {
    o = probeOptions(
    {
      url: String(args.url),
      proxy: args.proxy as string | undefined,
      as: args.as as string | undefined,
      proxyMode: args.proxyMode as string | undefined,
      header: args.header as string[] | undefined,
      origin: args.origin as string | undefined,
      subprotocol: args.subprotocol as string[] | undefined,
      ca: args.ca as string | undefined,
      caOut: args.caOut as string | undefined,
      insecure: args.insecure as boolean | undefined,
      idle: args.idle as string | undefined,
      socketio: args.socketio as boolean | undefined,
      eio: args.eio as number | undefined,
      timeout: args.timeout as string | undefined,
      format: args.format as string | undefined,
    },
    process.env,
    );
  } catch (e) {
    // Handled here, not by main's reportError: this module is its own bundle (dist/probe.js),
    // so its UsageError is not main's class.
    if ((e as Error).name !== 'UsageError') throw e;
    process.stderr.write(`proxylint probe: ${(e as Error).message}\nRun "proxylint probe --help" for usage.\n`);
    return 2;
  }
  const { report } = await runProbe(o, `proxylint-probe/${packageVersion()}`);
  process.stdout.write(args.format === 'json' ? formatJson(report) : formatText(report));
  return report.ok ? 0 : 1;
}

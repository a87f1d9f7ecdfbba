/** What one probe run is asked to do, what each step found, and the final verdict. */
import type { HttpResponse } from './http';

export interface ProbeOptions {
  /** The target, normalised: ws:, wss:, http: or https:. */
  url: URL;
  /** --proxy as given ('' = none given; 'direct' = force no proxy). */
  proxy?: string;
  /** --as: the client whose proxy decision the environment is read with. */
  as?: string;
  /** How to use an HTTP proxy: a CONNECT tunnel or an absolute-form request. */
  proxyMode?: 'connect' | 'forward';
  headers: [string, string][];
  origin?: string;
  subprotocols: string[];
  /** --ca: PEM text of extra trusted certificates, and the file it came from. */
  ca?: { file: string; pem: string };
  insecure: boolean;
  /** Hold the WebSocket open this long without sending. */
  idleMs?: number;
  socketio: boolean;
  /** Force one Engine.IO protocol version instead of v4 then v3. */
  eio?: 3 | 4;
  /** Per-step deadline. */
  timeoutMs: number;
  /** Where an untrusted chain's top certificate is written (default: a file in the temp dir). */
  caOut?: string;
  env: NodeJS.ProcessEnv;
}

export type StepName = 'proxy' | 'dns' | 'tcp' | 'connect' | 'tls' | 'request' | 'response' | 'socketio' | 'echo' | 'idle';

export interface Step {
  step: StepName;
  status: 'ok' | 'fail' | 'warn' | 'info';
  summary: string;
  ms?: number;
}

export interface CertInfo {
  subject: string;
  issuer: string;
  selfSigned: boolean;
  validFrom: string;
  validTo: string;
  fingerprint256: string;
  pem: string;
}

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

/** The facts the steps establish; the diagnosis is computed from these alone. */
export interface Facts {
  target: { host: string; port: number; tls: boolean; path: string };
  proxy?: { display: string; host: string; port: number; mode: 'connect' | 'forward'; credentials: boolean; variable?: string };
  /** The client would not get as far as connecting (its proxy setting is unusable). */
  proxyError?: string;
  dnsError?: { host: string; code: string };
  tcpError?: { host: string; port: number; code: string; toProxy: boolean };
  connect?: HttpResponse;
  connectFail?: string;
  tls?: {
    authorized: boolean;
    error?: string;
    chain: CertInfo[];
    intercepted: boolean;
    interceptReason?: string;
    caWritten?: string;
    insecure: boolean;
    protocol?: string;
  };
  request?: { upgradeToken: string };
  response?: HttpResponse;
  /** No usable response: timeout, closed, or not HTTP/1 at all. */
  responseFail?: { kind: 'timeout' | 'closed' | 'not-http'; detail: string };
  checks?: Check[];
  /** A 426 through Squid retried with `Upgrade: WebSocket`. */
  caseRetry?: { token: string; status?: number };
  socketio?: {
    version?: 3 | 4;
    sid?: string;
    /** Protocol-version errors seen, by version tried. */
    rejected: { eio: 3 | 4; status: number; message: string }[];
    connected: boolean;
    error?: string;
  };
  /** A socket.io endpoint recognised from the reply to a plain WebSocket handshake. */
  socketioEndpoint?: string;
  echo?: { pong: boolean; echo?: boolean; ms?: number; closed?: string };
  idle?: { requestedMs: number; survived: boolean; afterMs?: number; how?: 'close-frame' | 'fin' | 'rst'; closeCode?: number; closeReason?: string };
}

export interface Diagnosis {
  /** Stable id of the failure class, e.g. 'upgrade-dropped'. */
  class: string;
  /** The hop most likely at fault and the evidence, e.g. 'nginx (Server: nginx/1.22.1)'. */
  hop: string;
  /** One sentence: what happened and the fix. */
  message: string;
  /** proxylint rule ids that find this in the config. */
  rules: string[];
  /** Anything else to do, e.g. an environment variable to set. */
  advice?: string;
}

export interface ProbeReport {
  /** The target without credentials. */
  url: string;
  ok: boolean;
  steps: Step[];
  diagnosis?: Diagnosis;
}

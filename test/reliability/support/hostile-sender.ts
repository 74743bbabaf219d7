import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import type { HostileRequest } from './hostile-requests';

export interface HostileAnswer {
  readonly status: number;
  readonly body: string;
}

/** Sends one request as given (any method, path, headers and body), over a kept-alive connection. */
function send(agent: Agent, endpoint: URL, hostile: HostileRequest): Promise<HostileAnswer> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      { agent, host: endpoint.hostname, port: endpoint.port, method: hostile.method, path: hostile.path, headers: { ...hostile.headers, 'content-length': Buffer.byteLength(hostile.body) } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        response.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(hostile.body);
  });
}

/** Sends every request, `concurrency` at a time, and hands each answer (or transport error) to `check` as it comes. */
export async function sendAll(
  endpoint: string,
  requests: Iterable<HostileRequest>,
  check: (request: HostileRequest, answer: HostileAnswer | Error) => void,
  concurrency = 8,
): Promise<number> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const url = new URL(endpoint);
  const iterator = requests[Symbol.iterator]();
  let sent = 0;
  const worker = async () => {
    for (let next = iterator.next(); !next.done; next = iterator.next()) {
      sent++;
      const hostile = next.value;
      check(hostile, await send(agent, url, hostile).catch((error: unknown) => (Error.isError(error) ? error : new Error(String(error)))));
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    agent.destroy();
  }
  return sent;
}

/** Bytes that are not HTTP at all, on a connection of their own: what the server answers (if anything) before it closes it. */
export function sendRaw(endpoint: string, bytes: Buffer, timeoutMs = 2000): Promise<string> {
  const url = new URL(endpoint);
  return new Promise((resolve) => {
    const socket = connect(Number(url.port), url.hostname);
    let answer = '';
    const done = () => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(timeoutMs, done);
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
    socket.on('end', done);
    socket.on('close', done);
    socket.on('error', done);
    socket.write(bytes);
  });
}

import { connect, type ConnectOutcome } from '../connections';
import type { HttpRequest, Scheme } from '../reached-server';
import { type CurlOptions, parseCurlArgs } from './curl-options';
import { RESOLVER_GIVE_UP_SECONDS, SYN_GIVE_UP_SECONDS } from './network-timeouts';
import { headerBlock, progressMeter, type Transfer, writeOut } from './curl-report';
import { type CommandContext, type CommandOutcome, outcome, type ShellCommand } from './shell-command';

const RESPONSE_SECONDS = 0.01;
const OPENSSL = 'OpenSSL/3.0.8';

const milliseconds = (seconds: number): number => Math.round(seconds * 1000) + 1;

/** The earliest of `-m` and `--connect-timeout`, which both bound the connect phase. */
const connectLimit = (options: CurlOptions): number | undefined => {
  const limits = [options.maxTime, options.connectTimeout].filter((limit): limit is number => limit !== undefined);
  return limits.length > 0 ? Math.min(...limits) : undefined;
};

function parseUrl(text: string): { url: URL; scheme: Scheme } | { error: Transfer } {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return { error: { url: text, remoteIp: '', exitCode: 3, error: 'URL rejected: Malformed input to a URL function', seconds: 0 } };
  }
  const scheme = url.protocol.slice(0, -1);
  if (scheme !== 'http' && scheme !== 'https') return { error: { url: text, remoteIp: '', exitCode: 1, error: `Protocol "${scheme}" not supported`, seconds: 0 } };
  return { url, scheme };
}

/**
 * curl's exit code and message for each way a connection ends, with the time
 * it took. A connect cut short by `-m`/`--connect-timeout` is the message of
 * curl's lib/multi.c (`multi_handle_timeout`, state CONNECTING): "Connection
 * timed out after <ms> milliseconds". curl 8's lib/connect.c prints "Failed to
 * connect to <host> port <port> after <ms> ms: Timeout was reached" instead
 * when it sees its last address's attempt expire before the transfer's own
 * timer does (`baller_connect`, `>=` against multi.c's `< 0`). A
 * connect the kernel gives up on (no limit) is connect.c's "Failed to connect
 * … Couldn't connect to server", exit 28 because errno is ETIMEDOUT.
 */
function transferOf(outcome: ConnectOutcome, request: HttpRequest, options: CurlOptions, url: string): Transfer {
  const limit = connectLimit(options);
  const where = `${request.host} port ${request.port}`;
  const failed = (exitCode: number, error: string, seconds: number, remoteIp = ''): Transfer => ({ url, remoteIp, exitCode, error, seconds });
  switch (outcome.kind) {
    case 'resolver-unreachable':
      return limit !== undefined && limit < RESOLVER_GIVE_UP_SECONDS
        ? failed(28, `Resolving timed out after ${milliseconds(limit)} milliseconds`, limit)
        : failed(6, `Could not resolve host: ${request.host}`, RESOLVER_GIVE_UP_SECONDS);
    case 'unresolved':
      return failed(6, `Could not resolve host: ${request.host}`, 0);
    case 'timeout':
      return limit !== undefined
        ? failed(28, `Connection timed out after ${milliseconds(limit)} milliseconds`, limit, outcome.address)
        : failed(28, `Failed to connect to ${where} after ${milliseconds(SYN_GIVE_UP_SECONDS)} ms: Couldn't connect to server`, SYN_GIVE_UP_SECONDS, outcome.address);
    case 'refused':
      return failed(7, `Failed to connect to ${where} after 0 ms: Couldn't connect to server`, 0, outcome.address);
    case 'tls-mismatch':
      return failed(35, `${OPENSSL}: error:0A00010B:SSL routines::wrong version number`, RESPONSE_SECONDS, outcome.address);
    case 'empty-reply':
      return failed(52, 'Empty reply from server', RESPONSE_SECONDS, outcome.address);
    // A reply without an HTTP status line is HTTP/0.9, which curl refuses by default since 7.66 (lib/http.c, CURLE_UNSUPPORTED_PROTOCOL).
    case 'not-http':
      return failed(1, 'Received HTTP/0.9 when not allowed', RESPONSE_SECONDS, outcome.address);
    case 'response': {
      const { response } = outcome;
      const rejected = options.fail && response.status >= 400;
      return { url, response, remoteIp: outcome.address, exitCode: rejected ? 22 : 0, error: rejected ? `The requested URL returned error: ${response.status}` : undefined, seconds: RESPONSE_SECONDS };
    }
  }
}

function fetch(context: CommandContext, options: CurlOptions, text: string): Transfer {
  const parsed = parseUrl(text);
  if ('error' in parsed) return parsed.error;
  const { url, scheme } = parsed;
  const request: HttpRequest = {
    host: url.hostname,
    port: url.port ? Number(url.port) : scheme === 'https' ? 443 : 80,
    scheme,
    path: `${url.pathname}${url.search}`,
    flow: context.nextFlow(),
  };
  return transferOf(connect(context.view, context.instance, request), request, options, url.href);
}

/** What curl prints for one transfer: the body or headers (unless sent to a file), the `-w` text, the meter and the error. */
function report(options: CurlOptions, transfer: Transfer): CommandOutcome {
  const { response } = transfer;
  const delivered = response && transfer.exitCode === 0 ? (options.head ? headerBlock(response) : response.body) : '';
  const written = options.writeOut === undefined ? { text: '', warnings: '' } : writeOut(options.writeOut, transfer);
  const meter = options.silent ? '' : progressMeter(Buffer.byteLength(delivered), transfer.seconds);
  const error = transfer.error !== undefined && (!options.silent || options.showError) ? `curl: (${transfer.exitCode}) ${transfer.error}\n` : '';
  return outcome({
    stdout: (options.output === undefined ? delivered : '') + written.text,
    stderr: written.warnings + meter + error,
    status: transfer.exitCode,
    seconds: transfer.seconds,
  });
}

/** `curl`: fetches each URL through the network model; exits with the last transfer's code. */
export const curl: ShellCommand = (context, args) => {
  const parsed = parseCurlArgs(args);
  if (!parsed.ok) return outcome({ stderr: parsed.stderr, status: 2 });
  const reports = parsed.options.urls.map((url) => report(parsed.options, fetch(context, parsed.options, url)));
  return outcome({
    stdout: reports.map((part) => part.stdout).join(''),
    stderr: reports.map((part) => part.stderr).join(''),
    status: reports.at(-1)?.status ?? 0,
    seconds: reports.reduce((total, part) => total + part.seconds, 0),
  });
};

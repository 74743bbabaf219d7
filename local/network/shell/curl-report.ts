import type { HttpResponse } from '../http-responses';

/** One transfer as curl reports it: the response (if any), curl's exit code and error text, how long it took. */
export interface Transfer {
  readonly url: string;
  readonly response?: HttpResponse;
  readonly remoteIp: string;
  readonly exitCode: number;
  readonly error?: string;
  readonly seconds: number;
}

const pad = (value: string | number, width: number): string => String(value).padStart(width);

function clock(seconds: number): string {
  if (seconds < 1) return '--:--:--';
  const whole = Math.floor(seconds);
  return pad(`${Math.floor(whole / 3600)}:${String(Math.floor(whole / 60) % 60).padStart(2, '0')}:${String(whole % 60).padStart(2, '0')}`, 8);
}

function meterLine(total: number, seconds: number): string {
  const percent = total > 0 ? 100 : 0;
  const speed = seconds > 0 ? Math.round(total / seconds) : 0;
  return `${pad(percent, 3)}${pad(total, 6)}${pad(percent, 5)}${pad(total, 6)}${pad(0, 5)}${pad(0, 6)}${pad(speed, 7)}${pad(0, 7)} --:--:-- ${clock(seconds)} --:--:--${pad(speed, 6)}`;
}

/**
 * The progress meter curl writes to standard error whenever its output is
 * not a terminal (as under SSM) and `-s` is not given.
 */
export function progressMeter(bytes: number, seconds: number): string {
  return (
    '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n' +
    '                                 Dload  Upload   Total   Spent    Left  Speed\n' +
    `\r${meterLine(0, 0)}\r${meterLine(bytes, seconds)}\n`
  );
}

/** The status line and headers as `curl -I` prints them (CRLF line ends, blank line last). */
export function headerBlock(response: HttpResponse): string {
  const lines = [`HTTP/1.1 ${response.status} ${response.reason}`, ...response.headers.map(([name, value]) => `${name}: ${value}`)];
  return `${lines.map((line) => `${line}\r\n`).join('')}\r\n`;
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\' };

/** Expands a `-w` format; an unknown variable expands to nothing, with curl's warning. */
export function writeOut(format: string, transfer: Transfer): { text: string; warnings: string } {
  const code = String(transfer.response?.status ?? 0).padStart(3, '0');
  const variables: Record<string, string> = {
    http_code: code,
    response_code: code,
    remote_ip: transfer.remoteIp,
    url_effective: transfer.url,
    time_total: transfer.seconds.toFixed(6),
    exitcode: String(transfer.exitCode),
    errormsg: transfer.error ?? '',
    size_download: String(transfer.response ? Buffer.byteLength(transfer.response.body) : 0),
  };
  let warnings = '';
  const text = format
    .replace(/\\([ntr\\])/g, (_match, escape: string) => ESCAPES[escape] as string)
    .replace(/%%|%\{([a-z_]+)\}/g, (_match, name: string | undefined) => {
      if (name === undefined) return '%';
      if (Object.hasOwn(variables, name)) return variables[name] as string;
      warnings += `curl: unknown --write-out variable: '${name}'\n`;
      return '';
    });
  return { text, warnings };
}

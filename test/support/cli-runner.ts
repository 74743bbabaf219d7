import { Writable } from 'node:stream';
import { main } from '../../cli/main';

/** What one `vpce-lab` command did: its exit code and everything it wrote. */
export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** A stream that keeps what is written to it, and is no terminal (so no spinner). */
class CapturedOutput extends Writable {
  text = '';
  readonly isTTY = false;

  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.text += chunk.toString();
    done();
  }
}

/** Runs `vpce-lab <args>` through the command's own entry point, with its output captured. */
export async function vpceLab(...args: string[]): Promise<CliResult> {
  const out = new CapturedOutput();
  const err = new CapturedOutput();
  const code = await main(args, { out: out as unknown as NodeJS.WriteStream, err: err as unknown as NodeJS.WriteStream });
  return { code, stdout: out.text, stderr: err.text };
}

/** The one JSON document a `--json` command printed. */
export function printedJson<T>(result: CliResult): T {
  try {
    return JSON.parse(result.stdout) as T;
  } catch {
    throw new Error(`expected one JSON document on stdout (exit ${result.code}), got:\n${result.stdout}\nstderr:\n${result.stderr}`);
  }
}

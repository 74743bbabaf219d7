/** Where a command writes: the terminal, or a test's buffers. */
export interface CliIo {
  readonly out: NodeJS.WriteStream;
  readonly err: NodeJS.WriteStream;
}

export const processIo = (): CliIo => ({ out: process.stdout, err: process.stderr });

export const writeJson = (io: CliIo, value: unknown): void => {
  io.out.write(`${JSON.stringify(value, null, 2)}\n`);
};

/** What went wrong, for scripts: `code` is the error's name (or AWS's error code), `exitCode` the command's. */
export interface JsonError {
  readonly code: string;
  readonly message: string;
  readonly exitCode: number;
  /** The step of the run that failed, when a run failed. */
  readonly step?: string;
}

/** With `--json`, an error is one JSON document on stderr, so stdout stays the command's result (or empty). */
export const writeJsonError = (io: CliIo, error: JsonError): void => {
  io.err.write(`${JSON.stringify({ error })}\n`);
};

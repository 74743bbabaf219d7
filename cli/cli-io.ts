/** Where a command writes: the terminal, or a test's buffers. */
export interface CliIo {
  readonly out: NodeJS.WriteStream;
  readonly err: NodeJS.WriteStream;
}

export const processIo = (): CliIo => ({ out: process.stdout, err: process.stderr });

export const writeJson = (io: CliIo, value: unknown): void => {
  io.out.write(`${JSON.stringify(value, null, 2)}\n`);
};

#!/usr/bin/env node
// Runs the TypeScript sources directly, so a clone works without a build step.
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const { spawn } = require('node:child_process');
const { constants } = require('node:os');

const MIN_NODE_MAJOR = 24;

if (Number(process.versions.node.split('.')[0]) < MIN_NODE_MAJOR) {
  // An older system Node: hand over to the Node 24 that `npm ci` installed with the project.
  const bundled = join(__dirname, '..', 'node_modules', 'node', 'bin', 'node');
  if (!existsSync(bundled)) {
    process.stderr.write(`vpce-lab needs Node.js ${MIN_NODE_MAJOR} or newer (this is ${process.version}); run npm ci first, or install a newer Node.\n`);
    process.exit(2);
  }
  const child = spawn(bundled, [__filename, ...process.argv.slice(2)], { stdio: 'inherit' });
  // Ctrl+C reaches the terminal's whole process group, the child with it, which stops following and says
  // what goes on: this process waits for that rather than ending first. Signals sent to it alone are passed on.
  process.on('SIGINT', () => undefined);
  for (const signal of ['SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? 128 + (constants.signals[signal] ?? 0)));
  return;
}

require('tsx/cjs/api').register();
const { main } = require('../cli/main.ts');

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});

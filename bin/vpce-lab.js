#!/usr/bin/env node
// Runs the TypeScript sources directly, so a clone works without a build step.
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const { spawnSync } = require('node:child_process');

const MIN_NODE_MAJOR = 24;

if (Number(process.versions.node.split('.')[0]) < MIN_NODE_MAJOR) {
  // An older system Node: hand over to the Node 24 that `npm ci` installed with the project.
  const bundled = join(__dirname, '..', 'node_modules', 'node', 'bin', 'node');
  if (!existsSync(bundled)) {
    process.stderr.write(`vpce-lab needs Node.js ${MIN_NODE_MAJOR} or newer (this is ${process.version}); run npm ci first, or install a newer Node.\n`);
    process.exit(2);
  }
  const child = spawnSync(bundled, [__filename, ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(child.status ?? 1);
}

require('tsx/cjs/api').register();
const { main } = require('../cli/main.ts');

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});

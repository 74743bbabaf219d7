#!/usr/bin/env node
// Runs the TypeScript sources directly, so a clone works without a build step.
require('tsx/cjs/api').register();
const { main } = require('../cli/main.ts');

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});

// Loaded with `node --require` by the benchmark around `vpce-lab start`: reports the process's peak memory as it exits.
process.on('exit', () => {
  process.stderr.write(`peak-rss-kb=${process.resourceUsage().maxRSS}\n`);
});

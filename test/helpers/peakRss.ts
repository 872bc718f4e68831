/**
 * Preloaded (`node -r`) into a child process under test: on exit it writes the process's peak resident set
 * size to stderr, so a test can bound the memory a file cost without trusting the code under test to say so.
 */
process.on('exit', () => {
  process.stderr.write(`\nPEAK_RSS_KB=${process.resourceUsage().maxRSS}\n`);
});

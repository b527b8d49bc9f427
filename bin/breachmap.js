#!/usr/bin/env node
// The AWS SDK warns on every run that its releases after January 2027 will need Node 22. breachmap
// pins its SDK version, so the warning is not actionable for users and would clutter stderr.
const emitWarning = process.emitWarning.bind(process);
process.emitWarning = (warning, ...rest) => {
  const type = typeof rest[0] === 'string' ? rest[0] : rest[0]?.type;
  const name = warning instanceof Error ? warning.name : type;
  if (name === 'NodeVersionSupportWarning' || String(warning).includes('NodeVersionSupportWarning')) return;
  emitWarning(warning, ...rest);
};

// Ctrl-C: reports are written atomically (a temp file, then a rename), so an interrupted run never
// leaves half a report; say so in one line and exit with the conventional 128 + SIGINT.
process.once('SIGINT', () => {
  process.stderr.write('\nbreachmap: interrupted: no report written\n');
  process.exit(130);
});

const { main } = await import('../dist/cli/main.js');
process.exitCode = await main(process.argv);

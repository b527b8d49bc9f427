#!/usr/bin/env node
/**
 * CI's supply-chain gate: `npm audit --omit=dev` must report no high or critical advisory in the
 * runtime dependencies, except those listed with a reason in .ci/audit-allowlist.json.
 *
 * When the registry's audit endpoint cannot be reached (a mirror or proxy that only serves
 * package downloads answers 405), it says so loudly and exits 0: advisories were NOT checked, and
 * the log says that in plain words rather than failing every build for a reason outside the code.
 * BREACHMAP_AUDIT_REQUIRED=1 turns that into a failure.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BLOCKING = new Set(['high', 'critical']);

const allowlist = JSON.parse(readFileSync(join(ROOT, '.ci', 'audit-allowlist.json'), 'utf8')).advisories ?? {};
// BREACHMAP_AUDIT_JSON: a saved `npm audit --json` output instead of a live run (the gate's own tests).
const saved = process.env.BREACHMAP_AUDIT_JSON;
const run =
  saved === undefined
    ? spawnSync('npm', ['audit', '--omit=dev', '--json'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
    : { stdout: readFileSync(saved, 'utf8'), stderr: '' };

let audit;
try {
  audit = JSON.parse(run.stdout);
} catch {
  audit = null;
}

if (audit === null || audit.vulnerabilities === undefined) {
  const reason = audit?.message ?? audit?.error?.summary ?? (run.stderr || 'no output').split('\n')[0];
  const required = process.env.BREACHMAP_AUDIT_REQUIRED === '1';
  console.error(`audit: ${required ? 'error' : 'WARNING'}: the npm audit endpoint could not be used (${reason}); runtime dependencies were NOT checked for advisories.`);
  process.exit(required ? 1 : 0);
}

const blocking = [];
for (const [name, vulnerability] of Object.entries(audit.vulnerabilities)) {
  if (!BLOCKING.has(vulnerability.severity)) continue;
  // `via` holds advisories (objects) or names of vulnerable dependencies (strings) reported on their own.
  for (const via of vulnerability.via) {
    if (typeof via !== 'object' || !BLOCKING.has(via.severity)) continue;
    const id = String(via.url ?? '').split('/').pop() ?? '';
    if (Object.hasOwn(allowlist, id)) {
      console.error(`audit: allowed ${id} in ${name} (${via.severity}): ${allowlist[id]}`);
      continue;
    }
    blocking.push(`${name}: ${via.severity} ${id} ${via.title ?? ''}`.trim());
  }
}

if (blocking.length > 0) {
  console.error(`audit: ${blocking.length} high or critical advisory(ies) in runtime dependencies:`);
  for (const line of blocking) console.error(`  ${line}`);
  console.error('audit: update the dependency, or (only when no fix exists and it cannot affect breachmap) list it with a reason in .ci/audit-allowlist.json.');
  process.exit(1);
}
const counts = audit.metadata?.vulnerabilities ?? {};
console.log(`audit: no high or critical advisory in runtime dependencies (low ${counts.low ?? 0}, moderate ${counts.moderate ?? 0}).`);

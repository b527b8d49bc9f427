import { readFileSync } from 'node:fs';

/** The package version, read once from package.json (two levels up from src/cli and dist/cli). */
export const TOOL_VERSION: string = (() => {
  const raw: unknown = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
  const version = typeof raw === 'object' && raw !== null && 'version' in raw ? raw.version : undefined;
  return typeof version === 'string' ? version : '0.0.0';
})();

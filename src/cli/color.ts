/**
 * Whether a report goes out in colour: only to a terminal, never under CI, never with --no-color,
 * and never when NO_COLOR is set to a non-empty value (https://no-color.org: an empty NO_COLOR
 * does not count).
 */
export function wantsColor(flags: { output?: string | undefined; color?: boolean | undefined }, io: { stdoutIsTty: boolean; env: NodeJS.ProcessEnv }): boolean {
  const toStdout = flags.output === undefined || flags.output === '-';
  return toStdout && flags.color !== false && io.stdoutIsTty && (io.env['NO_COLOR'] ?? '') === '' && io.env['CI'] !== 'true';
}

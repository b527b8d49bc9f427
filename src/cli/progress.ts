/**
 * The scan's progress on stderr: accounts, regions and services done out of the total, AWS calls
 * made and throttled attempts retried. On a terminal it is one live `ora` line; when stderr is a
 * file or a pipe, or under CI=true, it is plain lines, at most one every few seconds (the
 * rate-limited printer of src/cli/ci.ts); `--quiet` silences it. The report never depends on it.
 */
import ora, { type Ora } from 'ora';
import type { CallRecord } from '../collect/recorder.js';
import { SLICES, type SliceName } from '../inventory/schema.js';
import { progressPrinter } from './ci.js';


/** What a slice is called in progress lines: its record's label (src/inventory/schema.ts). */
export function sliceLabel(slice: SliceName): string {
  return SLICES[slice].label;
}

export interface ProgressState {
  /** Undefined for a single-account scan. */
  accounts?: { total: number; done: number; failed: number };
  regions: number;
  services: { total: number; done: number };
  calls: number;
  /** Attempts beyond the first: the SDK retried them (throttling, mostly). */
  retries: number;
}

/** One line for the state, e.g. `accounts 3/20 (1 failed) · regions 17 · services 40/96 · 1234 calls · 12 retried`. Pure. */
export function describeProgress(state: ProgressState): string {
  const parts: string[] = [];
  if (state.accounts !== undefined) {
    const failed = state.accounts.failed === 0 ? '' : ` (${state.accounts.failed} failed)`;
    parts.push(`accounts ${state.accounts.done}/${state.accounts.total}${failed}`);
  }
  if (state.regions > 0) parts.push(`regions ${state.regions}`);
  parts.push(`services ${state.services.done}/${state.services.total}`);
  parts.push(`${state.calls} call${state.calls === 1 ? '' : 's'}`);
  parts.push(`${state.retries} throttled or retried`);
  return parts.join(' · ');
}

export interface ScanProgress {
  /** A step ("Listing the organization's accounts…"). */
  step: (message: string) => void;
  call: (record: CallRecord) => void;
  accounts: (total: number) => void;
  accountDone: (ok: boolean) => void;
  /** Regions of one account are known (summed over accounts as the largest count seen). */
  regions: (count: number) => void;
  /** Slices one account will collect. */
  servicesPlanned: (count: number) => void;
  serviceDone: () => void;
  stop: () => void;
  readonly state: ProgressState;
}

export interface ProgressIo {
  quiet: boolean;
  env: NodeJS.ProcessEnv;
  /** Plain lines. */
  write: (text: string) => void;
  /** The live terminal, when stderr is one; ora draws on it. */
  tty?: NodeJS.WritableStream & { columns?: number };
  now?: () => number;
  intervalMs?: number;
}

export function createScanProgress(io: ProgressIo): ScanProgress {
  const state: ProgressState = { regions: 0, services: { total: 0, done: 0 }, calls: 0, retries: 0 };
  const inCi = io.env['CI'] === 'true' || io.env['CI'] === '1';
  let spinner: Ora | undefined;
  let lastStep = '';
  let print: (message: string) => void = () => undefined;
  // A terminal that reports no width (some pseudo-terminals) gets plain lines: ora measures the
  // lines to clear by the width, and a width of 0 would make that count infinite.
  const columns = io.tty?.columns ?? 0;
  if (!io.quiet && io.tty !== undefined && columns > 0 && !inCi) {
    spinner = ora({ stream: io.tty, discardStdin: false, text: 'breachmap: starting…' }).start();
  } else if (!io.quiet) {
    const printerOptions: Parameters<typeof progressPrinter>[1] = { quiet: false, env: io.env, rateLimited: true };
    if (io.now !== undefined) printerOptions.now = io.now;
    if (io.intervalMs !== undefined) printerOptions.intervalMs = io.intervalMs;
    print = progressPrinter(io.write, printerOptions);
  }
  const render = () => {
    // One line, always: a wrapped spinner line would leave copies of itself behind on resize.
    if (spinner !== undefined) spinner.text = `${describeProgress(state)}${lastStep === '' ? '' : ` · ${lastStep}`}`.slice(0, Math.max(20, columns - 4));
  };
  const changed = (step?: string) => {
    if (step !== undefined) lastStep = step;
    render();
    if (step !== undefined) print(`${step} [${describeProgress(state)}]`);
  };
  return {
    state,
    step: (message) => changed(message),
    call: (record) => {
      state.calls += 1;
      state.retries += Math.max(0, record.attempts - 1);
      render();
    },
    accounts: (total) => {
      state.accounts = { total, done: 0, failed: 0 };
      changed();
    },
    accountDone: (ok) => {
      if (state.accounts === undefined) return;
      state.accounts.done += 1;
      if (!ok) state.accounts.failed += 1;
      changed();
    },
    regions: (count) => {
      state.regions = Math.max(state.regions, count);
      changed();
    },
    servicesPlanned: (count) => {
      state.services.total += count;
      changed();
    },
    serviceDone: () => {
      state.services.done += 1;
      changed();
    },
    stop: () => {
      if (spinner !== undefined) spinner.stopAndPersist({ symbol: '✓', text: describeProgress(state) });
      spinner = undefined;
    },
  };
}

/**
 * The check contract. A check is one file with structured metadata and a pure `evaluate`: no SDK,
 * no I/O, no clock ("now" is the inventory's collectedAt). The engine hands `evaluate` only the
 * slices the check declares in `needs`, already unwrapped: a slice that could not be collected
 * never reaches a check, it becomes an `unknown` result instead.
 */
import type { AttackPattern, Framework, RootCause, Service, Severity, Status } from '../model.js';
import type { IncidentLink } from '../incidents/types.js';
import type { SliceData, SliceName } from '../inventory/schema.js';

export type EvidenceValue = string | number | boolean | null | readonly string[];
export type Evidence = Readonly<Record<string, EvidenceValue>>;

/** The fields of every outcome. The engine adds check id, fingerprint and incidents. */
interface OutcomeFields {
  status: Status;
  /** The resource's ARN (or the account ARN for account-wide checks). */
  resource: string;
  /** Distinguishes several results on one resource (e.g. `access-key-2`); part of the fingerprint. */
  qualifier?: string;
  /** An AWS region, or `global` for IAM and other account-wide results. */
  region: string;
  message: string;
  /** The facts that made the verdict. Never a secret value. */
  evidence: Evidence;
}

/**
 * What `evaluate` returns for one resource. A result may override the check's severity (a finding
 * that grows with privilege, or shrinks when a guardrail still holds), and then must say why, in a
 * few words the reports show ("raised to critical: the role is admin").
 */
export type CheckOutcome = OutcomeFields & ({ severity?: undefined; severityReason?: undefined } | { severity: Severity; severityReason: string });

/** Options that change verdicts; recorded in the report so a snapshot re-evaluates identically. */
export interface EvaluationOptions {
  /** Active access keys older than this fail iam-access-key-rotation. */
  maxKeyAgeDays: number;
  /** Active keys unused for this long (or never used and older) fail iam-access-key-unused. */
  maxUnusedDays: number;
  /** Console passwords unused this long (or never used and older) fail iam-user-inactive-console. */
  maxInactiveConsoleDays: number;
  /**
   * Account ids (12 digits) outside this account that may legitimately receive shared snapshots or
   * publish the AMIs instances run (`--trusted-accounts`): partners, a backup account, an image factory.
   */
  trustedAccounts: readonly string[];
}

export const DEFAULT_EVALUATION_OPTIONS: Readonly<EvaluationOptions> = {
  maxKeyAgeDays: 90,
  maxUnusedDays: 45,
  maxInactiveConsoleDays: 90,
  trustedAccounts: [],
};

export interface EvaluationContext {
  /** The inventory's collectedAt: the only clock a check may read. */
  now: Date;
  accountId: string;
  partition: string;
  options: EvaluationOptions;
}

export type EvaluationInput<N extends SliceName> = EvaluationContext & {
  data: { readonly [K in N]: SliceData[K] };
};

export interface Remediation {
  summary: string;
  console?: readonly string[];
  cli?: string;
  terraform?: string;
  docs: string;
}

export interface CheckDefinition<N extends SliceName = SliceName> {
  /** kebab-case; equals the file name. */
  id: string;
  /** The good state, e.g. "Root user has no access keys". */
  title: string;
  service: Service;
  severity: Severity;
  rootCauses: readonly [RootCause, ...RootCause[]];
  needs: readonly [N, ...N[]];
  /** What the check looks for, in one or two sentences. */
  description: string;
  /** Why it matters: what an attacker does with the finding. */
  rationale: string;
  remediation: Remediation;
  /**
   * How an attacker turns the failing state into a breach, one short step per entry, in order
   * (shown by `explain` and the HTML report).
   */
  attackSteps: readonly [string, ...string[]];
  frameworks: Partial<Readonly<Record<Framework, readonly string[]>>>;
  /**
   * Hand links to incidents, each a justified claim about a write-up (kind, one sentence, source
   * URL; a meta-test holds them to the catalog). Matching ranks precondition links first, then
   * attacker-action links, then related links; all other incidents match through root-cause
   * classes. Never write a precondition the write-up does not state.
   */
  incidents: readonly IncidentLink[];
  /**
   * The attack patterns this check limits (optional), most telling first: what an attacker could go
   * on to do, or do unseen, while the check fails. An incident tagged with one of them and not hand
   * linked matches as `pattern` ("What the attacker did next here: …", ranked after the hand links
   * and the check's first root-cause class; src/incidents/match.ts), and counts as covered
   * (src/incidents/coverage.ts). Within a ranking tier, incidents sharing more of them come first.
   */
  patterns?: readonly AttackPattern[];
  /**
   * A credential finding: its failing results name a principal (an IAM user or role, or an instance
   * whose role is the credential), and the engine attaches that principal's reach (what it can do to
   * the account's data stores, whether it can become admin) after evaluation
   * (src/engine/credential-reach.ts). `computed`: from the policies, so the scan collects the slices
   * reach reads (REACH_SLICES) whenever such a check is selected; `everything`: the root user, whose
   * reach is the whole account and needs no extra slice. The verdict never depends on it.
   */
  reportsReach?: 'computed' | 'everything';
  /**
   * The check does not look for how its root-cause classes begin; it limits or reveals what
   * attackers do after them (audit logging, threat detection, recoverable data, model-invocation
   * logs). Its class matches then say so instead of "it began with the weakness this check looks
   * for", rank below its pattern matches, and never count as covering an incident.
   */
  limitsAftermath?: true;
  evaluate: (input: EvaluationInput<N>) => CheckOutcome[];
}

/** A check with its slice type erased, as stored in the registry. */
export interface AnyCheck extends Omit<CheckDefinition, 'evaluate' | 'needs'> {
  needs: readonly SliceName[];
  evaluate: (input: EvaluationContext & { data: Partial<SliceData> }) => CheckOutcome[];
}

/** A registered check whose id is known to the type system, so the registry can name its ids. */
export type RegisteredCheck<Id extends string = string> = AnyCheck & { readonly id: Id };

export function defineCheck<N extends SliceName, const Id extends string>(check: CheckDefinition<N> & { id: Id }): RegisteredCheck<Id> {
  return check as unknown as RegisteredCheck<Id>;
}

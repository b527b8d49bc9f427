/**
 * The report: the versioned, stable output contract. Defined once here in zod; the JSON Schema in
 * schema/report.schema.json is generated from it (and a test keeps it fresh).
 */
import { z } from 'zod';
import { FRAMEWORKS, frameworkSchema, ROOT_CAUSES, SERVICES, SEVERITIES, STATUSES, rootCauseSchema, severitySchema, statusSchema } from '../model.js';
import { collectionStatsSchema } from '../inventory/schema.js';
import { organizationSchema } from './organization-schema.js';
import { DATA_STORE_KINDS, STORE_ACCESS } from '../policy/reach-types.js';
import { pathsSchema, pathsSummarySchema } from './paths-schema.js';

/**
 * Version 3: an incident match may be of kind `pattern` (the incident's attacker went on to do what
 * the check limits, by the incident's attack-pattern tags).
 * Version 2 (breachmap 0.2): a result's incident matches say how the check relates to the incident
 * (`precondition`, `attacker-action`, `related`, `primary-cause`, `secondary-cause`) and hand links
 * carry the write-up they rely on (`source`); version 1 had `exact`/`cause`/`related`. Result
 * fingerprints are the same in all three, so a version 1 or 2 report still serves as a baseline.
 */
export const REPORT_SCHEMA_VERSION = 3;

const evidenceValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())]);

/**
 * How a check relates to an incident, strongest first. The first three are hand links (a claim
 * about a write-up, with its justification and source); `primary-cause` and `secondary-cause` come
 * from root-cause classes, `pattern` from the incident's attack-pattern tags and the patterns the
 * check declares it limits (src/incidents/match.ts says why it ranks where it does).
 */
export const INCIDENT_MATCH_KINDS = ['precondition', 'attacker-action', 'related', 'primary-cause', 'pattern', 'secondary-cause'] as const;
export type IncidentMatchKind = (typeof INCIDENT_MATCH_KINDS)[number];

/** What each kind of match means, in the words the reports and teaching commands show. */
export const MATCH_KIND_LABELS: Readonly<Record<IncidentMatchKind, string>> = {
  precondition: 'How it started',
  'attacker-action': 'What the attacker did',
  related: 'Same kind of weakness',
  'primary-cause': 'Same kind of weakness',
  pattern: 'What came next',
  'secondary-cause': 'Same kind of weakness',
};

/**
 * Hand links that say how the incident started or went on, and incidents that began with the
 * check's weakness. A `pattern` match is not strong: it says what the attacker went on to do in a
 * breach that may have begun anywhere, so the breach timeline and story sections leave it out.
 */
export function isStrongMatch(kind: IncidentMatchKind): boolean {
  return kind === 'precondition' || kind === 'attacker-action' || kind === 'primary-cause';
}

export const incidentMatchSchema = z
  .object({
    id: z.string(),
    /**
     * precondition: the write-up says the check's failing state enabled the breach or exposed the data;
     * attacker-action: the write-up shows the attacker creating that state once inside;
     * related: a hand link to the same kind of weakness, a weaker claim;
     * primary-cause: the incident's primary root cause is one of the check's root-cause classes;
     * pattern: the incident's attacker went on to do what the check limits (a shared attack-pattern tag);
     * secondary-cause: one of the check's classes is among the incident's secondary causes.
     */
    match: z.enum(INCIDENT_MATCH_KINDS),
    /** One sentence: for hand links, what the write-up says; for class matches, the shared class; for pattern matches, what the attacker did next. */
    reason: z.string(),
    /** Hand links only: the URL of the write-up the reason relies on (one of the incident's links). */
    source: z.string().optional(),
  })
  .strict();
export type IncidentMatch = z.infer<typeof incidentMatchSchema>;

/**
 * The reach of the principal a credential finding is about (issue 18): what the credential can do
 * to the account's data stores and whether it can become admin, computed from the inventory after
 * evaluation (src/engine/credential-reach.ts, src/policy/reach.ts). It never changes the verdict.
 */
export const resultReachSchema = z
  .object({
    /** The IAM user or role whose reach this is (for an instance: its role), or the account root. */
    principal: z.string(),
    principalKind: z.enum(['user', 'role', 'root']),
    /** How the result's resource leads to the principal, e.g. the instance profile of an instance. */
    via: z.string().optional(),
    /** One line: "reads 312 of 1,000 buckets, among them `customer-exports`, …; can become admin via `passrole-ec2`". */
    summary: z.string(),
    /** Per store kind the inventory knows: how many there are, how many it reaches, and with which access. */
    counts: z.array(
      z
        .object({
          kind: z.enum(DATA_STORE_KINDS),
          known: z.number().int(),
          reached: z.number().int(),
          byAccess: z.partialRecord(z.enum(STORE_ACCESS), z.number().int()),
        })
        .strict(),
    ),
    /** The stores it reaches, most sensitive-looking and largest first; at most RESULT_REACH_STORES of them (counts has the totals). */
    stores: z.array(
      z
        .object({
          kind: z.enum(DATA_STORE_KINDS),
          name: z.string(),
          arn: z.string(),
          region: z.string(),
          access: z.array(z.enum(STORE_ACCESS)),
          conditional: z.boolean().optional(),
        })
        .strict(),
    ),
    /** Null when it cannot become admin by any known means; pathIds are escalation catalog ids. */
    admin: z.object({ direct: z.boolean(), pathIds: z.array(z.string()) }).strict().nullable(),
    /** Roles of the account it can assume directly; chainedRoles: further roles reached by assuming one after another. */
    assumableRoles: z.array(z.string()),
    chainedRoles: z.array(z.string()),
    /** Roles it can pass to a compute service it can launch. */
    passableRoles: z.array(z.string()),
    /** Why the reach may be larger than stated (data not collected or unreadable). */
    atLeast: z.array(z.string()),
    /** Why it may be smaller (conditions that cannot be judged offline, an unreadable boundary). */
    atMost: z.array(z.string()),
  })
  .strict();
export type ResultReach = z.infer<typeof resultReachSchema>;

/** How many stores a result's reach lists by name (the counts are always complete). */
export const RESULT_REACH_STORES = 20;

export const resultSchema = z
  .object({
    checkId: z.string(),
    title: z.string(),
    status: statusSchema,
    severity: severitySchema,
    /** Set when the result's severity differs from its check's: why, in a few words ("the role is admin"). */
    severityReason: z.string().optional(),
    resource: z.string(),
    qualifier: z.string().optional(),
    region: z.string(),
    message: z.string(),
    evidence: z.record(z.string(), evidenceValueSchema),
    /** sha256 of check id + resource identity: stable across runs, region order and tool versions. */
    fingerprint: z.string().regex(/^[0-9a-f]{32}$/),
    incidents: z.array(incidentMatchSchema),
    /** Set on a failing result that an unexpired entry of the suppressions file accepts; it stays in the report but does not gate. */
    suppression: z
      .object({ reason: z.string(), expires: z.string(), owner: z.string().optional(), source: z.string() })
      .strict()
      .optional(),
    /** Set on failing results when a baseline report was given: `new` unless the baseline failed with the same fingerprint. */
    baseline: z.enum(['new', 'unchanged']).optional(),
    /** Organization reports only: the 12-digit account the result belongs to (its fingerprint then includes it). */
    account: z.string().optional(),
    /** Failing credential findings: the reach of the principal the result is about (see resultReachSchema). */
    reach: resultReachSchema.optional(),
  })
  .strict();
export type Result = z.infer<typeof resultSchema>;
export type ResultSuppression = NonNullable<Result['suppression']>;

/** One entry of the suppressions file, as echoed in the report (expired and stale entries). */
export const suppressionEntrySchema = z
  .object({ check: z.string(), resource: z.string(), reason: z.string(), expires: z.string(), owner: z.string().optional(), line: z.number().int() })
  .strict();
export type SuppressionEntry = z.infer<typeof suppressionEntrySchema>;

export const resolvedResultSchema = z
  .object({ fingerprint: z.string(), checkId: z.string(), resource: z.string(), qualifier: z.string().optional(), severity: severitySchema })
  .strict();
export type ResolvedResult = z.infer<typeof resolvedResultSchema>;

export const checkSummarySchema = z
  .object({
    id: z.string(),
    title: z.string(),
    service: z.enum(SERVICES),
    severity: severitySchema,
    rootCauses: z.array(rootCauseSchema),
    description: z.string(),
    /** Why it matters, for teaching output (HTML, Markdown). */
    rationale: z.string(),
    /** How an attacker turns the failing state into a breach, in order. */
    attackSteps: z.array(z.string()),
    remediation: z
      .object({
        summary: z.string(),
        console: z.array(z.string()).optional(),
        cli: z.string().optional(),
        terraform: z.string().optional(),
        docs: z.string(),
      })
      .strict(),
    frameworks: z.partialRecord(z.enum(FRAMEWORKS), z.array(z.string())),
  })
  .strict();
export type CheckSummary = z.infer<typeof checkSummarySchema>;

export const reportIncidentSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    victim: z.string().optional(),
    date: z.string(),
    section: z.enum(['customer-incident', 'vendor-case-study']),
    primaryCause: rootCauseSchema,
    rootCause: z.string(),
    escalation: z.string(),
    impact: z.string(),
    impactShort: z.string(),
    lesson: z.string(),
    links: z.array(z.object({ title: z.string(), url: z.string() }).strict()),
  })
  .strict();
export type ReportIncident = z.infer<typeof reportIncidentSchema>;

export const collectionIssueSchema = z
  .object({
    slice: z.string(),
    scope: z.string(),
    code: z.string(),
    message: z.string(),
    action: z.string().optional(),
    /** Organization reports only: the account the issue happened in. */
    account: z.string().optional(),
  })
  .strict();
export type CollectionIssue = z.infer<typeof collectionIssueSchema>;

const countsSchema = z.object(Object.fromEntries(STATUSES.map((s) => [s, z.number().int()])) as Record<(typeof STATUSES)[number], z.ZodNumber>).strict();
const severityCountsSchema = z.object(Object.fromEntries(SEVERITIES.map((s) => [s, z.number().int()])) as Record<(typeof SEVERITIES)[number], z.ZodNumber>).strict();
const severityTallySchema = z.object({ total: z.number().int(), bySeverity: severityCountsSchema }).strict();
export type SeverityTally = z.infer<typeof severityTallySchema>;

export const CONTROL_STATUSES = ['fail', 'suppressed', 'unknown', 'pass', 'not_applicable'] as const;
/** One control of the framework chosen with --framework: its checks and what their results say. */
export const controlRowSchema = z
  .object({
    control: z.string(),
    checks: z.array(z.string()),
    /** fail: an open finding; suppressed: findings, all accepted; unknown: something could not be evaluated; pass; not_applicable: nothing in scope. */
    status: z.enum(CONTROL_STATUSES),
    open: z.number().int(),
    suppressed: z.number().int(),
  })
  .strict();
export type ControlRow = z.infer<typeof controlRowSchema>;

/** The build gate as decided for this run (src/app/final-report.ts): present when the CLI finalised the report. */
export const gateVerdictSchema = z
  .object({
    failOn: z.string(),
    failOnNew: z.string().optional(),
    failOnUnknown: z.boolean(),
    /** 0: nothing gates; 1: findings (or unknowns with --fail-on-unknown) at or above the thresholds. */
    exitCode: z.number().int(),
    /** One sentence per reason the gate failed. */
    reasons: z.array(z.string()),
  })
  .strict();
export type GateVerdict = z.infer<typeof gateVerdictSchema>;

export const reportSchema = z
  .object({
    schemaVersion: z.literal(REPORT_SCHEMA_VERSION),
    tool: z.object({ name: z.literal('breachmap'), version: z.string() }).strict(),
    account: z
      .object({ id: z.string(), partition: z.string(), callerArn: z.string().nullable(), alias: z.string().nullable() })
      .strict(),
    collectedAt: z.string(),
    regions: z.array(z.string()),
    options: z.object({ maxKeyAgeDays: z.number(), maxUnusedDays: z.number(), maxInactiveConsoleDays: z.number(), trustedAccounts: z.array(z.string()) }).strict(),
    summary: z
      .object({
        checks: z.number().int(),
        results: countsSchema,
        failedBySeverity: severityCountsSchema,
        failedByRootCause: z.partialRecord(z.enum(ROOT_CAUSES), z.number().int()),
        /**
         * The failing results split the way a reader acts on them, after suppressions and the
         * baseline: open (to fix), suppressed (accepted risks), and with a baseline the open ones
         * that are new and how many earlier failures are resolved. Every format states these.
         */
        findings: z
          .object({ open: severityTallySchema, suppressed: severityTallySchema, new: severityTallySchema.optional(), resolved: z.number().int().optional() })
          .strict(),
        /** With `--framework`: one row per control of that framework the selected checks map to. */
        controls: z.array(controlRowSchema).optional(),
        /** With breach paths (src/report/paths-schema.ts): entry points, paths, principals that reach admin, buckets an entry point reaches. */
        paths: pathsSummarySchema.optional(),
      })
      .strict(),
    results: z.array(resultSchema),
    checks: z.array(checkSummarySchema),
    incidents: z.array(reportIncidentSchema),
    errors: z.array(collectionIssueSchema),
    stats: collectionStatsSchema,
    /** Things a reader must not miss that are not results: expired or stale suppressions. */
    warnings: z.array(z.string()).optional(),
    /** Present when a suppressions file was applied. */
    suppressions: z
      .object({ file: z.string(), suppressed: z.number().int(), expired: z.array(suppressionEntrySchema), stale: z.array(suppressionEntrySchema) })
      .strict()
      .optional(),
    /** Present when a baseline report was given: counts of new and unchanged failures, and the failures that are gone. */
    baseline: z
      .object({ collectedAt: z.string(), new: z.number().int(), unchanged: z.number().int(), resolved: z.array(resolvedResultSchema) })
      .strict()
      .optional(),
    /** The compliance framework chosen with --framework: checks were selected by it and summary.controls follows it. */
    framework: frameworkSchema.optional(),
    /** The build gate's verdict, decided once for every format (absent in reports built outside the CLI). */
    gate: gateVerdictSchema.optional(),
    /** Present in organization reports (`scan --org`, `--role-arn`, `merge`): the accounts and their summaries. See src/report/organization.ts. */
    organization: organizationSchema.optional(),
    /** Breach paths from entry points to data stores and admin (single-account reports). See src/report/paths-schema.ts. */
    paths: pathsSchema.optional(),
  })
  .strict();
export type Report = z.infer<typeof reportSchema>;

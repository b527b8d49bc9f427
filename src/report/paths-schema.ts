/**
 * The `paths` block of a report and its headline figures (`summary.paths`): breach paths from the
 * entry points the incidents used to the data stores and admin they reach. Computed once where the
 * final report is built (src/app/final-report.ts, by src/paths/build.ts); every renderer only
 * formats it. Optional: absent in organization reports and in reports of older versions.
 */
import { z } from 'zod';
import { DATA_STORE_KINDS, STORE_ACCESS } from '../policy/reach-types.js';

/**
 * - access-key: an IAM user (or the root user) with an active long-lived access key, as leaked in Uber, DXC, Code Spaces;
 * - internet-instance: an internet-reachable instance answering IMDSv1 with a role (Capital One);
 * - external-trust: a role another account (or anyone) may assume;
 * - public-bucket / public-snapshot: data anyone can already read or write, no credential needed.
 */
export const ENTRY_KINDS = ['access-key', 'internet-instance', 'external-trust', 'public-bucket', 'public-snapshot'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

export const entryPointSchema = z
  .object({
    /** The entry's resource ARN: the user, instance, role, bucket or snapshot. */
    resource: z.string(),
    kind: z.enum(ENTRY_KINDS),
    /** As a person says it: user name, instance id, role name, bucket name, snapshot id. */
    name: z.string(),
    region: z.string(),
    /** What makes it an entry, in a few words ("IMDSv1, public IP 203.0.113.7"). */
    detail: z.string(),
    /** The open findings that make it an entry (check ids); empty when the inventory alone shows it (an active key no check failed). */
    checks: z.array(z.string()),
    /** The incident the entry's check matches first: the "like X" of its stories. */
    incident: z.object({ id: z.string(), name: z.string() }).strict().optional(),
  })
  .strict();
export type EntryPoint = z.infer<typeof entryPointSchema>;

export const PATH_STEP_KINDS = ['key', 'instance-profile', 'trust', 'assume-role', 'pass-role'] as const;
export type PathStepKind = (typeof PATH_STEP_KINDS)[number];

export const pathHopSchema = z
  .object({
    principal: z.string(),
    principalKind: z.enum(['user', 'role', 'root']),
    name: z.string(),
    /** How the attacker gets this principal's permissions from the previous hop (or the entry). */
    via: z.enum(PATH_STEP_KINDS),
  })
  .strict();
export type PathHop = z.infer<typeof pathHopSchema>;

export const breachPathSchema = z
  .object({
    /** Stable: a hash of the entry, the hops and the target. */
    id: z.string(),
    /** The entry point's resource (see `entryPoints`). */
    entry: z.string(),
    /** The principals the attacker acts as, in order; empty for a public bucket or snapshot. */
    hops: z.array(pathHopSchema),
    target: z
      .object({
        kind: z.enum(['data', 'admin']),
        /** admin: the principal's own policies make it admin. */
        direct: z.boolean().optional(),
        /** admin: escalation catalog ids (src/policy/escalation-paths.ts) by which it becomes admin. */
        escalations: z.array(z.string()).optional(),
        /** data: the key of `reach` that lists the stores (the last hop's ARN, or the public store's). */
        reach: z.string().optional(),
        /** data: how many stores, and every kind of access to any of them. */
        stores: z.number().int().optional(),
        access: z.array(z.enum(STORE_ACCESS)).optional(),
      })
      .strict(),
    /** Steps from the entry to the target: a shorter path is an easier breach. */
    length: z.number().int(),
    /** One line in the incidents' words: "like Capital One: internet → i-0abc (IMDSv1) → role web-app → s3:GetObject on 312 buckets". */
    story: z.string(),
  })
  .strict();
export type BreachPath = z.infer<typeof breachPathSchema>;

export const storeAccessSchema = z
  .object({ kind: z.enum(DATA_STORE_KINDS), arn: z.string(), name: z.string(), region: z.string(), access: z.array(z.enum(STORE_ACCESS)) })
  .strict();

/** What a path's last principal (or a public store) reaches, listed once however many paths end there. */
export const reachEntrySchema = z
  .object({
    key: z.string(),
    stores: z.array(storeAccessSchema),
    /** Why the reach may be larger than listed (see PrincipalReach.atLeast). */
    atLeast: z.array(z.string()),
  })
  .strict();
export type ReachEntry = z.infer<typeof reachEntrySchema>;

export const pathsSchema = z
  .object({
    /** The search's bounds: principals per path (hops) and paths listed. */
    limits: z.object({ maxHops: z.number().int(), maxPaths: z.number().int() }).strict(),
    /** How many paths were found within maxHops; more than `paths` holds when truncated. */
    found: z.number().int(),
    truncated: z.boolean(),
    entryPoints: z.array(entryPointSchema),
    paths: z.array(breachPathSchema),
    reach: z.array(reachEntrySchema),
    /** Why the paths may be incomplete (a slice not collected, a coarse reach). */
    notes: z.array(z.string()),
  })
  .strict();
export type BreachPaths = z.infer<typeof pathsSchema>;

/** The headline figures of the summary; every format states them. */
export const pathsSummarySchema = z
  .object({
    entryPoints: z.number().int(),
    /** Paths found (within the hop bound), listed or not. */
    paths: z.number().int(),
    /** Principals (users and roles) that are admin or can become admin, directly or by assuming or passing roles. */
    principalsReachingAdmin: z.number().int(),
    principals: z.number().int(),
    /** Distinct S3 buckets some entry point reaches (within the hop bound), out of `bucketsKnown`. */
    bucketsReachable: z.number().int(),
    bucketsKnown: z.number().int(),
  })
  .strict();
export type PathsSummary = z.infer<typeof pathsSummarySchema>;

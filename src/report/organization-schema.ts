/**
 * The `organization` block of a multi-account report (`scan --org`, `scan --role-arn`, `merge`).
 *
 * Design: an organization report is still a schema-version-1 report. Its `results` hold every
 * account's results, each carrying `account`, and its fingerprints include the account id, so
 * every consumer of single-account reports (baselines, suppressions, SARIF upload, the gate) keeps
 * working unchanged. This block adds what only a multi-account run has: the accounts that were
 * meant to be scanned, which ones could not be (and why), per-account counts, and the shard.
 * A single-account report never has it.
 */
import { z } from 'zod';
import { SEVERITIES, STATUSES } from '../model.js';

const statusCountsSchema = z.object(Object.fromEntries(STATUSES.map((s) => [s, z.number().int()])) as Record<(typeof STATUSES)[number], z.ZodNumber>).strict();
const severityCountsSchema = z.object(Object.fromEntries(SEVERITIES.map((s) => [s, z.number().int()])) as Record<(typeof SEVERITIES)[number], z.ZodNumber>).strict();

export const organizationAccountSchema = z
  .object({
    id: z.string().regex(/^\d{12}$/),
    /** The account's name in AWS Organizations (absent for `--role-arn`). */
    name: z.string().optional(),
    alias: z.string().nullable(),
    /** `scanned`: its results are in the report; `failed`: the role could not be assumed or the scan could not run (see `error`). */
    status: z.enum(['scanned', 'failed']),
    error: z.object({ code: z.string(), message: z.string(), action: z.string().optional() }).strict().optional(),
    collectedAt: z.string().optional(),
    regions: z.array(z.string()),
    results: statusCountsSchema,
    failedBySeverity: severityCountsSchema,
    /** AWS calls made inside this account (the AssumeRole call is counted in the management account). */
    calls: z.number().int(),
  })
  .strict();
export type OrganizationAccount = z.infer<typeof organizationAccountSchema>;

export const organizationSchema = z
  .object({
    /** The account that listed the organization and assumed the roles; null when it is not known (a merge of `--role-arn` reports). */
    managementAccountId: z.string().nullable(),
    /** The role assumed in each account (name for `--org`, full ARN for `--role-arn`). */
    role: z.string().nullable(),
    /** Set when the report covers one shard (`--shard I/N`); a `merge` of every shard has none. */
    shard: z.object({ index: z.number().int().positive(), count: z.number().int().positive() }).strict().optional(),
    /** Which shards a merged report was built from (`I/N` strings), in order. */
    mergedShards: z.array(z.string()).optional(),
    summary: z
      .object({
        accounts: z.number().int(),
        scanned: z.number().int(),
        failed: z.number().int(),
        /** Accounts with at least one open (unsuppressed) failing result. */
        withFindings: z.number().int(),
      })
      .strict(),
    accounts: z.array(organizationAccountSchema),
  })
  .strict();
export type Organization = z.infer<typeof organizationSchema>;

import { z } from 'zod';
import { attackPatternSchema, rootCauseSchema } from '../model.js';

export const INCIDENT_SECTIONS = ['customer-incident', 'vendor-case-study'] as const;

/**
 * One publicly disclosed AWS customer security incident. Facts and links come from the public
 * catalog (shared/reference); every sentence of prose is breachmap's own.
 */
export const incidentSchema = z
  .object({
    /** kebab-case slug of the name plus YYYY-MM (or YYYY when the month is unknown). */
    id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
    name: z.string().min(1),
    /** For vendor case studies: the reporting vendor's name is `name`; this says who was hit when known. */
    victim: z.string().min(1).optional(),
    date: z.string().regex(/^\d{4}(?:-\d{2})?$/),
    section: z.enum(INCIDENT_SECTIONS),
    primaryCause: rootCauseSchema,
    secondaryCauses: z.array(rootCauseSchema),
    patterns: z.array(attackPatternSchema),
    /** One sentence each, our own words. */
    rootCause: z.string().min(1),
    escalation: z.string().min(1),
    impact: z.string().min(1),
    /** A few words for tables, e.g. "100M credit applications stolen". */
    impactShort: z.string().min(1).max(60),
    /** Two to four sentences, our own words: what a defender should take from it. */
    lesson: z.string().min(1),
    links: z.array(z.object({ title: z.string().min(1), url: z.url() }).strict()).min(1),
    /**
     * Set, by hand, only on an incident no read-only check of an AWS account could cover: one
     * sentence of our own saying why (e.g. a SaaS token stolen outside AWS, or a write-up that
     * names no account-side condition). `breachmap incidents --coverage` lists it as the reason an
     * uncovered incident stays uncovered; without it, the incident is a gap with no check yet.
     */
    notCoverable: z.string().min(20).optional(),
  })
  .strict();

export type Incident = z.infer<typeof incidentSchema>;

/**
 * How a check's failing state relates to an incident, as a hand link claims it:
 * - precondition: the write-up says this misconfiguration enabled the breach or exposed the data;
 * - attacker-action: the write-up shows the attacker creating this state once inside (the check
 *   then detects an intrusion already under way);
 * - related: the same kind of weakness, a weaker claim than either.
 */
export const INCIDENT_LINK_KINDS = ['precondition', 'attacker-action', 'related'] as const;
export type IncidentLinkKind = (typeof INCIDENT_LINK_KINDS)[number];

/** A hand link from a check to an incident: a claim about a write-up, so it says which one and what it says. */
export interface IncidentLink {
  /** Incident id from the catalog (src/incidents/data). */
  incident: string;
  kind: IncidentLinkKind;
  /** One sentence in our own words naming what the write-up says. */
  why: string;
  /** The URL, among the incident's own `links`, of the write-up that says it. */
  source: string;
}

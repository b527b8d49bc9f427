/**
 * Starts the one moto server the e2e scenario files share (each in its own account) and stops it
 * when the run ends, failed or not. Without moto the suite is skipped with the reason, except
 * under CI=true, where a missing backend is a failure: CI must never pass by testing nothing.
 */
import type { TestProject } from 'vitest/node';
import { MotoUnavailableError, startMoto } from './harness.js';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  try {
    const server = await startMoto();
    project.provide('motoEndpoint', server.endpoint);
    project.provide('motoUnavailable', null);
    return () => server.stop();
  } catch (error) {
    if (!(error instanceof MotoUnavailableError) || process.env['CI'] === 'true') throw error;
    process.stderr.write(`\n[e2e] skipping the end-to-end suite: ${error.message}\n\n`);
    project.provide('motoEndpoint', null);
    project.provide('motoUnavailable', error.message);
    return () => Promise.resolve();
  }
}

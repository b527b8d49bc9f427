/**
 * Secrets in EC2 user data. There is no list call that returns user data, so each instance costs one
 * DescribeInstanceAttribute (userData) call: the calls run under the scan's concurrency bound and
 * stop at `context.budgets.userDataCalls` over all regions (round robin over the regions, instances by id);
 * instances beyond the budget are counted so the check reports them `unknown`. Each answer is
 * decoded and scanned here and dropped: only the kind and line of each match are kept.
 */
import { DescribeInstanceAttributeCommand } from '@aws-sdk/client-ec2';
import type { Ec2UserDataSecrets, Instance } from '../inventory/schema.js';
import { listRegionInstances, perRegion } from './ec2.js';
import { settle } from './errors.js';
import { allocateBudget } from './budget.js';
import type { CollectContext, SliceCollector } from './types.js';
import { scanUserData } from './user-data-scan.js';

type RegionScan = Ec2UserDataSecrets[number]['result'];

function byId(a: Instance, b: Instance): number {
  return a.id.localeCompare(b.id);
}

async function scanRegion(context: CollectContext, region: string, instances: Instance[], chosen: ReadonlySet<string>): Promise<RegionScan> {
  const client = context.clients.ec2(region);
  const toScan = instances.filter((instance) => chosen.has(instance.arn)).sort(byId);
  const scanned = await Promise.all(
    toScan.map(async (instance) => ({
      instanceId: instance.id,
      arn: instance.arn,
      name: instance.name,
      state: instance.state,
      scan: await settle('ec2:DescribeInstanceAttribute', async () => {
        const output = await context.limit(() =>
          client.send(new DescribeInstanceAttributeCommand({ InstanceId: instance.id, Attribute: 'userData' })),
        );
        return scanUserData(output.UserData?.Value);
      }),
    })),
  );
  return { ok: true, data: { instances: scanned, skippedByBudget: instances.length - toScan.length } };
}

export const ec2UserDataSecretsCollector: SliceCollector<'ec2UserDataSecrets'> = {
  slice: 'ec2UserDataSecrets',
  async collect(context) {
    const listed = await perRegion(context, 'ec2:DescribeInstances', (region) => listRegionInstances(context, region));
    const chosen = allocateBudget(listed, context.budgets.userDataCalls, byId, (instance) => instance.arn);
    const regional: Ec2UserDataSecrets = await Promise.all(
      listed.map(async ({ region, result }) => ({
        region,
        result: result.ok ? await scanRegion(context, region, result.data, chosen) : result,
      })),
    );
    const skipped = regional.reduce((sum, entry) => sum + (entry.result.ok ? entry.result.data.skippedByBudget : 0), 0);
    context.progress(
      `EC2 user data: ${chosen.size} DescribeInstanceAttribute call${chosen.size === 1 ? '' : 's'}` +
        (skipped === 0 ? '' : `; ${skipped} instance${skipped === 1 ? '' : 's'} not read (budget ${context.budgets.userDataCalls}, raise --max-user-data-calls)`),
    );
    return regional;
  },
};

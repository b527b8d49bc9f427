import { toCollectError } from './errors.js';
import { listAccounts } from './organization.js';
import type { SliceCollector } from './types.js';
import { NOT_IN_ORGANIZATION } from '../inventory/schema.js';

/**
 * The organization's account ids, for checks that trust sibling accounts. A refusal (member
 * accounts usually lack organizations:ListAccounts) or "not in an organization" is recorded as the
 * reason the list is unavailable, never as a failed slice: it only narrows what a check trusts.
 */
export const organizationAccountsCollector: SliceCollector<'organizationAccounts'> = {
  slice: 'organizationAccounts',
  collect: async (context) => {
    try {
      const members = await listAccounts(context.clients);
      // An emulator answers an account outside any organization with an empty list; AWS raises
      // AWSOrganizationsNotInUseException. Both mean there is nobody to trust.
      if (members.length === 0) return { accountIds: null, unavailableReason: NOT_IN_ORGANIZATION };
      return { accountIds: members.map((member) => member.id).sort(), unavailableReason: null };
    } catch (error) {
      const reason = toCollectError(error, 'organizations:ListAccounts');
      if (reason.code === 'AWSOrganizationsNotInUseException') return { accountIds: null, unavailableReason: NOT_IN_ORGANIZATION };
      return { accountIds: null, unavailableReason: reason.message };
    }
  },
};

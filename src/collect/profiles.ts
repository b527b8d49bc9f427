import { loadSharedConfigFiles } from '@smithy/core/config';

/**
 * Whether a named profile exists in ~/.aws/config or ~/.aws/credentials (AWS_CONFIG_FILE and
 * AWS_SHARED_CREDENTIALS_FILE honoured). The SDK reports a missing profile only as "could not load
 * credentials from any providers", which sends users looking in the wrong place.
 */
export async function profileExists(profile: string): Promise<boolean> {
  const files = await loadSharedConfigFiles({ ignoreCache: true });
  return profile in files.configFile || profile in files.credentialsFile;
}

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

/**
 * The `region` of a profile (the default profile when none is named), from ~/.aws/config, else
 * ~/.aws/credentials, as the SDK's own region loader reads them; undefined when it has none or the
 * profile does not exist (the caller reports unknown profiles).
 */
export async function profileRegion(profile: string | undefined): Promise<string | undefined> {
  const files = await loadSharedConfigFiles({ ignoreCache: true });
  const name = profile ?? 'default';
  const region = files.configFile[name]?.['region'] ?? files.credentialsFile[name]?.['region'];
  return region === undefined || region === '' ? undefined : region;
}

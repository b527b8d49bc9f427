/**
 * Per HTTP attempt. A minute is long enough for the largest GetAccountAuthorizationDetails page and
 * short of hanging a pipeline; a timed-out attempt is retried like any transient error. (A module of
 * its own so that the client factory and the collection types share it without importing each other.)
 */
export const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;

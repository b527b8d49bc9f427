/**
 * breachmap is read-only by construction: this is the complete list of operation shapes it may
 * ever send to AWS. A middleware on every client refuses anything else before it is signed, and a
 * test checks every SDK command the source imports against the same rule.
 */
const ALLOWED_EXACT = new Set(['GenerateCredentialReport', 'GetCallerIdentity', 'AssumeRole']);
const ALLOWED_PREFIXES = ['Get', 'List', 'Describe'];

export function isReadOnlyOperation(operation: string): boolean {
  const name = operation.endsWith('Command') ? operation.slice(0, -'Command'.length) : operation;
  return ALLOWED_EXACT.has(name) || ALLOWED_PREFIXES.some((prefix) => name.startsWith(prefix));
}

export class MutatingOperationError extends Error {
  constructor(operation: string) {
    super(`breachmap refused to send ${operation}: only read-only operations are allowed`);
    this.name = 'MutatingOperationError';
  }
}

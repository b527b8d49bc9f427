import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Unit tests must never reach a real AWS endpoint: any client the mocks miss hits a dead port.
    // localhost, not 127.0.0.1: the CLI refuses IP endpoints (S3 Control cannot use them).
    env: {
      AWS_ENDPOINT_URL: 'http://localhost:9',
      AWS_ACCESS_KEY_ID: 'unit-test',
      AWS_SECRET_ACCESS_KEY: 'unit-test',
      AWS_REGION: 'us-east-1',
      AWS_EC2_METADATA_DISABLED: 'true',
      NO_COLOR: '1',
    },
    testTimeout: 20000,
    projects: [
      { extends: true, test: { name: 'unit', exclude: ['tests/e2e/**', 'node_modules/**'] } },
      // End-to-end scenarios against moto (tests/e2e/harness.ts). The server starts only when an
      // e2e file is selected, and is shared by every file (each scenario has its own account).
      // Not `extends: true`: that would merge the root `include` in and run every test twice.
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          env: { AWS_EC2_METADATA_DISABLED: 'true', NO_COLOR: '1' },
          globalSetup: ['tests/e2e/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Unit tests must never reach a real AWS endpoint: any client the mocks miss hits a dead port.
    env: {
      AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
      AWS_ACCESS_KEY_ID: 'unit-test',
      AWS_SECRET_ACCESS_KEY: 'unit-test',
      AWS_REGION: 'us-east-1',
      AWS_EC2_METADATA_DISABLED: 'true',
      NO_COLOR: '1',
    },
    testTimeout: 20000,
  },
});

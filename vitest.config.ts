import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // e2e tests bind loopback ports and spawn the bot; two workers suit a 2-core machine
    maxWorkers: 2,
  },
});

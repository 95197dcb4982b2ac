import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Type tests (`.test-d.ts`): checked by tsc through vitest, never run.
    // Errors elsewhere are `npm run typecheck`'s to report; its own tsconfig keeps the check to these files.
    typecheck: {
      enabled: true,
      include: ['tests/**/*.test-d.ts'],
      tsconfig: './tests/types/tsconfig.json',
      ignoreSourceErrors: true,
    },
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});

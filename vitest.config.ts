import { defineConfig } from "vitest/config";

// Unit, repository and HTTP tests. Browser journeys live in e2e/ and run with vitest.browser.config.ts.
export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "src/**/*.test.tsx", "test/**/*.test.ts"],
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    env: { TZ: "Asia/Tokyo" },
  },
});

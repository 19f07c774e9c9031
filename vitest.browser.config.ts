import { defineConfig } from "vitest/config";

// Browser journeys: the real server in-process and Debian's Chromium through playwright-core.
// Files run one after another: each starts its own server and browser, and the machine is small.
export default defineConfig({
  test: {
    include: ["e2e/**/*.test.ts"],
    environment: "node",
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    fileParallelism: false,
    env: { TZ: "Asia/Tokyo" },
  },
});

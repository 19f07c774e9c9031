/**
 * The dependency rule (ARCHITECTURE.md): text and HTTP live above the core. Only the web layer
 * (src/web), pages (src/<module>/pages), routes (*.routes.ts[x]) and the presentation of other
 * front doors (the CLI, *-command.ts, the composition root) may import the web layer, pages, routes
 * or the message catalogues (src/i18n). Run by `npm run check`.
 */
const presentation = [
  "^src/web/",
  "^src/[^/]+/pages/",
  "\\.routes\\.tsx?$",
  "^src/cli/",
  "-command\\.ts$",
  "^src/server\\.ts$",
  "\\.test\\.tsx?$",
  "\\.test-support\\.ts$",
];
module.exports = {
  forbidden: [
    {
      name: "core-imports-web",
      comment:
        "Core modules (use cases, engines, repositories, errors) must not import the web layer, pages or routes.",
      severity: "error",
      from: { path: "^src/", pathNot: presentation },
      to: { path: ["^src/web/", "^src/[^/]+/pages/", "\\.routes\\.tsx?$"] },
    },
    {
      name: "core-imports-catalogues",
      comment: "Below the web layer code returns { code, params }; only presentation turns codes into text.",
      severity: "error",
      from: { path: "^src/", pathNot: [...presentation, "^src/i18n/"] },
      to: { path: "^src/i18n/" },
    },
    {
      name: "shared-depends-on-nothing",
      severity: "error",
      from: { path: "^src/shared/" },
      to: { path: "^src/", pathNot: "^src/shared/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    exclude: { path: "^src/db/migrations" },
  },
};

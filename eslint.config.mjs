import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const layering = (patterns) => ({ "no-restricted-imports": ["error", { patterns }] });

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [
      "**/.next/**",
      "node_modules/**",
      ".data/**",
      "drizzle/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
    ],
  },
  // The layering walls (docs/architecture.md): domain logic and functions never reach up into the UI.
  {
    files: ["lib/**", "inngest/**", "db/**"],
    rules: layering([
      { group: ["@/app/*", "@/components/*"], message: "lib/, inngest/ and db/ must not import pages or components." },
    ]),
  },
  // Client components are bundled for the browser: a value imported from db/schema would ship
  // drizzle's table definitions with them. Types erase; enum value lists live in db/enums.
  {
    files: ["components/**"],
    rules: layering([
      {
        group: ["@/db/*", "!@/db/enums", "drizzle-orm", "drizzle-orm/*", "postgres", "@electric-sql/*"],
        allowTypeImports: true,
        message:
          "Components never touch the database: load through a page or a server action; take enum values from @/db/enums and types with `import type`.",
      },
      {
        regex: "^@/app/(?![^/]+/_actions/[^/]+$)",
        message:
          "Components take server actions from the route-free modules in app/<group>/_actions/ (or as props from the page), never from a route's files.",
      },
    ]),
  },
];

export default config;

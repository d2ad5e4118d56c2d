import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const layering = (patterns) => ({ "no-restricted-imports": ["error", { patterns }] });

const config = [
  ...nextVitals,
  ...nextTs,
  { ignores: [".next/**", "node_modules/**", ".data/**", "drizzle/**", "test-results/**", "playwright-report/**", "next-env.d.ts"] },
  // The house's walls (../shared/STYLE.md): domain logic and functions never reach up into the UI.
  {
    files: ["lib/**", "inngest/**", "db/**"],
    rules: layering([{ group: ["@/app/*", "@/components/*"], message: "lib/, inngest/ and db/ must not import pages or components." }]),
  },
  {
    files: ["components/**"],
    rules: layering([{ group: ["@/db/client", "@/db/scope", "postgres", "@electric-sql/*"], message: "Components never touch the database: go through a page or a server action." }]),
  },
];

export default config;

// The floor for `npm run bench:inbound`: the least a Next.js route can do for a qualification.
const config = { serverExternalPackages: ["postgres"], poweredByHeader: false };
export default config;

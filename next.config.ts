import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  serverExternalPackages: ["@electric-sql/pglite", "postgres"],
  poweredByHeader: false,
  // CSV imports arrive through a server action (the import itself caps files at 1 MB).
  experimental: { serverActions: { bodySizeLimit: "2mb" } },
};

export default nextConfig;

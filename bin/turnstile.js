#!/usr/bin/env node
// Turnstile runs its TypeScript sources directly with Node's type stripping (Node 24+).
// `npm install` brings Node 24 (the `node` dev dependency), and npm scripts and npx use it.
const [major] = process.versions.node.split(".").map(Number);
if (major < 24) {
  console.error(
    `turnstile: Node.js 24 or later is needed, this is ${process.version}. ` +
      "Run it through npm (npm start, npx turnstile …) after npm install, which uses the project's Node 24.",
  );
  process.exit(1);
}
await import("../src/cli/main.ts");

#!/usr/bin/env node
/**
 * Builds everything the app runs from, in seconds:
 *   dist/renderer/            vite (vite.config.ts)
 *   dist/electron/main.cjs    esbuild, Electron main
 *   dist/electron/preload.cjs esbuild, sandboxed preload (must be CommonJS)
 *   dist/cli.cjs              esbuild, the smart-mo-sync command (package.json "bin")
 * Usage: node scripts/build.mjs
 */
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/*
 * Node-side entry points, bundled to CommonJS. The preload bundles everything
 * (a sandboxed preload cannot require node_modules); main and the CLI leave the
 * runtime dependencies to node_modules, which ships beside them.
 */
export const NODE_ENTRY_POINTS = [
  { in: 'electron/main.ts', out: 'dist/electron/main.cjs', bundleDependencies: false, shebang: false },
  { in: 'electron/preload.ts', out: 'dist/electron/preload.cjs', bundleDependencies: true, shebang: false },
  { in: 'electron/host/cli.ts', out: 'dist/cli.cjs', bundleDependencies: false, shebang: true },
];

/** Never bundled: Electron is the runtime itself; native and optional modules are loaded from disk. */
const ALWAYS_EXTERNAL = ['electron', 'better-sqlite3', 'pg-native', 'bufferutil', 'utf-8-validate'];

/*
 * esbuild leaves `import.meta.url` empty in CommonJS output; engine code that
 * resolves files next to itself gets the bundle's own URL instead. Not in the
 * preload: a sandboxed preload may not require node:url. The banner repeats
 * "use strict" because a directive only counts as the file's first statement.
 */
const IMPORT_META_URL_SHIM = `"use strict";\nconst __importMetaUrl = require('node:url').pathToFileURL(__filename).href;\n`;

export async function buildRenderer() {
  // vite.config.ts imports without file extensions, like the rest of the project (the team's rule);
  // vite 8 warns that its future native config loader will not allow that. Bundled loading is the default today.
  process.env.VITE_CONFIG_NATIVE_IGNORE_WARNING ??= 'true';
  await viteBuild({ configFile: join(ROOT, 'vite.config.ts'), logLevel: 'warn' });
}

export async function buildNodeEntries() {
  const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8'));
  const runtimeDependencies = Object.keys(pkg.dependencies ?? {});
  await Promise.all(
    NODE_ENTRY_POINTS.map((entry) =>
      esbuild({
        absWorkingDir: ROOT,
        entryPoints: [entry.in],
        outfile: entry.out,
        bundle: true,
        platform: 'node',
        format: 'cjs',
        target: 'node20',
        sourcemap: true,
        external: entry.bundleDependencies ? ALWAYS_EXTERNAL : [...ALWAYS_EXTERNAL, ...runtimeDependencies],
        ...(entry.bundleDependencies ? {} : { define: { 'import.meta.url': '__importMetaUrl' } }),
        banner: { js: `${entry.shebang ? '#!/usr/bin/env node\n' : ''}${entry.bundleDependencies ? '' : IMPORT_META_URL_SHIM}` },
        logLevel: 'warning',
      }),
    ),
  );
}

async function main() {
  const started = Date.now();
  await Promise.all([buildRenderer(), buildNodeEntries()]);
  console.log(`built dist/ in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}

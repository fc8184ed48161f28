import { nodeRuntime, runtimeBinaryPath } from './node-runtimes.ts';

/** A start file in the bundle root, next to serve.mjs. */
export interface StartFile {
  name: string;
  text: string;
  /** Unix permissions in the zip: the shell scripts must be executable to double-click. */
  mode: number;
}

const linux = runtimeBinaryPath(nodeRuntime('linux-x64'));
const macos = runtimeBinaryPath(nodeRuntime('macos-x64'));
const windows = runtimeBinaryPath(nodeRuntime('windows-x64')).replace(/\//g, '\\');

const NO_NODE =
  'Baken kan niet starten: er is geen Node.js voor deze computer. Lees LEESMIJ.txt, bij "Lukt het niet?".';

/**
 * `sh start.sh [port]` on Linux (and macOS from a terminal): the bundled Node when it runs on
 * this machine, else a Node on the PATH, else a plain Dutch message. Works when the zip tool
 * dropped the execute bits.
 */
const START_SH = `#!/bin/sh
# Baken: start Baken op het lokale netwerk. Gebruik: sh start.sh [poort]
cd "$(dirname "$0")" || exit 1
case "$(uname -s)-$(uname -m)" in
  Linux-x86_64 | Linux-amd64) NODE="${linux}" ;;
  Darwin-*) NODE="${macos}" ;;
  *) NODE="" ;;
esac
if [ -n "$NODE" ] && [ -f "$NODE" ]; then
  [ -x "$NODE" ] || chmod +x "$NODE" 2>/dev/null
  if "$NODE" --version >/dev/null 2>&1; then
    exec "$NODE" serve.mjs "$@"
  fi
fi
if command -v node >/dev/null 2>&1; then
  exec node serve.mjs "$@"
fi
echo "${NO_NODE}" >&2
exit 1
`;

/**
 * Double-clicked in the Finder, Terminal runs it from the home folder. Apple silicon runs the
 * x64 Node under Rosetta 2; without Rosetta the message says how to add it.
 */
const START_MACOS = `#!/bin/sh
# Baken: dubbelklik om Baken te starten op het lokale netwerk.
cd "$(dirname "$0")" || exit 1
# A zip from the internet is marked "downloaded"; macOS would then block the runtime.
xattr -dr com.apple.quarantine runtime 2>/dev/null
if [ "$(uname -m)" = "arm64" ] && ! arch -x86_64 /usr/bin/true 2>/dev/null && ! command -v node >/dev/null 2>&1; then
  echo "Deze Mac heeft Rosetta 2 nodig om Baken te starten."
  echo "Typ deze opdracht en druk op Enter (dit heeft internet nodig):"
  echo "  softwareupdate --install-rosetta --agree-to-license"
  echo "Dubbelklik daarna opnieuw op start-macos.command."
  read -r _
  exit 1
fi
sh ./start.sh "$@"
echo "Baken is gestopt. Druk op Enter om dit venster te sluiten."
read -r _
`;

/** Double-clicked in Explorer; the window stays open so the volunteer can read what happened. */
const START_WINDOWS = `@echo off
rem Baken: dubbelklik om Baken te starten op het lokale netwerk.
cd /d "%~dp0"
if exist "${windows}" (
  "${windows}" serve.mjs %*
) else (
  where node >nul 2>nul
  if errorlevel 1 (echo ${NO_NODE}) else (node serve.mjs %*)
)
pause
`.replace(/\n/g, '\r\n');

/** The start files of a bundle. */
export function startFiles(): StartFile[] {
  return [
    { name: 'start.sh', text: START_SH, mode: 0o100755 },
    { name: 'start-macos.command', text: START_MACOS, mode: 0o100755 },
    { name: 'start-windows.cmd', text: START_WINDOWS, mode: 0o100644 },
  ];
}

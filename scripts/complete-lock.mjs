#!/usr/bin/env node
// Adds lock entries (version + platform, no tarball) for optional platform packages that the
// registry reachable here does not serve, so that npm ci accepts the lock. npm never fetches an
// optional package built for another platform, so these entries are never downloaded.
import { readFileSync, writeFileSync } from 'node:fs';
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
const pkgs = lock.packages;
const platform = (name) => {
  const m = /rollup-(android|darwin|freebsd|linux|openbsd|openharmony|win32)-(arm64|arm|x64|ia32|loong64|ppc64|riscv64|s390x)(?:-(gnueabihf|musleabihf|gnu|musl|msvc|eabi))?$/.exec(name);
  if (!m) return null;
  const [, os, cpu, abi] = m;
  const libc = abi === 'gnu' || abi === 'gnueabihf' ? ['glibc'] : abi === 'musl' || abi === 'musleabihf' ? ['musl'] : undefined;
  return { os: [os], cpu: [cpu], ...(libc && { libc }) };
};
let added = 0;
for (const [path, entry] of Object.entries(pkgs)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    if (pkgs[`node_modules/${name}`]) continue;
    const p = platform(name);
    if (!p) { console.log('unknown platform package', name); continue; }
    pkgs[`node_modules/${name}`] = { version, cpu: p.cpu, dev: true, ...(p.libc && { libc: p.libc }), license: 'MIT', optional: true, os: p.os };
    added++;
  }
}
lock.packages = Object.fromEntries(Object.entries(pkgs).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b, 'en'))));
writeFileSync('package-lock.json', `${JSON.stringify(lock, null, 2)}\n`);
console.log(`added ${added}`);

/** This package's version (package.json's; a test keeps them equal). */
export const SLUICE_VERSION = '0.1.0';

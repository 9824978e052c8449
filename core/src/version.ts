/** The core's version (modules' `minCoreVersion` is checked against it). Its own file: the CLI reads it without loading the configuration. */
export const CORE_VERSION = '0.1.0';

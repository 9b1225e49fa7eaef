import packageJson from '../../package.json';

/** The version central sees in heartbeats: the package's own. */
export const SOFTWARE_VERSION: string = packageJson.version;

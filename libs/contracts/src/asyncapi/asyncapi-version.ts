/** The version of the published event API; bump the minor for new topics, the major never (topics carry their own). */
export const ASYNCAPI_VERSION = '1.3.0';

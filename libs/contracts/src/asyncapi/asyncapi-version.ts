/** The version of the published event API; bump the minor for new topics or envelope attributes (1.4.0: the tracing extension; 1.5.0: an asset's data product and version, subscriptions and their deliveries), the major never (topics carry their own). */
export const ASYNCAPI_VERSION = '1.5.0';

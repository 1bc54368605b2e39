export { listenOnSharedPort, listenServerOnSharedPort } from './shared-port.ts';

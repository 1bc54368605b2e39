// @peculiar/x509 loads tsyringe, which throws unless a Reflect metadata polyfill is already
// installed, so every use of the library goes through this module to get the order right.
import 'reflect-metadata';

export {
  Extension,
  Pkcs10CertificateRequest,
  Pkcs10CertificateRequestGenerator,
  X509Certificate,
  X509CertificateGenerator,
} from '@peculiar/x509';
